/**
 * foldFollowUp: the call-backs about one subject (7.1.3), earliest first, and when the citizen was first
 * reached (the task is done then). An unreadable event or one about another subject is skipped and flags it.
 */
import type { DomainEvent } from '../events'
import type { Reason } from '../reason'
import type { FollowUpReason, FollowUpView } from './payloads'
import { orderedUnique } from '../events'
import { attentionOf } from '../foldSupport'
import { followUpRecordedPayloadSchema, followUpViewLabels } from './payloads'

/** 7.1.3: one call-back attempt as folded. */
export interface FollowUpAttempt {
  eventId: string
  at: string
  staffId: string | null
  /** 'office:<username>' when the office made the call. */
  deviceId: string
  reason: FollowUpReason
  reached: boolean
  view: FollowUpView | null
  notes: string | null
}

export interface FollowUpState {
  /** 'followUp:<uuid of the subject>'. */
  id: string
  stationId: string
  subject: string
  reason: FollowUpReason
  attempts: FollowUpAttempt[]
  /** The first attempt that reached the citizen; null while none did. */
  reachedAt: string | null
  view: FollowUpView | null
  needsAttention: boolean
  attentionReasons: string[]
  /** The same reasons by code (src/domain/reason.ts); absent in projections folded before reasons had codes. */
  attentionCodes?: Reason[]
}

/** 7.1.3: fold one follow-up stream; null until it has a readable attempt. */
export function foldFollowUp(input: readonly DomainEvent[]): FollowUpState | null {
  const reasons: Reason[] = []
  let state: FollowUpState | null = null
  for (const e of orderedUnique(input)) {
    const parsed = e.type === 'followUp.recorded' ? followUpRecordedPayloadSchema.safeParse(e.payload) : null
    if (!parsed?.success) {
      reasons.push(parsed ? { code: 'followUp.unreadable', params: { id: e.id } } : { code: 'followUp.foreignType', params: { type: e.type } })
      continue
    }
    const p = parsed.data
    if (state && p.subject !== state.subject) {
      reasons.push({ code: 'followUp.otherSubject' })
      continue
    }
    state ??= { id: e.stream, stationId: e.stationId, subject: p.subject, reason: p.reason, attempts: [], reachedAt: null, view: null, needsAttention: false, attentionReasons: [] }
    state.attempts.push({ eventId: e.id, at: e.occurredAt, staffId: e.staffId, deviceId: e.deviceId, reason: p.reason, reached: p.reached, view: p.view ?? null, notes: p.notes ?? null })
    if (p.reached && state.reachedAt === null) {
      state.reachedAt = e.occurredAt
      state.view = p.view ?? null
    }
  }
  if (!state)
    return null
  Object.assign(state, attentionOf(reasons))
  return state
}

/** 7.1.3, Annex F 回访日期及结果: the wording of one attempt, without personal data (notes left out). */
export function followUpResultText(attempt: Pick<FollowUpAttempt, 'reached' | 'view'>): string {
  if (!attempt.reached)
    return '回访未接通'
  return `已回访，群众意见：${attempt.view ? followUpViewLabels[attempt.view] : followUpViewLabels.noComment}`
}
