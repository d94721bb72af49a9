import { SyncStuckError } from './messages'

/** One sync's abort signal and its watchdog: no progress for `ms` aborts the sync as stuck. */
export interface SyncWatchdog {
  signal: AbortSignal
  /** Awaits `p`, then checks the abort signal and feeds the watchdog. */
  step: <T>(p: Promise<T>) => Promise<T>
  /** (Re)starts the countdown. */
  feed: () => void
  /** Settles as `work` does, or rejects as soon as the sync is aborted or stuck. */
  race: <T>(work: Promise<T>) => Promise<T>
  abort: (reason: Error) => void
  /** Stops the countdown. */
  dispose: () => void
}

export function createWatchdog(ms: number): SyncWatchdog {
  const controller = new AbortController()
  let timer: ReturnType<typeof setTimeout> | null = null
  let stuck!: (error: Error) => void
  const stuckPromise = new Promise<never>((_, reject) => {
    stuck = reject
  })
  // Marks the rejection handled for when nobody races it; race() still rejects with it.
  stuckPromise.catch(() => undefined)
  const feed = (): void => {
    if (timer !== null)
      clearTimeout(timer)
    timer = setTimeout(() => {
      const error = new SyncStuckError(`no progress for ${ms} ms`)
      controller.abort(error)
      stuck(error)
    }, ms)
  }
  const step = async <T>(p: Promise<T>): Promise<T> => {
    const value = await p
    controller.signal.throwIfAborted()
    feed()
    return value
  }
  controller.signal.addEventListener('abort', () => stuck(controller.signal.reason instanceof Error ? controller.signal.reason : new SyncStuckError('aborted')))

  return {
    signal: controller.signal,
    step,
    feed,
    race: work => Promise.race([work, stuckPromise]),
    abort: reason => controller.abort(reason),
    dispose() {
      if (timer !== null)
        clearTimeout(timer)
    },
  }
}
