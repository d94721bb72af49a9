// The build's identity; tests and tools that run without vite's `define` see 'dev'.
export const appVersion: string = typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : 'dev'
export const appBuildId: string = typeof __APP_BUILD_ID__ === 'string' ? __APP_BUILD_ID__ : 'dev'
