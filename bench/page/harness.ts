/** Running a case in the page: warm-up, then timed runs of ours and of the baseline, interleaved. */
import type { CaseInfo, CaseSamples } from './protocol'

/** One side of a case. `prepare` (untimed) runs before each run; `run` is what is timed. */
export interface Side {
  prepare?: (i: number) => Promise<void>
  run: (i: number) => Promise<void>
}

/** A prepared case: its two sides, and what to undo afterwards. */
export interface Prepared {
  ours: Side
  baseline: Side
  notes?: string[]
  teardown?: () => Promise<void>
}

/**
 * A benchmark case: what it compares and how to set it up. `setup` receives the total number of runs
 * (warm-up included), so it can make fresh rows for every run before any timing starts.
 */
export interface BenchCase extends CaseInfo {
  setup: (totalRuns: number) => Promise<Prepared>
}

async function timed(side: Side, i: number): Promise<number> {
  await side.prepare?.(i)
  const start = performance.now()
  await side.run(i)
  return performance.now() - start
}

/** Warm-up runs are discarded; timed runs alternate which side goes first, so drift hits both alike. */
export async function runCase(bench: BenchCase): Promise<CaseSamples> {
  const total = bench.warmup + bench.runs
  const prepared = await bench.setup(total)
  const ours: number[] = []
  const baseline: number[] = []
  try {
    for (let i = 0; i < total; i++) {
      let o: number
      let b: number
      if (i % 2 === 0) {
        o = await timed(prepared.ours, i)
        b = await timed(prepared.baseline, i)
      }
      else {
        b = await timed(prepared.baseline, i)
        o = await timed(prepared.ours, i)
      }
      if (i >= bench.warmup) {
        ours.push(o)
        baseline.push(b)
      }
    }
  }
  finally {
    await prepared.teardown?.()
  }
  return { id: bench.id, ours, baseline, notes: prepared.notes ?? [] }
}
