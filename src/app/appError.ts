/**
 * Errors staff see, in their language (issue 13 item 5): code below only names what went wrong, a code and
 * its parameters, and views translate it with vue-i18n (`appError.<code>` in src/app/i18n/errors.*.ts) through
 * useErrorText. Where a failure has to be kept as text (the outbox row's last attempt, a sync status, a
 * close-day report), `messageRef` writes the code and parameters as one string that the view reads back.
 */
import type { Reason } from '../domain/reason'
import type errorsZh from './i18n/errors.zh-CN'

type Leaves<T, P extends string = ''> = { [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`> }[keyof T & string]

/** Every error code there is: a key under `appError` in the i18n messages. */
export type ErrorCode = Leaves<typeof errorsZh>

export type ErrorParams = Record<string, string | number>

/** A failure told to staff by code; `message` is the code and its parameters (for logs and tests), never shown. */
export class AppError extends Error {
  override name = 'AppError'
  /** The server's own words for it (Chinese), shown in place of the code's message in the Chinese UI only. */
  serverText: string | null = null
  /** The domain's reason for a refusal (src/domain/reason.ts), worded from its code in place of the code's message. */
  domainReason: Reason | null = null

  constructor(readonly code: ErrorCode, readonly params: ErrorParams = {}, options?: { cause?: unknown, serverText?: string | null, domainReason?: Reason | null }) {
    super(Object.keys(params).length > 0 ? `${code} ${JSON.stringify(params)}` : code, options)
    this.serverText = options?.serverText ?? null
    this.domainReason = options?.domainReason ?? null
  }
}

/** A code and its parameters, as kept in state. */
export interface CodedMessage {
  code: ErrorCode
  params: ErrorParams
}

const REF_PREFIX = 'app-error:'

/** The code and parameters as one string (JSON after a prefix), for fields that hold text. */
export function messageRef(code: ErrorCode, params: ErrorParams = {}): string {
  return `${REF_PREFIX}${JSON.stringify({ code, params })}`
}

/** Reads back what messageRef wrote; null for any other text (the server's words, or text an older version stored). */
export function readMessageRef(text: string): CodedMessage | null {
  if (!text.startsWith(REF_PREFIX))
    return null
  try {
    const value = JSON.parse(text.slice(REF_PREFIX.length)) as Partial<CodedMessage> | null
    if (value && typeof value.code === 'string' && value.params && typeof value.params === 'object')
      return { code: value.code, params: value.params }
  }
  catch {
    // Not one of ours after all: shown as it is.
  }
  return null
}

/** The coded message of an error or text, if it has one. */
export function codedMessageOf(value: unknown): CodedMessage | null {
  if (value instanceof AppError)
    return { code: value.code, params: value.params }
  if (typeof value === 'string')
    return readMessageRef(value)
  return null
}
