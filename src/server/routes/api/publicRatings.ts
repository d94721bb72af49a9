/**
 * The citizen's rating page API (issue 9 item 3), public — no login; the token in the path is the only key:
 *   GET  /api/public/ratings/:token  → 200 {stationName, subjectKind, itemName, staffName, expiresAt}
 *   POST /api/public/ratings/:token  {level, dimensions: {attitude, quality, efficiency}, reasons, comment?}
 *                                    → 201 {status: 'rated'}
 * 404 unknown token (never minted, or the station's tablet has not synced it yet), 410 used or expired,
 * 400 with field errors, 413 too large; never 401 (nobody signs in here). Rate-limited per client address
 * (PUBLIC_RATING_RATE_LIMIT, issue 10 item 5): past it 429 with Retry-After, so tokens cannot be guessed at speed.
 */
import { Hono } from 'hono'
import type { RatingInfo, RatingSubmitted } from '../../../domain/protocol'
import { ratingRequestSchema } from '../../../domain/protocol'
import type { AppEnv } from '../../appEnv'
import { clientAddress } from '../../clientAddress'
import { rateLimit } from '../../rateLimit'
import { errorResponse, invalidBody } from '../../errors'
import { lookupRatingToken, submitPublicRating } from '../../ratings/publicRating'
import { ServerEventInvalid } from '../../sync/serverEvents'
import { validateBody } from '../../validate'

/** Per client address: a citizen opens and submits a page a few times; a token guesser needs millions. */
export const PUBLIC_RATING_RATE_LIMIT = { limit: 60, windowMs: 10 * 60 * 1000 } as const

export const publicRatingMessages = {
  unknown: '评价二维码无效，或服务站尚未同步数据。请稍后再试，或向工作人员询问。',
  expired: '评价二维码已过有效期，感谢您的关注。',
  used: '本次服务已经评价过了（一次一评），感谢您的参与。',
} as const

function gone(c: Parameters<typeof errorResponse>[0], status: 'unknown' | 'expired' | 'used'): Response {
  if (status === 'unknown')
    return errorResponse(c, 404, 'rating-token-unknown', publicRatingMessages.unknown)
  return errorResponse(c, 410, `rating-token-${status}`, publicRatingMessages[status])
}

export function publicRatingRoutes(): Hono<AppEnv> {
  const limitByAddress = rateLimit({ name: 'public-rating:addr', ...PUBLIC_RATING_RATE_LIMIT, key: clientAddress, message: wait => `操作过于频繁，请在 ${wait}后重试` })
  return new Hono<AppEnv>()
    .use(limitByAddress)
    .get('/:token', async (c) => {
      const found = await lookupRatingToken(c.var.deps.db, c.req.param('token'), c.var.deps.now())
      return found.status === 'ok' ? c.json(found.info satisfies RatingInfo) : gone(c, found.status)
    })
    .post('/:token', validateBody(ratingRequestSchema, { maxBytes: 8192 }), async (c) => {
      const body = c.req.valid('json')
      let outcome
      try {
        outcome = await submitPublicRating(c.var.deps.db, c.req.param('token'), body, c.var.deps.now())
      }
      catch (error) {
        if (error instanceof ServerEventInvalid)
          return invalidBody(c, error.fields.map(f => ({ path: f.path.replace(/^payload\./, ''), message: f.message })))
        throw error
      }
      if (outcome.status === 'rated') {
        c.var.log.info({ eventId: outcome.eventId, seq: outcome.seq }, 'public rating recorded')
        return c.json({ status: 'rated' } satisfies RatingSubmitted, 201)
      }
      if (outcome.status === 'refused')
        return errorResponse(c, 409, 'rating-refused', outcome.message)
      return gone(c, outcome.status)
    })
}
