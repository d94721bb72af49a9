/** What can go wrong on a protocol call, as the engine tells it apart (messages.ts words each for staff). */

/** The network could not be reached, or the connection dropped before the answer was read. */
export class NetworkError extends Error {
  override name = 'NetworkError'
}

/**
 * A 2xx answer that is not what the contract (src/domain/protocol) says: nothing of it is used, so nothing
 * is settled or stored; the sync fails with this and is retried like a server error.
 */
export class MalformedAnswerError extends Error {
  override name = 'MalformedAnswerError'
  /** Stable code for the UI (messages.ts). */
  readonly code = 'malformed-answer'
  constructor(readonly path: string, readonly problems: string) {
    super(`malformed answer from ${path}: ${problems}`)
  }
}

/** A non-2xx answer the engine has no special rule for. */
export class HttpError extends Error {
  override name = 'HttpError'
  constructor(readonly status: number, readonly body: unknown, message?: string) {
    super(message ?? `HTTP ${status}`)
  }

  /** The server's `error` code, e.g. 'enrollment-code-used'. */
  get code(): string | null {
    const b = this.body as { error?: unknown } | null
    return b && typeof b === 'object' && typeof b.error === 'string' ? b.error : null
  }

  /** The server's Chinese `message` for staff, when it sent one. */
  get serverMessage(): string | null {
    const b = this.body as { message?: unknown } | null
    return b && typeof b === 'object' && typeof b.message === 'string' ? b.message : null
  }
}

/** 426 version-not-supported: stop syncing, keep the outbox, ask staff to update the app. */
export class UpdateRequiredError extends HttpError {
  override name = 'UpdateRequiredError'
  constructor(readonly minAppVersion: string | null, body: unknown) {
    super(426, body, 'version-not-supported')
  }
}

/** 401: the token is unknown or the device was revoked; it has to be enrolled again. */
export class UnauthorizedError extends HttpError {
  override name = 'UnauthorizedError'
  constructor(body: unknown) {
    super(401, body, 'unauthorized')
  }
}

/** 400 on a blob upload: the bytes do not hash to the name they were sent under. */
export class BlobHashMismatchError extends HttpError {
  override name = 'BlobHashMismatchError'
  constructor(readonly sha256: string, body: unknown) {
    super(400, body, 'blob-hash-mismatch')
  }
}

/** 415 on a blob upload: the server takes only JPEG, PNG and WebP images; these bytes will never be accepted. */
export class BlobTypeRefusedError extends HttpError {
  override name = 'BlobTypeRefusedError'
  constructor(readonly sha256: string, body: unknown) {
    super(415, body, 'unsupported-blob-type')
  }
}

/** 507 on a blob upload: the station's attachment quota on the server is used up (until the office raises it). */
export class BlobQuotaExceededError extends HttpError {
  override name = 'BlobQuotaExceededError'
  constructor(body: unknown) {
    super(507, body, 'blob-quota-exceeded')
  }
}
