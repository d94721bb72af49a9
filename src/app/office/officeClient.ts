/**
 * Calls to the office API (/api/office/*) from the office pages (issue 8): JSON in and out, the session
 * cookie sent by the browser (same origin, HttpOnly: the app never sees the token), errors as OfficeError
 * with a stable kind, an error code the UI translates (the server's Chinese message kept beside it) and its
 * field errors. Tests inject a fetch
 * (setOfficeFetch) that goes into the in-process server and keeps the cookie as a browser would.
 */
import type { z } from 'zod'
import type { FieldErrorWithIssue } from '../../domain/fieldIssue'
import type { ErrorCode } from '../appError'
import type { FetchLike } from '../sync'
import { errorBodySchema, parseAnswer } from '../../domain/protocol'
import { AppError } from '../appError'

export type OfficeErrorCode = 'unauthorized' | 'forbidden' | 'not-found' | 'conflict' | 'invalid' | 'too-large' | 'rate-limited' | 'offline' | 'server'

/** A server field error: path, Chinese message, and the code and limits the UI words it from (useFieldErrorText). */
export type OfficeFieldError = FieldErrorWithIssue

/** What staff are told for each kind of failure when the server gave no words of its own (or in English). */
const KIND_CODES: Record<OfficeErrorCode, ErrorCode> = {
  'unauthorized': 'office.signedOut',
  'forbidden': 'office.forbidden',
  'not-found': 'office.notFound',
  'conflict': 'office.conflict',
  'invalid': 'office.invalid',
  'too-large': 'office.invalid',
  'rate-limited': 'office.server',
  'offline': 'office.offline',
  'server': 'office.server',
}

/** An office call failed: `kind` is what happened, `code` what staff are told, `serverText` the server's own (Chinese) words. */
export class OfficeError extends AppError {
  override readonly name = 'OfficeError'
  constructor(readonly kind: OfficeErrorCode, serverText: string | null = null, readonly fields: OfficeFieldError[] = [], readonly serverCode: string | null = null, code: ErrorCode = KIND_CODES[kind]) {
    super(code, {}, { serverText })
  }
}

let injectedFetch: FetchLike | undefined
/** Tests: send office calls through this fetch (e.g. into the in-process server) instead of the network. */
export function setOfficeFetch(fetch: FetchLike | undefined): void {
  injectedFetch = fetch
}

function baseUrl(): string {
  return typeof location !== 'undefined' ? location.origin : 'http://localhost'
}

function codeOf(status: number): OfficeErrorCode {
  switch (status) {
    case 400: return 'invalid'
    case 401: return 'unauthorized'
    case 403: return 'forbidden'
    case 404: return 'not-found'
    case 409: return 'conflict'
    case 413: return 'too-large'
    case 429: return 'rate-limited'
    default: return 'server'
  }
}

export interface OfficeCallOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  /** Sent as JSON. */
  body?: unknown
}

/**
 * One office API call; resolves with the answer parsed with the contract's `schema` (src/domain/protocol), rejects
 * with OfficeError. A malformed answer rejects with OfficeError('server') with code office.malformed and serverCode
 * 'malformed-answer', never reaches a view. A 204 is parsed as `undefined` (noContentAnswerSchema).
 */
export async function officeCall<T>(path: string, options: OfficeCallOptions, schema: z.ZodType<T>): Promise<T> {
  const doFetch: FetchLike = injectedFetch ?? ((input, init) => globalThis.fetch(input, init))
  const headers: Record<string, string> = { Accept: 'application/json' }
  if (options.body !== undefined)
    headers['Content-Type'] = 'application/json'
  let res: Response
  try {
    res = await doFetch(`${baseUrl()}${path}`, {
      method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
      headers,
      credentials: 'same-origin',
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
    })
  }
  catch {
    throw new OfficeError('offline')
  }
  if (res.status === 204)
    return answerOf(schema, undefined)
  const body = await res.json().catch(() => null) as ({ error?: string, message?: string, fields?: OfficeFieldError[] } & Record<string, unknown>) | null
  if (!res.ok) {
    const code = codeOf(res.status)
    // Field errors as the contract describes them (path, message, code and limits); a malformed list is dropped.
    const fields = errorBodySchema.shape.fields.safeParse(body?.fields).data ?? []
    throw new OfficeError(code, typeof body?.message === 'string' ? body.message : null, fields, typeof body?.error === 'string' ? body.error : null)
  }
  return answerOf(schema, body)
}

function answerOf<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = parseAnswer(schema, body)
  if (!parsed.ok)
    throw new OfficeError('server', null, [], 'malformed-answer', 'office.malformed')
  return parsed.value
}
