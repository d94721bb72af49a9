/**
 * The sync engine as the UI sees it (issue 3 items 3, 6, 7): enrollment with the first pull, one
 * engine started once after enrollment (its own triggers: online, foreground, local writes, retries),
 * its status as reactive state, pending counts per staff member, the needs-attention list, close the
 * day, and export/import of unsent data. Views use this store, never src/app/sync or src/app/data.
 */
import type { MetaKey } from '../data'
import type { CloseDayProgress, CloseDayReport, FetchLike, ImportSummary, SyncEngine, SyncOutcome, SyncStatus } from '../sync'
import { acceptHMRUpdate, defineStore, getActivePinia } from 'pinia'
import { computed, ref, shallowRef, watch } from 'vue'
import { streamKind } from '../../domain/events'
import { casesRepo, consultationsRepo, DataLockedError, eventsRepo, metaRepo, outboxRepo, rejectedRepo } from '../data'
import { createAppSyncEngine, createSyncClient, describeSyncError, enrollDevice, HttpError } from '../sync'
import { appVersion } from '../appVersion'
import { useRetentionStore } from './retention'
import { useSessionStore } from './session'

/** Meta key of the server address chosen at enrollment (absent: the page's origin). */
export const SERVER_URL_META_KEY = 'serverBaseUrl' satisfies MetaKey

/** The whole outbox: IndexedDB refuses a getAll count above 2^32 − 1 (Number.MAX_SAFE_INTEGER throws a TypeError). */
const WHOLE_OUTBOX = 2 ** 32 - 1

/** What a list shows for one record. */
export type RecordSyncState = 'pending' | 'synced' | 'attention'

/**
 * The rule for one record (issue 3 item 6): 'pending' while any of its events is still in the outbox,
 * 'attention' if any was rejected by the server or its projection needs attention, else 'synced'.
 * Pending wins: the record is not settled until everything was answered.
 */
export function recordSyncState(facts: { pendingEvents: number, rejectedEvents: number, needsAttention: boolean }): RecordSyncState {
  if (facts.pendingEvents > 0)
    return 'pending'
  if (facts.rejectedEvents > 0 || facts.needsAttention)
    return 'attention'
  return 'synced'
}

/** The state shown in the header. */
export type SyncDisplayState = 'idle' | 'syncing' | 'offline' | 'error' | 'updateRequired' | 'unauthorized' | 'notStarted' | 'waitingForSignIn'

/** One line of the needs-attention list. */
export interface AttentionItem {
  kind: 'rejected' | 'conflict'
  /** The record (stream id) it belongs to. */
  stream: string
  /** 'case', 'consultation', … */
  recordKind: string
  eventId: string | null
  type: string | null
  staffId: string | null
  /** Server reason code or the fold's reasons, as stored. */
  reason: string
  at: string
}

/** The enrollment failed: `message` is for staff (zh-CN). */
export class EnrollmentError extends Error {
  override readonly name = 'EnrollmentError'
  constructor(message: string, readonly code: string | null, options?: { cause?: unknown }) {
    super(message, options)
  }
}

const ENROLL_MESSAGES: Record<string, string> = {
  'enrollment-code-invalid': '注册码不正确，请核对后重新输入。',
  'enrollment-code-used': '该注册码已被使用，请向主管机构申请新的注册码。',
  'enrollment-code-expired': '该注册码已过期，请向主管机构申请新的注册码。',
  'station-closed': '该便民服务站已停用，无法注册设备。',
}

function enrollmentMessage(error: unknown): string {
  if (error instanceof HttpError) {
    const code = error.code
    if (code && ENROLL_MESSAGES[code])
      return ENROLL_MESSAGES[code]
    if (error.serverMessage)
      return error.serverMessage
    if (error.status === 400)
      return '注册码格式不正确，请核对后重新输入。'
  }
  return describeSyncError(error)
}

async function readServerUrl(): Promise<string | undefined> {
  const value = await metaRepo.get(SERVER_URL_META_KEY)
  return typeof value === 'string' && value ? value : undefined
}

export interface SyncStoreOptions {
  /** Tests inject an in-process server. */
  fetch?: FetchLike
}

let injectedFetch: FetchLike | undefined

/** Tests: route the sync client through an in-process server (call before enroll/start). */
export function setSyncFetch(fetch: FetchLike | undefined): void {
  injectedFetch = fetch
}

const INITIAL_STATUS: SyncStatus = {
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

export const useSyncStore = defineStore('sync', () => {
  // The session store is read in actions only (stores do not read each other in setup).
  const pinia = getActivePinia()
  const session = (): ReturnType<typeof useSessionStore> => useSessionStore(pinia)
  const engine = shallowRef<SyncEngine | null>(null)
  const status = shallowRef<SyncStatus>(INITIAL_STATUS)
  /** The signed-in staff member's unsent events (never another's). */
  const myPendingCount = ref(0)
  /** Projections (cases, consultations) whose facts conflict. */
  const conflictCount = ref(0)
  let unsubscribe: (() => void) | null = null
  let countsRun = 0

  const started = computed(() => engine.value !== null)
  // Locked, sync waits: push and pull need the data key (src/app/data/crypto), which only a signed-in session holds.
  const state = computed<SyncDisplayState>(() => !engine.value ? 'notStarted' : !session().dataReady && status.value.state !== 'syncing' ? 'waitingForSignIn' : status.value.state)
  // Signed in: what waited syncs after the engine's quiet time, as after a local write.
  watch(() => session().dataReady, (ready) => {
    if (ready)
      engine.value?.notifyLocalWrite()
  })
  const lastSyncAt = computed(() => status.value.lastSyncAt)
  const pendingCount = computed(() => status.value.pendingCount)
  const needsAttentionCount = computed(() => status.value.needsAttentionCount + conflictCount.value)
  const clockWarning = computed(() => status.value.clockWarning)
  /** Rounded minutes between this tablet's clock and the server's (absolute). */
  const clockOffsetMinutes = computed(() => status.value.clockOffsetMs === null ? null : Math.round(Math.abs(status.value.clockOffsetMs) / 60_000))
  const lastError = computed(() => status.value.lastError)
  const progress = computed(() => status.value.progress)
  const syncing = computed(() => status.value.state === 'syncing')

  async function refreshMine(): Promise<void> {
    const run = ++countsRun
    const staffId = session().staff?.id
    const [mine, conflicts] = await Promise.all([
      staffId ? outboxRepo.count(staffId) : Promise.resolve(0),
      Promise.all([casesRepo.countNeedingAttention(), consultationsRepo.countNeedingAttention()]).then(([a, b]) => a + b),
    ])
    if (run === countsRun) {
      myPendingCount.value = mine
      conflictCount.value = conflicts
    }
  }

  function onStatus(next: SyncStatus): void {
    const before = status.value
    status.value = next
    const finished = before.state === 'syncing' && next.state !== 'syncing'
    if (finished || before.pendingCount !== next.pendingCount || before.needsAttentionCount !== next.needsAttentionCount)
      void refreshMine().catch(() => undefined)
    // A pull may have brought new staff, settings or a deactivation.
    if (finished) {
      void session().loadReference().catch(() => undefined)
      // What was just confirmed may now be past retention; the store ignores a call while it runs.
      if (next.state === 'idle')
        void useRetentionStore().run()
    }
  }

  async function createEngine(): Promise<SyncEngine> {
    const baseUrl = await readServerUrl()
    return createAppSyncEngine({ baseUrl, fetch: injectedFetch }).engine
  }

  /** Starts the engine once (after enrollment, at app start); later calls do nothing. */
  async function start(): Promise<void> {
    if (engine.value || !session().enrolled)
      return
    const created = await createEngine()
    if (engine.value)
      return
    engine.value = created
    unsubscribe = created.subscribe(onStatus)
    created.start()
    await refreshMine().catch(() => undefined)
  }

  function stop(): void {
    unsubscribe?.()
    unsubscribe = null
    engine.value?.stop()
    engine.value = null
    status.value = INITIAL_STATUS
  }

  /** The recorder calls this after each write: counts now, a sync after a quiet time. */
  function notifyLocalWrite(): void {
    engine.value?.notifyLocalWrite()
    void refreshMine().catch(() => undefined)
  }

  /** "立即同步". */
  async function syncNow(): Promise<SyncOutcome | null> {
    if (!engine.value)
      await start()
    return engine.value ? engine.value.syncNow() : null
  }

  /**
   * Enrolls this tablet with a one-time code, keeps the server address, then runs the first sync
   * (reference data and the station's events) reporting its progress. Throws EnrollmentError.
   */
  async function enroll(code: string, options: { baseUrl?: string, deviceName?: string, onProgress?: (p: SyncStatus['progress']) => void } = {}): Promise<SyncOutcome | null> {
    const baseUrl = options.baseUrl?.trim().replace(/\/+$/, '') || undefined
    const client = createSyncClient({ baseUrl, fetch: injectedFetch, appVersion, getToken: async () => undefined })
    const deviceName = options.deviceName ?? defaultDeviceName()
    try {
      await enrollDevice(client, code, deviceName)
    }
    catch (error) {
      throw new EnrollmentError(enrollmentMessage(error), error instanceof HttpError ? error.code : null, { cause: error })
    }
    if (baseUrl)
      await metaRepo.set(SERVER_URL_META_KEY, baseUrl)
    else
      await metaRepo.remove(SERVER_URL_META_KEY)
    stop()
    await session().afterEnrollment()
    await start()
    const stopWatching = options.onProgress && engine.value ? engine.value.subscribe(s => options.onProgress?.(s.progress)) : null
    try {
      const outcome = await syncNow()
      await session().loadReference()
      // Nobody is signed in yet, so the data key is not here: the staff list came, the station's events wait for it.
      if (outcome && !outcome.ok && outcome.error === describeSyncError(new DataLockedError()))
        return { ...outcome, ok: true, error: null }
      return outcome
    }
    finally {
      stopWatching?.()
    }
  }

  async function closeDay(onProgress?: (progress: CloseDayProgress) => void): Promise<CloseDayReport> {
    if (!engine.value)
      await start()
    if (!engine.value)
      throw new Error('本设备尚未注册，无法日结。')
    try {
      return await engine.value.closeDay(onProgress)
    }
    finally {
      void refreshMine().catch(() => undefined)
    }
  }

  async function exportUnsent(): Promise<File> {
    if (!engine.value)
      await start()
    if (!engine.value)
      throw new Error('本设备尚未注册，无法导出。')
    return engine.value.exportUnsent()
  }

  async function importUnsent(file: Blob | string): Promise<ImportSummary> {
    if (!engine.value)
      await start()
    if (!engine.value)
      throw new Error('本设备尚未注册，无法导入。')
    const summary = await engine.value.importUnsent(file)
    void refreshMine().catch(() => undefined)
    return summary
  }

  /** The needs-attention list: events the server rejected and records whose facts conflict. */
  async function listAttention(): Promise<AttentionItem[]> {
    const [rejected, cases, consultations] = await Promise.all([
      rejectedRepo.list(),
      casesRepo.listNeedingAttention(),
      consultationsRepo.listNeedingAttention(),
    ])
    const items: AttentionItem[] = rejected.map(r => ({
      kind: 'rejected',
      stream: r.stream,
      recordKind: streamKind(r.stream),
      eventId: r.eventId,
      type: r.type,
      staffId: r.staffId,
      reason: r.reason,
      at: r.rejectedAt,
    }))
    for (const p of [...cases, ...consultations]) {
      items.push({
        kind: 'conflict',
        stream: p.id,
        recordKind: streamKind(p.id),
        eventId: null,
        type: null,
        staffId: p.staffId,
        reason: p.attentionReasons.join('；'),
        at: p.lastOccurredAt,
      })
    }
    return items
  }

  /** The sync state of each record (stream id) for lists. */
  async function recordStates(streams: readonly string[]): Promise<Record<string, RecordSyncState>> {
    const wanted = new Set(streams)
    const [outbox, rejected] = await Promise.all([outboxRepo.peek(WHOLE_OUTBOX), rejectedRepo.list()])
    const pending = new Map<string, number>()
    for (const row of outbox) {
      if (wanted.has(row.stream))
        pending.set(row.stream, (pending.get(row.stream) ?? 0) + 1)
    }
    const rejectedBy = new Map<string, number>()
    for (const row of rejected) {
      if (wanted.has(row.stream))
        rejectedBy.set(row.stream, (rejectedBy.get(row.stream) ?? 0) + 1)
    }
    const projection = async (stream: string): Promise<{ needsAttention: boolean } | undefined> => {
      const kind = streamKind(stream)
      return kind === 'case' ? casesRepo.get(stream) : kind === 'consultation' ? consultationsRepo.get(stream) : undefined
    }
    const entries = await Promise.all([...wanted].map(async (stream): Promise<[string, RecordSyncState]> => {
      const needsAttention = (await projection(stream))?.needsAttention ?? false
      return [stream, recordSyncState({ pendingEvents: pending.get(stream) ?? 0, rejectedEvents: rejectedBy.get(stream) ?? 0, needsAttention })]
    }))
    return Object.fromEntries(entries)
  }

  /** The event behind a needs-attention line (for its details). */
  async function eventOf(eventId: string): ReturnType<typeof eventsRepo.get> {
    return eventsRepo.get(eventId)
  }

  return {
    engine,
    status,
    started,
    state,
    syncing,
    lastSyncAt,
    pendingCount,
    myPendingCount,
    needsAttentionCount,
    conflictCount,
    clockWarning,
    clockOffsetMinutes,
    lastError,
    progress,
    start,
    stop,
    notifyLocalWrite,
    refreshMine,
    syncNow,
    enroll,
    closeDay,
    exportUnsent,
    importUnsent,
    listAttention,
    recordStates,
    eventOf,
  }
})

function defaultDeviceName(): string {
  const ua = globalThis.navigator?.userAgent ?? ''
  const kind = /iPad|Tablet|Android/i.test(ua) ? '平板' : '终端'
  return `便民站台${kind} ${new Date().toISOString().slice(0, 10)}`
}

if (import.meta.hot)
  import.meta.hot.accept(acceptHMRUpdate(useSyncStore, import.meta.hot))

/** How a server rejection reason (DESIGN §4, src/server/sync/push.ts) is told to staff: an i18n key under sync.reason and its detail. */
export function rejectionReason(reason: string): { key: 'scope' | 'idReuse' | 'invalid' | 'tooLarge' | 'other', detail: string } {
  if (reason === 'scope')
    return { key: 'scope', detail: '' }
  if (reason === 'id-reuse')
    return { key: 'idReuse', detail: '' }
  if (reason === 'event-too-large' || reason === 'too-large')
    return { key: 'tooLarge', detail: '' }
  const invalid = /^invalid(?:-event)?:\s*(.*)$/s.exec(reason)
  if (invalid)
    return { key: 'invalid', detail: invalid[1] ?? '' }
  return { key: 'other', detail: reason }
}
