/**
 * The phone page's two calls (GET/POST /api/public/ratings/:token, src/server/SYNC-API.md). Errors come back
 * as a kind the page words in the citizen's language, with the server's Chinese message kept for zh.
 */
import type { RatingInfo, RatingRequest } from '../../../domain/protocol/publicRating'
import type { AnswerShape } from '../answerShape'
import type { PublicCallProblem, PublicFetch } from '../publicCall'
import { browserFetch, publicCall } from '../publicCall'

export type { RatingInfo, RatingRequest } from '../../../domain/protocol/publicRating'

export type RatingFailure = 'unknown' | 'expired' | 'used' | 'invalid' | 'offline' | 'server'

export class RatingCallFailed extends Error {
  override readonly name = 'RatingCallFailed'
  constructor(readonly kind: RatingFailure, readonly serverMessage: string | null, readonly fields: { path: string, message: string }[] = []) {
    super(serverMessage ?? kind)
  }
}

/** fetch, or a test's stand-in. */
export type RatingFetch = PublicFetch
type Fetch = RatingFetch

/** The token of /r/<token> (empty when the address has none). */
export function tokenFromPath(pathname: string): string {
  const match = /^\/r\/([\w-]+)\/?$/.exec(pathname)
  return match?.[1] ?? ''
}

/** The page's name for what went wrong with a call. */
function ratingFailure(problem: PublicCallProblem): RatingCallFailed {
  if (problem.kind !== 'status')
    return new RatingCallFailed(problem.kind === 'offline' ? 'offline' : 'server', null)
  const { status, error, message, fields } = problem
  if (status === 404)
    return new RatingCallFailed('unknown', message)
  if (status === 410)
    return new RatingCallFailed(error === 'rating-token-expired' ? 'expired' : 'used', message)
  if (status === 400 || status === 409 || status === 413)
    return new RatingCallFailed('invalid', message, fields)
  return new RatingCallFailed('server', message)
}

function call<T>(fetchFn: Fetch, path: string, shape: AnswerShape, body?: unknown): Promise<T> {
  return publicCall<T>(fetchFn, path, shape, ratingFailure, body)
}

export function fetchRatingInfo(token: string, fetchFn: Fetch = browserFetch): Promise<RatingInfo> {
  return call<RatingInfo>(fetchFn, `/api/public/ratings/${encodeURIComponent(token)}`, { stationName: 'string', subjectKind: 'string', itemName: 'string|null', staffName: 'string|null', expiresAt: 'string' })
}

export async function submitRating(token: string, answers: RatingRequest, fetchFn: Fetch = browserFetch): Promise<void> {
  await call<{ status: 'rated' }>(fetchFn, `/api/public/ratings/${encodeURIComponent(token)}`, { status: 'string' }, answers)
}
