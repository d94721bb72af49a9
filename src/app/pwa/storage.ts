// Browser storage health: persistence (so the browser does not evict the outbox) and quota.

/** Thrown or rejected by the data layer when IndexedDB is full; matched by name, not class. */
export function isStorageQuotaError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null)
    return false
  const { name, inner, cause } = error as { name?: unknown, inner?: unknown, cause?: unknown }
  if (name === 'QuotaExceededError' || name === 'StorageQuotaError')
    return true
  // Dexie wraps the DOMException (`inner`); Error causes chain it (`cause`).
  return (inner !== undefined && isStorageQuotaError(inner)) || (cause !== undefined && cause !== error && isStorageQuotaError(cause))
}

export interface StorageEstimateResult {
  usage: number
  quota: number
}

function storageManager(): StorageManager | undefined {
  return typeof navigator !== 'undefined' ? navigator.storage : undefined
}

export const isPersistSupported = (): boolean => typeof storageManager()?.persist === 'function'
export const isEstimateSupported = (): boolean => typeof storageManager()?.estimate === 'function'

export async function estimateStorage(): Promise<StorageEstimateResult | null> {
  const manager = storageManager()
  if (!manager || typeof manager.estimate !== 'function')
    return null
  const { usage = 0, quota = 0 } = await manager.estimate()
  return { usage, quota }
}

/** True if granted, false if refused, null where the API is missing. */
export async function requestPersistence(): Promise<boolean | null> {
  const manager = storageManager()
  if (!manager || typeof manager.persist !== 'function')
    return null
  if (typeof manager.persisted === 'function' && await manager.persisted())
    return true
  return manager.persist()
}

/** Whether storage is already persistent, without asking; null where unsupported. */
export async function queryPersistence(): Promise<boolean | null> {
  const manager = storageManager()
  if (!manager || typeof manager.persisted !== 'function')
    return null
  return manager.persisted()
}

/** 1234567 → "1.2 MB"; binary units, one decimal, as staff would read a phone's storage screen. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB']
  let value = bytes
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit++
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`
}
