/**
 * The sync engine as the UI sees it (issue 3 items 3, 6, 7): enrollment with the first pull, one
 * engine started once after enrollment (its own triggers: online, foreground, local writes, retries),
 * its status as reactive state, pending counts per staff member, the sync-problems list, close the
 * day, and export/import of unsent data. Views use this store, never src/app/sync or src/app/data.
 */
import type { ErrorCode } from '../appError'
import type { AttentionItem } from '../attention/syncProblems'
import type { CloseDayProgress, CloseDayReport, FetchLike, ImportSummary, SyncEngine, SyncOutcome, SyncStatus } from '../sync'
import { acceptHMRUpdate, defineStore, getActivePinia } from 'pinia'
import { computed, onScopeDispose, ref, shallowRef, watch } from 'vue'
import { casesRepo, consultationsRepo, DataLockedError, dataKeyReady, eventsRepo, onDataKeyChange, onLocalWrite, recordSyncStates, rejectedRepo } from '../data'
import { createAppSyncEngine, createSyncClient, describeSyncError, enrollDevice, INITIAL_SYNC_STATUS } from '../sync'
import { AppError, messageRef } from '../appError'
import { syncProblemItems } from '../attention/syncProblems'
import { defaultDeviceName } from '../device/deviceName'
import { enrollmentError } from '../device/enrollmentError'
import { readServerUrl, saveServerUrl } from '../device/serverAddress'
import { appVersion } from '../appVersion'
import { useRetentionStore } from './retention'
import { useSessionStore } from './session'
import { useSyncCounts } from './syncCounts'

export { recordSyncState } from '../data'
export type { RecordSyncState } from '../data'
export type { AttentionItem } from '../attention/syncProblems'
export { rejectionReason, rejectionWords } from '../attention/syncProblems'
export { EnrollmentError } from '../device/enrollmentError'
export { SERVER_URL_META_KEY } from '../device/serverAddress'

/** The state shown in the header. */
export type SyncDisplayState = 'idle' | 'syncing' | 'offline' | 'error' | 'updateRequired' | 'unauthorized' | 'notStarted' | 'waitingForSignIn'

let injectedFetch: FetchLike | undefined

/** Tests: route the sync client through an in-process server (call before enroll/start). */
export function setSyncFetch(fetch: FetchLike | undefined): void {
  injectedFetch = fetch
}

export const useSyncStore = defineStore('sync', () => {
  // The session store is read in actions only (stores do not read each other in setup).
  const pinia = getActivePinia()
  const session = (): ReturnType<typeof useSessionStore> => useSessionStore(pinia)
  const engine = shallowRef<SyncEngine | null>(null)
  const status = shallowRef<SyncStatus>(INITIAL_SYNC_STATUS)
  const { myPendingCount, conflictCount, refreshMine, recount } = useSyncCounts(() => session().staff?.id)
  /** What failed in the store's own background work (re-reading reference data after a pull, starting the engine): a messageRef. */
  const backgroundError = shallowRef<string | null>(null)
  let unsubscribe: (() => void) | null = null

  const started = computed(() => engine.value !== null)
  // Locked, sync waits: push and pull need the data key (src/app/data/crypto), which only a signed-in session holds.
  /** The data key is in memory (src/app/data/crypto): personal data can be read, written and synced. */
  const dataReady = ref(dataKeyReady())
  onScopeDispose(onDataKeyChange((ready) => {
    dataReady.value = ready
  }))
  const state = computed<SyncDisplayState>(() => !engine.value ? 'notStarted' : !dataReady.value && status.value.state !== 'syncing' ? 'waitingForSignIn' : status.value.state)
  // Signed in: what waited syncs after the engine's quiet time, as after a local write.
  watch(dataReady, (ready) => {
    if (ready)
      engine.value?.notifyLocalWrite()
  })
  const lastSyncAt = computed(() => status.value.lastSyncAt)
  const pendingCount = computed(() => status.value.pendingCount)
  /** Events the server rejected (they wait for staff in the sync-problems list). */
  const rejectedCount = computed(() => status.value.rejectedCount)
  /** The sync-problems list's size: rejected events and conflicting records together. */
  const attentionCount = computed(() => rejectedCount.value + conflictCount.value)
  const clockWarning = computed(() => status.value.clockWarning)
  /** Rounded minutes between this tablet's clock and the server's (absolute). */
  const clockOffsetMinutes = computed(() => status.value.clockOffsetMs === null ? null : Math.round(Math.abs(status.value.clockOffsetMs) / 60_000))
  const lastError = computed(() => status.value.lastError)
  const progress = computed(() => status.value.progress)
  const syncing = computed(() => status.value.state === 'syncing')

  /** Keeps a failure of the store's own background work for the header (null: the last try worked). */
  function reportBackground(code: ErrorCode | null, cause?: unknown): void {
    backgroundError.value = code ? messageRef(code, cause === undefined ? {} : { detail: detailOf(cause) }) : null
  }

  function onStatus(next: SyncStatus): void {
    const before = status.value
    status.value = next
    const finished = before.state === 'syncing' && next.state !== 'syncing'
    if (finished || before.pendingCount !== next.pendingCount || before.rejectedCount !== next.rejectedCount)
      void recount()
    // A pull may have brought new staff, settings or a deactivation.
    if (finished) {
      // Staff must know when the tablet still works with the staff and settings it had before the pull.
      void session().loadReference().then(() => reportBackground(null), (error: unknown) => reportBackground('sync.pullReload', error))
      // What was just confirmed may now be past retention; the store ignores a call while it runs.
      if (next.state === 'idle')
        void useRetentionStore().run()
    }
  }

  async function createEngine(): Promise<SyncEngine> {
    const baseUrl = await readServerUrl()
    return createAppSyncEngine({ baseUrl, fetch: injectedFetch }).engine
  }

  /** Starts the engine from the router: a failure is kept for the header rather than thrown at a navigation. */
  async function startInBackground(): Promise<void> {
    await start().then(() => {
      if (engine.value)
        reportBackground(null)
    }, (error: unknown) => reportBackground('sync.startFailed', error))
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
    await recount()
  }

  function stop(): void {
    unsubscribe?.()
    unsubscribe = null
    engine.value?.stop()
    engine.value = null
    status.value = INITIAL_SYNC_STATUS
  }

  /** After each recording at this counter (data's onLocalWrite): counts now, a sync after a quiet time. */
  function notifyLocalWrite(): void {
    engine.value?.notifyLocalWrite()
    void recount()
  }
  // Only the active Pinia's store hears writes: tests make a Pinia per test and leave the old ones undisposed.
  onScopeDispose(onLocalWrite(() => {
    if (getActivePinia() === pinia)
      notifyLocalWrite()
  }))

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
      throw enrollmentError(error)
    }
    await saveServerUrl(baseUrl)
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
      throw new AppError('sync.notEnrolledCloseDay')
    try {
      return await engine.value.closeDay(onProgress)
    }
    finally {
      void recount()
    }
  }

  async function exportUnsent(): Promise<File> {
    if (!engine.value)
      await start()
    if (!engine.value)
      throw new AppError('sync.notEnrolledExport')
    return engine.value.exportUnsent()
  }

  async function importUnsent(file: Blob | string): Promise<ImportSummary> {
    if (!engine.value)
      await start()
    if (!engine.value)
      throw new AppError('sync.notEnrolledImport')
    const summary = await engine.value.importUnsent(file)
    void recount()
    return summary
  }

  /** The sync-problems list: events the server rejected and records whose facts conflict. */
  async function listAttention(): Promise<AttentionItem[]> {
    const [rejected, cases, consultations] = await Promise.all([
      rejectedRepo.list(),
      casesRepo.listNeedingAttention(),
      consultationsRepo.listNeedingAttention(),
    ])
    return syncProblemItems(rejected, [...cases, ...consultations])
  }

  /** The sync state of each record (stream id) for lists (the rule: data's recordSyncState). */
  const recordStates = recordSyncStates

  /** The event behind a sync-problems line (for its details). */
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
    rejectedCount,
    attentionCount,
    conflictCount,
    clockWarning,
    clockOffsetMinutes,
    lastError,
    backgroundError,
    progress,
    start,
    startInBackground,
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

/** An error's own words, as the detail of a coded message. */
function detailOf(error: unknown): string {
  if (error instanceof AppError)
    return error.code
  return error instanceof Error ? error.message : String(error)
}

if (import.meta.hot)
  import.meta.hot.accept(acceptHMRUpdate(useSyncStore, import.meta.hot))
