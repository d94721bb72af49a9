/**
 * Errors the data layer throws, and storage notices it raises. Storage problems (quota, blocked upgrade)
 * must reach staff (DESIGN §6): they are thrown as typed errors with an error code and also broadcast
 * to `onStorageNotice` listeners (a banner), never swallowed.
 */
import type { ErrorCode } from '../appError'
import { AppError } from '../appError'

/** One field error, as `validateDomainEvent` reports it. */
export interface FieldError {
  path: string
  message: string
}

/** An event failed validation; nothing was written. */
export class EventValidationError extends AppError {
  override readonly name = 'EventValidationError'
  constructor(
    /** The field errors; paths are prefixed with the event's position when several were recorded together. */
    readonly errors: FieldError[],
  ) {
    super('data.invalidEvent', { detail: fieldDetail(errors) })
  }
}

/** The field errors as one line (paths are code, the reasons are the domain validator's). */
function fieldDetail(errors: readonly FieldError[]): string {
  return errors.map(e => `${e.path || '(event)'} ${e.message}`).join('; ')
}

/** Reference rows from a pull were malformed; nothing was written. */
export class ReferenceValidationError extends AppError {
  override readonly name = 'ReferenceValidationError'
  constructor(readonly errors: FieldError[]) {
    super('data.invalidReference', { detail: fieldDetail(errors) })
  }
}

/** An event id already stored with other content: ids are idempotency keys and are never reused. */
export class EventIdReuseError extends AppError {
  override readonly name = 'EventIdReuseError'
  constructor(readonly eventId: string) {
    super('data.idReuse', { id: eventId })
  }
}

/** An attachment whose bytes do not match the SHA-256 it was given. */
export class BlobHashMismatchError extends AppError {
  override readonly name = 'BlobHashMismatchError'
  constructor(readonly expected: string, readonly actual: string) {
    super('data.blobMismatch', { expected, actual })
  }
}

/** The device's storage is full: the write was not saved. */
export class StorageQuotaError extends AppError {
  override readonly name = 'StorageQuotaError'
  constructor(cause?: unknown) {
    super('data.quota', {}, { cause })
  }
}

/** Something staff must be told about the device's storage. */
export type StorageNotice
  = | { kind: 'quota-exceeded', code: ErrorCode }
  /** This tab wants to upgrade the database but another tab holds the old version open. */
    | { kind: 'upgrade-blocked', code: ErrorCode }
  /** Another tab upgraded or deleted the database; this tab closed its connection and must reload. */
    | { kind: 'closed-for-upgrade', code: ErrorCode }

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
    notifyStorage({ kind: 'quota-exceeded', code: quota.code })
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
