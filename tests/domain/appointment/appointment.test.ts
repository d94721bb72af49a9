import type { DomainEvent } from '../../../src/domain/events'
import { describe, expect, it } from 'vitest'
import { bookingCodeFrom, bookingDates, bookingSettingsOf, findSlot, foldAppointment, holdsSeat, slotIsBookable, slotsForDate } from '../../../src/domain/appointment'
import { validateDomainEvent } from '../../../src/domain/eventTypes'
import { newEventId } from '../../../src/domain/events'

const stream = 'appointment:01950000-0000-7000-8000-000000000001'
const hours = [{ days: [1, 2, 3, 4, 5], open: '09:00', close: '11:00' }, { days: [1, 2, 3, 4, 5], open: '14:00', close: '15:00' }, { days: [6], open: '10:00', close: '11:00' }]
const booked = { itemCode: 'HJ001', itemName: '户口迁移', date: '2026-03-02', start: '09:00', end: '09:30', code: 'ABCD2345', channel: 'online', applicant: { name: '张三', mobile: '13800138000' }, consent: true }

function ev(type: string, payload: unknown, occurredAt: string, staffId: string | null = null): DomainEvent {
  return { id: newEventId(), stream, type, v: 1, payload, stationId: 'st-1', deviceId: 'server:public-booking', staffId, occurredAt }
}

describe('slots from opening hours (6.3.1)', () => {
  it('cuts each open period of the weekday into slots that end by closing time', () => {
    expect(slotsForDate(hours, '2026-03-02', 30).map(s => s.start)).toEqual(['09:00', '09:30', '10:00', '10:30', '14:00', '14:30'])
    expect(slotsForDate(hours, '2026-03-02', 45).map(s => `${s.start}-${s.end}`)).toEqual(['09:00-09:45', '09:45-10:30', '14:00-14:45'])
    expect(slotsForDate(hours, '2026-03-07', 60)).toEqual([{ start: '10:00', end: '11:00' }])
    expect(slotsForDate(hours, '2026-03-08', 30)).toEqual([])
  })

  it('finds only offered slots, bookable until they start (CST whatever the device zone)', () => {
    expect(findSlot(hours, '2026-03-02', '09:30', 30)).toEqual({ start: '09:30', end: '10:00' })
    expect(findSlot(hours, '2026-03-02', '09:15', 30)).toBeNull()
    expect(slotIsBookable('2026-03-02', '09:00', new Date('2026-03-02T00:59:00Z'))).toBe(true)
    expect(slotIsBookable('2026-03-02', '09:00', new Date('2026-03-02T01:00:00Z'))).toBe(false)
    expect(bookingDates(new Date('2026-03-01T17:00:00Z'), 2)).toEqual(['2026-03-02', '2026-03-03'])
  })

  it('uses the office settings, else the defaults', () => {
    expect(bookingSettingsOf({ slotMinutes: 20, slotCapacity: 5 })).toEqual({ slotMinutes: 20, slotCapacity: 5 })
    expect(bookingSettingsOf({ slotMinutes: 0, slotCapacity: 'x' })).toEqual({ slotMinutes: 30, slotCapacity: 2 })
  })

  it('makes readable 8-character booking codes', () => {
    expect(bookingCodeFrom(new Uint8Array([0, 1, 31, 32, 255, 8, 9, 100]))).toMatch(/^[A-HJ-NP-Z2-9]{8}$/)
  })
})

describe('foldAppointment', () => {
  it('books, then checks in; a later no-show does not undo the check-in', () => {
    const s = foldAppointment([ev('appointment.booked', booked, '2026-03-01T10:00:00+08:00'), ev('appointment.checkedIn', {}, '2026-03-02T09:02:00+08:00', 'staff-1'), ev('appointment.noShow', {}, '2026-03-02T10:00:00+08:00', 'staff-1')])
    expect(s?.status).toBe('checkedIn')
    expect(s?.checkedInAt).toBe('2026-03-02T09:02:00+08:00')
    expect(s !== null && holdsSeat(s)).toBe(true)
  })

  it('a cancelled or declined appointment frees its seat, with the reason kept', () => {
    const cancelled = foldAppointment([ev('appointment.booked', booked, '2026-03-01T10:00:00+08:00'), ev('appointment.cancelled', { by: 'citizen' }, '2026-03-01T11:00:00+08:00')])
    expect(cancelled?.status).toBe('cancelled')
    expect(cancelled !== null && holdsSeat(cancelled)).toBe(false)
    const declined = foldAppointment([ev('appointment.booked', { ...booked, channel: 'phone' }, '2026-03-01T10:00:00+08:00', 'staff-1'), ev('appointment.declined', { reason: 'slot-full', message: '该时段预约已满' }, '2026-03-01T12:00:00+08:00')])
    expect(declined).toMatchObject({ status: 'declined', declinedReason: '该时段预约已满', bookedBy: 'staff-1' })
    expect(declined !== null && holdsSeat(declined)).toBe(false)
  })

  it('validates payloads: a bad mobile, no consent, end before start', () => {
    const result = validateDomainEvent(ev('appointment.booked', { ...booked, applicant: { name: '张三', mobile: '12345' }, consent: false, end: '08:00' }, '2026-03-01T10:00:00+08:00'))
    expect(result.ok).toBe(false)
    if (!result.ok)
      expect(result.errors.map(e => e.path).sort()).toEqual(['payload.applicant.mobile', 'payload.consent'])
    expect(validateDomainEvent(ev('appointment.booked', booked, '2026-03-01T10:00:00+08:00')).ok).toBe(true)
  })
})
