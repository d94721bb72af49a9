import type { Ref } from 'vue'
import { tryOnScopeDispose, useEventListener } from '@vueuse/core'
import { readonly, ref } from 'vue'

export interface UseServerReachableOptions {
  /** Health endpoint; answers `{status:'ok', version}` (DESIGN §4). Default '/api/health'. */
  url?: string
  /** Poll interval while the server answers, ms. Default 30 s. */
  interval?: number
  /** First retry after a failure, ms; doubles per failure. Default 5 s. */
  retryInterval?: number
  /** Backoff ceiling, ms. Default 2 min. */
  maxRetryInterval?: number
  /** A check that takes longer counts as unreachable, ms. Default 5 s. */
  timeout?: number
  /** Check at once and start polling. Default true. */
  immediate?: boolean
}

export interface UseServerReachableReturn {
  /** true: the server answered; false: it did not; null: not checked yet. */
  reachable: Readonly<Ref<boolean | null>>
  /** A check is in flight. */
  checking: Readonly<Ref<boolean>>
  /** When the last check finished. */
  lastCheckedAt: Readonly<Ref<Date | null>>
  /** The server's version from the last good answer. */
  serverVersion: Readonly<Ref<string | null>>
  /** Consecutive failed checks (drives the backoff). */
  failures: Readonly<Ref<number>>
  /** Checks now (joins a check already in flight) and reschedules polling. */
  check: () => Promise<boolean>
  /** Stops polling and event re-checks. */
  pause: () => void
  /** Resumes polling with a check now. */
  resume: () => void
}

/**
 * Online means "the central server answered /api/health", not `navigator.onLine`, which is true
 * behind the captive portals of banks and malls. Polls with exponential backoff while unreachable,
 * and re-checks on `online`, `offline` and when the app returns to the foreground.
 */
export function useServerReachable(options: UseServerReachableOptions = {}): UseServerReachableReturn {
  const {
    url = '/api/health',
    interval = 30_000,
    retryInterval = 5_000,
    maxRetryInterval = 120_000,
    timeout = 5_000,
    immediate = true,
  } = options

  const reachable = ref<boolean | null>(null)
  const checking = ref(false)
  const lastCheckedAt = ref<Date | null>(null)
  const serverVersion = ref<string | null>(null)
  const failures = ref(0)
  const active = ref(false)
  let timer: ReturnType<typeof setTimeout> | undefined
  let inFlight: Promise<boolean> | null = null

  async function probe(): Promise<boolean> {
    const controller = new AbortController()
    const abortTimer = setTimeout(() => controller.abort(), timeout)
    try {
      const response = await fetch(url, { cache: 'no-store', signal: controller.signal, headers: { accept: 'application/json' } })
      if (!response.ok)
        return false
      // A captive portal answers 200 with its own HTML: only our JSON counts.
      const body: unknown = await response.json()
      if (typeof body !== 'object' || body === null || (body as { status?: unknown }).status !== 'ok')
        return false
      const version = (body as { version?: unknown }).version
      serverVersion.value = typeof version === 'string' ? version : null
      return true
    }
    catch {
      return false
    }
    finally {
      clearTimeout(abortTimer)
    }
  }

  function nextDelay(): number {
    return failures.value === 0 ? interval : Math.min(maxRetryInterval, retryInterval * 2 ** (failures.value - 1))
  }

  function schedule(): void {
    clearTimeout(timer)
    if (!active.value)
      return
    timer = setTimeout(() => {
      // In the background there is no one to show it to; visibilitychange re-checks on return.
      if (typeof document !== 'undefined' && document.visibilityState === 'hidden')
        return
      void check()
    }, nextDelay())
  }

  function check(): Promise<boolean> {
    inFlight ??= (async () => {
      checking.value = true
      try {
        const ok = await probe()
        reachable.value = ok
        failures.value = ok ? 0 : failures.value + 1
        lastCheckedAt.value = new Date()
        return ok
      }
      finally {
        checking.value = false
        inFlight = null
        schedule()
      }
    })()
    return inFlight
  }

  function pause(): void {
    active.value = false
    clearTimeout(timer)
  }

  function resume(): void {
    active.value = true
    void check()
  }

  const recheck = () => {
    if (active.value)
      void check()
  }
  if (typeof window !== 'undefined') {
    useEventListener(window, 'online', recheck)
    useEventListener(window, 'offline', recheck)
    useEventListener(document, 'visibilitychange', () => {
      if (document.visibilityState === 'visible')
        recheck()
    })
  }

  tryOnScopeDispose(pause)

  if (immediate)
    resume()

  return {
    reachable: readonly(reachable),
    checking: readonly(checking),
    lastCheckedAt: readonly(lastCheckedAt),
    serverVersion: readonly(serverVersion),
    failures: readonly(failures),
    check,
    pause,
    resume,
  }
}
