/**
 * The phone page's two calls (GET/POST /api/public/ratings/:token, src/server/SYNC-API.md). Errors come back
 * as a kind the page words in the citizen's language, with the server's Chinese message kept for zh.
 */
import type { RatingInfo, RatingRequest } from '../../../domain/protocol/publicRating'
import type { AnswerShape } from '../answerShape'
import { withShape } from '../answerShape'

export type { RatingInfo, RatingRequest } from '../../../domain/protocol/publicRating'

export type RatingFailure = 'unknown' | 'expired' | 'used' | 'invalid' | 'offline' | 'server'

export class RatingCallFailed extends Error {
  override readonly name = 'RatingCallFailed'
  constructor(readonly kind: RatingFailure, readonly serverMessage: string | null, readonly fields: { path: string, message: string }[] = []) {
    super(serverMessage ?? kind)
  }
}

/** fetch, or a test's stand-in. */
export type RatingFetch = (input: string, init?: RequestInit) => Promise<Response>
type Fetch = RatingFetch

/** The token of /r/<token> (empty when the address has none). */
export function tokenFromPath(pathname: string): string {
  const match = /^\/r\/([\w-]+)\/?$/.exec(pathname)
  return match?.[1] ?? ''
}

/** One call; a 2xx answer must have the shape the page relies on (answerShape.ts), else it is a 'server' failure. */
async function call<T>(fetchFn: Fetch, path: string, shape: AnswerShape, init?: RequestInit): Promise<T> {
  let res: Response
  try {
    res = await fetchFn(path, { ...init, headers: { Accept: 'application/json', ...(init?.body ? { 'Content-Type': 'application/json' } : {}) } })
  }
  catch {
    throw new RatingCallFailed('offline', null)
  }
  const body = await res.json().catch(() => null) as ({ error?: string, message?: string, fields?: { path: string, message: string }[] } & Record<string, unknown>) | null
  if (res.ok) {
    const checked = withShape<T>(body, shape)
    if (!checked)
      throw new RatingCallFailed('server', null)
    return checked
  }
  const message = typeof body?.message === 'string' ? body.message : null
  if (res.status === 404)
    throw new RatingCallFailed('unknown', message)
  if (res.status === 410)
    throw new RatingCallFailed(body?.error === 'rating-token-expired' ? 'expired' : 'used', message)
  if (res.status === 400 || res.status === 409 || res.status === 413)
    throw new RatingCallFailed('invalid', message, Array.isArray(body?.fields) ? body.fields : [])
  throw new RatingCallFailed('server', message)
}

export function fetchRatingInfo(token: string, fetchFn: Fetch = (i, r) => fetch(i, r)): Promise<RatingInfo> {
  return call<RatingInfo>(fetchFn, `/api/public/ratings/${encodeURIComponent(token)}`, { stationName: 'string', subjectKind: 'string', itemName: 'string|null', staffName: 'string|null', expiresAt: 'string' })
}

export async function submitRating(token: string, answers: RatingRequest, fetchFn: Fetch = (i, r) => fetch(i, r)): Promise<void> {
  await call<{ status: 'rated' }>(fetchFn, `/api/public/ratings/${encodeURIComponent(token)}`, { status: 'string' }, { method: 'POST', body: JSON.stringify(answers) })
}
