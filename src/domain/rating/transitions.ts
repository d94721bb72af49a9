/**
 * The rating rules (6.3.3.4, DOMAIN.md 好差评): one evaluation per subject, entered by the citizen, after a
 * prompt or with a valid token; the fold applies them, the app asks `ratingTransitionError` first.
 */
import type { RatingEventInput, RatingEventType } from './payloads'
import type { RatingEventContext, RatingState } from './state'
import { canonicalJson } from '../events'
import { ratingEventLabels } from './payloads'

export interface Verdict {
  reason: string
  contradicts?: boolean
}

export const refused = (type: RatingEventType, why: string): Verdict => ({ reason: `${ratingEventLabels[type]}未生效：${why}` })

/** 6.3.3.4: the verdict on `ev` for a rating in `state`; null when it applies. */
export function judge(state: RatingState | null, ev: RatingEventInput, ctx: RatingEventContext): Verdict | null {
  const rated = state?.status === 'rated'
  switch (ev.type) {
    case 'rating.prompted':
      if (rated)
        return refused(ev.type, '已评价（一次一评）')
      if (state?.status === 'declined')
        return refused(ev.type, '群众已表示不评价，不应再次邀请（评价自愿）')
      return null
    case 'rating.tokenMinted':
      if (rated)
        return refused(ev.type, '已评价（一次一评）')
      if (state?.status === 'declined')
        return refused(ev.type, '群众已表示不评价，不应再次邀请（评价自愿）')
      if (Date.parse(ev.payload.expiresAt) <= Date.parse(ctx.occurredAt))
        return refused(ev.type, '凭证的有效期已过')
      return null
    case 'rating.given': {
      const p = ev.payload
      if (p.enteredBy !== 'citizen')
        return refused(ev.type, '工作人员不能代替群众评价（须由群众在评价屏或扫码填写）')
      if (rated && state) {
        const { tokenSha256: _t, ...mine } = p
        const same = state.level === p.level && canonicalJson({ d: state.dimensions, r: state.reasons, c: state.comment }) === canonicalJson({ d: mine.dimensions, r: mine.reasons, c: mine.comment ?? null })
        return same ? null : { reason: '同一事项评价了两次（一次一评）', contradicts: true }
      }
      if (p.channel === 'counter') {
        if (!state || state.promptedAt === null)
          return refused(ev.type, '没有邀请评价的记录（评价屏未打开）')
        return null
      }
      if (ctx.staffId !== null)
        return refused(ev.type, '扫码评价不应带有工作人员身份')
      const token = state?.tokens.find(t => t.tokenSha256 === p.tokenSha256)
      if (!token)
        return refused(ev.type, '评价凭证无效')
      if (Date.parse(ctx.occurredAt) > Date.parse(token.expiresAt))
        return refused(ev.type, '评价凭证已过期')
      return null
    }
    case 'rating.declined':
      if (rated)
        return refused(ev.type, '已评价')
      return null
  }
}

/** 6.3.3.4: why the app must not record `event` on a rating in `state` now (Chinese), or null when it may. */
export function ratingTransitionError(state: RatingState | null, event: RatingEventInput, context: Partial<RatingEventContext> = {}): string | null {
  if (state && state.subject !== event.payload.subject)
    return `${ratingEventLabels[event.type]}未生效：评价对象不符`
  if (state && event.type === 'rating.given' && state.status === 'rated')
    return `${ratingEventLabels[event.type]}未生效：已评价（一次一评）`
  if (state && event.type === 'rating.declined' && state.status === 'declined')
    return `${ratingEventLabels[event.type]}未生效：已记录不评价`
  const ctx: RatingEventContext = { occurredAt: context.occurredAt ?? new Date().toISOString(), staffId: context.staffId ?? null }
  return judge(state, event, ctx)?.reason ?? null
}
