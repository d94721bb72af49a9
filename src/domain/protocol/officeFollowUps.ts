/**
 * Follow-up calls, complaints and their settings for the office (issue 9 items 4, 5; 7.1.3, 6.2.3): the tasks and
 * complaints as folded by the domain (FollowUpTask, ComplaintState) with the office's additions, the request
 * bodies and the settings. The answer schemas are checked against the domain's types where they mirror them.
 */
import type { ComplaintState } from '../complaint'
import type { FollowUpAttempt, FollowUpTask } from '../followUp'
import { z } from 'zod'
import { complaintChannelSchema, complaintSubjectSchema } from '../complaint'
import { followUpReasonSchema, followUpSubjectSchema, followUpViewSchema } from '../followUp'
import { ratingLevelSchema } from '../rating'
import { storableText } from './common'

/** GET /api/office/follow-ups and /api/office/complaints's query. */
export const followUpListQuerySchema = z.object({
  days: z.coerce.number().int('天数应为整数').min(1, '天数应在 1–366 之间').max(366, '天数应在 1–366 之间').default(60),
  status: z.enum(['open', 'all'], { message: '状态应为 open 或 all' }).default('open'),
  stationId: storableText().min(1).max(64).optional(),
})

/** POST /api/office/stations/:id/follow-ups (reviewer, admin): a call-back the office made. */
export const officeFollowUpBodySchema = z.object({
  subject: followUpSubjectSchema,
  reached: z.boolean({ error: '请说明是否联系上群众' }),
  view: followUpViewSchema.nullable().optional(),
  notes: z.string().max(500, '不能超过 500 个字符').optional(),
}).strict()

/** POST /api/office/stations/:id/complaints (reviewer, admin). */
export const officeComplaintBodySchema = z.object({
  subject: complaintSubjectSchema.nullable().optional(),
  channel: complaintChannelSchema,
  content: z.string().max(2000, '不能超过 2000 个字符'),
}).strict()

/** POST /api/office/complaints/:uuid/handle (reviewer, admin). */
export const complaintHandleBodySchema = z.object({
  result: z.string().max(2000, '不能超过 2000 个字符'),
}).strict()

/** PUT /api/office/settings/follow-ups (admin); the last two are optional so older clients keep working. */
export const followUpSettingsBodySchema = z.object({
  samplePercent: z.number().int('抽样比例应为整数').min(0, '抽样比例应在 0–100 之间').max(100, '抽样比例应在 0–100 之间'),
  complaintDueWorkdays: z.number().int('处理期限应为整数').min(1, '处理期限应在 1–60 个工作日之间').max(60, '处理期限应在 1–60 个工作日之间'),
  rectificationWorkdays: z.number().int('整改期限应为整数').min(1, '整改期限应在 1–90 个工作日之间').max(90, '整改期限应在 1–90 个工作日之间').optional(),
  resultsMaskStaffNames: z.boolean({ error: '请说明公示结果是否隐去工作人员姓名' }).optional(),
}).strict()
export type FollowUpSettingsBody = z.infer<typeof followUpSettingsBodySchema>

/** GET (and PUT's answer) /api/office/settings/follow-ups. */
export const followUpSettingsSchema = z.object({
  samplePercent: z.number().int(),
  complaintDueWorkdays: z.number().int(),
  rectificationWorkdays: z.number().int(),
  resultsMaskStaffNames: z.boolean(),
})
export type FollowUpSettings = z.infer<typeof followUpSettingsSchema>

const followUpAttemptSchema = z.object({
  eventId: z.string(),
  at: z.string(),
  staffId: z.string().nullable(),
  /** 'office:<username>' when the office made the call. */
  deviceId: z.string(),
  reason: followUpReasonSchema,
  reached: z.boolean(),
  view: followUpViewSchema.nullable(),
  notes: z.string().nullable(),
}) satisfies z.ZodType<FollowUpAttempt>

const followUpTaskSchema = z.object({
  subject: z.string(),
  stationId: z.string(),
  reason: followUpReasonSchema,
  openedAt: z.string(),
  dueAt: z.string(),
  dueProvisional: z.boolean(),
  status: z.enum(['open', 'done']),
  doneAt: z.string().nullable(),
  attempts: z.number().int(),
  lastAttemptAt: z.string().nullable(),
  staffId: z.string().nullable(),
  receiptNumber: z.string().nullable(),
  itemName: z.string().nullable(),
  ratingLevel: ratingLevelSchema.nullable(),
}) satisfies z.ZodType<FollowUpTask>

/** A call-back task of a station of the division, with every attempt so far (notes included), earliest first. */
export const officeFollowUpTaskSchema = followUpTaskSchema.extend({
  stationCode: z.string(),
  stationName: z.string(),
  calls: z.array(followUpAttemptSchema),
})
export type OfficeFollowUpTask = z.infer<typeof officeFollowUpTaskSchema>

/** GET /api/office/follow-ups: open ones first, by due. */
export const officeFollowUpsAnswerSchema = z.object({
  asOf: z.string(),
  days: z.number().int(),
  samplePercent: z.number().int(),
  tasks: z.array(officeFollowUpTaskSchema),
})
export type OfficeFollowUpsAnswer = z.infer<typeof officeFollowUpsAnswerSchema>

const complaintStateSchema = z.object({
  id: z.string(),
  stationId: z.string(),
  subject: z.string().nullable(),
  channel: complaintChannelSchema,
  content: z.string(),
  recordedAt: z.string(),
  recordedOn: z.string(),
  recordedBy: z.string().nullable(),
  recordedDevice: z.string(),
  dueAt: z.string(),
  dueProvisional: z.boolean(),
  status: z.enum(['open', 'handled']),
  handledAt: z.string().nullable(),
  handledBy: z.string().nullable(),
  result: z.string().nullable(),
  needsAttention: z.boolean(),
  attentionReasons: z.array(z.string()),
  lastOccurredAt: z.string(),
}) satisfies z.ZodType<ComplaintState>

/** A complaint of a station of the division; `overdue`: open and past its due. */
export const officeComplaintSchema = complaintStateSchema.extend({
  stationCode: z.string(),
  stationName: z.string(),
  overdue: z.boolean(),
})
export type OfficeComplaint = z.infer<typeof officeComplaintSchema>

/** GET /api/office/complaints: open ones first, by due. */
export const officeComplaintsAnswerSchema = z.object({
  asOf: z.string(),
  complaints: z.array(officeComplaintSchema),
})
export type OfficeComplaintsAnswer = z.infer<typeof officeComplaintsAnswerSchema>

/** POST …/follow-ups → 201: the follow-up stream and the event recorded on it. */
export const followUpRecordedAnswerSchema = z.object({ id: z.string(), eventId: z.string() })
export type FollowUpRecordedAnswer = z.infer<typeof followUpRecordedAnswerSchema>

/** POST …/complaints → 201, POST /api/office/complaints/:uuid/handle → 200: the complaint's stream. */
export const complaintWriteAnswerSchema = z.object({ id: z.string() })
export type ComplaintWriteAnswer = z.infer<typeof complaintWriteAnswerSchema>
