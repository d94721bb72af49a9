/**
 * Calls to the office API (/api/office/*) from the office pages (issue 8): JSON in and out, the session
 * cookie sent by the browser (same origin, HttpOnly: the app never sees the token), errors as OfficeError
 * with a stable code, the server's Chinese message and its field errors. Tests inject a fetch
 * (setOfficeFetch) that goes into the in-process server and keeps the cookie as a browser would.
 */
import type { z } from 'zod'
import type { FetchLike } from '../sync'
import { parseAnswer } from '../../domain/protocol'

export type OfficeErrorCode = 'unauthorized' | 'forbidden' | 'not-found' | 'conflict' | 'invalid' | 'too-large' | 'rate-limited' | 'offline' | 'server'

export interface OfficeFieldError { path: string, message: string }

/** An office call failed; `message` is Chinese (the server's, or ours) and shown as is. */
export class OfficeError extends Error {
  override readonly name = 'OfficeError'
  constructor(readonly code: OfficeErrorCode, message: string, readonly fields: OfficeFieldError[] = [], readonly serverCode: string | null = null) {
    super(message)
  }
}

export const officeMessages = {
  wrongLogin: '用户名或密码不正确',
  signedOut: '登录已过期，请重新登录',
  forbidden: '当前账号无权进行此操作',
  offline: '无法连接中心服务器，主管机构页面需要联网使用',
  server: '中心服务器暂时无法处理请求，请稍后重试',
  invalid: '提交的内容不正确',
  malformed: '中心服务器的回复格式不正确（可能是版本不匹配），请稍后重试或联系管理员',
} as const

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
 * One office API call; resolves with the parsed JSON (undefined for 204), rejects with OfficeError. With the
 * contract's `schema` (src/domain/protocol) the answer is parsed with it: a malformed one rejects with
 * OfficeError('server', officeMessages.malformed) and serverCode 'malformed-answer', never reaches a view.
 */
export async function officeCall<T>(path: string, options: OfficeCallOptions = {}, schema?: z.ZodType<T>): Promise<T> {
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
    throw new OfficeError('offline', officeMessages.offline)
  }
  if (res.status === 204)
    return undefined as T
  const body = await res.json().catch(() => null) as ({ error?: string, message?: string, fields?: OfficeFieldError[] } & Record<string, unknown>) | null
  if (!res.ok) {
    const code = codeOf(res.status)
    const fallback = code === 'unauthorized' ? officeMessages.signedOut : code === 'forbidden' ? officeMessages.forbidden : code === 'invalid' ? officeMessages.invalid : officeMessages.server
    throw new OfficeError(code, typeof body?.message === 'string' ? body.message : fallback, Array.isArray(body?.fields) ? body.fields : [], typeof body?.error === 'string' ? body.error : null)
  }
  if (!schema)
    return body as T
  const parsed = parseAnswer(schema, body)
  if (!parsed.ok)
    throw new OfficeError('server', officeMessages.malformed, [], 'malformed-answer')
  return parsed.value
}
