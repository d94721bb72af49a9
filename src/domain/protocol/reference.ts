/**
 * Reference rows as tablets pull them (`reference` of GET /api/sync/pull, SYNC-API.md): only the rows
 * changed after the revision the tablet holds, only its own station's station/staff/station-item rows.
 * Rows are loose objects: members a newer server adds reach the tablet's store unchanged (additions only).
 */
import { z } from 'zod'

const revisionSchema = z.number().int().min(0)

/** One span of opening hours in China Standard Time; days are ISO weekdays (1 = Monday … 7 = Sunday). */
export const openingHoursSchema = z.object({
  days: z.array(z.number().int().min(1).max(7)),
  open: z.string(),
  close: z.string(),
})
export type OpeningHours = z.infer<typeof openingHoursSchema>

export const stationRefSchema = z.looseObject({
  id: z.string().min(1),
  /** Short code used in receipt numbers, e.g. 'JC01'. */
  code: z.string(),
  name: z.string(),
  hostType: z.enum(['bank', 'mall', 'post', 'office-building', 'other']),
  hostUnit: z.string(),
  address: z.string(),
  /** GB/T 2260 county-level code (所在县市区), e.g. '140502'. */
  countyCode: z.string(),
  windows: z.number().int(),
  openingHours: z.array(openingHoursSchema),
  tier: z.enum(['basic', 'standard']),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  contactPhone: z.string().nullable(),
  state: z.enum(['applying', 'open', 'changing', 'suspended', 'closed']),
  /** Addition (0011): 便民服务站功能 (Annex B), null when not recorded. */
  functions: z.string().nullable().optional(),
  /** Addition (0017): booking slot length (minutes) and citizens per slot (6.3.1). */
  bookingSlotMinutes: z.number().int().optional(),
  bookingSlotCapacity: z.number().int().optional(),
  revision: revisionSchema,
})
export type StationRef = z.infer<typeof stationRefSchema>

export const staffRefSchema = z.looseObject({
  id: z.string().min(1),
  stationId: z.string(),
  name: z.string(),
  role: z.enum(['staff', 'lead']),
  /** 5.3.2: only staff who passed the onboarding assessment may sign in. */
  assessmentPassed: z.boolean(),
  /** 'YYYY-MM-DD' of the latest assessment, null when none. */
  assessmentDate: z.string().nullable(),
  active: z.boolean(),
  /** Null: no PIN set yet. Its members are the PIN verifier's (auth/pinVerifier.ts), kept as sent. */
  pinVerifier: z.looseObject({ alg: z.string() }).nullable(),
  revision: revisionSchema,
})
export type StaffRef = z.infer<typeof staffRefSchema>

/** A catalog entry (seed/service-items.json shape, noticeFieldsSchema) plus whether it is in use. */
export const serviceItemRefSchema = z.looseObject({
  code: z.string().min(1),
  active: z.boolean(),
  revision: revisionSchema,
})
export type ServiceItemRef = z.infer<typeof serviceItemRefSchema>

export const stationItemRefSchema = z.looseObject({
  stationId: z.string().min(1),
  itemCode: z.string().min(1),
  /** False: the station stopped offering the item (rows are never deleted, so tablets hear of it). */
  offered: z.boolean(),
  revision: revisionSchema,
})
export type StationItemRef = z.infer<typeof stationItemRefSchema>

export const settingRefSchema = z.looseObject({
  key: z.string().min(1),
  value: z.unknown(),
  revision: revisionSchema,
})
export type SettingRef = z.infer<typeof settingRefSchema>

/** calendarYearSchema of src/domain/calendar/calendarYear.ts plus the revision (validated there when the tablet loads it). */
export const calendarYearRefSchema = z.looseObject({
  year: z.number().int(),
  holidays: z.array(z.string()),
  workdays: z.array(z.string()),
  source: z.string().optional(),
  revision: revisionSchema,
})
export type CalendarYearRef = z.infer<typeof calendarYearRefSchema>

/** The tables of a pull's `reference`, by name. */
export const referenceRowSchemas = {
  stations: stationRefSchema,
  staff: staffRefSchema,
  serviceItems: serviceItemRefSchema,
  stationItems: stationItemRefSchema,
  settings: settingRefSchema,
  calendarYears: calendarYearRefSchema,
} as const
export type ReferenceTable = keyof typeof referenceRowSchemas

/**
 * `reference` of a pull. The server sends every table (empty when nothing changed); a tablet accepts a table
 * left out, and keeps any table a newer server adds without reading it.
 */
export const referenceDeltaSchema = z.looseObject({
  /** Store it and send it back as `refRevision`: every change up to it is in this answer or an earlier one. */
  revision: revisionSchema,
  stations: z.array(stationRefSchema).optional(),
  staff: z.array(staffRefSchema).optional(),
  serviceItems: z.array(serviceItemRefSchema).optional(),
  stationItems: z.array(stationItemRefSchema).optional(),
  settings: z.array(settingRefSchema).optional(),
  calendarYears: z.array(calendarYearRefSchema).optional(),
})
export type ReferenceDelta = z.infer<typeof referenceDeltaSchema>
