/** Retry timing for the sync engine: exponential backoff with full jitter (DESIGN §4). */

export interface BackoffOptions {
  /** First retry's ceiling. Default 2 s. */
  baseMs?: number
  /** Growth per failure. Default 2. */
  factor?: number
  /** Ceiling for any retry. Default 5 min. */
  maxMs?: number
}

export const DEFAULT_BACKOFF: Required<BackoffOptions> = { baseMs: 2_000, factor: 2, maxMs: 5 * 60_000 }

/** The ceiling of the delay after `failures` consecutive failures (1 = first failure). */
export function backoffCeiling(failures: number, options: BackoffOptions = {}): number {
  const { baseMs, factor, maxMs } = { ...DEFAULT_BACKOFF, ...options }
  const exponent = Math.max(0, failures - 1)
  return Math.min(maxMs, baseMs * factor ** exponent)
}

/**
 * Full jitter: a uniform delay in [0, ceiling], so tablets of many stations that lost the network
 * together do not come back together. A small floor keeps a retry from spinning.
 */
export function backoffDelay(failures: number, random: () => number = Math.random, options: BackoffOptions = {}): number {
  const ceiling = backoffCeiling(failures, options)
  const floor = Math.min(250, ceiling)
  return Math.round(floor + random() * (ceiling - floor))
}
