/**
 * What the citizen's booking page reads (issue 9 item 1, 6.3.1): open stations with their place (city and
 * county names for grouping, coordinates for "nearest first"), the items a station offers with their one-time
 * notice (materials to bring), and the slots of the booking window with the seats left.
 */
import type { Kysely } from 'kysely'
import type { BookingDay, BookingItem, BookingStation } from '../../domain/protocol'
import { bookingDates, bookingSettingsOf, slotIsBookable, slotsForDate } from '../../domain/appointment'
import { cityOf, divisionName } from '../../domain/divisions'
import type { Database } from '../db'
import type { StationRow } from '../db/referenceSchema'
import { seatsBySlot } from './appointmentProjection'

/** Stations citizens may book at: open, or open while a change application is pending. */
export const BOOKABLE_STATES = ['open', 'changing'] as const

export function publicStation(s: StationRow): BookingStation {
  return {
    id: s.id,
    name: s.name,
    address: s.address,
    countyCode: s.county_code,
    countyName: divisionName(s.county_code) ?? s.county_code,
    cityName: cityOf(s.county_code)?.name ?? '',
    latitude: s.latitude,
    longitude: s.longitude,
    contactPhone: s.contact_phone,
    openingHours: s.opening_hours,
  }
}

export async function bookableStation(db: Kysely<Database>, id: string): Promise<StationRow | undefined> {
  return db.selectFrom('stations').selectAll().where('id', '=', id).where('state', 'in', [...BOOKABLE_STATES]).executeTakeFirst()
}

export async function listBookableStations(db: Kysely<Database>): Promise<BookingStation[]> {
  const rows = await db.selectFrom('stations').selectAll().where('state', 'in', [...BOOKABLE_STATES]).orderBy('county_code').orderBy('name').execute()
  return rows.map(publicStation)
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []
}

function toPublicItem(code: string, item: Record<string, unknown>): BookingItem {
  const materials = Array.isArray(item.materials) ? item.materials as Record<string, unknown>[] : []
  return {
    code,
    name: String(item.name ?? code),
    department: typeof item.department === 'string' ? item.department : null,
    materials: materials.map(m => ({
      name: String(m.name ?? ''),
      form: typeof m.form === 'string' ? m.form : null,
      copies: typeof m.copies === 'number' ? m.copies : null,
      required: m.required !== false,
      note: typeof m.note === 'string' ? m.note : null,
    })),
    conditions: strings(item.conditions),
    fee: typeof item.fee === 'string' ? item.fee : null,
  }
}

/** The active items a station offers (all active ones when the office has not narrowed its list). */
export async function stationItems(db: Kysely<Database>, stationId: string): Promise<BookingItem[]> {
  const [items, offered] = await Promise.all([
    db.selectFrom('service_items').select(['code', 'item']).where('active', '=', true).orderBy('code').execute(),
    db.selectFrom('station_items').select(['item_code', 'offered']).where('station_id', '=', stationId).execute(),
  ])
  const codes = offered.length ? new Set(offered.filter(o => o.offered).map(o => o.item_code)) : null
  return items.filter(i => !codes || codes.has(i.code)).map(i => toPublicItem(i.code, i.item))
}

/** The booking window's days with every slot still ahead of `now` and its seats left. */
export async function stationDays(db: Kysely<Database>, station: StationRow, now: Date): Promise<BookingDay[]> {
  const { slotMinutes, slotCapacity } = bookingSettingsOf({ slotMinutes: station.booking_slot_minutes, slotCapacity: station.booking_slot_capacity })
  const dates = bookingDates(now)
  const taken = await seatsBySlot(db, station.id, dates)
  return dates.map(date => ({
    date,
    slots: slotsForDate(station.opening_hours, date, slotMinutes)
      .filter(s => slotIsBookable(date, s.start, now))
      .map(s => ({ ...s, capacity: slotCapacity, remaining: Math.max(0, slotCapacity - (taken.get(`${date} ${s.start}`) ?? 0)) })),
  })).filter(d => d.slots.length > 0)
}
