/**
 * The phone page's two calls (GET/POST /api/public/ratings/:token, src/server/SYNC-API.md). Errors come back
 * as a kind the page words in the citizen's language, with the server's Chinese message kept for zh.
 */
import type { z } from 'zod'
import type { RatingInfo, RatingRequest } from '../../../domain/protocol/publicRating'
import { parseAnswer } from '../../../domain/protocol/parse'
import { ratingInfoSchema, ratingSubmittedSchema } from '../../../domain/protocol/publicRating'

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

/** One call; a 2xx answer is parsed with the contract's schema, a malformed one is a 'server' failure. */
async function call<T>(fetchFn: Fetch, path: string, schema: z.ZodType<T>, init?: RequestInit): Promise<T> {
  let res: Response
  try {
    res = await fetchFn(path, { ...init, headers: { Accept: 'application/json', ...(init?.body ? { 'Content-Type': 'application/json' } : {}) } })
  }
  catch {
    throw new RatingCallFailed('offline', null)
  }
  const body = await res.json().catch(() => null) as ({ error?: string, message?: string, fields?: { path: string, message: string }[] } & Record<string, unknown>) | null
  if (res.ok) {
    const parsed = parseAnswer(schema, body)
    if (!parsed.ok)
      throw new RatingCallFailed('server', null)
    return parsed.value
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
  return call(fetchFn, `/api/public/ratings/${encodeURIComponent(token)}`, ratingInfoSchema)
}

export async function submitRating(token: string, answers: RatingRequest, fetchFn: Fetch = (i, r) => fetch(i, r)): Promise<void> {
  await call(fetchFn, `/api/public/ratings/${encodeURIComponent(token)}`, ratingSubmittedSchema, { method: 'POST', body: JSON.stringify(answers) })
}
