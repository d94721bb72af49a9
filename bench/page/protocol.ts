/**
 * What bench/run.ts (Node) and the bench page (Chromium) say to each other. Types only: both sides import
 * this file, and nothing in it runs.
 */

/** Limits a case should stay within on the reference machine; reported, never asserted. */
export interface Targets {
  /** ours median ÷ baseline median. */
  maxRatio?: number
  /** p95 of ours, in ms. */
  maxP95Ms?: number
  /** median of ours, in ms. */
  maxMedianMs?: number
}

/** A case as listed before it runs. */
export interface CaseInfo {
  id: string
  title: string
  /** What "ours" does (the app's code path). */
  ours: string
  /** What the baseline does (raw Dexie on the same rows). */
  baseline: string
  /** Timed runs of each side (after `warmup` untimed ones). */
  runs: number
  warmup: number
  targets: Targets
}

/** The raw timings of one case, in ms, in run order. */
export interface CaseSamples {
  id: string
  ours: number[]
  baseline: number[]
  /** Facts measured on the way (e.g. how many streams were rebuilt). */
  notes: string[]
}

/** What the seeded station holds. */
export interface SeedInfo {
  cases: number
  events: number
  ms: number
  /** The seed's one full projection rebuild (rebuildProjections over every stream), ms. */
  rebuildMs: number
}

export interface SeedOptions {
  /** Case streams in the seeded station (4 events each). */
  cases: number
}

/** The page's API, on `window.bench` once the page has loaded. */
export interface BenchApi {
  userAgent: string
  /** The cases this page knows, in run order. */
  list: () => CaseInfo[]
  /** Seed the station every case runs against (the app's database and its raw mirror). */
  seed: (options: SeedOptions) => Promise<SeedInfo>
  /** Run one case: warm-up, then `runs` timed runs of ours and of the baseline, interleaved. */
  run: (id: string) => Promise<CaseSamples>
  /** Delete the databases the bench created. */
  cleanup: () => Promise<void>
}

declare global {
  interface Window {
    bench?: BenchApi
    benchError?: string
  }
}
