/** Set by vite.config.ts `define`: package version plus build id, e.g. `0.1.0+20250101T120000`. */
declare const __APP_VERSION__: string
/** Set by vite.config.ts `define`: `APP_BUILD_ID` or the build's UTC timestamp. */
declare const __APP_BUILD_ID__: string
