/**
 * A station's staff for the office (SYNC-API.md "Office: staff and devices"; issue 8 item 3, 5.3), under
 * /api/office/stations/:id/staff: the roster answer and the request bodies. Mobile numbers go through the
 * domain's validator (normalised), PINs through the domain's PIN rule, so the office page and the server agree.
 */
import { z } from 'zod'
import { isCivilDate } from '../calendar'
import { STAFF_ROLES, TRAINING_KINDS } from '../staffing'
import { validateNewPin } from '../auth/pinPolicy'
import { mobileField as mobile } from './common'

const name = z.string().trim().min(1, '请填写姓名').max(32, '姓名不能超过 32 个字符')

const mobileField = mobile()

const pinField = z.string().max(32, 'PIN过长').transform((value, ctx) => {
  const result = validateNewPin(value)
  if (!result.ok) {
    ctx.addIssue({ code: 'custom', message: result.reason })
    return z.NEVER
  }
  return result.value
})

const civilDate = z.string().refine(isCivilDate, { message: '日期应为 YYYY-MM-DD', params: { format: 'date' } })
const role = z.enum(STAFF_ROLES, { error: '岗位应为 lead（负责人）或 staff（工作人员）' })
const optionalText = (max: number, message: string) => z.string().trim().max(max, message).optional()

export const addStaffBodySchema = z.object({
  name,
  mobile: mobileField,
  pin: pinField,
  assessmentPassed: z.boolean({ error: 'assessmentPassed 应为 true 或 false' }),
  role: role.optional(),
  /** With assessmentPassed: the assessment's date (default today, CST) and assessor (default the office user). */
  assessmentDate: civilDate.optional(),
  assessor: optionalText(32, '考核人不能超过 32 个字符'),
})

export const updateStaffBodySchema = z.object({
  name: name.optional(),
  mobile: mobileField.optional(),
  role: role.optional(),
}).refine(b => b.name !== undefined || b.mobile !== undefined || b.role !== undefined, '请至少修改一项')

export const assessmentBodySchema = z.object({
  date: civilDate,
  passed: z.boolean({ error: 'passed 应为 true（通过）或 false（未通过）' }),
  assessor: z.string().trim().min(1, '请填写考核人').max(32, '考核人不能超过 32 个字符'),
  notes: optionalText(500, '备注不能超过 500 个字符'),
})

export const trainingBodySchema = z.object({
  kind: z.enum(TRAINING_KINDS, { error: '培训方式应为 regular（定期培训）、online（线上指导）、shadowing（带班学习）或 pairing（结对帮扶）' }),
  date: civilDate,
  hours: z.number({ error: '学时应为数字' }).positive('学时应大于 0').max(1000, '学时过大').optional(),
  notes: optionalText(500, '内容不能超过 500 个字符'),
  mentorId: z.string().min(1).max(64).optional(),
}).superRefine((b, ctx) => {
  if (b.kind === 'pairing' && !b.mentorId)
    ctx.addIssue({ code: 'custom', path: ['mentorId'], message: '结对帮扶须选择帮扶人' })
})

export const pinBodySchema = z.object({ pin: pinField })

export const revealBodySchema = z.object({
  reason: z.string().trim().min(2, '请填写查看完整号码的原因').max(200, '原因不能超过 200 个字符'),
})

/** One assessment record (5.3.2), append-only; the latest by date decides whether the member may sign in. */
export const rosterAssessmentSchema = z.object({
  id: z.string(),
  date: z.string(),
  passed: z.boolean(),
  assessor: z.string(),
  notes: z.string().nullable(),
  recordedBy: z.string(),
  recordedAt: z.string(),
})

/** One training record (5.3.3). */
export const rosterTrainingSchema = z.object({
  id: z.string(),
  kind: z.enum(TRAINING_KINDS),
  /** 定期培训, 线上指导, 带班学习, 结对帮扶. */
  kindLabel: z.string(),
  date: z.string(),
  hours: z.number().nullable(),
  notes: z.string().nullable(),
  mentorId: z.string().nullable(),
  mentorName: z.string().nullable(),
  recordedBy: z.string(),
  recordedAt: z.string(),
})

export const rosterMemberSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: z.enum(STAFF_ROLES),
  active: z.boolean(),
  /** Masked (138****5678); the full number only through the audited reveal. Null: none on file. */
  mobileMasked: z.string().nullable(),
  /** 5.3.2: whether the member may sign in at the counter (the latest assessment record). */
  assessmentPassed: z.boolean(),
  assessmentDate: z.string().nullable(),
  hasPin: z.boolean(),
  /** The PIN's verifier is a PBKDF2 one from before argon2id: it still works on tablets, but the office should reset it (需重设 PIN). */
  pinNeedsReset: z.boolean(),
  assessments: z.array(rosterAssessmentSchema),
  trainings: z.array(rosterTrainingSchema),
})
export type RosterMember = z.infer<typeof rosterMemberSchema>

/** GET /api/office/stations/:id/staff (any role). */
export const rosterAnswerSchema = z.object({
  stationId: z.string(),
  staffing: z.object({
    active: z.number().int(),
    min: z.number().int(),
    max: z.number().int(),
    /** 5.3: shown as a warning, never a block. */
    warning: z.enum(['no-staff', 'too-many-staff']).nullable(),
    message: z.string().nullable(),
  }),
  staff: z.array(rosterMemberSchema),
})
export type RosterAnswer = z.infer<typeof rosterAnswerSchema>

/** The answer of a staff write: the member's id (POST …/staff, PATCH, …/trainings, …/pin). */
export const staffWriteAnswerSchema = z.object({ id: z.string() })
export type StaffWriteAnswer = z.infer<typeof staffWriteAnswerSchema>

export const assessmentAnswerSchema = z.object({ id: z.string(), assessmentPassed: z.boolean(), assessmentDate: z.string().nullable() })
export type AssessmentAnswer = z.infer<typeof assessmentAnswerSchema>

export const staffActiveAnswerSchema = z.object({ id: z.string(), active: z.boolean() })
export type StaffActiveAnswer = z.infer<typeof staffActiveAnswerSchema>

/** POST …/staff/:staffId/mobile {reason} → the full number (the reveal and its reason are audited). */
export const mobileRevealAnswerSchema = z.object({ mobile: z.string().nullable() })
export type MobileRevealAnswer = z.infer<typeof mobileRevealAnswerSchema>
