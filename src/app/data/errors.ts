/**
 * Errors the data layer throws, and storage notices it raises. Storage problems (quota, blocked upgrade)
 * must reach staff (DESIGN §6): they are thrown as typed errors with a Chinese message and also broadcast
 * to `onStorageNotice` listeners (a banner), never swallowed.
 */

/** One field error, as `validateDomainEvent` reports it. */
export interface FieldError {
  path: string
  message: string
}

/** An event failed validation; nothing was written. */
export class EventValidationError extends Error {
  override readonly name = 'EventValidationError'
  constructor(
    /** The field errors; paths are prefixed with the event's position when several were recorded together. */
    readonly errors: FieldError[],
  ) {
    super(`记录未通过校验：${errors.map(e => `${e.path || '(事件)'} ${e.message}`).join('；')}`)
  }
}

/** Reference rows from a pull were malformed; nothing was written. */
export class ReferenceValidationError extends Error {
  override readonly name = 'ReferenceValidationError'
  constructor(readonly errors: FieldError[]) {
    super(`参考数据格式有误：${errors.map(e => `${e.path} ${e.message}`).join('；')}`)
  }
}

/** An event id already stored with other content: ids are idempotency keys and are never reused. */
export class EventIdReuseError extends Error {
  override readonly name = 'EventIdReuseError'
  constructor(readonly eventId: string) {
    super(`事件编号 ${eventId} 已被另一条记录使用。`)
  }
}

/** An attachment whose bytes do not match the SHA-256 it was given. */
export class BlobHashMismatchError extends Error {
  override readonly name = 'BlobHashMismatchError'
  constructor(readonly expected: string, readonly actual: string) {
    super(`附件校验值不符（应为 ${expected}，实为 ${actual}）。`)
  }
}

/** The device's storage is full: the write was not saved. */
export class StorageQuotaError extends Error {
  override readonly name = 'StorageQuotaError'
  constructor(cause?: unknown) {
    super('本机存储空间已满，本次记录未能保存。请先同步并清理空间（或联系管理员）后重试。', { cause })
  }
}

/** Something staff must be told about the device's storage. */
export type StorageNotice
  = | { kind: 'quota-exceeded', message: string }
  /** This tab wants to upgrade the database but another tab holds the old version open. */
    | { kind: 'upgrade-blocked', message: string }
  /** Another tab upgraded or deleted the database; this tab closed its connection and must reload. */
    | { kind: 'closed-for-upgrade', message: string }

type Listener = (notice: StorageNotice) => void
const listeners = new Set<Listener>()

/** Listen for storage notices; returns the unsubscribe function. */
export function onStorageNotice(listener: Listener): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

/** Broadcast a notice to every listener. */
export function notifyStorage(notice: StorageNotice): void {
  for (const listener of listeners)
    listener(notice)
}

/** True if the error, or one it wraps (Dexie's `inner`, `cause`, bulk failures), is IndexedDB's quota error. */
export function isQuotaExceeded(error: unknown, depth = 0): boolean {
  if (depth > 5 || error === null || typeof error !== 'object')
    return false
  const e = error as { name?: unknown, inner?: unknown, cause?: unknown, failures?: unknown }
  if (e.name === 'QuotaExceededError' || e.name === 'NS_ERROR_DOM_QUOTA_REACHED') // the latter: old Firefox
    return true
  if (isQuotaExceeded(e.inner, depth + 1) || isQuotaExceeded(e.cause, depth + 1))
    return true
  const failures = Array.isArray(e.failures) ? e.failures : e.failures && typeof e.failures === 'object' ? Object.values(e.failures) : []
  return failures.some(f => isQuotaExceeded(f, depth + 1))
}

/** Map a storage failure to the error staff should see: quota errors become StorageQuotaError (and a notice); others pass through. */
export function toStorageError(error: unknown): unknown {
  if (error instanceof StorageQuotaError)
    return error
  if (isQuotaExceeded(error)) {
    const quota = new StorageQuotaError(error)
    notifyStorage({ kind: 'quota-exceeded', message: quota.message })
    return quota
  }
  return error
}

/** Run a storage operation, rethrowing quota failures as StorageQuotaError. */
export async function guarded<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation()
  }
  catch (error) {
    throw toStorageError(error)
  }
}
