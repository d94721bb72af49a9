/** Why an enrollment failed, as staff are told: the server's enrollment error codes mapped to the app's own. */
import type { CodedMessage, ErrorCode } from '../appError'
import { AppError, readMessageRef } from '../appError'
import { describeSyncError, HttpError } from '../sync'

/** The enrollment failed: `code` says why (the view translates it), `serverCode` is the server's error code. */
export class EnrollmentError extends AppError {
  override readonly name = 'EnrollmentError'
  constructor(coded: CodedMessage, readonly serverCode: string | null, options?: { cause?: unknown, serverText?: string | null }) {
    super(coded.code, coded.params, options)
  }
}

/** The server's enrollment error codes (src/server/routes/api/devices.ts) and what staff are told. */
const ENROLL_CODES: Record<string, ErrorCode> = {
  'enrollment-code-invalid': 'enroll.codeInvalid',
  'enrollment-code-used': 'enroll.codeUsed',
  'enrollment-code-expired': 'enroll.codeExpired',
  'station-closed': 'enroll.stationClosed',
}

/** What an error thrown by the enrollment call means for staff. */
export function enrollmentError(error: unknown): EnrollmentError {
  const serverCode = error instanceof HttpError ? error.code : null
  const known = serverCode ? ENROLL_CODES[serverCode] : undefined
  if (known)
    return new EnrollmentError({ code: known, params: {} }, serverCode, { cause: error })
  if (error instanceof HttpError && error.serverMessage)
    return new EnrollmentError({ code: 'unknown', params: { detail: error.serverMessage } }, serverCode, { cause: error, serverText: error.serverMessage })
  if (error instanceof HttpError && error.status === 400)
    return new EnrollmentError({ code: 'enroll.badFormat', params: {} }, serverCode, { cause: error })
  const coded = readMessageRef(describeSyncError(error))
  return new EnrollmentError(coded ?? { code: 'unknown', params: { detail: String(error) } }, serverCode, { cause: error })
}
