/**
 * Self-inspection events (自查; 4.2, 5.2, 5.4.2) on a stream of their own, 'inspection:<uuid>':
 * - `inspection.recorded`: one filled checklist — every check of the tier, each ok or a finding with a note;
 *   a finding is a fix task (整改) due `dueAt` (end of the n-th working day after the inspection).
 * - `inspection.fixed`: one finding fixed, with what was done. Who and when are the envelope's.
 * NO PERSONAL DATA: notes describe the station's premises, not citizens.
 */
import { z } from 'zod'
import { newStreamId } from '../events'
import { checklistFor, inspectionCheck, stationTiers } from './checklist'

/** The stream kind of inspections: one 'inspection:<uuid>' per filled checklist. */
export const INSPECTION_STREAM_KIND = 'inspection'

export const inspectionEventTypes = ['inspection.recorded', 'inspection.fixed'] as const
export type InspectionEventType = typeof inspectionEventTypes[number]

const note = (max: number) => z.string().trim().max(max, `不能超过 ${max} 个字`)
const isoInstant = z.iso.datetime({ offset: true, message: '应为带时区的时间' })

export const checkResultSchema = z.enum(['ok', 'finding'], { message: '结果应为 ok（合格）或 finding（问题）' })
export type CheckResult = z.infer<typeof checkResultSchema>
export const checkResultLabels: Record<CheckResult, string> = { ok: '合格', finding: '需整改' }

export const inspectionCheckEntrySchema = z.object({
  id: z.string().refine(id => inspectionCheck(id) !== undefined, { message: '未知的检查项' }),
  result: checkResultSchema,
  note: note(500).nullable().optional(),
  /** Finding only: when the fix is due (inspectionFixDue). */
  dueAt: isoInstant.optional(),
  /** Finding only: true when the due date was counted Monday–Friday because that year's holidays are not published. */
  dueProvisional: z.boolean().optional(),
}).strict().superRefine((c, ctx) => {
  if (c.result === 'finding') {
    if (!c.note?.trim())
      ctx.addIssue({ code: 'custom', path: ['note'], message: '请说明发现的问题' })
    if (!c.dueAt)
      ctx.addIssue({ code: 'custom', path: ['dueAt'], message: '需整改的项目应有整改期限' })
  }
  else if (c.dueAt !== undefined || c.dueProvisional !== undefined) {
    ctx.addIssue({ code: 'custom', path: ['dueAt'], message: '合格的项目没有整改期限' })
  }
})
export type InspectionCheckEntry = z.infer<typeof inspectionCheckEntrySchema>

/** Who inspected: the station itself (自查) or the supervising office (巡查). */
export const inspectionKindSchema = z.enum(['self', 'office'])
export type InspectionKind = z.infer<typeof inspectionKindSchema>
export const inspectionKindLabels: Record<InspectionKind, string> = { self: '自查', office: '巡查' }

/** 4.2, 5.2, 5.4.2: one filled checklist, complete for its tier. */
export const inspectionRecordedPayloadSchema = z.object({
  kind: inspectionKindSchema,
  tier: z.enum(stationTiers, { message: '站点类型应为 basic 或 standard' }),
  checks: z.array(inspectionCheckEntrySchema).min(1).max(100),
  note: note(1000).nullable().optional(),
  /** 巡查 only: the office that inspected (its display name); a self-inspection's inspector is the envelope's staffId. */
  inspector: z.string().trim().min(1).max(100).optional(),
}).strict().superRefine((p, ctx) => {
  const seen = new Set<string>()
  p.checks.forEach((c, i) => {
    if (seen.has(c.id))
      ctx.addIssue({ code: 'custom', path: ['checks', i, 'id'], message: '检查项重复' })
    seen.add(c.id)
  })
  const wanted = checklistFor(p.tier)
  const missing = wanted.filter(c => !seen.has(c.id))
  if (missing.length)
    ctx.addIssue({ code: 'custom', path: ['checks'], message: `缺少检查项：${missing.map(c => c.label).join('、')}` })
  const extra = p.checks.findIndex(c => !wanted.some(w => w.id === c.id) && inspectionCheck(c.id) !== undefined)
  if (extra >= 0)
    ctx.addIssue({ code: 'custom', path: ['checks', extra, 'id'], message: '该检查项不属于此类站点' })
})
export type InspectionRecordedPayload = z.infer<typeof inspectionRecordedPayloadSchema>

/** One finding fixed (整改完成). */
export const inspectionFixedPayloadSchema = z.object({
  checkId: z.string().min(1).max(64),
  note: note(500).min(1, '请说明整改情况'),
}).strict()
export type InspectionFixedPayload = z.infer<typeof inspectionFixedPayloadSchema>

export interface InspectionEventPayloads {
  'inspection.recorded': InspectionRecordedPayload
  'inspection.fixed': InspectionFixedPayload
}

/** Payload schemas of version 1, registered in eventTypes.ts. */
export const inspectionEventSchemas = {
  'inspection.recorded': inspectionRecordedPayloadSchema,
  'inspection.fixed': inspectionFixedPayloadSchema,
} as const satisfies Record<InspectionEventType, z.ZodType>

/** A new stream for one inspection. */
export function newInspectionStream(): string {
  return newStreamId(INSPECTION_STREAM_KIND)
}
