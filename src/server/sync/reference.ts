/**
 * Reference data as tablets pull it (DESIGN §3, issue 3 item 1): the rows changed after the
 * revision the tablet already has, limited to its own station (never another station's staff).
 *
 * `GET /api/sync/pull?refRevision=R` → `reference: { revision, stations, staff, serviceItems,
 * stationItems, settings, calendarYears }`, each row with its own `revision`; the tablet stores the
 * rows and asks with `refRevision = reference.revision` next time. R = 0 (default) sends everything.
 */
import type { Kysely } from 'kysely'
import { sql } from 'kysely'
import type { LegacyPinVerifier, PinVerifier } from '../../domain/auth/pinVerifier'
import type { Database } from '../db'
import type { OpeningHours, StaffRole, StationHostType, StationState, StationTier } from '../db/referenceSchema'

export interface StationRef {
  id: string
  /** Short code used in receipt numbers, e.g. 'JC01'. */
  code: string
  name: string
  hostType: StationHostType
  hostUnit: string
  address: string
  /** GB/T 2260 county-level code (所在县市区), e.g. '140502' (晋城市城区). */
  countyCode: string
  windows: number
  /** China Standard Time; days 1 = Monday … 7 = Sunday. */
  openingHours: OpeningHours[]
  tier: StationTier
  latitude: number | null
  longitude: number | null
  contactPhone: string | null
  state: StationState
  /** 0011: 便民服务站功能 (Annex B), null when not recorded. */
  functions: string | null
  /** 0017: booking slot length (minutes) and citizens per slot (6.3.1, office settings). */
  bookingSlotMinutes: number
  bookingSlotCapacity: number
  revision: number
}

export interface StaffRef {
  id: string
  stationId: string
  name: string
  role: StaffRole
  /** 5.3.2: only staff who passed the onboarding assessment may sign in. */
  assessmentPassed: boolean
  assessmentDate: string | null
  active: boolean
  /** Null: no PIN set yet, the staff member cannot sign in. A legacy PBKDF2 verifier still signs in until reset. */
  pinVerifier: PinVerifier | LegacyPinVerifier | null
  revision: number
}

/** A catalog entry (src/server/seed/service-items.json shape) plus whether it is in use. */
export type ServiceItemRef = Record<string, unknown> & { code: string, active: boolean, revision: number }

export interface StationItemRef {
  stationId: string
  itemCode: string
  /** False: the station stopped offering the item (rows are never deleted, so tablets hear of it). */
  offered: boolean
  revision: number
}

export interface SettingRef {
  key: string
  value: unknown
  revision: number
}

/** calendarYearSchema of src/domain/calendar.ts plus the revision. */
export interface CalendarYearRef {
  year: number
  holidays: string[]
  workdays: string[]
  source?: string
  revision: number
}

export interface ReferenceChanges {
  /** Store it and send it back as `refRevision`: every change up to it is in this answer or an earlier one. */
  revision: number
  stations: StationRef[]
  staff: StaffRef[]
  serviceItems: ServiceItemRef[]
  stationItems: StationItemRef[]
  settings: SettingRef[]
  calendarYears: CalendarYearRef[]
}

/**
 * The reference rows of one station changed after `since`. Read in one transaction so `revision`
 * matches the rows; reference writers commit in revision order (migration 0002), so no row with a
 * revision ≤ the answer's can appear later.
 */
export async function referenceChangesSince(db: Kysely<Database>, stationId: string, since: number): Promise<ReferenceChanges> {
  // Repeatable read: all seven reads and the revision come from one snapshot.
  return db.transaction().setIsolationLevel('repeatable read').execute(async (trx) => {
    const top = await sql<{ revision: number | string | null }>`
      select greatest(
        (select max(revision) from stations), (select max(revision) from staff),
        (select max(revision) from service_items), (select max(revision) from station_items),
        (select max(revision) from settings), (select max(revision) from calendar_years)
      ) as revision`.execute(trx)
    const revision = Math.max(since, Number(top.rows[0]?.revision ?? 0))

    const stations = await trx.selectFrom('stations').selectAll()
      .where('id', '=', stationId).where('revision', '>', since).execute()
    const staff = await trx.selectFrom('staff').selectAll()
      .where('station_id', '=', stationId).where('revision', '>', since).orderBy('name').execute()
    const serviceItems = await trx.selectFrom('service_items').selectAll()
      .where('revision', '>', since).orderBy('code').execute()
    const stationItems = await trx.selectFrom('station_items').selectAll()
      .where('station_id', '=', stationId).where('revision', '>', since).orderBy('item_code').execute()
    const settings = await trx.selectFrom('settings').selectAll()
      .where('revision', '>', since).orderBy('key').execute()
    const calendarYears = await trx.selectFrom('calendar_years').selectAll()
      .where('revision', '>', since).orderBy('year').execute()

    return {
      revision,
      stations: stations.map(s => ({
        id: s.id,
        code: s.code,
        name: s.name,
        hostType: s.host_type,
        hostUnit: s.host_unit,
        address: s.address,
        countyCode: s.county_code,
        windows: s.windows,
        openingHours: s.opening_hours,
        tier: s.tier,
        latitude: s.latitude,
        longitude: s.longitude,
        contactPhone: s.contact_phone,
        state: s.state,
        functions: s.functions,
        bookingSlotMinutes: s.booking_slot_minutes,
        bookingSlotCapacity: s.booking_slot_capacity,
        revision: Number(s.revision),
      })),
      staff: staff.map(s => ({
        id: s.id,
        stationId: s.station_id,
        name: s.name,
        role: s.role,
        assessmentPassed: s.assessment_passed,
        assessmentDate: s.assessment_date,
        active: s.active,
        pinVerifier: s.pin_verifier,
        revision: Number(s.revision),
      })),
      serviceItems: serviceItems.map(i => ({ ...i.item, code: i.code, active: i.active, revision: Number(i.revision) })),
      stationItems: stationItems.map(i => ({ stationId: i.station_id, itemCode: i.item_code, offered: i.offered, revision: Number(i.revision) })),
      settings: settings.map(s => ({ key: s.key, value: s.value, revision: Number(s.revision) })),
      calendarYears: calendarYears.map(y => ({
        year: y.year,
        holidays: y.holidays,
        workdays: y.workdays,
        ...(y.source ? { source: y.source } : {}),
        revision: Number(y.revision),
      })),
    }
  })
}

/** A setting's value, or undefined when it is not set. */
export async function readSetting(db: Kysely<Database>, key: string): Promise<unknown> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst()
  return row?.value
}
