import { acceptHMRUpdate, defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import {
  estimateStorage,
  isEstimateSupported,
  isPersistSupported,
  isStorageQuotaError,
  queryPersistence,
  requestPersistence,
} from '../pwa/storage'

const PERSIST_KEY = 'bianmin.storage.persist'

interface PersistRecord {
  askedAt: string
  granted: boolean
}

function readPersistRecord(): PersistRecord | null {
  try {
    const raw = globalThis.localStorage?.getItem(PERSIST_KEY)
    const parsed: unknown = raw ? JSON.parse(raw) : null
    if (parsed && typeof parsed === 'object' && typeof (parsed as PersistRecord).granted === 'boolean' && typeof (parsed as PersistRecord).askedAt === 'string')
      return parsed as PersistRecord
  }
  catch {
    // A corrupt record means "not asked yet".
  }
  return null
}

function writePersistRecord(record: PersistRecord): void {
  try {
    globalThis.localStorage?.setItem(PERSIST_KEY, JSON.stringify(record))
  }
  catch {
    // Storage full: we will simply ask again next start.
  }
}

/** Device storage health: persistent storage, usage against quota, and quota errors for staff. */
export const useStorageStore = defineStore('storage', () => {
  const persistSupported = ref(isPersistSupported())
  const estimateSupported = ref(isEstimateSupported())
  /** true granted, false refused, null not asked yet or unsupported. */
  const persisted = ref<boolean | null>(null)
  /** When persistence was last requested (ISO), remembered across starts. */
  const persistAskedAt = ref<string | null>(readPersistRecord()?.askedAt ?? null)
  const usage = ref<number | null>(null)
  const quota = ref<number | null>(null)
  /** The quota error staff have not acknowledged yet; drives the global dialog. */
  const quotaError = shallowRef<unknown>(null)

  const usageRatio = computed(() => (usage.value !== null && quota.value) ? Math.min(1, usage.value / quota.value) : null)

  /** First start asks for persistence; later starts only read the state (and remember it). */
  async function init(): Promise<void> {
    persistSupported.value = isPersistSupported()
    estimateSupported.value = isEstimateSupported()
    const record = readPersistRecord()
    const current = await queryPersistence()
    if (current === true || record)
      persisted.value = current ?? record?.granted ?? null
    else
      await requestPersist()
    await refreshEstimate()
  }

  /** Asks the browser to keep our data under storage pressure (also from settings, to ask again). */
  async function requestPersist(): Promise<boolean | null> {
    const granted = await requestPersistence()
    persisted.value = granted
    if (granted !== null) {
      const record = { askedAt: new Date().toISOString(), granted }
      persistAskedAt.value = record.askedAt
      writePersistRecord(record)
    }
    return granted
  }

  async function refreshEstimate(): Promise<void> {
    const estimate = await estimateStorage()
    usage.value = estimate?.usage ?? null
    quota.value = estimate?.quota ?? null
  }

  /**
   * Shows a storage-full error to staff; returns false (and does nothing) for other errors, so a
   * caller can write `catch (e) { if (!storage.reportQuotaError(e)) throw e }`.
   */
  function reportQuotaError(error: unknown): boolean {
    if (!isStorageQuotaError(error))
      return false
    quotaError.value = error
    // The storage-full error is shown already; the usage figures beside it are extra and keep their last value.
    void refreshEstimate().catch(() => {})
    return true
  }

  function dismissQuotaError(): void {
    quotaError.value = null
  }

  return {
    persistSupported,
    estimateSupported,
    persisted,
    persistAskedAt,
    usage,
    quota,
    usageRatio,
    quotaError,
    init,
    requestPersist,
    refreshEstimate,
    reportQuotaError,
    dismissQuotaError,
  }
})

if (import.meta.hot)
  import.meta.hot.accept(acceptHMRUpdate(useStorageStore, import.meta.hot))
