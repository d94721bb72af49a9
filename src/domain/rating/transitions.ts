/**
 * The rating rules (6.3.3.4, DOMAIN.md 好差评): one evaluation per subject, entered by the citizen, after a
 * prompt or with a valid token; the fold applies them, the app asks `ratingTransitionError` first.
 */
import type { Reason } from '../reason'
import type { RatingEventInput, RatingEventType } from './payloads'
import type { RatingEventContext, RatingState } from './state'
import { canonicalJson } from '../events'
import { reasonText, step } from '../reason'
import { ratingEventLabels } from './payloads'

export interface Verdict {
  reason: Reason
  contradicts?: boolean
}

const notApplied = (type: RatingEventType, why: Reason): Reason => ({ code: 'fold.notApplied', params: { step: step(type, ratingEventLabels[type]), why } })
export const refused = (type: RatingEventType, why: Reason): Verdict => ({ reason: notApplied(type, why) })

/** 6.3.3.4: the verdict on `ev` for a rating in `state`; null when it applies. */
export function judge(state: RatingState | null, ev: RatingEventInput, ctx: RatingEventContext): Verdict | null {
  const rated = state?.status === 'rated'
  switch (ev.type) {
    case 'rating.prompted':
      if (rated)
        return refused(ev.type, { code: 'rating.alreadyRatedOnce' })
      if (state?.status === 'declined')
        return refused(ev.type, { code: 'rating.declinedNoPrompt' })
      return null
    case 'rating.tokenMinted':
      if (rated)
        return refused(ev.type, { code: 'rating.alreadyRatedOnce' })
      if (state?.status === 'declined')
        return refused(ev.type, { code: 'rating.declinedNoPrompt' })
      if (Date.parse(ev.payload.expiresAt) <= Date.parse(ctx.occurredAt))
        return refused(ev.type, { code: 'rating.tokenExpiredAtMint' })
      return null
    case 'rating.given': {
      const p = ev.payload
      if (p.enteredBy !== 'citizen')
        return refused(ev.type, { code: 'rating.staffCannotRate' })
      if (rated && state) {
        const { tokenSha256: _t, ...mine } = p
        const same = state.level === p.level && canonicalJson({ d: state.dimensions, r: state.reasons, c: state.comment }) === canonicalJson({ d: mine.dimensions, r: mine.reasons, c: mine.comment ?? null })
        return same ? null : { reason: { code: 'rating.ratedTwice' }, contradicts: true }
      }
      if (p.channel === 'counter') {
        if (!state || state.promptedAt === null)
          return refused(ev.type, { code: 'rating.notPrompted' })
        return null
      }
      if (ctx.staffId !== null)
        return refused(ev.type, { code: 'rating.scanWithStaff' })
      const token = state?.tokens.find(t => t.tokenSha256 === p.tokenSha256)
      if (!token)
        return refused(ev.type, { code: 'rating.tokenInvalid' })
      if (Date.parse(ctx.occurredAt) > Date.parse(token.expiresAt))
        return refused(ev.type, { code: 'rating.tokenExpired' })
      return null
    }
    case 'rating.declined':
      if (rated)
        return refused(ev.type, { code: 'rating.alreadyRated' })
      return null
  }
}

/** 6.3.3.4: why the app must not record `event` on a rating in `state` now, or null when it may. */
export function ratingTransitionRefusal(state: RatingState | null, event: RatingEventInput, context: Partial<RatingEventContext> = {}): Reason | null {
  if (state && state.subject !== event.payload.subject)
    return notApplied(event.type, { code: 'rating.otherSubject' })
  if (state && event.type === 'rating.given' && state.status === 'rated')
    return notApplied(event.type, { code: 'rating.alreadyRatedOnce' })
  if (state && event.type === 'rating.declined' && state.status === 'declined')
    return notApplied(event.type, { code: 'rating.alreadyDeclined' })
  const ctx: RatingEventContext = { occurredAt: context.occurredAt ?? new Date().toISOString(), staffId: context.staffId ?? null }
  return judge(state, event, ctx)?.reason ?? null
}

/** ratingTransitionRefusal in Chinese (the public rating page's refusal, from the server). */
export function ratingTransitionError(state: RatingState | null, event: RatingEventInput, context: Partial<RatingEventContext> = {}): string | null {
  const refusal = ratingTransitionRefusal(state, event, context)
  return refusal && reasonText(refusal)
}
