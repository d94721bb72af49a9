/**
 * Kysely types of the tables added by migrations 0002–0004 (issue 3): reference data, devices,
 * enrollment codes, office accounts, blobs and the SQL projections. `Database` (schema.ts) extends
 * these. jsonb columns are written through `jsonb()` and read back parsed.
 */
import type { ColumnType, Generated, Selectable } from 'kysely'
import type { LegacyPinVerifier, PinVerifier } from '../../domain/auth/pinVerifier'
import type { JsonColumn, Timestamp } from './schema'

/** Set by the bump_reference_revision trigger on every insert and update; never written by code. */
type Revision = ColumnType<number, never, never>
type UpdatedAt = ColumnType<Date, never, never>
type CreatedAt = ColumnType<Date, Date | string | undefined, never>

/** One span of opening hours in China Standard Time; days are ISO weekdays (1 = Monday … 7 = Sunday). */
export interface OpeningHours {
  days: number[]
  open: string
  close: string
}

/** 0011: the office API's five values (stationApplication.ts stationHostTypes). */
export type StationHostType = 'bank' | 'mall' | 'post' | 'office-building' | 'other'
export type StationTier = 'basic' | 'standard'
export type StationState = 'applying' | 'open' | 'changing' | 'suspended' | 'closed'

export interface StationsTable {
  id: string
  /** Short code used in receipt numbers (station + year + serial), e.g. 'JC01'. */
  code: string
  name: string
  host_type: StationHostType
  host_unit: string
  address: string
  /** GB/T 2260 six-digit code of the county-level division (所在县市区). */
  county_code: string
  windows: ColumnType<number, number | undefined, number>
  opening_hours: JsonColumn<OpeningHours[]>
  tier: StationTier
  latitude: number | null
  longitude: number | null
  contact_phone: string | null
  state: StationState
  /** 0011: 便民服务站功能 (Annex B). */
  functions: ColumnType<string | null, string | null | undefined, string | null>
  /** 0017: booking slot length in minutes and citizens per slot (office settings, 6.3.1). */
  booking_slot_minutes: ColumnType<number, number | undefined, number>
  booking_slot_capacity: ColumnType<number, number | undefined, number>
  revision: Revision
  updated_at: UpdatedAt
}

export type StaffRole = 'staff' | 'lead'

export interface StaffTable {
  id: string
  station_id: string
  name: string
  role: StaffRole
  assessment_passed: ColumnType<boolean, boolean | undefined, boolean>
  /** Civil date 'YYYY-MM-DD' (CST), kept as text so no driver shifts it through a JS Date. */
  assessment_date: string | null
  active: ColumnType<boolean, boolean | undefined, boolean>
  pin_verifier: JsonColumn<PinVerifier | LegacyPinVerifier | null> | null
  revision: Revision
  updated_at: UpdatedAt
}

export interface ServiceItemsTable {
  code: string
  /** The whole catalog entry (seed/service-items.json shape). */
  item: JsonColumn<Record<string, unknown>>
  active: ColumnType<boolean, boolean | undefined, boolean>
  revision: Revision
  updated_at: UpdatedAt
}

export interface StationItemsTable {
  station_id: string
  item_code: string
  offered: ColumnType<boolean, boolean | undefined, boolean>
  revision: Revision
  updated_at: UpdatedAt
}

export interface SettingsTable {
  key: string
  value: JsonColumn
  revision: Revision
  updated_at: UpdatedAt
}

export interface CalendarYearsTable {
  year: number
  /** Days off, 'YYYY-MM-DD' (the shape of calendarYearSchema in src/domain/calendar/calendarYear.ts). */
  holidays: JsonColumn<string[]>
  /** Weekend days declared make-up working days (调休上班), 'YYYY-MM-DD'. */
  workdays: JsonColumn<string[]>
  /** Where the schedule comes from, e.g. '国办发明电〔2025〕7号'. */
  source: string | null
  revision: Revision
  updated_at: UpdatedAt
}

export interface DevicesTable {
  id: string
  station_id: string
  name: string
  token_hash: string
  created_at: CreatedAt
  revoked_at: Timestamp | null
  last_seen_at: Timestamp | null
  /** serverTime − the device's clock at its last push that said `sentAt`; positive = device behind. */
  last_clock_offset_ms: number | null
  app_version: string | null
  /** Enrollment slot at its station (0004): 1, 2, …, unique per station, never reused; letters in document numbers. */
  slot: number
}

export interface EnrollmentCodesTable {
  code_hash: string
  station_id: string
  created_at: CreatedAt
  expires_at: Timestamp
  used_at: Timestamp | null
  used_by_device: string | null
}

/** 0006: admin (accounts, stations, catalog, calendar), reviewer (applications, inspections, results), viewer. */
export type OfficeRole = 'admin' | 'reviewer' | 'viewer'

export interface OfficeAccountsTable {
  username: string
  password_hash: string
  role: OfficeRole
  display_name: string
  created_at: CreatedAt
  /** 0006: GB/T 2260 prefix the office is scoped to: '14' province, '1405' city, '140502' county. */
  division_code: ColumnType<string, string | undefined, string>
  active: ColumnType<boolean, boolean | undefined, boolean>
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>
}

export interface BlobsTable {
  station_id: string
  sha256: string
  /** Null when the bytes are a file next to the data (0009, sync/blobFiles.ts). */
  bytes: Uint8Array | null
  size: number
  content_type: string
  created_at: CreatedAt
}

export interface ProjectionsTable {
  /** The stream id. */
  id: string
  station_id: string
  status: string
  needs_attention: boolean
  due_at: Timestamp | null
  state: JsonColumn
  /** Highest event seq folded in. */
  last_seq: number
  updated_at: Generated<Date>
  /** 0005: the case's acceptedAt / the consultation's recordedAt, set from `state` by a trigger; never written by code. */
  opened_at: ColumnType<Date | null, never, never>
}

export interface ReferenceTables {
  stations: StationsTable
  staff: StaffTable
  service_items: ServiceItemsTable
  station_items: StationItemsTable
  settings: SettingsTable
  calendar_years: CalendarYearsTable
  devices: DevicesTable
  enrollment_codes: EnrollmentCodesTable
  office_accounts: OfficeAccountsTable
  blobs: BlobsTable
  case_projections: ProjectionsTable
  consultation_projections: ProjectionsTable
}

export type StationRow = Selectable<StationsTable>
export type StaffRow = Selectable<StaffTable>
export type DeviceRow = Selectable<DevicesTable>

declare module './schema' {
  // Adds the tables of migrations 0002–0003 to the one Database type.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- merged into schema.ts's Database
  interface Database extends ReferenceTables {}
  interface EventsTable {
    /** occurredAt exactly as the device sent it (0003); null only for rows written before 0003. */
    occurred_at_text: string | null
  }
}
