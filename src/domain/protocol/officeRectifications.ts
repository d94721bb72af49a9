/**
 * Rectification tasks and appeals for the office (issue 9 item 6; 7.2.2, DOMAIN.md 申诉复核) under
 * /api/office/rectifications and /api/office/appeals: the folded states (RectificationState, AppealState, checked
 * against the domain's types) with the office's additions, the rating behind them, and the two decisions' bodies.
 */
import type { AppealState } from '../appeal'
import type { FoldLogEntry } from '../foldSupport'
import type { RectificationProgress, RectificationRecheck, RectificationState } from '../rectification'
import { z } from 'zod'
import { appealGroundSchema } from '../appeal'
import { ratingLevelSchema } from '../rating'
import { rectificationSourceSchema } from '../rectification'
import { storableText } from './common'

const reason = storableText().trim().min(1, '请填写理由').max(1000, '理由不能超过 1000 个字符')

/** POST /api/office/rectifications/:id/recheck (reviewer, admin): 7.2.2 复查. */
export const recheckBodySchema = z.object({
  result: z.enum(['closed', 'sentBack'], { message: '复查结果应为 closed（通过）或 sentBack（退回）' }),
  reason,
}).strict()

/** POST /api/office/appeals/:id/decision (reviewer, admin): 申诉复核. */
export const appealDecisionBodySchema = z.object({
  decision: z.enum(['upheld', 'rejected'], { message: '复核结论应为 upheld（申诉成立）或 rejected（驳回）' }),
  reason,
}).strict()

/** The decision's answer: the task's or the appeal's new status. */
export const recheckAnswerSchema = z.object({ status: z.enum(['closed', 'sentBack']) })
export type RecheckAnswer = z.infer<typeof recheckAnswerSchema>
export const appealDecisionAnswerSchema = z.object({ status: z.enum(['upheld', 'rejected']) })
export type AppealDecisionAnswer = z.infer<typeof appealDecisionAnswerSchema>

const foldLogEntrySchema = z.object({
  eventId: z.string(),
  type: z.string(),
  occurredAt: z.string(),
  staffId: z.string().nullable(),
  deviceId: z.string(),
  summary: z.string(),
  applied: z.boolean(),
  rejection: z.string().nullable(),
  details: z.record(z.string(), z.unknown()).nullable(),
}) satisfies z.ZodType<FoldLogEntry>

/** The members every folded projection ends with (domain/foldSupport.ts FoldAttention). */
const foldAttentionShape = {
  log: z.array(foldLogEntrySchema),
  needsAttention: z.boolean(),
  attentionReasons: z.array(z.string()),
  lastOccurredAt: z.string(),
  eventCount: z.number().int(),
}

/** What the office sees of the rating behind a task or an appeal (never the citizen's comment). */
export const officeRatingSummarySchema = z.object({
  id: z.string(),
  level: ratingLevelSchema.nullable(),
  dimensions: z.object({ attitude: ratingLevelSchema, quality: ratingLevelSchema, efficiency: ratingLevelSchema }).nullable(),
  reasons: z.array(z.string()),
  ratedAt: z.string().nullable(),
  channel: z.string().nullable(),
  staffId: z.string().nullable(),
  staffName: z.string().nullable(),
  /** The appeal's status when the station appealed it ('filed' | 'upheld' | 'rejected'). */
  appeal: z.string().nullable(),
})
export type OfficeRatingSummary = z.infer<typeof officeRatingSummarySchema>

const rectificationStateSchema = z.object({
  ...foldAttentionShape,
  id: z.string(),
  stationId: z.string(),
  source: rectificationSourceSchema,
  ownerStaffId: z.string().nullable(),
  openedAt: z.string(),
  dueAt: z.string(),
  dueProvisional: z.boolean(),
  workdays: z.number().int(),
  status: z.enum(['open', 'submitted', 'sentBack', 'closed']),
  progress: z.array(z.object({ at: z.string(), staffId: z.string().nullable(), note: z.string(), submitted: z.boolean() }) satisfies z.ZodType<RectificationProgress>),
  rechecks: z.array(z.object({ at: z.string(), result: z.enum(['closed', 'sentBack']), reason: z.string(), by: z.string() }) satisfies z.ZodType<RectificationRecheck>),
  closedAt: z.string().nullable(),
}) satisfies z.ZodType<RectificationState>

/** A rectification task of a station of the division. */
export const officeRectificationSchema = rectificationStateSchema.extend({
  stationName: z.string(),
  stationCode: z.string(),
  ownerName: z.string().nullable(),
  overdue: z.boolean(),
  rating: officeRatingSummarySchema.nullable(),
})
export type OfficeRectification = z.infer<typeof officeRectificationSchema>

/** GET /api/office/rectifications: waiting for 复查 first, then by due. */
export const officeRectificationsAnswerSchema = z.object({
  asOf: z.string(),
  tasks: z.array(officeRectificationSchema),
})
export type OfficeRectificationsAnswer = z.infer<typeof officeRectificationsAnswerSchema>

const appealStateSchema = z.object({
  ...foldAttentionShape,
  id: z.string(),
  stationId: z.string(),
  rating: z.string(),
  ground: appealGroundSchema,
  reason: z.string(),
  filedAt: z.string(),
  filedBy: z.string().nullable(),
  status: z.enum(['filed', 'upheld', 'rejected']),
  decisionReason: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decidedBy: z.string().nullable(),
}) satisfies z.ZodType<AppealState>

/** An appeal of a station of the division, with the rating it is about. */
export const officeAppealSchema = appealStateSchema.extend({
  stationName: z.string(),
  stationCode: z.string(),
  ratingSummary: officeRatingSummarySchema.nullable(),
})
export type OfficeAppeal = z.infer<typeof officeAppealSchema>

/** GET /api/office/appeals: undecided first. */
export const officeAppealsAnswerSchema = z.object({ appeals: z.array(officeAppealSchema) })
export type OfficeAppealsAnswer = z.infer<typeof officeAppealsAnswerSchema>
