/**
 * Appointments at the counter (6.3.1; issue 9 item 2): today's and tomorrow's bookings pulled from the server
 * (citizens' own, from the booking page) and those staff took on the phone, folded from their events (no
 * projection table on the tablet: the streams are read by type, like inspections). Check-in records
 * `appointment.checkedIn` and hands the intake its prefill; a no-show records `appointment.noShow`; a phone
 * booking is recorded offline as `appointment.booked` (channel 'phone') and settled by the server at sync —
 * a slot that filled meanwhile comes back as `appointment.declined`, shown as 未成功 with the reason.
 */
import type { Reason } from '../../domain/reason'
import type { AppointmentState, BookingSettings, OpeningPeriod, Slot } from '../../domain/appointment'
import { acceptHMRUpdate, defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import { APPOINTMENT_STREAM_KIND, bookingCodeFrom, bookingSettingsOf, findSlot, foldAppointment, holdsSeat, slotIsBookable, slotsForDate } from '../../domain/appointment'
import { addCalendarDays, toCivilDate } from '../../domain/calendar'
import { newStreamId } from '../../domain/events'
import { normalizeMobile } from '../../domain/identity'
import { reasonText } from '../../domain/reason'
import { AppError } from '../appError'
import { eventsRepo, metaRepo, recordAs, referenceRepo, watchPulledEvents } from '../data'
import { useSessionStore } from './session'

/** An appointment step was refused: by the app's code or the domain's reason. */
export class AppointmentRefused extends AppError {
  override readonly name = 'AppointmentRefused'
  /** The domain's refusal, worded from its code; its Chinese text stays in `message` for logs and tests. */
  static because(reason: Reason): AppointmentRefused {
    return new AppointmentRefused('refused', { reason: reasonText(reason) }, { domainReason: reason })
  }
}

/** What staff fill in for a caller on the phone. */
export interface PhoneBooking {
  itemCode: string
  itemName: string
  date: string
  start: string
  name: string
  mobile: string
  /** Staff told the caller how the number is used and the caller agreed. */
  consent: boolean
}

/** A slot with the seats this tablet knows to be taken. */
export interface KnownSlot extends Slot {
  capacity: number
  taken: number
}

/** How far back booked events are read: a booking is made at most a week ahead, a declined one stays a while. */
const LOOKBACK_MS = 30 * 86_400_000

export const useAppointmentsStore = defineStore('appointments', () => {
  /** Today's and tomorrow's appointments, plus any 未成功 phone booking still ahead (to rebook), by slot. */
  const list = shallowRef<AppointmentState[]>([])
  const all = shallowRef<AppointmentState[]>([])
  const openingHours = shallowRef<OpeningPeriod[]>([])
  const settings = ref<BookingSettings>(bookingSettingsOf(null))
  /** Why the last re-read after a pull failed (null when it did not): the screen keeps its list and says so. */
  const refreshError = shallowRef<unknown>(null)
  const loaded = ref(false)

  async function load(now: Date = new Date()): Promise<void> {
    const stationId = await metaRepo.get('stationId')
    const station = stationId ? await referenceRepo.get('stations', stationId) : undefined
    openingHours.value = Array.isArray(station?.openingHours) ? station.openingHours as OpeningPeriod[] : []
    settings.value = bookingSettingsOf({ slotMinutes: station?.bookingSlotMinutes, slotCapacity: station?.bookingSlotCapacity })
    const booked = await eventsRepo.listOfTypeBetween('appointment.booked', now.getTime() - LOOKBACK_MS, now.getTime() + 86_400_000)
    const streams = await eventsRepo.byStreams(booked.map(e => e.stream))
    all.value = [...streams.values()].map(events => foldAppointment(events)).filter((s): s is AppointmentState => s !== null)
    const today = toCivilDate(now)
    const tomorrow = addCalendarDays(today, 1)
    list.value = all.value
      .filter(a => (a.date === today || a.date === tomorrow) || (a.status === 'declined' && a.date >= today))
      .sort((a, b) => `${a.date} ${a.start} ${a.bookedAt}`.localeCompare(`${b.date} ${b.start} ${b.bookedAt}`))
    loaded.value = true
  }

  function find(id: string): AppointmentState | undefined {
    return all.value.find(a => a.id === id)
  }

  async function record(id: string, type: 'appointment.checkedIn' | 'appointment.noShow' | 'appointment.cancelled', payload: Record<string, unknown>): Promise<AppointmentState> {
    await load()
    const current = find(id)
    if (!current)
      throw new AppointmentRefused('appointment.notFound')
    if (current.status !== 'booked')
      throw new AppointmentRefused('appointment.closed')
    await recordAs(useSessionStore().author, { stream: id, type, payload })
    await load()
    return find(id) ?? current
  }

  /** 6.3.1: the citizen arrived; the intake starts from the returned appointment. */
  function checkIn(id: string): Promise<AppointmentState> {
    return record(id, 'appointment.checkedIn', {})
  }

  /** 6.3.1: the citizen did not come (only once the slot has begun). */
  async function noShow(id: string, now: Date = new Date()): Promise<AppointmentState> {
    const current = find(id)
    if (current && slotIsBookable(current.date, current.start, now))
      throw new AppointmentRefused('appointment.notStarted')
    return record(id, 'appointment.noShow', {})
  }

  /** The slots of `date` with the seats this tablet knows of (the server settles the truth at sync). */
  function slotsOn(date: string, now: Date = new Date()): KnownSlot[] {
    return slotsForDate(openingHours.value, date, settings.value.slotMinutes)
      .filter(s => slotIsBookable(date, s.start, now))
      .map(s => ({ ...s, capacity: settings.value.slotCapacity, taken: all.value.filter(a => a.date === date && a.start === s.start && holdsSeat(a)).length }))
  }

  /** Staff book for a caller on the phone, offline; returns the new appointment (status booked until settled). */
  async function bookByPhone(b: PhoneBooking, now: Date = new Date()): Promise<AppointmentState> {
    await load(now)
    const mobile = normalizeMobile(b.mobile)
    if (!b.name.trim())
      throw new AppointmentRefused('appointment.callerName')
    if (!mobile.ok)
      throw AppointmentRefused.because(mobile.problem)
    if (!b.consent)
      throw new AppointmentRefused('appointment.consent')
    const slot = findSlot(openingHours.value, b.date, b.start, settings.value.slotMinutes)
    if (!slot || !slotIsBookable(b.date, b.start, now))
      throw new AppointmentRefused('appointment.slotOutside')
    const known = slotsOn(b.date, now).find(s => s.start === b.start)
    if (known && known.taken >= known.capacity)
      throw new AppointmentRefused('appointment.slotFull')
    const stream = newStreamId(APPOINTMENT_STREAM_KIND)
    await recordAs(useSessionStore().author, {
      stream,
      type: 'appointment.booked',
      payload: { itemCode: b.itemCode, itemName: b.itemName, date: b.date, start: slot.start, end: slot.end, code: bookingCodeFrom(crypto.getRandomValues(new Uint8Array(8))), channel: 'phone', applicant: { name: b.name.trim(), mobile: mobile.value }, consent: true },
    })
    await load(now)
    const made = find(stream)
    if (!made)
      throw new AppointmentRefused('appointment.notSaved')
    return made
  }

  /** Reads the list again after every pull (new bookings, the server's settlement); returns the stop function. */
  function watchPulls(): () => void {
    return watchPulledEvents(() => {
      load().then(() => {
        refreshError.value = null
      }, (e: unknown) => {
        refreshError.value = e
      })
    })
  }

  return { list, all, openingHours, settings, loaded, refreshError, load, find, checkIn, noShow, slotsOn, bookByPhone, watchPulls }
})

if (import.meta.hot)
  import.meta.hot.accept(acceptHMRUpdate(useAppointmentsStore, import.meta.hot))
