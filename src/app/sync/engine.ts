/**
 * The client sync engine (DESIGN §4, issue 3 item 6). One sync at a time per device across tabs
 * (Web Locks, in-tab mutex where they are missing). A sync: reach /api/health → upload pending blobs
 * (blobPhase) → push the outbox in order, in batches (pushPhase) → pull pages until `more` is false
 * (pullPhase). Outbox rows are deleted only for ids the server named applied/duplicate; rejected ones
 * move to the rejected list. Failures retry on the engine's own timer (exponential backoff, full jitter);
 * a watchdog ends a sync that stops making progress. Status is a plain snapshot with a subscription,
 * for a Pinia store. 日结 lives in closeDay.ts.
 */
import type { Timed } from './client'
import type { SyncEngine, SyncEngineOptions, SyncOutcome, SyncState, SyncStatus, SyncTrigger } from './engineTypes'
import type { RunHooks, SyncRun } from './syncRun'
import type { SyncWatchdog } from './watchdog'
import { backoffCeiling, backoffDelay } from './backoff'
import { uploadBlobs } from './blobPhase'
import { clockOffsetMs } from './client'
import { NetworkError, UnauthorizedError, UpdateRequiredError } from './httpErrors'
import { MAX_PUSH_BYTES, MAX_PUSH_EVENTS } from './pushBatches'
import { closeDay } from './closeDay'
import { resolveLocks, SYNC_LOCK_NAME } from './locks'
import { describeSyncError, NotEnrolledError, SyncStuckError } from './messages'
import { pullPages } from './pullPhase'
import { pushOutbox } from './pushPhase'
import { exportUnsent, importUnsent } from './transfer'
import { createWatchdog } from './watchdog'

export { countDay } from './closeDay'
export type { CloseDayProgress, CloseDayReport, DayCounts, UnsentItem } from './closeDay'
export type { SyncEngine, SyncEngineOptions, SyncOutcome, SyncPhase, SyncProgress, SyncState, SyncStatus, SyncTrigger } from './engineTypes'
export { isWebLocksSupported, SYNC_LOCK_NAME } from './locks'
export type { LockManagerLike } from './locks'
export { runsByRecorder } from './pushPhase'

/** DESIGN §4: an offset over 5 minutes is shown to staff. */
export const CLOCK_WARNING_MS = 5 * 60_000

/** The status of an engine that has not synced yet (the store shows it before the engine exists). */
export const INITIAL_SYNC_STATUS: Readonly<SyncStatus> = {
  state: 'idle',
  lastSyncAt: null,
  pendingCount: 0,
  rejectedCount: 0,
  clockOffsetMs: null,
  clockWarning: false,
  lastError: null,
  minAppVersion: null,
  progress: null,
  failures: 0,
  nextRetryAt: null,
}

type Listener = (status: SyncStatus) => void

const BLOCKING_STATES: readonly SyncState[] = ['updateRequired', 'unauthorized']

/** Creates the sync engine; call start() once the app is up. */
export function createSyncEngine(options: SyncEngineOptions): SyncEngine {
  const { client, port } = options
  const now = options.now ?? Date.now
  const random = options.random ?? Math.random
  const watchdogMs = options.watchdogMs ?? 60_000
  const writeDebounceMs = options.writeDebounceMs ?? 3_000
  const pullLimit = options.pullLimit ?? 500
  const maxPushEvents = options.maxPushEvents ?? MAX_PUSH_EVENTS
  const maxPushBytes = options.maxPushBytes ?? MAX_PUSH_BYTES
  const clockWarningMs = options.clockWarningMs ?? CLOCK_WARNING_MS
  const locks = resolveLocks(options.locks)

  let status: SyncStatus = INITIAL_SYNC_STATUS
  const listeners = new Set<Listener>()
  let running: Promise<SyncOutcome> | null = null
  let currentAbort: SyncWatchdog | null = null
  let retryTimer: ReturnType<typeof setTimeout> | null = null
  let writeTimer: ReturnType<typeof setTimeout> | null = null
  let started = false
  let stopped = false

  function update(patch: Partial<SyncStatus>): void {
    status = { ...status, ...patch }
    for (const l of listeners)
      l(status)
  }

  // The outbox counts in the status; callers that only refresh them ignore a failed read (the counts keep their
  // last value and the next sync, write or import reads them again), so none of those failures is staff's to see.
  async function refreshCounts(): Promise<void> {
    const [pendingCount, rejectedCount, lastSyncAt] = await Promise.all([
      port.countOutbox(),
      port.countRejected(),
      status.lastSyncAt === null ? port.getLastSyncAt() : Promise.resolve(status.lastSyncAt),
    ])
    update({ pendingCount, rejectedCount, lastSyncAt })
  }

  function observeClock<T extends { serverTime?: string }>(timed: Timed<T>): void {
    const serverTime = timed.body?.serverTime
    if (typeof serverTime !== 'string')
      return
    const offset = clockOffsetMs(serverTime, timed.sentAt, timed.receivedAt)
    if (offset !== null)
      update({ clockOffsetMs: offset, clockWarning: Math.abs(offset) > clockWarningMs })
  }

  function clearRetry(): void {
    if (retryTimer !== null)
      clearTimeout(retryTimer)
    retryTimer = null
    if (status.nextRetryAt !== null)
      update({ nextRetryAt: null })
  }

  function scheduleRetry(delayMs: number): void {
    if (stopped)
      return
    if (retryTimer !== null)
      clearTimeout(retryTimer)
    retryTimer = setTimeout(() => {
      retryTimer = null
      update({ nextRetryAt: null })
      void requestSync('retry')
    }, delayMs)
    update({ nextRetryAt: now() + delayMs })
  }

  /** The body of one sync, under the lock: health, blobs, push, pull. */
  async function runOnce(run: SyncRun): Promise<void> {
    update({ progress: { phase: 'health', done: 0, total: 1 } })
    await run.step(client.health(run.signal))
    const device = await run.step(port.getDevice())
    if (!device)
      throw new NotEnrolledError()
    const failedBlobs = await uploadBlobs(run)
    await pushOutbox(run, device.deviceId, failedBlobs, { maxPushEvents, maxPushBytes })
    await pullPages(run, pullLimit)
  }

  /** One sync with watchdog and state bookkeeping; the caller holds the lock. */
  async function syncLocked(hooks: RunHooks): Promise<SyncOutcome> {
    const outcome: SyncOutcome = { ok: false, state: 'syncing', answered: 0, applied: 0, duplicate: 0, rejected: 0, pulled: 0, error: null }
    const watchdog = createWatchdog(watchdogMs)
    currentAbort = watchdog
    clearRetry()
    update({ state: 'syncing', progress: null })
    watchdog.feed()
    try {
      const { signal, step } = watchdog
      await watchdog.race(runOnce({ client, port, signal, step, hooks, outcome, update, observeClock }))
      const at = new Date(now()).toISOString()
      await port.setLastSyncAt(at)
      outcome.ok = true
      outcome.state = 'idle'
      update({ state: 'idle', lastSyncAt: at, lastError: null, minAppVersion: null, failures: 0, progress: null })
    }
    catch (error) {
      const message = describeSyncError(error)
      outcome.error = message
      if (error instanceof UpdateRequiredError) {
        outcome.state = 'updateRequired'
        update({ state: 'updateRequired', lastError: message, minAppVersion: error.minAppVersion, progress: null })
      }
      else if (error instanceof UnauthorizedError || error instanceof NotEnrolledError) {
        outcome.state = 'unauthorized'
        update({ state: 'unauthorized', lastError: message, progress: null })
      }
      else {
        const failures = status.failures + 1
        outcome.state = error instanceof NetworkError ? 'offline' : 'error'
        update({ state: outcome.state, lastError: message, failures, progress: null })
        scheduleRetry(backoffDelay(failures, random, options.backoff))
      }
    }
    finally {
      watchdog.dispose()
      if (currentAbort === watchdog)
        currentAbort = null
    }
    await refreshCounts().catch(() => undefined)
    return outcome
  }

  const busyOutcome = (): SyncOutcome => ({ ok: false, skipped: 'busy', state: status.state, answered: 0, applied: 0, duplicate: 0, rejected: 0, pulled: 0, error: null })

  /** Runs one sync under the cross-tab lock; joins the one already running in this tab. */
  function runSync(waitForLock: boolean, hooks: RunHooks = {}): Promise<SyncOutcome> {
    if (running)
      return running
    const task = async (): Promise<SyncOutcome> => {
      if (!locks)
        return syncLocked(hooks)
      return locks.request(SYNC_LOCK_NAME, waitForLock ? { mode: 'exclusive' } : { ifAvailable: true }, async (lock) => {
        if (!lock)
          return busyOutcome()
        return syncLocked(hooks)
      })
    }
    const current = task().then(async (outcome) => {
      if (outcome.skipped === 'busy') {
        // Another tab is syncing: look again later rather than run a second sync beside it.
        await refreshCounts().catch(() => undefined)
        if (retryTimer === null)
          scheduleRetry(backoffCeiling(1, options.backoff))
      }
      return outcome
    }).finally(() => {
      if (running === current)
        running = null
    })
    running = current
    return current
  }

  function requestSync(trigger: SyncTrigger): Promise<SyncOutcome> {
    const automatic = trigger !== 'manual' && trigger !== 'closeDay' && trigger !== 'import'
    if (stopped || (automatic && BLOCKING_STATES.includes(status.state)))
      return Promise.resolve({ ...busyOutcome(), skipped: 'blocked' })
    return runSync(false)
  }

  const onOnline = (): void => {
    void requestSync('online')
  }
  const onVisibility = (): void => {
    const doc = options.document === undefined ? globalThis.document : options.document
    if (doc?.visibilityState === 'visible')
      void requestSync('foreground')
  }

  return {
    getStatus: () => status,
    subscribe(listener) {
      listeners.add(listener)
      listener(status)
      return () => listeners.delete(listener)
    },
    start() {
      if (started)
        return
      started = true
      stopped = false
      const win = options.window === undefined ? globalThis.window : options.window
      const doc = options.document === undefined ? globalThis.document : options.document
      win?.addEventListener('online', onOnline)
      doc?.addEventListener('visibilitychange', onVisibility)
      void refreshCounts().catch(() => undefined)
      void requestSync('start')
    },
    stop() {
      stopped = true
      started = false
      const win = options.window === undefined ? globalThis.window : options.window
      const doc = options.document === undefined ? globalThis.document : options.document
      win?.removeEventListener('online', onOnline)
      doc?.removeEventListener('visibilitychange', onVisibility)
      clearRetry()
      if (writeTimer !== null)
        clearTimeout(writeTimer)
      writeTimer = null
      currentAbort?.abort(new SyncStuckError('engine stopped'))
    },
    syncNow: () => {
      stopped = false
      return requestSync('manual')
    },
    notifyLocalWrite() {
      void refreshCounts().catch(() => undefined)
      if (writeTimer !== null)
        clearTimeout(writeTimer)
      writeTimer = setTimeout(() => {
        writeTimer = null
        void requestSync('write')
      }, writeDebounceMs)
    },
    refreshCounts,
    closeDay: onProgress => closeDay({ port, now, getStatus: () => status, running: () => running, runSync, refreshCounts }, onProgress),
    exportUnsent: () => exportUnsent(port, now),
    async importUnsent(file) {
      const summary = await importUnsent(port, file)
      await refreshCounts().catch(() => undefined)
      if (summary.imported > 0)
        void requestSync('import')
      return summary
    },
  }
}
