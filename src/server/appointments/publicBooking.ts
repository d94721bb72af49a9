/**
 * A citizen's booking and its cancellation from the phone page (issue 9 item 1, 6.3.1), and the settlement
 * of bookings staff took on the phone offline (item 2). Seats are counted and taken under the station's
 * event insert lock (a transaction-scoped advisory lock, PGlite and PostgreSQL alike): twenty phones racing
 * for the last seat queue there, and exactly one finds it free. The booking is an `appointment.booked` event
 * of the station, recorded through the same validator and refold as any event; tablets pull it.
 */
import { randomBytes } from 'node:crypto'
import type { Kysely, Transaction } from 'kysely'
import type { AppointmentBookedPayload, AppointmentState } from '../../domain/appointment'
import { bookingCodeFrom, bookingSettingsOf, findSlot, inBookingWindow, SLOT_FULL_MESSAGE, slotIsBookable } from '../../domain/appointment'
import type { DomainEvent } from '../../domain/events'
import { newEventId, newStreamId } from '../../domain/events'
import type { Database } from '../db'
import type { StationRow } from '../db/referenceSchema'
import { appendServerEvent, lockStation } from '../sync/serverEvents'
import { seatsTaken } from './appointmentProjection'
import { bookableStation } from './bookingCatalog'

/** The deviceId of events recorded for the public booking page. */
export const PUBLIC_BOOKING_DEVICE = 'server:public-booking'

export const bookingMessages = {
  stationUnknown: '找不到该便民服务站，或该站暂不接受预约',
  itemUnknown: '该服务站不办理此事项，请重新选择',
  slotUnknown: '该时段不在服务站的预约时间内，请重新选择',
  slotPast: '该时段已开始或已过去，请选择其他时段',
  slotFull: '该时段预约已满，请选择其他时段',
  notFound: '预约码或手机号码不正确，找不到该预约',
  notCancellable: '该预约已签到、已取消或未成功，无需取消',
} as const

export interface BookingRequest {
  stationId: string
  itemCode: string
  date: string
  start: string
  name: string
  /** Normalised (identity.ts normalizeMobile). */
  mobile: string
}

export type BookingOutcome
  = | { status: 'booked', appointment: AppointmentState, stationName: string }
    | { status: 'refused', code: 'station-unknown' | 'item-unknown' | 'slot-unknown' | 'slot-past', field: string, message: string }
    | { status: 'full', message: string }

async function offeredItemName(db: Kysely<Database> | Transaction<Database>, stationId: string, code: string): Promise<string | null> {
  const item = await db.selectFrom('service_items').select('item').where('code', '=', code).where('active', '=', true).executeTakeFirst()
  if (!item)
    return null
  const narrowed = await db.selectFrom('station_items').select(['item_code', 'offered']).where('station_id', '=', stationId).execute()
  if (narrowed.length && !narrowed.some(r => r.item_code === code && r.offered))
    return null
  return String(item.item.name ?? code)
}

function settingsOf(station: StationRow) {
  return bookingSettingsOf({ slotMinutes: station.booking_slot_minutes, slotCapacity: station.booking_slot_capacity })
}

/** POST /api/public/booking/appointments: a seat taken, or why not. */
export async function bookAppointment(db: Kysely<Database>, req: BookingRequest, now: Date): Promise<BookingOutcome> {
  const station = await bookableStation(db, req.stationId)
  if (!station)
    return { status: 'refused', code: 'station-unknown', field: 'stationId', message: bookingMessages.stationUnknown }
  const itemName = await offeredItemName(db, station.id, req.itemCode)
  if (!itemName)
    return { status: 'refused', code: 'item-unknown', field: 'itemCode', message: bookingMessages.itemUnknown }
  const { slotMinutes, slotCapacity } = settingsOf(station)
  const slot = inBookingWindow(req.date, now) ? findSlot(station.opening_hours, req.date, req.start, slotMinutes) : null
  if (!slot)
    return { status: 'refused', code: 'slot-unknown', field: 'start', message: bookingMessages.slotUnknown }
  if (!slotIsBookable(req.date, slot.start, now))
    return { status: 'refused', code: 'slot-past', field: 'start', message: bookingMessages.slotPast }

  const payload: AppointmentBookedPayload = {
    itemCode: req.itemCode,
    itemName,
    date: req.date,
    start: slot.start,
    end: slot.end,
    code: bookingCodeFrom(randomBytes(8)),
    channel: 'online',
    applicant: { name: req.name, mobile: req.mobile },
    consent: true,
  }
  const event: DomainEvent = {
    id: newEventId(),
    stream: newStreamId('appointment'),
    type: 'appointment.booked',
    v: 1,
    payload,
    stationId: station.id,
    deviceId: PUBLIC_BOOKING_DEVICE,
    staffId: null,
    occurredAt: now.toISOString(),
  }
  return db.transaction().execute(async (trx) => {
    // Every booking of this station queues here; the count below sees every seat committed before it.
    await lockStation(trx, station.id)
    if (await seatsTaken(trx, station.id, req.date, slot.start) >= slotCapacity)
      return { status: 'full', message: bookingMessages.slotFull } as const
    await appendServerEvent(trx, event, now)
    const row = await trx.selectFrom('appointment_projections').select('state').where('id', '=', event.stream).executeTakeFirstOrThrow()
    return { status: 'booked', appointment: row.state, stationName: station.name } as const
  })
}

export type CancelOutcome = { status: 'cancelled', appointment: AppointmentState } | { status: 'not-found' | 'not-cancellable', message: string }

/** POST /api/public/booking/appointments/cancel: the code and the mobile it was booked with. */
export async function cancelAppointment(db: Kysely<Database>, code: string, mobile: string, now: Date): Promise<CancelOutcome> {
  const candidates = await db.selectFrom('appointment_projections').select(['id', 'station_id', 'state']).where('code', '=', code).execute()
  const found = candidates.find(c => c.state.applicant.mobile === mobile)
  if (!found)
    return { status: 'not-found', message: bookingMessages.notFound }
  return db.transaction().execute(async (trx) => {
    await lockStation(trx, found.station_id)
    const current = await trx.selectFrom('appointment_projections').select('state').where('id', '=', found.id).executeTakeFirstOrThrow()
    if (current.state.status !== 'booked')
      return { status: 'not-cancellable', message: bookingMessages.notCancellable } as const
    await appendServerEvent(trx, {
      id: newEventId(),
      stream: found.id,
      type: 'appointment.cancelled',
      v: 1,
      payload: { by: 'citizen', note: null },
      stationId: found.station_id,
      deviceId: PUBLIC_BOOKING_DEVICE,
      staffId: null,
      occurredAt: now.toISOString(),
    }, now)
    const row = await trx.selectFrom('appointment_projections').select('state').where('id', '=', found.id).executeTakeFirstOrThrow()
    return { status: 'cancelled', appointment: row.state } as const
  })
}

/**
 * Issue 9 item 2: phone bookings a tablet recorded offline are settled when they are pushed (in the push's
 * transaction, the station's lock held): a slot already full with earlier bookings, or no longer offered,
 * gets `appointment.declined` with the reason, which the tablet pulls and shows (未成功, rebook).
 */
export async function settlePhoneBookings(trx: Transaction<Database>, stationId: string, applied: readonly DomainEvent[], receivedAt: Date): Promise<void> {
  const bookings = applied.filter(e => e.type === 'appointment.booked' && (e.payload as AppointmentBookedPayload).channel === 'phone')
  if (bookings.length === 0)
    return
  const station = await trx.selectFrom('stations').selectAll().where('id', '=', stationId).executeTakeFirst()
  if (!station)
    return
  const { slotMinutes, slotCapacity } = settingsOf(station)
  for (const e of bookings) {
    const p = e.payload as AppointmentBookedPayload
    const row = await trx.selectFrom('appointment_projections').select(['booked_seq', 'holds_seat']).where('id', '=', e.stream).executeTakeFirst()
    if (!row?.holds_seat)
      continue
    const offered = findSlot(station.opening_hours, p.date, p.start, slotMinutes) !== null
    const full = offered && await seatsTaken(trx, stationId, p.date, p.start, Number(row.booked_seq)) >= slotCapacity
    if (offered && !full)
      continue
    await appendServerEvent(trx, {
      id: newEventId(),
      stream: e.stream,
      type: 'appointment.declined',
      v: 1,
      payload: full ? { reason: 'slot-full', message: SLOT_FULL_MESSAGE } : { reason: 'slot-closed', message: '该时段不在服务站的预约时间内，预约未成功，请改约其他时段' },
      stationId,
      deviceId: PUBLIC_BOOKING_DEVICE,
      staffId: null,
      occurredAt: receivedAt.toISOString(),
    }, receivedAt)
  }
}
