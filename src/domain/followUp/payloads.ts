/**
 * Follow-up call events (回访, 7.1.3; DOMAIN.md 好差评) on a stream of their own, 'followUp:<uuid of the
 * subject>' (like ratings: every tablet and the office write the same stream for the same case):
 * - `followUp.recorded`: one call-back attempt — reached or not, the citizen's view when reached, notes.
 * Who and when are the envelope's. PERSONAL DATA possibly: `notes` (staff's free text) only.
 */
import { z } from 'zod'
import { streamIdSchema, streamUuid } from '../events'
import { optionalText } from '../payloadFields'

/** The stream kind of follow-up calls: 'followUp:<uuid of the case or consultation>'. */
export const FOLLOW_UP_STREAM_KIND = 'followUp'

export const followUpEventTypes = ['followUp.recorded'] as const
export type FollowUpEventType = typeof followUpEventTypes[number]

/** 7.1.3: what is called back about, a case or a consultation stream id. */
export const followUpSubjectSchema = streamIdSchema.refine(s => s.startsWith('case:') || s.startsWith('consultation:'), { message: '回访对象应为办件或咨询' })

/** Why a call-back is due: every 差评, or the office's sample of other cases. */
export const followUpReasonSchema = z.enum(['badRating', 'sample'], { message: '回访原因应为 badRating（差评）或 sample（抽样）' })
export type FollowUpReason = z.infer<typeof followUpReasonSchema>
export const followUpReasonLabels: Record<FollowUpReason, string> = { badRating: '差评回访', sample: '抽样回访' }

/** The citizen's view on the call (asked only when reached). */
export const followUpViews = ['satisfied', 'basicallySatisfied', 'unsatisfied', 'noComment'] as const
export const followUpViewSchema = z.enum(followUpViews, { message: '群众意见应为 satisfied / basicallySatisfied / unsatisfied / noComment' })
export type FollowUpView = z.infer<typeof followUpViewSchema>
export const followUpViewLabels: Record<FollowUpView, string> = { satisfied: '满意', basicallySatisfied: '基本满意', unsatisfied: '不满意', noComment: '未表态' }

/** 7.1.3: one call-back attempt. */
export const followUpRecordedPayloadSchema = z.object({
  subject: followUpSubjectSchema,
  reason: followUpReasonSchema,
  reached: z.boolean({ error: '请说明是否联系上群众' }),
  /** Reached only. */
  view: followUpViewSchema.nullable().optional(),
  /** PERSONAL DATA possibly: what was said or done. */
  notes: optionalText(500),
}).strict().superRefine((p, ctx) => {
  if (p.reached && !p.view)
    ctx.addIssue({ code: 'custom', path: ['view'], message: '联系上群众时请记录群众意见' })
  if (!p.reached && p.view)
    ctx.addIssue({ code: 'custom', path: ['view'], message: '未联系上时没有群众意见' })
})
export type FollowUpRecordedPayload = z.infer<typeof followUpRecordedPayloadSchema>

/** Payload schemas of version 1, registered in eventTypes.ts. */
export const followUpEventSchemas = {
  'followUp.recorded': followUpRecordedPayloadSchema,
} as const satisfies Record<FollowUpEventType, z.ZodType>

/** 7.1.3: the stream of the call-backs about `subject` ('case:X' → 'followUp:X'). */
export function followUpStreamFor(subject: string): string {
  return `${FOLLOW_UP_STREAM_KIND}:${streamUuid(subject)}`
}
