/**
 * Audit of personal data leaving its masking (DOMAIN.md masking: "revealing a full value needs a reason
 * and is recorded (who, when, which record, why)"; 个人信息保护法 section: reveal and export logged).
 *
 * - `audit.exported`: a ledger exported (or printed) with full values — which ledger, which filter, how many
 *   rows, in what format, and why. Masked exports are not audited: nothing left its masking.
 * - `audit.revealed`: one field of one record shown in full — the record's stream id, the field, and why.
 * Who and when are the envelope's staffId and occurredAt; the station and tablet are its stationId/deviceId.
 *
 * Each audit fact is a stream of its own ('audit:<uuid>', `newAuditStream`): nothing folds audit events
 * and no two facts are ever in conflict, so there is no projection kind for them (the server keeps the
 * access log; DOMAIN.md: 6 months).
 *
 * NO PERSONAL DATA: a payload names the record and the field, never the value. The reason is free text
 * staff type; the form says not to put the citizen's data in it.
 */
import type { LedgerFilter } from './ledgerFilter'
import { z } from 'zod'
import { isCivilDate } from './calendar'
import { newStreamId, streamIdSchema } from './events'

/** The stream kind of audit facts: one 'audit:<uuid>' per fact. */
export const AUDIT_STREAM_KIND = 'audit'

/** The audit event types of payload version 1. */
export const auditEventTypes = ['audit.exported', 'audit.revealed'] as const
export type AuditEventType = typeof auditEventTypes[number]

const text = (max: number) => z.string().min(1, '不能为空').max(max, `不能超过 ${max} 个字符`).regex(/\S/, '不能为空')
const civilDateSchema = z.string().refine(isCivilDate, { message: '日期应为有效的 YYYY-MM-DD' })

/** 6.2.4: the ledgers that can be exported (Annex D, E, F). */
export const auditLedgerSchema = z.enum(['D', 'E', 'F'])
export type AuditLedger = z.infer<typeof auditLedgerSchema>

/** How the full values left the tablet: a spreadsheet, a CSV file, or paper (a print is an export too). */
export const exportFormatSchema = z.enum(['xlsx', 'csv', 'print'])
export type ExportFormat = z.infer<typeof exportFormatSchema>
export const exportFormatLabels: Record<ExportFormat, string> = { xlsx: 'Excel 表格', csv: 'CSV 文件', print: '打印' }

/** The ledger filter an export was made with, as ledgerFilter.ts's LedgerFilter (date range, staff, item, state); no personal data. */
export const exportFilterSchema = z.object({
  /** First CST day of receipt included, 'YYYY-MM-DD'; null or absent for no lower bound. */
  from: civilDateSchema.nullable().optional(),
  /** Last CST day of receipt included, 'YYYY-MM-DD'; null or absent for no upper bound. */
  to: civilDateSchema.nullable().optional(),
  staffIds: z.array(text(64)).max(200).optional(),
  itemCodes: z.array(text(64)).max(500).optional(),
  /** Case statuses (CaseStatus), e.g. 'completed'. */
  statuses: z.array(text(64)).max(50).optional(),
}).strict().refine(f => !f.from || !f.to || f.from <= f.to, { message: '开始日期不能晚于结束日期', path: ['to'] })
export type ExportFilter = z.infer<typeof exportFilterSchema>

/** DOMAIN.md masking: a full-value export, recorded before the file is made. */
export const auditExportedPayloadSchema = z.object({
  ledger: auditLedgerSchema,
  format: exportFormatSchema,
  filter: exportFilterSchema,
  rowCount: z.number().int().min(0),
  /** Only full-value exports are audited. */
  masked: z.literal(false),
  reason: text(200),
}).strict()
export type AuditExportedPayload = z.infer<typeof auditExportedPayloadSchema>

/** The personal-data fields a screen can reveal (DOMAIN.md masking: ID, mobile, name; and the other contact data); their names are the app's `privacy.fields` messages. */
export const revealableFieldSchema = z.enum(['name', 'idNumber', 'mobile', 'contactName', 'contactPhone', 'address'])
export type RevealableField = z.infer<typeof revealableFieldSchema>

/** The records whose personal data can be revealed: cases and consultations. */
export const revealSubjectSchema = streamIdSchema.refine(s => s.startsWith('case:') || s.startsWith('consultation:'), { message: '查看对象应为办件或咨询' })

/** DOMAIN.md masking: one field of one record shown in full (who and when are the envelope's). */
export const auditRevealedPayloadSchema = z.object({
  subject: revealSubjectSchema,
  field: revealableFieldSchema,
  reason: text(200),
}).strict()
export type AuditRevealedPayload = z.infer<typeof auditRevealedPayloadSchema>

export interface AuditEventPayloads {
  'audit.exported': AuditExportedPayload
  'audit.revealed': AuditRevealedPayload
}

/** Payload schemas of version 1, registered in eventTypes.ts. */
export const auditEventSchemas = {
  'audit.exported': auditExportedPayloadSchema,
  'audit.revealed': auditRevealedPayloadSchema,
} as const satisfies Record<AuditEventType, z.ZodType>

/** A new stream for one audit fact. */
export function newAuditStream(): string {
  return newStreamId(AUDIT_STREAM_KIND)
}

/** DOMAIN.md masking: the message staff see when a full-value export has no reason. */
export const EXPORT_REASON_REQUIRED = '请填写导出完整信息的原因'

/** DOMAIN.md masking: the message staff see when revealing a full value has no reason. */
export const REVEAL_REASON_REQUIRED = '请填写查看完整信息的原因'

/** DOMAIN.md masking: null when `reason` is acceptable for a full-value export, else the Chinese message to show. */
export function exportReasonError(reason: string | null | undefined): string | null {
  const trimmed = reason?.trim() ?? ''
  if (!trimmed)
    return EXPORT_REASON_REQUIRED
  return trimmed.length > 200 ? '原因不能超过 200 个字符' : null
}

/** The audit payload's filter from a ledger listing's filter: empty lists left out, open ends null. */
export function exportFilterOf(filter: LedgerFilter): ExportFilter {
  return {
    from: filter.from ?? null,
    to: filter.to ?? null,
    ...(filter.staffIds?.length ? { staffIds: [...filter.staffIds] } : {}),
    ...(filter.itemCodes?.length ? { itemCodes: [...filter.itemCodes] } : {}),
    ...(filter.statuses?.length ? { statuses: [...filter.statuses] } : {}),
  }
}

/** DOMAIN.md masking: null when `reason` is acceptable for revealing a full value, else the Chinese message to show. */
export function revealReasonError(reason: string | null | undefined): string | null {
  const trimmed = reason?.trim() ?? ''
  if (!trimmed)
    return REVEAL_REASON_REQUIRED
  return trimmed.length > 200 ? '原因不能超过 200 个字符' : null
}

/**
 * The `audit.revealed` payload for showing one field of one record in full, or the reason it is refused
 * (no reason given, an unknown field, a subject that is not a case or consultation). Nothing is revealed
 * without this payload recorded first.
 */
export function revealAuditPayload(subject: string, field: string, reason: string | null | undefined): { ok: true, payload: AuditRevealedPayload } | { ok: false, error: string } {
  const reasonError = revealReasonError(reason)
  if (reasonError)
    return { ok: false, error: reasonError }
  const parsed = auditRevealedPayloadSchema.safeParse({ subject, field, reason: reason?.trim() })
  return parsed.success ? { ok: true, payload: parsed.data } : { ok: false, error: parsed.error.issues[0]?.message ?? '无法查看' }
}
