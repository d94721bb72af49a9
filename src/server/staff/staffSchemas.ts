/**
 * Request bodies of the office staff routes (issue 8 item 3). Mobile numbers go through the domain's
 * validator (normalised), PINs through the domain's PIN rule, so the office page and the server agree.
 */
import { z } from 'zod'
import { isCivilDate } from '../../domain/calendar'
import { normalizeMobile } from '../../domain/identity'
import { STAFF_ROLES, TRAINING_KINDS } from '../../domain/staffing'
import { validateNewPin } from '../../domain/auth/pinPolicy'

const name = z.string().trim().min(1, '请填写姓名').max(32, '姓名不能超过 32 个字符')

export const mobileField = z.string().max(32, '手机号码过长').transform((value, ctx) => {
  const result = normalizeMobile(value)
  if (!result.ok) {
    ctx.addIssue({ code: 'custom', message: result.reason })
    return z.NEVER
  }
  return result.value
})

export const pinField = z.string().max(32, 'PIN过长').transform((value, ctx) => {
  const result = validateNewPin(value)
  if (!result.ok) {
    ctx.addIssue({ code: 'custom', message: result.reason })
    return z.NEVER
  }
  return result.value
})

const civilDate = z.string().refine(isCivilDate, '日期应为 YYYY-MM-DD')
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
