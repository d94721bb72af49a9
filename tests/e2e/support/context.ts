// What the global setup hands to the browser test files (through vitest's provide/inject).

/** Set up once per run by global-setup.ts. */
export type E2eContext
  = | {
    ok: true
    /** http://127.0.0.1:<port> of the one Chromium (a persistent, non-incognito profile) for the whole suite. */
    cdpEndpoint: string
    /** A finished `vite build` of the current sources, built once for the suite; copy it before changing it. */
    baseBuildDir: string
    /** The build id that build was made with (APP_BUILD_ID). */
    baseBuildId: string
    /** A per-run scratch folder, removed at teardown. */
    tmpRoot: string
  }
  | {
    ok: false
    /** Why the suite cannot run (no Chromium, failed build): every browser test fails with it. */
    error: string
  }

declare module 'vitest' {
  export interface ProvidedContext {
    e2e: E2eContext
  }
}
