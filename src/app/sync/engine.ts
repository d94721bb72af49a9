/**
 * The client sync engine (DESIGN §4, issue 3 item 6). One sync at a time per device across tabs
 * (Web Locks, in-tab mutex where they are missing). A sync: reach /api/health → upload pending blobs
 * → push the outbox in order, in batches → pull pages until `more` is false. Outbox rows are deleted
 * only for ids the server named applied/duplicate; rejected ones move to needs-attention.
 * Failures retry on the engine's own timer (exponential backoff, full jitter); a watchdog ends a
 * sync that stops making progress. Status is a plain snapshot with a subscription, for a Pinia store.
 */
import type { DomainEvent } from '../../domain/events'
import type { BackoffOptions } from './backoff'
import type { PushResult, SyncClient, Timed } from './client'
import type { ImportSummary } from './transfer'
import type { OutboxItem, SettleResult, SyncStore } from './store'
import { backoffCeiling, backoffDelay } from './backoff'
import { BlobHashMismatchError, clockOffsetMs, HttpError, MAX_PUSH_BYTES, MAX_PUSH_EVENTS, NetworkError, splitIntoBatches, UnauthorizedError, UpdateRequiredError } from './client'
import { describeSyncError, MESSAGES, NotEnrolledError, SyncStuckError } from './messages'
import { exportUnsent, importUnsent } from './transfer'

/** Name of the Web Lock that makes sync one-at-a-time across the tabs of this origin. */
export const SYNC_LOCK_NAME = 'bianmin-sync'

/** DESIGN §4: an offset over 5 minutes is shown to staff. */
export const CLOCK_WARNING_MS = 5 * 60_000

const CST_OFFSET_MS = 8 * 3_600_000
const DAY_MS = 86_400_000

export type SyncState = 'idle' | 'syncing' | 'offline' | 'error' | 'updateRequired' | 'unauthorized'
export type SyncPhase = 'health' | 'blobs' | 'push' | 'pull'
export type SyncTrigger = 'start' | 'online' | 'foreground' | 'write' | 'manual' | 'retry' | 'closeDay' | 'import'

export interface SyncProgress {
  phase: SyncPhase
  done: number
  total: number
}

export interface SyncStatus {
  state: SyncState
  /** ISO time (device clock) of the last sync that completed. */
  lastSyncAt: string | null
  /** Events in the outbox. */
  pendingCount: number
  /** Events the server rejected, waiting for staff. */
  needsAttentionCount: number
  /** serverTime − device time, from the last answer; null before any. */
  clockOffsetMs: number | null
  /** |clockOffsetMs| over 5 minutes: staff should fix the tablet's clock. */
  clockWarning: boolean
  /** Why the last sync failed, for staff (zh-CN); null after a success. */
  lastError: string | null
  /** With state 'updateRequired': the version the server asks for. */
  minAppVersion: string | null
  /** What the running sync is doing; null when none runs. */
  progress: SyncProgress | null
  /** Consecutive failed syncs; 0 after a success. */
  failures: number
  /** When the next automatic retry fires (epoch ms, device clock); null when none is scheduled. */
  nextRetryAt: number | null
}

export interface SyncOutcome {
  /** The sync ran to the end. */
  ok: boolean
  /** 'busy': another tab holds the sync lock, this call did nothing. */
  skipped?: 'busy' | 'blocked'
  state: SyncState
  /** Events the server answered for (applied + duplicate + rejected). */
  answered: number
  applied: number
  duplicate: number
  rejected: number
  pulled: number
  error: string | null
}

/** The subset of the Web Locks API the engine uses (injectable for tests). */
export interface LockManagerLike {
  request: <T>(name: string, options: { ifAvailable?: boolean, mode?: 'exclusive' | 'shared' }, callback: (lock: unknown) => Promise<T> | T) => Promise<T>
}

export interface SyncEngineOptions {
  client: SyncClient
  store: SyncStore
  /** Defaults to navigator.locks where supported; null uses only the in-tab mutex. */
  locks?: LockManagerLike | null
  /** Device clock (tests skew it). */
  now?: () => number
  /** For jitter (tests fix it). */
  random?: () => number
  backoff?: BackoffOptions
  /** No progress for this long ends the sync as failed. Default 60 s. */
  watchdogMs?: number
  /** Quiet time after a local write before syncing. Default 3 s. */
  writeDebounceMs?: number
  /** Events per pull page. Default 500 (server max 2000). */
  pullLimit?: number
  maxPushEvents?: number
  maxPushBytes?: number
  clockWarningMs?: number
  /** Where `online` is listened for; defaults to window. */
  window?: Pick<Window, 'addEventListener' | 'removeEventListener'> | null
  /** Where `visibilitychange` is listened for; defaults to document. */
  document?: Pick<Document, 'addEventListener' | 'removeEventListener' | 'visibilityState'> | null
}

export interface CloseDayProgress {
  phase: 'push' | 'pull' | 'done'
  /** Events the server answered for so far. */
  sent: number
  /** Events to send: the outbox at the start plus any recorded meanwhile. */
  total: number
  /** Events pulled so far. */
  pulled: number
}

export interface DayCounts {
  /** Events of the day (station-wide, after the pull). */
  events: number
  /** Of which recorded on this tablet. */
  thisDevice: number
  /** Per stream kind ('case', 'consultation', …): events and distinct records touched. */
  byKind: Record<string, { events: number, records: number }>
  /** Per event type ('case.received', …). */
  byType: Record<string, number>
}

export interface UnsentItem {
  id: string
  type: string
  stream: string
  occurredAt: string
  staffId: string | null
  /** For outbox rows: the last error; for rejected events: the server's reason. */
  reason: string | null
  attempts?: number
  rejectedAt?: string
}

export interface CloseDayReport {
  /** The civil day closed, YYYY-MM-DD in China Standard Time. */
  day: string
  /** Nothing left in the outbox and the last sync succeeded. */
  complete: boolean
  sent: number
  total: number
  pulled: number
  state: SyncState
  lastError: string | null
  counts: DayCounts
  /** What could not be sent and why. */
  unsent: { rejected: UnsentItem[], outbox: UnsentItem[] }
}

export interface SyncEngine {
  /** Current status snapshot (replaced, never mutated). */
  getStatus: () => SyncStatus
  /** Calls `listener` with every new snapshot (and once now); returns the unsubscribe function. */
  subscribe: (listener: (status: SyncStatus) => void) => () => void
  /** Listens for `online` and return-to-foreground, and syncs once (app start). */
  start: () => void
  /** Removes listeners and timers, aborts a running sync. */
  stop: () => void
  /** "Sync now": runs a sync (or joins the running one) and resolves with its outcome. */
  syncNow: () => Promise<SyncOutcome>
  /** Call after each local write: counts are refreshed, a sync follows after a quiet time. */
  notifyLocalWrite: () => void
  /** Re-reads pending and needs-attention counts. */
  refreshCounts: () => Promise<void>
  /** 日结: push and pull until nothing is pending or no more progress can be made. */
  closeDay: (onProgress?: (progress: CloseDayProgress) => void) => Promise<CloseDayReport>
  /** Last resort: the unsent data (outbox, needs-attention, pending blobs) as a file. */
  exportUnsent: () => Promise<File>
  /** Imports another tablet's export of the same station, then syncs. */
  importUnsent: (file: Blob | string) => Promise<ImportSummary>
}

type Listener = (status: SyncStatus) => void

interface RunHooks {
  onAnswered?: (count: number) => void
  onPulled?: (count: number) => void
}

const BLOCKING_STATES: readonly SyncState[] = ['updateRequired', 'unauthorized']

/** Whether this browser has the Web Locks API (Safari < 15.4 and some WebViews do not). */
export function isWebLocksSupported(): boolean {
  return typeof navigator !== 'undefined' && typeof (navigator as { locks?: { request?: unknown } }).locks?.request === 'function'
}

/** The civil day (YYYY-MM-DD, China Standard Time) of an instant. */
export function cstDay(ms: number): string {
  return new Date(ms + CST_OFFSET_MS).toISOString().slice(0, 10)
}

/** [start, end) of a CST civil day in epoch ms. */
export function cstDayRange(day: string): [number, number] {
  const from = Date.parse(`${day}T00:00:00+08:00`)
  return [from, from + DAY_MS]
}

function streamKindOf(stream: string): string {
  const i = stream.indexOf(':')
  return i < 0 ? stream : stream.slice(0, i)
}

/** Counts the day's events by kind and type. */
export function countDay(events: readonly DomainEvent[], deviceId: string | null): DayCounts {
  const byKind: Record<string, { events: number, records: number }> = {}
  const byType: Record<string, number> = {}
  const streams = new Map<string, Set<string>>()
  let thisDevice = 0
  const seen = new Set<string>()
  for (const e of events) {
    if (seen.has(e.id))
      continue
    seen.add(e.id)
    const kind = streamKindOf(e.stream)
    const k = byKind[kind] ??= { events: 0, records: 0 }
    k.events++
    let s = streams.get(kind)
    if (!s)
      streams.set(kind, s = new Set())
    s.add(e.stream)
    k.records = s.size
    byType[e.type] = (byType[e.type] ?? 0) + 1
    if (e.deviceId === deviceId)
      thisDevice++
  }
  return { events: seen.size, thisDevice, byKind, byType }
}

/**
 * Splits events, in order, into runs recorded on this tablet (plain push) and on other tablets (relay push,
 * SYNC-API.md): recording order is kept across the runs.
 */
export function runsByRecorder<E extends DomainEvent>(events: readonly E[], deviceId: string): { relay: boolean, events: E[] }[] {
  const runs: { relay: boolean, events: E[] }[] = []
  for (const event of events) {
    const relay = event.deviceId !== deviceId
    const last = runs.at(-1)
    if (last && last.relay === relay)
      last.events.push(event)
    else
      runs.push({ relay, events: [event] })
  }
  return runs
}

function resolveLocks(option: LockManagerLike | null | undefined): LockManagerLike | null {
  if (option !== undefined)
    return option
  return isWebLocksSupported() ? (navigator as unknown as { locks: LockManagerLike }).locks : null
}

/** Creates the sync engine; call start() once the app is up. */
export function createSyncEngine(options: SyncEngineOptions): SyncEngine {
  const { client, store } = options
  const now = options.now ?? Date.now
  const random = options.random ?? Math.random
  const watchdogMs = options.watchdogMs ?? 60_000
  const writeDebounceMs = options.writeDebounceMs ?? 3_000
  const pullLimit = options.pullLimit ?? 500
  const maxPushEvents = options.maxPushEvents ?? MAX_PUSH_EVENTS
  const maxPushBytes = options.maxPushBytes ?? MAX_PUSH_BYTES
  const clockWarningMs = options.clockWarningMs ?? CLOCK_WARNING_MS
  const locks = resolveLocks(options.locks)

  let status: SyncStatus = {
    state: 'idle',
    lastSyncAt: null,
    pendingCount: 0,
    needsAttentionCount: 0,
    clockOffsetMs: null,
    clockWarning: false,
    lastError: null,
    minAppVersion: null,
    progress: null,
    failures: 0,
    nextRetryAt: null,
  }
  const listeners = new Set<Listener>()
  let running: Promise<SyncOutcome> | null = null
  let currentAbort: AbortController | null = null
  let retryTimer: ReturnType<typeof setTimeout> | null = null
  let writeTimer: ReturnType<typeof setTimeout> | null = null
  let started = false
  let stopped = false

  function update(patch: Partial<SyncStatus>): void {
    status = { ...status, ...patch }
    for (const l of listeners)
      l(status)
  }

  async function refreshCounts(): Promise<void> {
    const [pendingCount, needsAttentionCount, lastSyncAt] = await Promise.all([
      store.countOutbox(),
      store.countNeedsAttention(),
      status.lastSyncAt === null ? store.getLastSyncAt() : Promise.resolve(status.lastSyncAt),
    ])
    update({ pendingCount, needsAttentionCount, lastSyncAt })
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

  /** The body of one sync, under the lock. `step` checks the abort signal and feeds the watchdog. */
  async function runOnce(signal: AbortSignal, step: <T>(p: Promise<T>) => Promise<T>, hooks: RunHooks, outcome: SyncOutcome): Promise<void> {
    update({ progress: { phase: 'health', done: 0, total: 1 } })
    await step(client.health(signal))
    const device = await step(store.getDevice())
    if (!device)
      throw new NotEnrolledError('not enrolled')

    // Blobs first, content-addressed, so no pushed event names a blob the server lacks.
    const failedBlobs = new Set<string>()
    const blobs = await step(store.pendingBlobs())
    update({ progress: { phase: 'blobs', done: 0, total: blobs.length } })
    for (const [i, blob] of blobs.entries()) {
      try {
        await step(client.putBlob(blob.sha256, blob.data, signal))
        await step(store.markBlobUploaded(blob.sha256))
      }
      catch (error) {
        if (!(error instanceof BlobHashMismatchError))
          throw error
        failedBlobs.add(blob.sha256)
      }
      update({ progress: { phase: 'blobs', done: i + 1, total: blobs.length } })
    }

    // Push in recording order; ids already tried in this sync are not sent twice in it.
    const tried = new Set<string>()
    let total = await step(store.countOutbox())
    update({ progress: { phase: 'push', done: 0, total } })
    for (;;) {
      const items = await step(store.peekOutbox(tried.size + maxPushEvents))
      const fresh = items.filter(item => !tried.has(item.event.id))
      if (fresh.length === 0)
        break
      for (const item of fresh)
        tried.add(item.event.id)
      const held = fresh.filter(item => item.blobRefs.some(sha => failedBlobs.has(sha)))
      for (const item of held)
        await step(store.markAttempt([item.event.id], MESSAGES.blobHash(item.blobRefs.find(sha => failedBlobs.has(sha)) ?? '')))
      const sendable = fresh.filter(item => !held.includes(item))
      total = Math.max(total, outcome.answered + sendable.length)
      // Events recorded on another tablet (imported from its export file) keep its deviceId and go in relay pushes.
      for (const run of runsByRecorder(sendable.map(item => item.event), device.deviceId)) {
        for (const batch of splitIntoBatches(run.events, client.appVersion, maxPushEvents, maxPushBytes, run.relay)) {
          await pushBatch(batch, run.relay, signal, step, outcome, hooks)
          update({ progress: { phase: 'push', done: outcome.answered, total: Math.max(total, outcome.answered) } })
        }
      }
    }

    // Pull until the server says there is no more; each page lands in one transaction with its cursor.
    let cursor = await step(store.getCursor())
    let refRevision = await step(store.getRefRevision())
    update({ progress: { phase: 'pull', done: 0, total: 0 } })
    for (;;) {
      const page = await step(client.pull({ cursor, limit: pullLimit, refRevision }, signal))
      observeClock(page)
      const events = page.body.events ?? []
      await step(store.applyPullPage(events, page.body.reference ?? null, page.body.cursor))
      outcome.pulled += events.length
      hooks.onPulled?.(events.length)
      update({ progress: { phase: 'pull', done: outcome.pulled, total: outcome.pulled } })
      const revision = page.body.reference?.revision
      if (typeof revision === 'number')
        refRevision = Math.max(refRevision ?? revision, revision)
      if (!page.body.more)
        break
      if (page.body.cursor <= cursor && events.length === 0)
        throw new HttpError(500, page.body, 'pull cursor did not advance')
      cursor = page.body.cursor
    }
  }

  async function pushBatch(batch: DomainEvent[], relay: boolean, signal: AbortSignal, step: <T>(p: Promise<T>) => Promise<T>, outcome: SyncOutcome, hooks: RunHooks): Promise<void> {
    const ids = batch.map(e => e.id)
    let answer
    try {
      answer = await step(relay ? client.push(batch, signal, { relay: true }) : client.push(batch, signal))
    }
    catch (error) {
      // A body refused for its events (413 too large, 400 naming events): halve until the culprit is alone.
      // A 400 about the envelope (appVersion, protocol) is this app's fault, not the events': it stays an error.
      if (error instanceof HttpError && (error.status === 413 || (error.status === 400 && blamesEvents(error.body)))) {
        if (batch.length > 1) {
          const mid = Math.ceil(batch.length / 2)
          await pushBatch(batch.slice(0, mid), relay, signal, step, outcome, hooks)
          await pushBatch(batch.slice(mid), relay, signal, step, outcome, hooks)
          return
        }
        const reason = error.status === 413 ? MESSAGES.tooLarge : `invalid-event: ${summarise(error.body)}`
        await step(store.settle(ids.map(id => ({ id, status: 'rejected' as const, reason }))))
        outcome.rejected++
        outcome.answered++
        hooks.onAnswered?.(1)
        return
      }
      if (!signal.aborted)
        await store.markAttempt(ids, describeSyncError(error)).catch(() => undefined)
      throw error
    }
    observeClock(answer)
    const byId = new Map<string, PushResult>()
    for (const r of answer.body.results ?? [])
      byId.set(r.id, r)
    const settled: SettleResult[] = []
    const unnamed: string[] = []
    let rejected = 0
    for (const id of ids) {
      const r = byId.get(id)
      if (!r || (r.status !== 'applied' && r.status !== 'duplicate' && r.status !== 'rejected')) {
        unnamed.push(id)
        continue
      }
      settled.push(r.status === 'rejected' ? { id, status: 'rejected', reason: r.reason ?? 'rejected' } : { id, status: r.status })
      if (r.status === 'applied')
        outcome.applied++
      else if (r.status === 'duplicate')
        outcome.duplicate++
      else
        rejected++
    }
    if (settled.length > 0)
      await step(store.settle(settled))
    if (unnamed.length > 0)
      await step(store.markAttempt(unnamed, MESSAGES.noAnswer))
    outcome.rejected += rejected
    outcome.answered += settled.length
    hooks.onAnswered?.(settled.length)
    const [pendingCount, needsAttentionCount] = await step(Promise.all([store.countOutbox(), store.countNeedsAttention()]))
    update({ pendingCount, needsAttentionCount })
  }

  /** One sync with watchdog and state bookkeeping; the caller holds the lock. */
  async function syncLocked(hooks: RunHooks): Promise<SyncOutcome> {
    const outcome: SyncOutcome = { ok: false, state: 'syncing', answered: 0, applied: 0, duplicate: 0, rejected: 0, pulled: 0, error: null }
    const controller = new AbortController()
    currentAbort = controller
    let watchdog: ReturnType<typeof setTimeout> | null = null
    let stuck!: (error: Error) => void
    const stuckPromise = new Promise<never>((_, reject) => {
      stuck = reject
    })
    stuckPromise.catch(() => undefined)
    const feed = (): void => {
      if (watchdog !== null)
        clearTimeout(watchdog)
      watchdog = setTimeout(() => {
        const error = new SyncStuckError(`no progress for ${watchdogMs} ms`)
        controller.abort(error)
        stuck(error)
      }, watchdogMs)
    }
    const step = async <T>(p: Promise<T>): Promise<T> => {
      const value = await p
      controller.signal.throwIfAborted()
      feed()
      return value
    }
    controller.signal.addEventListener('abort', () => stuck(controller.signal.reason instanceof Error ? controller.signal.reason : new SyncStuckError('aborted')))

    clearRetry()
    update({ state: 'syncing', progress: null })
    feed()
    try {
      await Promise.race([runOnce(controller.signal, step, hooks, outcome), stuckPromise])
      const at = new Date(now()).toISOString()
      await store.setLastSyncAt(at)
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
      if (watchdog !== null)
        clearTimeout(watchdog)
      if (currentAbort === controller)
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

  async function closeDay(onProgress?: (progress: CloseDayProgress) => void): Promise<CloseDayReport> {
    let total = await store.countOutbox()
    let sent = 0
    let pulled = 0
    let phase: CloseDayProgress['phase'] = 'push'
    const report = (): void => onProgress?.({ phase, sent, total, pulled })
    report()
    const hooks: RunHooks = {
      onAnswered: (n) => {
        sent += n
        phase = 'push'
        total = Math.max(total, sent)
        report()
      },
      onPulled: (n) => {
        pulled += n
        phase = 'pull'
        report()
      },
    }
    let previous = Number.POSITIVE_INFINITY
    let last: SyncOutcome | null = null
    for (let round = 0; round < 20; round++) {
      if (running)
        await running.catch(() => undefined)
      last = await runSync(true, hooks)
      const pending = await store.countOutbox()
      total = Math.max(total, sent + pending)
      if (!last.ok || pending === 0 || pending >= previous)
        break
      previous = pending
    }
    phase = 'done'
    report()

    const device = await store.getDevice()
    const correctedNow = now() + (status.clockOffsetMs ?? 0)
    const day = cstDay(correctedNow)
    const [from, to] = cstDayRange(day)
    const [events, rejected, outbox] = await Promise.all([store.eventsBetween(from, to), store.listNeedsAttention(), store.listOutbox()])
    await refreshCounts().catch(() => undefined)
    return {
      day,
      complete: outbox.length === 0 && (last?.ok ?? false),
      sent,
      total,
      pulled,
      state: status.state,
      lastError: status.lastError,
      counts: countDay(events, device?.deviceId ?? null),
      unsent: {
        rejected: rejected.map(r => ({ ...unsentBase(r.event), reason: r.reason, rejectedAt: r.rejectedAt })),
        // An event never tried (the server was not reached) carries the reason the day could not be closed.
        outbox: outbox.map((o: OutboxItem) => ({ ...unsentBase(o.event), reason: o.lastError ?? status.lastError, attempts: o.attempts })),
      },
    }
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
    closeDay,
    exportUnsent: () => exportUnsent(store, now),
    async importUnsent(file) {
      const summary = await importUnsent(store, file)
      await refreshCounts().catch(() => undefined)
      if (summary.imported > 0)
        void requestSync('import')
      return summary
    },
  }
}

function unsentBase(e: DomainEvent): Omit<UnsentItem, 'reason'> {
  return { id: e.id, type: e.type, stream: e.stream, occurredAt: e.occurredAt, staffId: e.staffId }
}

/** A 400 whose field errors all point into `events` (so splitting the batch can find the culprit). */
function blamesEvents(body: unknown): boolean {
  const fields = (body as { fields?: unknown } | null)?.fields
  return Array.isArray(fields) && fields.length > 0 && fields.every(f => typeof (f as { path?: unknown })?.path === 'string' && /^events(\.|$)/.test((f as { path: string }).path))
}

function summarise(body: unknown): string {
  if (body === null || body === undefined)
    return ''
  const text = typeof body === 'string' ? body : JSON.stringify(body)
  return text.length > 300 ? `${text.slice(0, 300)}…` : text
}
