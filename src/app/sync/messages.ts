/** Sync failures as codes (src/app/appError.ts): the UI translates them. */
import type { ErrorCode } from '../appError'
import { AppError, messageRef } from '../appError'
import { HttpError, MalformedAnswerError, NetworkError, UnauthorizedError, UpdateRequiredError } from './httpErrors'

/** The watchdog stopped a sync that made no progress. */
export class SyncStuckError extends Error {
  override name = 'SyncStuckError'
}

/** This tablet has no enrollment yet. */
export class NotEnrolledError extends AppError {
  override name = 'NotEnrolledError'
  constructor(code: ErrorCode = 'sync.notEnrolled') {
    super(code)
  }
}

/** A file given to importUnsent() that cannot be imported; its code says why. */
export class ImportRefusedError extends AppError {
  override name = 'ImportRefusedError'
}

/**
 * What a sync failure is, as text kept in state and in the outbox (messageRef: a code and its parameters
 * that the view translates). `tooLarge` is the server's own reason code, kept as the server names it.
 */
export const MESSAGES = {
  offline: messageRef('sync.offline'),
  updateRequired: (min: string | null) => (min ? messageRef('sync.updateRequiredTo', { min }) : messageRef('sync.updateRequired')),
  unauthorized: messageRef('sync.unauthorized'),
  notEnrolled: messageRef('sync.notEnrolled'),
  stuck: messageRef('sync.stuck'),
  quota: messageRef('sync.quota'),
  server: (status: number) => messageRef('sync.server', { status }),
  malformedAnswer: messageRef('sync.malformedAnswer'),
  tooLarge: 'event-too-large',
  noAnswer: messageRef('sync.noAnswer'),
  serverFailsOnEvent: (status: number) => messageRef('sync.serverFailsOnEvent', { status }),
  blobHash: (sha: string) => messageRef('sync.blobHash', { sha: sha.slice(0, 12) }),
  blobType: (sha: string) => messageRef('sync.blobType', { sha: sha.slice(0, 12) }),
  blobQuota: messageRef('sync.blobQuota'),
  locked: messageRef('sync.locked'),
  unknown: (detail: string) => messageRef('sync.failed', { detail }),
} as const

/** Turns any failure into the message staff see (a messageRef; an error that already has a code keeps it). */
export function describeSyncError(error: unknown): string {
  // src/app/data/crypto/keyring.ts DataLockedError (an AppError, told here in sync's words): no staff member
  // is signed in, so the data key is not in memory.
  if (error instanceof Error && error.name === 'DataLockedError')
    return MESSAGES.locked
  if (error instanceof AppError)
    return messageRef(error.code, error.params)
  if (error instanceof UpdateRequiredError)
    return MESSAGES.updateRequired(error.minAppVersion)
  if (error instanceof UnauthorizedError)
    return MESSAGES.unauthorized
  if (error instanceof SyncStuckError)
    return MESSAGES.stuck
  if (error instanceof NetworkError)
    return MESSAGES.offline
  if (error instanceof MalformedAnswerError)
    return MESSAGES.malformedAnswer
  if (error instanceof HttpError)
    return error.status >= 500 || !error.serverMessage ? MESSAGES.server(error.status) : MESSAGES.unknown(error.serverMessage)
  if (error instanceof Error && error.name === 'QuotaExceededError')
    return MESSAGES.quota
  if (error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError'))
    return MESSAGES.stuck
  return MESSAGES.unknown(error instanceof Error ? error.message : String(error))
}
