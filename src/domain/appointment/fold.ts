/**
 * foldAppointment: one appointment stream's state (6.3.1, DESIGN §3). The first `appointment.booked` opens
 * it; a cancellation, the server's decline, a check-in or a no-show each close a booked appointment; any
 * later contradicting fact is kept in the log, not applied.
 */
import type { DomainEvent } from '../events'
import type { AppointmentBookedPayload, AppointmentCancelledPayload, AppointmentDeclinedPayload, BookingChannel } from './payloads'
import { orderedUnique } from '../events'

export type AppointmentStatus = 'booked' | 'cancelled' | 'declined' | 'checkedIn' | 'noShow'

export interface AppointmentState {
  id: string
  stationId: string
  status: AppointmentStatus
  itemCode: string
  itemName: string
  date: string
  start: string
  end: string
  code: string
  channel: BookingChannel
  /** PERSONAL DATA. */
  applicant: { name: string, mobile: string }
  bookedAt: string
  /** Staff who took a phone booking (null for the citizen's own). */
  bookedBy: string | null
  cancelledBy: 'citizen' | 'staff' | null
  /** Why the server declined a phone booking (Chinese, for staff). */
  declinedReason: string | null
  checkedInAt: string | null
  updatedAt: string
}

/** 6.3.1: whether the appointment takes one of its slot's seats (a cancelled or declined one frees it). */
export function holdsSeat(state: Pick<AppointmentState, 'status'>): boolean {
  return state.status === 'booked' || state.status === 'checkedIn' || state.status === 'noShow'
}

/** 6.3.1: the appointment's state from its events (null before it was booked). */
export function foldAppointment(events: readonly DomainEvent[]): AppointmentState | null {
  let state: AppointmentState | null = null
  for (const e of orderedUnique(events)) {
    if (e.type === 'appointment.booked') {
      if (state)
        continue
      const p = e.payload as AppointmentBookedPayload
      state = {
        id: e.stream,
        stationId: e.stationId,
        status: 'booked',
        itemCode: p.itemCode,
        itemName: p.itemName,
        date: p.date,
        start: p.start,
        end: p.end,
        code: p.code,
        channel: p.channel,
        applicant: { name: p.applicant.name, mobile: p.applicant.mobile },
        bookedAt: e.occurredAt,
        bookedBy: p.channel === 'phone' ? e.staffId : null,
        cancelledBy: null,
        declinedReason: null,
        checkedInAt: null,
        updatedAt: e.occurredAt,
      }
      continue
    }
    if (!state)
      continue
    if (e.type === 'appointment.declined') {
      // The server's settlement wins over a check-in made offline before it arrived: the reason is kept.
      state = { ...state, status: state.status === 'checkedIn' ? 'checkedIn' : 'declined', declinedReason: (e.payload as AppointmentDeclinedPayload).message, updatedAt: e.occurredAt }
      continue
    }
    if (state.status !== 'booked')
      continue
    if (e.type === 'appointment.cancelled')
      state = { ...state, status: 'cancelled', cancelledBy: (e.payload as AppointmentCancelledPayload).by, updatedAt: e.occurredAt }
    else if (e.type === 'appointment.checkedIn')
      state = { ...state, status: 'checkedIn', checkedInAt: e.occurredAt, updatedAt: e.occurredAt }
    else if (e.type === 'appointment.noShow')
      state = { ...state, status: 'noShow', updatedAt: e.occurredAt }
  }
  return state
}
