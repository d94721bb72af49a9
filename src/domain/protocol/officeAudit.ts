/**
 * The office's logs (issue 8 item 8, issue 11 item 3), admins only: the office audit log (GET /api/office/audit),
 * the stations' personal-data access log (GET /api/office/audit/access), both newest-first pages
 * `{entries, nextBefore}`, and revealing a citizen's full value in the console (POST /api/office/personal/reveal).
 */
import { z } from 'zod'
import { auditRevealedPayloadSchema, REVEAL_REASON_REQUIRED, revealableFieldSchema } from '../audit'
import { isCivilDate } from '../calendar'

const civilDate = z.string().refine(isCivilDate, { message: '日期应为有效的 YYYY-MM-DD', params: { format: 'date' } })
const pageLimit = z.coerce.number({ message: '条数应为数字' }).int('条数应为整数').min(1, '条数至少 1').max(200, '条数最多 200').default(50)
const pageBefore = z.string().regex(/^\d{1,18}$/, '翻页位置不正确')

/**
 * GET /api/office/audit's query: `from`/`to` are CST civil days (both inclusive); `action` matches exactly
 * ('account.created') or by prefix with a trailing '.' ('account.'); `before` is the previous page's `nextBefore`.
 */
export const auditQuerySchema = z.object({
  from: civilDate.optional(),
  to: civilDate.optional(),
  username: z.string().min(1).max(100).optional(),
  action: z.string().regex(/^[a-z][\w.]{0,79}$/i, '操作应为如 account.created 的名称').optional(),
  stationId: z.string().min(1).max(64).optional(),
  limit: pageLimit,
  before: pageBefore.optional(),
}).strict().refine(q => !q.from || !q.to || q.from <= q.to, { path: ['to'], message: '结束日期不能早于开始日期', params: { reason: 'dateOrder' } })

/** One office audit entry. */
export const officeAuditEntrySchema = z.object({
  id: z.string(),
  at: z.string(),
  username: z.string(),
  action: z.string(),
  targetType: z.string(),
  targetId: z.string().nullable(),
  stationId: z.string().nullable(),
  divisionCode: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
})
export type OfficeAuditEntry = z.infer<typeof officeAuditEntrySchema>

export const auditPageAnswerSchema = z.object({
  entries: z.array(officeAuditEntrySchema),
  nextBefore: z.string().nullable(),
})
export type AuditPageAnswer = z.infer<typeof auditPageAnswerSchema>

/** GET /api/office/audit/access's query: `kind` revealed or exported, `field` (reveals only) a revealable field. */
export const accessLogQuerySchema = z.object({
  from: civilDate.optional(),
  to: civilDate.optional(),
  stationId: z.string().min(1).max(64).optional(),
  staffId: z.string().min(1).max(64).optional(),
  kind: z.enum(['revealed', 'exported'], { message: '类型应为 revealed 或 exported' }).optional(),
  field: revealableFieldSchema.optional(),
  limit: pageLimit,
  before: pageBefore.optional(),
}).strict().refine(q => !q.from || !q.to || q.from <= q.to, { path: ['to'], message: '结束日期不能早于开始日期', params: { reason: 'dateOrder' } })

/** One reveal or full-value export recorded at a station (payloads hold no personal value). */
export const accessLogEntrySchema = z.object({
  seq: z.string(),
  eventId: z.string(),
  kind: z.enum(['revealed', 'exported']),
  occurredAt: z.string(),
  stationId: z.string(),
  stationName: z.string(),
  deviceId: z.string(),
  staffId: z.string().nullable(),
  staffName: z.string().nullable(),
  /** revealed: the record ('case:…'), field and reason; exported: ledger, format, filter, rowCount, reason. */
  details: z.record(z.string(), z.unknown()),
})
export type AccessLogEntry = z.infer<typeof accessLogEntrySchema>

export const accessLogPageAnswerSchema = z.object({
  entries: z.array(accessLogEntrySchema),
  nextBefore: z.string().nullable(),
})
export type AccessLogPageAnswer = z.infer<typeof accessLogPageAnswerSchema>

/** POST /api/office/personal/reveal {subject, field, reason}: the reveal is recorded before the value is answered. */
export const personalRevealBodySchema = auditRevealedPayloadSchema.safeExtend({
  reason: z.string({ message: REVEAL_REASON_REQUIRED }).trim().min(1, REVEAL_REASON_REQUIRED).max(200, '原因不能超过 200 个字符'),
})

/** The full value; null when the record has no such field (a purged one answers its tombstone). */
export const personalRevealAnswerSchema = z.object({ value: z.string().nullable() })
export type PersonalRevealAnswer = z.infer<typeof personalRevealAnswerSchema>
