/**
 * Booking slots (6.3.1): cut from the station's opening hours (CST, days 1 = Monday … 7 = Sunday) in steps of
 * the station's slot length, each with the station's per-slot capacity. Pure: the public page, the server and
 * the tablet's phone booking derive the same slots.
 */
import type { CivilDate } from '../calendar'
import { addCalendarDays, isCivilDate, toCivilDate } from '../calendar'
import { BOOKING_CODE_ALPHABET } from './payloads'

export interface OpeningPeriod {
  days: number[]
  open: string
  close: string
}

export interface BookingSettings {
  /** Minutes per slot (office setting per station). */
  slotMinutes: number
  /** Citizens per slot (office setting per station). */
  slotCapacity: number
}

/** Defaults when the office has not set them: 30-minute slots, 2 citizens each (one per window of a small station). */
export const DEFAULT_BOOKING_SETTINGS: BookingSettings = { slotMinutes: 30, slotCapacity: 2 }
export const SLOT_MINUTES_CHOICES = [15, 20, 30, 45, 60, 90, 120] as const
export const MAX_SLOT_CAPACITY = 50
/** How many days ahead a citizen may book, today included. */
export const BOOKING_DAYS_AHEAD = 7

export interface Slot {
  start: string
  end: string
}

function minutes(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5))
}

function hhmm(total: number): string {
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`
}

/** ISO weekday of a CST civil date: 1 Monday … 7 Sunday. */
export function isoWeekday(date: CivilDate): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  const day = new Date(Date.UTC(y, m - 1, d)).getUTCDay()
  return day === 0 ? 7 : day
}

/** 6.3.1: the slots of `date` from the opening hours, in time order; none on a closed day. */
export function slotsForDate(openingHours: readonly OpeningPeriod[], date: CivilDate, slotMinutes: number): Slot[] {
  if (!isCivilDate(date) || !Number.isInteger(slotMinutes) || slotMinutes < 5)
    return []
  const weekday = isoWeekday(date)
  const slots: Slot[] = []
  for (const period of openingHours) {
    if (!period.days.includes(weekday))
      continue
    const close = minutes(period.close)
    for (let t = minutes(period.open); t + slotMinutes <= close; t += slotMinutes)
      slots.push({ start: hhmm(t), end: hhmm(t + slotMinutes) })
  }
  return slots.sort((a, b) => a.start.localeCompare(b.start)).filter((s, i, all) => i === 0 || all[i - 1]?.start !== s.start)
}

/** The slot starting at `start` on `date`, or null when the station offers none then. */
export function findSlot(openingHours: readonly OpeningPeriod[], date: CivilDate, start: string, slotMinutes: number): Slot | null {
  return slotsForDate(openingHours, date, slotMinutes).find(s => s.start === start) ?? null
}

/** The instant a slot starts (CST). */
export function slotStartsAt(date: CivilDate, start: string): Date {
  return new Date(`${date}T${start}:00+08:00`)
}

/** 6.3.1: a slot can still be booked until it starts. */
export function slotIsBookable(date: CivilDate, start: string, now: Date): boolean {
  return slotStartsAt(date, start).getTime() > now.getTime()
}

/** The CST dates a citizen may book on now: today and the next BOOKING_DAYS_AHEAD − 1 days. */
export function bookingDates(now: Date, days: number = BOOKING_DAYS_AHEAD): CivilDate[] {
  const today = toCivilDate(now)
  return Array.from({ length: days }, (_, i) => addCalendarDays(today, i))
}

/** Whether `date` lies in the booking window of `now`. */
export function inBookingWindow(date: string, now: Date): boolean {
  return bookingDates(now).includes(date)
}

/** A booking code from 8 random bytes (32 symbols: each byte mod 32 is unbiased). */
export function bookingCodeFrom(bytes: Uint8Array): string {
  if (bytes.length < 8)
    throw new RangeError('a booking code needs 8 random bytes')
  return Array.from(bytes.slice(0, 8), b => BOOKING_CODE_ALPHABET[b % 32]).join('')
}

/** The office's settings for a station, with the defaults where unset or out of range. */
export function bookingSettingsOf(raw: { slotMinutes?: unknown, slotCapacity?: unknown } | null | undefined): BookingSettings {
  const m = Number(raw?.slotMinutes)
  const c = Number(raw?.slotCapacity)
  return {
    slotMinutes: Number.isInteger(m) && m >= 5 && m <= 240 ? m : DEFAULT_BOOKING_SETTINGS.slotMinutes,
    slotCapacity: Number.isInteger(c) && c >= 1 && c <= MAX_SLOT_CAPACITY ? c : DEFAULT_BOOKING_SETTINGS.slotCapacity,
  }
}
