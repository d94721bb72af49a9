import type { DomainEvent } from '../../src/domain/events'
import { describe, expect, it } from 'vitest'
import { builtinWorkCalendar, createWorkCalendar } from '../../src/domain/calendar'
import { foldCase } from '../../src/domain/case'
import { foldConsultation } from '../../src/domain/consultation'
import { caseDueStatus, consultationDueStatus, dueStatusOf } from '../../src/domain/dueStatus'
import { caseEvent as c, consultationEvent as q } from './support/eventFactory'

/** The bundled years (2004–2026): every date here is in them. */
const calendar = builtinWorkCalendar()

/** A case accepted at `acceptedAt` with the item's limit, its due computed by the caller with the calendar. */
function acceptedCase(acceptedAt: string, limit: number, more: DomainEvent[] = []) {
  const dueAt = calendar.dueAfterWorkdays(acceptedAt, limit)
  const state = foldCase([
    c('case.received', acceptedAt, { promisedLimitWorkdays: limit }),
    c('case.materialsChecked', acceptedAt),
    c('case.accepted', acceptedAt, { dueAt }),
    ...more,
  ], calendar)
  if (!state)
    throw new Error('expected a case')
  return state
}

describe('a case\'s promised limit across holidays (6.2.1, calendar)', () => {
  it.each([
    // 中秋 9/25–27 and 国庆 10/1–7 2026; 10/10 (Saturday) is a make-up working day.
    ['accepted Monday 9/28, 5 working days → Saturday 10/10 (调休上班)', '2026-09-28T10:00:00+08:00', 5, '2026-10-10T23:59:59.999+08:00'],
    ['accepted Thursday 9/24, 3 working days → 9/30 (中秋 in between)', '2026-09-24T10:00:00+08:00', 3, '2026-09-30T23:59:59.999+08:00'],
    ['accepted 2/12, 3 working days → 2/24 (春节, 2/14 worked)', '2026-02-12T15:00:00+08:00', 3, '2026-02-24T23:59:59.999+08:00'],
    ['accepted 0:30 CST 10/1 (still 9/30 in UTC): counted from the CST day', '2026-09-30T16:30:00Z', 1, '2026-10-08T23:59:59.999+08:00'],
    ['accepted 23:30 CST 9/29: 1 working day → 9/30', '2026-09-29T15:30:00Z', 1, '2026-09-30T23:59:59.999+08:00'],
  ])('%s', (_name, acceptedAt, limit, due) => {
    expect(acceptedCase(acceptedAt, limit)).toMatchObject({ status: 'accepted', dueAt: due, needsAttention: false })
  })

  it.each([
    ['completed on the make-up Saturday → on time', '2026-10-10T17:00:00+08:00', true],
    ['completed the Monday after → late', '2026-10-12T09:00:00+08:00', false],
  ])('the on-time flag is fixed at completion: %s', (_name, completedAt, onTime) => {
    const state = acceptedCase('2026-09-28T10:00:00+08:00', 5, [c('case.completed', completedAt, { completedAt })])
    expect(state.onTime).toBe(onTime)
    // Fixed: looking at it later does not change it.
    expect(caseDueStatus(state, '2026-12-01T00:00:00+08:00', { calendar })).toBe('done')
  })
})

describe('caseDueStatus (home screen: due today and overdue)', () => {
  const state = acceptedCase('2026-09-28T10:00:00+08:00', 5) // due 2026-10-10 end of day CST
  it.each([
    ['long before', '2026-09-29T09:00:00+08:00', 'onTrack'],
    ['the holiday before: 10/10 is 2 working days after 10/8', '2026-10-08T09:00:00+08:00', 'dueSoon'],
    ['the day before (10/9)', '2026-10-09T09:00:00+08:00', 'dueSoon'],
    ['in the week of 国庆 (10/3): the next 2 working days are 10/8 and 10/9', '2026-10-03T09:00:00+08:00', 'onTrack'],
    ['the due day, morning', '2026-10-10T08:00:00+08:00', 'dueToday'],
    ['the due day, 23:59 CST (15:59Z)', '2026-10-10T15:59:00Z', 'dueToday'],
    ['one minute after the end of the due day', '2026-10-11T00:00:30+08:00', 'overdue'],
    ['a Date in any zone counts as the same instant', new Date('2026-10-10T16:00:01Z'), 'overdue'],
  ])('%s → %s', (_name, now, expected) => {
    expect(caseDueStatus(state, now, { calendar })).toBe(expected)
  })

  it.each([
    ['not yet accepted: no deadline', () => foldCase([c('case.received', '09:00')], calendar), 'onTrack'],
    ['returned', () => foldCase([c('case.received', '09:00'), c('case.returned', '09:10')], calendar), 'done'],
    ['completed', () => foldCase([c('case.received', '09:00'), c('case.materialsChecked', '09:05'), c('case.accepted', '09:10'), c('case.completed', '10:00', { completedAt: '2026-03-02T10:00:00+08:00' })], calendar), 'done'],
  ])('%s → %s', (_name, make, expected) => {
    const s = make()
    if (!s)
      throw new Error('expected a case')
    expect(caseDueStatus(s, '2026-12-31T00:00:00+08:00', { calendar })).toBe(expected)
  })

  it('a terminated 代办 case is done', () => {
    expect(caseDueStatus({ status: 'terminated', dueAt: '2026-03-23T23:59:59.999+08:00', completedAt: null }, '2026-04-01T00:00:00+08:00', { calendar })).toBe('done')
  })

  it.each([
    [3, 'onTrack'], // from Tuesday 9/29: 9/30, 10/8, 10/9 — the due 10/10 is the 4th working day
    [4, 'dueSoon'],
  ] as const)('counts "soon" in working days of the given calendar: %i → %s', (soonWorkdays, expected) => {
    expect(caseDueStatus(state, '2026-09-29T09:00:00+08:00', { soonWorkdays, calendar: createWorkCalendar() })).toBe(expected)
  })

  it('without the next year\'s schedule "soon" falls back to calendar days, never throws', () => {
    expect(dueStatusOf('2027-01-02T23:59:59.999+08:00', false, '2026-12-31T10:00:00+08:00', { calendar })).toBe('dueSoon')
    expect(dueStatusOf('2027-01-10T23:59:59.999+08:00', false, '2026-12-31T10:00:00+08:00', { calendar })).toBe('onTrack')
  })

  it('refuses a bare civil date for now (it has no instant)', () => {
    expect(() => dueStatusOf('2026-10-10T23:59:59.999+08:00', false, '2026-10-10', { calendar })).toThrow(RangeError)
  })
})

describe('consultationDueStatus (6.3.3.1.3: reply within 1 working day)', () => {
  const recordedAt = '2026-09-30T16:00:00+08:00'
  const dueAt = calendar.dueAfterWorkdays(recordedAt, 1) // 2026-10-08 end of day
  const referred = foldConsultation([q('consultation.recorded', recordedAt), q('consultation.referred', recordedAt, { dueAt })], calendar)
  const answered = foldConsultation([q('consultation.recorded', recordedAt, { answer: '可以办理' })], calendar)
  const open = foldConsultation([q('consultation.recorded', recordedAt)], calendar)
  const replied = foldConsultation([q('consultation.recorded', recordedAt), q('consultation.referred', recordedAt, { dueAt }), q('consultation.replied', '2026-10-09T10:00:00+08:00', { repliedAt: '2026-10-09T10:00:00+08:00' })], calendar)

  it.each([
    ['referred, during the holiday (10/7: 10/8 is the next working day)', referred, '2026-10-07T10:00:00+08:00', 'dueSoon'],
    ['referred, on the due day', referred, '2026-10-08T17:00:00+08:00', 'dueToday'],
    ['referred, the day after', referred, '2026-10-09T08:00:00+08:00', 'overdue'],
    ['replied late: done (the late flag is repliedOnTime)', replied, '2026-10-20T08:00:00+08:00', 'done'],
    ['answered on the spot', answered, '2026-10-20T08:00:00+08:00', 'done'],
    ['open, not referred: no deadline', open, '2026-10-20T08:00:00+08:00', 'onTrack'],
  ])('%s → %s', (_name, state, now, expected) => {
    if (!state)
      throw new Error('expected a consultation')
    expect(consultationDueStatus(state, now, { calendar })).toBe(expected)
  })
})
