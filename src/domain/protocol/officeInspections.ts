/**
 * Inspections for the office (issue 8 item 6; 4.2, 5.2, 5.4.2): per station of the division the latest inspection
 * and its open and overdue fix tasks (GET /api/office/inspections), one station's inspections as folded by the
 * domain (InspectionState, checked against its type), and the office's own inspection (巡查) body.
 */
import type { InspectionCheckState, InspectionState } from '../inspection'
import { z } from 'zod'
import { stationTiers } from '../inspection'

/** POST /api/office/stations/:id/inspections (reviewer, admin): the checklist of the station's tier. */
export const officeInspectionBodySchema = z.object({
  checks: z.array(z.object({
    id: z.string().min(1).max(64),
    result: z.enum(['ok', 'finding'], { message: '结果应为 ok（合格）或 finding（问题）' }),
    note: z.string().max(500).optional(),
  }).strict()).min(1).max(100),
  note: z.string().max(1000).optional(),
}).strict()
export type OfficeInspectionBody = z.infer<typeof officeInspectionBodySchema>

/** → 201: the new inspection's stream. */
export const inspectionRecordedAnswerSchema = z.object({ id: z.string() })
export type InspectionRecordedAnswer = z.infer<typeof inspectionRecordedAnswerSchema>

/** A station of the division with its latest inspection (null: never inspected) and its open fix tasks. */
export const officeInspectionStationSchema = z.object({
  stationId: z.string(),
  code: z.string(),
  name: z.string(),
  countyCode: z.string(),
  tier: z.string(),
  state: z.string(),
  latest: z.object({
    id: z.string(),
    kind: z.enum(['self', 'office']),
    inspectedAt: z.string(),
    inspectedOn: z.string(),
    findings: z.number().int(),
    findingsOpen: z.number().int(),
  }).nullable(),
  /** Fix tasks not yet fixed, over all the station's inspections. */
  findingsOpen: z.number().int(),
  /** Of those, past their due date at asOf. */
  overdue: z.number().int(),
  /** The earliest due date of an open task; null when none is open. */
  nextDueAt: z.string().nullable(),
})
export type OfficeInspectionStation = z.infer<typeof officeInspectionStationSchema>

/** GET /api/office/inspections. */
export const officeInspectionsAnswerSchema = z.object({
  asOf: z.string(),
  stations: z.array(officeInspectionStationSchema),
})
export type OfficeInspectionsAnswer = z.infer<typeof officeInspectionsAnswerSchema>

const inspectionCheckStateSchema = z.object({
  id: z.string(),
  label: z.string(),
  result: z.enum(['ok', 'finding']),
  note: z.string().nullable(),
  dueAt: z.string().nullable(),
  dueProvisional: z.boolean(),
  fixedAt: z.string().nullable(),
  fixNote: z.string().nullable(),
  fixedBy: z.string().nullable(),
}) satisfies z.ZodType<InspectionCheckState>

const inspectionStateSchema = z.object({
  id: z.string(),
  stationId: z.string(),
  kind: z.enum(['self', 'office']),
  tier: z.enum(stationTiers),
  inspectedAt: z.string(),
  inspectedOn: z.string(),
  staffId: z.string().nullable(),
  inspector: z.string().nullable(),
  note: z.string().nullable(),
  checks: z.array(inspectionCheckStateSchema),
  findings: z.number().int(),
  findingsOpen: z.number().int(),
  nextDueAt: z.string().nullable(),
  needsAttention: z.boolean(),
  attentionReasons: z.array(z.string()),
}) satisfies z.ZodType<InspectionState>

/** One inspection of a station with how many of its findings are overdue now. */
export const officeStationInspectionSchema = inspectionStateSchema.extend({ overdue: z.number().int() })
export type OfficeStationInspection = z.infer<typeof officeStationInspectionSchema>

/** GET /api/office/stations/:id/inspections: newest first. */
export const officeStationInspectionsAnswerSchema = z.object({
  asOf: z.string(),
  station: z.object({ id: z.string(), name: z.string(), tier: z.string() }),
  inspections: z.array(officeStationInspectionSchema),
})
export type OfficeStationInspectionsAnswer = z.infer<typeof officeStationInspectionsAnswerSchema>
