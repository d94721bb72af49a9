/**
 * Stations and their applications for the office (issue 8 item 2; 5.4.1, Annexes A–C; SYNC-API.md "Station
 * lifecycle") under /api/office/stations and /api/office/applications: the station and application as answered,
 * the closing's device warning, the request bodies and the list queries.
 */
import { z } from 'zod'
import { MAX_SLOT_CAPACITY, SLOT_MINUTES_CHOICES } from '../appointment'
import { isCivilDate } from '../calendar'
import { stationTiers } from '../inspection'
import { applicationFieldSchemas, applicationKinds, applicationStatuses, contactPhoneSchema, countyCodeSchema, stationHostTypes } from '../stationApplication'
import { isoInstantSchema } from './common'
import { openingHoursSchema } from './reference'

const text = (max: number) => z.string().trim().min(1, '不能为空').max(max, `不能超过 ${max} 个字符`)

export const stationLifecycleStateSchema = z.enum(['applying', 'open', 'changing', 'suspended', 'closed'])

/** POST /api/office/stations (admin): the station starts 申请中 with its Annex A application. */
export const createStationBodySchema = z.object({
  name: text(100),
  divisionCode: countyCodeSchema,
  address: text(200),
  hostType: z.enum(stationHostTypes, { message: '承载场所类型应为 bank、mall、post、office-building 或 other' }),
  hostUnit: text(100).optional(),
  contactPhone: contactPhoneSchema.optional(),
  windows: z.number().int().min(1).max(20).optional(),
  tier: z.enum(['basic', 'standard']).optional(),
  functions: z.string().trim().max(1000).optional(),
  latitude: z.number().min(-90).max(90).optional(),
  longitude: z.number().min(-180).max(180).optional(),
  /** Annex A's fields beyond the station's own: 申请单位 (default: the host unit), 申请条件, 备注. */
  application: z.object({
    applicantUnit: text(100).optional(),
    conditions: z.string().trim().max(1000).optional(),
    remarks: z.string().trim().max(500).optional(),
  }).strict().optional(),
  /** Submit the Annex A application at once (default) or keep it as a draft. */
  submit: z.boolean().optional(),
}).strict()
export type NewStation = z.input<typeof createStationBodySchema>

/** PUT /api/office/stations/:id/booking (admin), 6.3.1: slot length and citizens per slot. */
export const bookingSettingsBodySchema = z.object({
  slotMinutes: z.number({ error: '时段长度应为分钟数' }).int().refine(m => (SLOT_MINUTES_CHOICES as readonly number[]).includes(m), { message: `时段长度应为 ${SLOT_MINUTES_CHOICES.join('、')} 分钟之一` }),
  slotCapacity: z.number({ error: '每时段可预约人数应为整数' }).int('每时段可预约人数应为整数').min(1, '每时段至少可预约 1 人').max(MAX_SLOT_CAPACITY, `每时段最多可预约 ${MAX_SLOT_CAPACITY} 人`),
}).strict()
export type BookingSettingsBody = z.infer<typeof bookingSettingsBodySchema>

/** GET /api/office/stations's query. */
export const stationListQuerySchema = z.object({
  state: stationLifecycleStateSchema.optional(),
  search: z.string().trim().max(100).optional(),
  countyCode: z.string().regex(/^\d{6}$/, '应为六位行政区划代码').optional(),
  hostType: z.enum(stationHostTypes).optional(),
}).strict()

/** POST /api/office/applications (admin): an office-drafted application; `fields` checked with its annex's schema. */
export const newApplicationBodySchema = z.object({
  kind: z.enum(applicationKinds, { message: '申请类型应为 open、change 或 close' }),
  stationId: z.string().min(1).max(64),
  fields: z.record(z.string(), z.unknown()),
  submit: z.boolean().optional(),
}).strict().superRefine((body, ctx) => {
  const result = applicationFieldSchemas[body.kind].safeParse(body.fields, { error: z.locales.zhCN().localeError })
  if (!result.success) {
    for (const issue of result.error.issues)
      ctx.addIssue({ code: 'custom', path: ['fields', ...issue.path.map(String)], message: issue.message })
  }
})
export type NewApplicationBody = z.input<typeof newApplicationBodySchema>

/** POST /api/office/applications/:id/review (reviewer, admin). */
export const reviewBodySchema = z.object({
  decision: z.enum(['approved', 'rejected'], { message: '审核结论应为 approved 或 rejected' }),
  opinion: z.string().trim().min(1, '请填写审核意见').max(1000, '不能超过 1000 个字符'),
  date: z.string().refine(isCivilDate, { message: '日期应为有效的 YYYY-MM-DD', params: { format: 'date' } }),
}).strict()
export type ReviewBody = z.input<typeof reviewBodySchema>

/** GET /api/office/applications's query. */
export const applicationListQuerySchema = z.object({
  status: z.enum(applicationStatuses).optional(),
  kind: z.enum(applicationKinds).optional(),
  stationId: z.string().min(1).max(64).optional(),
}).strict()

/** A station as the office API shows it (server/stations/views.ts). */
export const officeStationSchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  hostType: z.enum(stationHostTypes),
  hostUnit: z.string(),
  address: z.string(),
  countyCode: z.string(),
  countyName: z.string(),
  windows: z.number().int(),
  openingHours: z.array(openingHoursSchema),
  tier: z.enum(stationTiers),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  contactPhone: z.string().nullable(),
  functions: z.string().nullable(),
  /** 6.3.1 booking settings (issue 9): minutes per slot and citizens per slot. */
  bookingSlotMinutes: z.number().int(),
  bookingSlotCapacity: z.number().int(),
  state: stationLifecycleStateSchema,
})
export type OfficeStation = z.infer<typeof officeStationSchema>

/** A row of GET /api/office/stations: the station, its active staff and the kind of its pending application. */
export const officeStationListRowSchema = officeStationSchema.extend({
  staffCount: z.number().int(),
  pendingApplication: z.enum(applicationKinds).nullable(),
})
export type OfficeStationListRow = z.infer<typeof officeStationListRowSchema>

/** Annex B: one side of the change, as stored (checked when it was drafted). */
const changeSideAnswerSchema = z.object({
  applicantUnit: z.string(),
  contactPhone: z.string(),
  address: z.string(),
  countyCode: z.string(),
  functions: z.string().optional(),
})

/** An application (Annex A open, B change, C close) as the office API shows it. */
export const officeApplicationSchema = z.object({
  id: z.string(),
  kind: z.enum(applicationKinds),
  annex: z.enum(['A', 'B', 'C']),
  stationId: z.string(),
  stationName: z.string().nullable(),
  stationCode: z.string().nullable(),
  countyCode: z.string().nullable(),
  status: z.enum(applicationStatuses),
  /** The annex's fields as drafted (stationApplication.ts applicationFieldSchemas[kind]). */
  fields: z.record(z.string(), z.unknown()),
  /** Annex B: the station's values when the change was submitted. */
  before: changeSideAnswerSchema.nullable(),
  draftedBy: z.object({ type: z.enum(['office', 'device']), by: z.string(), staffId: z.string().nullable() }),
  createdAt: isoInstantSchema,
  submittedAt: isoInstantSchema.nullable(),
  decision: z.enum(['approved', 'rejected']).nullable(),
  opinion: z.string().nullable(),
  reviewer: z.string().nullable(),
  reviewDate: z.string().nullable(),
  reviewedAt: isoInstantSchema.nullable(),
})
export type OfficeApplication = z.infer<typeof officeApplicationSchema>

/** A tablet of a closing station: the warning that it may still hold unsynced work. */
export const closureDeviceSchema = z.object({
  id: z.string(),
  name: z.string(),
  lastSeenAt: isoInstantSchema.nullable(),
  revokedAt: isoInstantSchema.nullable(),
  /** Not heard from since the approval (or the closing's submission) and not revoked. */
  mayHaveUnsynced: z.boolean(),
})
export type ClosureDevice = z.infer<typeof closureDeviceSchema>

/** GET /api/office/stations. */
export const stationListAnswerSchema = z.object({ stations: z.array(officeStationListRowSchema) })
export type StationListAnswer = z.infer<typeof stationListAnswerSchema>

/** GET /api/office/stations/:id. */
export const stationDetailAnswerSchema = z.object({
  station: officeStationSchema,
  applications: z.array(officeApplicationSchema),
  devices: z.array(closureDeviceSchema),
})
export type OfficeStationDetail = z.infer<typeof stationDetailAnswerSchema>

/** POST /api/office/stations → 201. */
export const stationCreatedAnswerSchema = z.object({ id: z.string(), code: z.string(), applicationId: z.string() })
export type StationCreatedAnswer = z.infer<typeof stationCreatedAnswerSchema>

/** PUT /api/office/stations/:id/booking. */
export const stationAnswerSchema = z.object({ station: officeStationSchema })
export type StationAnswer = z.infer<typeof stationAnswerSchema>

/** POST /api/office/stations/:id/devices/revoke-remaining: the devices revoked now. */
export const revokeRemainingAnswerSchema = z.object({ revoked: z.array(z.string()) })
export type RevokeRemainingAnswer = z.infer<typeof revokeRemainingAnswerSchema>

/** GET /api/office/applications. */
export const applicationListAnswerSchema = z.object({ applications: z.array(officeApplicationSchema) })
export type ApplicationListAnswer = z.infer<typeof applicationListAnswerSchema>

/** GET /api/office/applications/:id and POST …/:id/review: the application, its station's state, a closing's devices. */
export const applicationDetailAnswerSchema = z.object({
  application: officeApplicationSchema,
  stationState: stationLifecycleStateSchema,
  devices: z.array(closureDeviceSchema),
})
export type ApplicationDetailAnswer = z.infer<typeof applicationDetailAnswerSchema>

/** POST /api/office/applications → 201. */
export const applicationCreatedAnswerSchema = z.object({ id: z.string() })
export type ApplicationCreatedAnswer = z.infer<typeof applicationCreatedAnswerSchema>

/** POST /api/office/applications/:id/submit. */
export const applicationAnswerSchema = z.object({ application: officeApplicationSchema })
export type ApplicationAnswer = z.infer<typeof applicationAnswerSchema>
