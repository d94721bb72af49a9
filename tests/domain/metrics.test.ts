import type { CaseState } from '../../src/domain/case'
import { describe, expect, it } from 'vitest'
import { builtinWorkCalendar, createWorkCalendar } from '../../src/domain/calendar'
import { disclosureRate, formatRate, missingGuideParts } from '../../src/domain/disclosure'
import { bucketize, isoWeekKey, periodOf } from '../../src/domain/metricPeriods'
import { complaintTimeliness, consultationTimeliness, lateness, metricSeries, onTimeCompletion, qualityMetrics } from '../../src/domain/metrics'
import { buildCase, consultation, consultationEvent, rated, step, steps } from './support/ledgerFixtures'

/** A case accepted at `acceptedAt` with due `dueAt`, completed at `completedAt` when given. */
function dueCase(n: number, acceptedAt: string, dueAt: string, completedAt?: string): CaseState {
  return buildCase(n, steps.received('intake', acceptedAt), steps.checked(acceptedAt), steps.accepted(acceptedAt, { dueAt }), ...(completedAt ? [step('case.completed', completedAt, { completedAt })] : []))
}

const END = 'T23:59:59.999+08:00'
const asOf = '2026-04-15T12:00:00+08:00'

describe('6.2.1 on-time completion', () => {
  it('nothing due in the period → rate null, shown as 无到期办件, never 100%', () => {
    const result = onTimeCompletion([dueCase(1, '2026-03-02T09:00:00+08:00', `2026-03-23${END}`, '2026-03-20T10:00:00+08:00')], '2026-02-01', '2026-02-28', { asOf, calendar: builtinWorkCalendar() })
    expect(result).toMatchObject({ due: 0, onTime: 0, late: 0, rate: null, display: '无到期办件', cases: [], pending: [] })
  })

  it('an early finish is on time and counts in the period it finished, not only in its due period (issue 14)', () => {
    // Accepted 25 March, due 8 April, completed 30 March: March's rate is 1 of 1, never 无到期办件.
    const early = [dueCase(1, '2026-03-25T09:00:00+08:00', `2026-04-08${END}`, '2026-03-30T10:00:00+08:00')]
    expect(onTimeCompletion(early, '2026-03-01', '2026-03-31', { asOf, calendar: builtinWorkCalendar() })).toMatchObject({ due: 1, onTime: 1, late: 0, rate: 1, display: '100%' })
    // …and once only: April (its due period) does not count it again.
    expect(onTimeCompletion(early, '2026-04-01', '2026-04-30', { asOf, calendar: builtinWorkCalendar() })).toMatchObject({ due: 0, rate: null })
  })

  it('all late: one completed after its due, one still open past it at asOf', () => {
    const cases = [
      dueCase(1, '2026-03-02T09:00:00+08:00', `2026-03-23${END}`, '2026-03-24T10:00:00+08:00'),
      dueCase(2, '2026-03-03T09:00:00+08:00', `2026-03-24${END}`),
    ]
    const result = onTimeCompletion(cases, '2026-03-01', '2026-03-31', { asOf, calendar: builtinWorkCalendar() })
    expect(result).toMatchObject({ due: 2, onTime: 0, late: 2, rate: 0, display: '0%' })
    expect(result.cases.map(c => [c.receiptNumber, c.outcome, c.lateByWorkdays, c.lateByCalendarDays])).toEqual([
      ['TY01-2026-000001', 'late', 1, 1],
      // Open: measured to asOf 4/15 — 3/25–3/31 (5 working days), 4/1–4/15 minus 清明 4/4–6 (10 working days).
      ['TY01-2026-000001', 'late', 15, 22],
    ])
    expect(result.cases[0]?.lateByHours).toBe(10)
    expect(result.cases[1]?.completedAt).toBeNull()
  })

  it('a case due 2026-09-30 completed 2026-10-08 is late by 1 working day (国庆 in between), 8 calendar days', () => {
    const result = onTimeCompletion([dueCase(1, '2026-09-24T10:00:00+08:00', `2026-09-30${END}`, '2026-10-08T09:00:00+08:00')], '2026-09-01', '2026-09-30', { asOf: '2026-10-31T00:00:00+08:00', calendar: builtinWorkCalendar() })
    expect(result.cases[0]).toMatchObject({ outcome: 'late', lateByWorkdays: 1, lateByCalendarDays: 8, scheduleNotPublished: false })
    expect(result.rate).toBe(0)
  })

  it('completed on the due day, at its last minute, is on time; on the make-up Saturday 10/10 too', () => {
    const cases = [
      dueCase(1, '2026-03-02T09:00:00+08:00', `2026-03-23${END}`, '2026-03-23T23:59:00+08:00'),
      dueCase(2, '2026-09-28T10:00:00+08:00', `2026-10-10${END}`, '2026-10-10T17:00:00+08:00'),
    ]
    expect(onTimeCompletion(cases, '2026-03-01', '2026-10-31', { asOf: '2026-11-01T00:00:00+08:00', calendar: builtinWorkCalendar() })).toMatchObject({ due: 2, onTime: 2, rate: 1, display: '100%' })
  })

  it('an open case not yet due at asOf is pending, outside the rate', () => {
    const cases = [dueCase(1, '2026-03-02T09:00:00+08:00', `2026-03-23${END}`, '2026-03-20T10:00:00+08:00'), dueCase(2, '2026-03-10T09:00:00+08:00', `2026-03-31${END}`)]
    const result = onTimeCompletion(cases, '2026-03-01', '2026-03-31', { asOf: '2026-03-25T12:00:00+08:00', calendar: builtinWorkCalendar() })
    expect(result).toMatchObject({ due: 1, onTime: 1, rate: 1 })
    expect(result.pending.map(p => p.outcome)).toEqual(['pending'])
  })

  it('late past an unpublished year: calendar days and a flag instead of working days', () => {
    const result = onTimeCompletion([dueCase(1, '2026-12-10T09:00:00+08:00', `2026-12-31${END}`, '2027-01-05T09:00:00+08:00')], '2026-12-01', '2026-12-31', { asOf: '2027-02-01T00:00:00+08:00', calendar: createWorkCalendar() })
    expect(result.cases[0]).toMatchObject({ outcome: 'late', lateByWorkdays: null, lateByCalendarDays: 5, scheduleNotPublished: true })
  })

  it('cases without a due (no promised limit) are listed as undetermined; terminated 代办 cases are left out', () => {
    const noDue = buildCase(1, steps.received('intake', '09:00', { promisedLimitWorkdays: null }), steps.checked(), steps.accepted('09:10', { dueAt: null }))
    const terminated = buildCase(2, steps.received('proxy'), steps.checked(), steps.entrusted(), steps.accepted(), step('case.terminated', '2026-03-05T10:00:00+08:00'))
    const result = onTimeCompletion([noDue, terminated], '2026-03-01', '2026-03-31', { asOf, calendar: builtinWorkCalendar() })
    expect(result.due).toBe(0)
    expect(result.undetermined.map(u => [u.id, u.reason])).toEqual([[noDue.id, '事项无承诺办结时限']])
  })
})

describe('lateness', () => {
  it('is 0 working days when done on the weekend right after a Friday due, yet late by hours', () => {
    expect(lateness(`2026-03-06${END}`, '2026-03-07T10:00:00+08:00', builtinWorkCalendar())).toMatchObject({ late: true, workdays: 0, calendarDays: 1, hours: 10 })
  })
  it('is not late at the due instant itself', () => {
    expect(lateness(`2026-03-06${END}`, `2026-03-06${END}`, builtinWorkCalendar()).late).toBe(false)
  })
})

describe('6.2.3 consultations and complaints handled in time', () => {
  const referredDue = `2026-03-03${END}`
  const referral = (s: string) => [consultationEvent('consultation.referred', '10:00', { dueAt: referredDue }, { stream: s })]
  const reply = (at: string) => (s: string) => [...referral(s), consultationEvent('consultation.replied', at, { repliedAt: at }, { stream: s })]

  it('on-the-spot answers are timely; a late reply and an unreferred open one past 1 working day are late; a referral not yet due is pending', () => {
    const items = [
      consultation(1, '09:00', () => [], { answer: '可以在本站办理' }),
      consultation(2, '09:10', reply('2026-03-03T15:00:00+08:00')),
      consultation(3, '09:20', reply('2026-03-04T09:00:00+08:00')),
      consultation(4, '09:30'),
      consultation(5, '2026-03-04T09:00:00+08:00', s => [consultationEvent('consultation.referred', '2026-03-04T10:00:00+08:00', { dueAt: `2026-03-05${END}` }, { stream: s })]),
    ]
    const result = consultationTimeliness(items, '2026-03-01', '2026-03-31', { asOf: '2026-03-05T12:00:00+08:00', calendar: builtinWorkCalendar() })
    expect(result.cases.map(c => [c.id, c.outcome])).toEqual([[items[0]?.id, 'onTime'], [items[1]?.id, 'onTime'], [items[2]?.id, 'late'], [items[3]?.id, 'late']])
    expect(result).toMatchObject({ due: 4, onTime: 2, late: 2, rate: 0.5, display: '50%' })
    expect(result.pending.map(p => p.id)).toEqual([items[4]?.id])
    // The unreferred one was due at the end of the first working day after recording (6.3.3.1.3).
    expect(result.cases[3]).toMatchObject({ dueAt: `2026-03-03${END}`, completedAt: null, lateByWorkdays: 2 })
  })

  it('a 差评 is a complaint due at its call-back due: called back in time, or still not at asOf', () => {
    const a = rated('case:01950000-0000-7000-8000-00000000aaa1', 2, '2026-03-02T16:00:00+08:00', `2026-03-23${END}`)
    const b = rated('case:01950000-0000-7000-8000-00000000aaa2', 1, '2026-03-02T16:00:00+08:00', `2026-03-23${END}`)
    const good = rated('case:01950000-0000-7000-8000-00000000aaa3', 5)
    const followUps = [{ subject: a.subject, at: '2026-03-10T10:00:00+08:00', result: '已回访并整改' }]
    const result = complaintTimeliness([a, b, good], followUps, '2026-03-01', '2026-03-31', { asOf, calendar: builtinWorkCalendar() })
    expect(result).toMatchObject({ due: 2, onTime: 1, late: 1, rate: 0.5 })
    expect(result.cases.find(c => c.subject === b.subject)).toMatchObject({ outcome: 'late', completedAt: null, lateByCalendarDays: 23 })
  })

  it('nothing due → 无到期咨询 / 无到期投诉, and the combined rate says so too', () => {
    const m = qualityMetrics({ cases: [] }, '2026-03-01', '2026-03-31', { asOf, calendar: builtinWorkCalendar() })
    expect([m.onTimeCompletion.display, m.consultations.display, m.complaints.display, m.timelyHandling.display]).toEqual(['无到期办件', '无到期咨询', '无到期投诉', '无到期咨询或投诉'])
    expect(m.timelyHandling.rate).toBeNull()
  })
})

describe('periods: day, ISO week (Monday start), month, in CST', () => {
  it('ISO week keys, including a week-year unlike the calendar year', () => {
    expect(isoWeekKey('2026-01-01')).toBe('2026-W01')
    expect(isoWeekKey('2026-03-08')).toBe('2026-W10')
    expect(isoWeekKey('2026-03-09')).toBe('2026-W11')
    expect(isoWeekKey('2027-01-01')).toBe('2026-W53')
    expect(isoWeekKey('2025-12-29')).toBe('2026-W01')
    expect(periodOf('week', '2026-03-04')).toEqual({ key: '2026-W10', from: '2026-03-02', to: '2026-03-08' })
  })

  it('bucketize clips the first and last period to the range and says so', () => {
    const weeks = bucketize('week', '2026-03-01', '2026-03-31')
    expect(weeks.map(b => [b.key, b.from, b.to, b.partial])).toEqual([
      ['2026-W09', '2026-03-01', '2026-03-01', true],
      ['2026-W10', '2026-03-02', '2026-03-08', false],
      ['2026-W11', '2026-03-09', '2026-03-15', false],
      ['2026-W12', '2026-03-16', '2026-03-22', false],
      ['2026-W13', '2026-03-23', '2026-03-29', false],
      ['2026-W14', '2026-03-30', '2026-03-31', true],
    ])
    expect(bucketize('month', '2025-12-15', '2026-02-28').map(b => [b.key, b.from, b.to, b.partial])).toEqual([
      ['2025-12', '2025-12-15', '2025-12-31', true],
      ['2026-01', '2026-01-01', '2026-01-31', false],
      ['2026-02', '2026-02-01', '2026-02-28', false],
    ])
    expect(bucketize('day', '2026-02-27', '2026-03-02').map(b => b.key)).toEqual(['2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02'])
  })

  it('a bucket boundary is CST midnight: answers at 23:30 CST Sunday and 00:10 CST Monday fall in different weeks', () => {
    // Both instants are Sunday 3/8 in UTC and in the test zone (America/Los_Angeles).
    const sunday = consultation(1, '2026-03-08T23:30:00+08:00', () => [], { answer: '已解答' })
    const monday = consultation(2, '2026-03-09T00:10:00+08:00', () => [], { answer: '已解答' })
    const series = metricSeries('week', '2026-03-02', '2026-03-15', { cases: [], consultations: [sunday, monday] }, { asOf, calendar: builtinWorkCalendar() })
    expect(series.map(p => [p.bucket.key, p.consultations.cases.map(c => c.id)])).toEqual([['2026-W10', [sunday.id]], ['2026-W11', [monday.id]]])
  })

  it('a monthly series puts each case in the month of its due day', () => {
    const cases = [
      dueCase(1, '2026-03-02T09:00:00+08:00', `2026-03-31${END}`, '2026-03-30T10:00:00+08:00'),
      dueCase(2, '2026-03-10T09:00:00+08:00', `2026-04-01${END}`, '2026-04-02T10:00:00+08:00'),
    ]
    const series = metricSeries('month', '2026-03-01', '2026-04-30', { cases }, { asOf: '2026-05-01T00:00:00+08:00', calendar: builtinWorkCalendar() })
    expect(series.map(p => [p.bucket.key, p.onTimeCompletion.display])).toEqual([['2026-03', '100%'], ['2026-04', '0%']])
  })
})

describe('6.2.2 information disclosure', () => {
  const full = { code: 'a', name: '甲', conditions: ['条件'], materials: [{ name: '身份证' }], process: ['受理'], promisedLimitWorkdays: 0, fee: '不收费', legalBasis: ['《某法》'] }

  it('a guide lacking parts is listed with what it lacks; withdrawn items are not offered', () => {
    const result = disclosureRate([full, { ...full, code: 'b', name: '乙', fee: null, legalBasis: [], promisedLimitWorkdays: null }, { ...full, code: 'c', fee: null, active: false }])
    expect(result).toMatchObject({ offered: 2, complete: 1, rate: 0.5, display: '50%' })
    expect(result.incomplete).toEqual([{ code: 'b', name: '乙', missing: ['办理时限', '收费标准', '设定依据'] }])
  })

  it('a written limit note counts as a time limit; blank strings do not count as parts', () => {
    expect(missingGuideParts({ ...full, promisedLimitWorkdays: null, limitNote: '法定期限60日' })).toEqual([])
    expect(missingGuideParts({ ...full, conditions: ['  '], fee: ' ' })).toEqual(['conditions', 'fee'])
  })

  it('no offered items → 无在办事项, not 100%', () => {
    expect(disclosureRate([])).toMatchObject({ rate: null, display: '无在办事项' })
  })
})

describe('formatRate', () => {
  it('only a full score reads 100%', () => {
    expect(formatRate(9999 / 10000, '-')).toBe('99.9%')
    expect(formatRate(1, '-')).toBe('100%')
    expect(formatRate(0.575, '-')).toBe('57.5%')
    expect(formatRate(1 / 3, '-')).toBe('33.3%')
  })
})
