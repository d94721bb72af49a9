import type { CalendarYearData } from '../../src/domain/calendar'
import { describe, expect, it } from 'vitest'
import {
  builtinWorkCalendar,
  calendarYearSchema,
  createWorkCalendar,
  ScheduleNotPublishedError,
  toCivilDate,
} from '../../src/domain/calendar'

// A made-up 2027 schedule, only to exercise imported years (the real one is published in Nov 2026).
const fake2027: CalendarYearData = {
  year: 2027,
  holidays: ['2027-01-01', '2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11'],
  workdays: ['2027-01-30'],
  source: 'test fixture',
}

// The bundled years only: an immutable value, so these tests share it without resetting anything.
const { isWorkday, addWorkdays, dueAfterWorkdays, tryDueAfterWorkdays, isSchedulePublished, years: calendarYears } = builtinWorkCalendar()

describe('the device time zone is not China Standard Time', () => {
  it('runs in a zone where naive date code would fail', () => {
    expect(new Date('2026-09-29T16:30:00Z').getDate()).toBe(29)
    expect(toCivilDate('2026-09-29T16:30:00Z')).toBe('2026-09-30')
  })
})

describe('toCivilDate: the CST day of an input', () => {
  it.each([
    ['2026-09-30', '2026-09-30'],
    ['2026-09-30T15:59:59.999Z', '2026-09-30'],
    ['2026-09-30T16:00:00Z', '2026-10-01'],
    ['2026-09-30T16:30:00Z', '2026-10-01'],
    ['2026-10-01T00:30:00+08:00', '2026-10-01'],
    ['2026-09-30T09:30:00-07:00', '2026-10-01'],
    ['2026-12-31T16:00:00Z', '2027-01-01'],
  ])('%s → %s', (input, expected) => {
    expect(toCivilDate(input)).toBe(expected)
  })

  it('converts a Date object by its instant, not by the process zone', () => {
    expect(toCivilDate(new Date(Date.UTC(2026, 8, 29, 16, 30)))).toBe('2026-09-30')
    expect(toCivilDate(new Date(Date.UTC(2026, 8, 29, 15, 59)))).toBe('2026-09-29')
  })

  it.each([
    ['2026-02-30'],
    ['2026-13-01'],
    ['2026-9-30'],
    ['2026-09-30T10:00:00'],
    ['yesterday'],
    [''],
  ])('rejects %j', (input) => {
    expect(() => toCivilDate(input)).toThrow(RangeError)
  })

  it('rejects an invalid Date', () => {
    expect(() => toCivilDate(new Date(Number.NaN))).toThrow(RangeError)
  })
})

describe('isWorkday: the 2026 schedule of DOMAIN.md', () => {
  it.each([
    // 元旦 1/1–3, 1/4 (Sunday) worked
    ['2026-01-01', false], ['2026-01-02', false], ['2026-01-03', false], ['2026-01-04', true], ['2026-01-05', true],
    // 春节 2/15–23, 2/14 and 2/28 (Saturdays) worked
    ['2026-02-13', true], ['2026-02-14', true], ['2026-02-15', false], ['2026-02-19', false], ['2026-02-23', false],
    ['2026-02-24', true], ['2026-02-28', true], ['2026-03-01', false],
    // 清明 4/4–6
    ['2026-04-03', true], ['2026-04-04', false], ['2026-04-06', false], ['2026-04-07', true],
    // 劳动节 5/1–5, 5/9 (Saturday) worked
    ['2026-05-01', false], ['2026-05-05', false], ['2026-05-06', true], ['2026-05-09', true], ['2026-05-10', false],
    // 端午 6/19–21
    ['2026-06-18', true], ['2026-06-19', false], ['2026-06-22', true],
    // 中秋 9/25–27, 国庆 10/1–7, 9/20 (Sunday) and 10/10 (Saturday) worked
    ['2026-09-20', true], ['2026-09-25', false], ['2026-09-27', false], ['2026-09-30', true],
    ['2026-10-01', false], ['2026-10-07', false], ['2026-10-08', true], ['2026-10-10', true], ['2026-10-11', false],
    // ordinary weeks
    ['2026-11-20', true], ['2026-11-21', false], ['2026-11-22', false],
  ])('%s → %s', (date, expected) => {
    expect(isWorkday(date)).toBe(expected)
  })

  it('judges an instant by its CST day', () => {
    // 16:30Z on 30 September is already National Day in Beijing.
    expect(isWorkday('2026-09-30T16:30:00Z')).toBe(false)
    expect(isWorkday('2026-09-30T15:30:00Z')).toBe(true)
    expect(isWorkday(new Date('2026-10-07T16:00:00Z'))).toBe(true)
  })

  it.each([
    ['2004-10-01', false],
    ['2008-08-08', true],
    ['2020-01-31', false], // Spring Festival extended in 2020
    ['2024-02-04', true], // Sunday make-up working day
    ['2025-01-26', true], // Sunday make-up working day
    ['2025-10-08', false],
  ])('bundled earlier years: %s → %s', (date, expected) => {
    expect(isWorkday(date)).toBe(expected)
  })
})

describe('addWorkdays and dueAfterWorkdays: the day of receipt is not counted', () => {
  it.each([
    ['2026-09-30', 1, '2026-10-08'],
    ['2026-02-14', 1, '2026-02-24'],
    ['2026-02-13', 1, '2026-02-14'],
    ['2026-09-29', 1, '2026-09-30'],
    ['2026-09-19', 1, '2026-09-20'],
    ['2026-11-20', 1, '2026-11-23'],
    ['2026-11-20', 5, '2026-11-27'],
    ['2026-09-24', 3, '2026-09-30'],
    ['2026-09-24', 4, '2026-10-08'],
    ['2026-09-30', 2, '2026-10-09'],
    ['2026-09-30', 3, '2026-10-10'],
    ['2026-12-01', 15, '2026-12-22'],
    ['2026-05-01', 0, '2026-05-01'],
  ])('%s + %i working days → %s', (date, n, expected) => {
    expect(addWorkdays(date, n)).toBe(expected)
  })

  it.each([
    // DOMAIN.md examples
    ['2026-09-30', '2026-10-08T23:59:59.999+08:00'],
    ['2026-02-14', '2026-02-24T23:59:59.999+08:00'],
    ['2026-09-30T09:15:00+08:00', '2026-10-08T23:59:59.999+08:00'],
    ['2026-02-14T10:00:00+08:00', '2026-02-24T23:59:59.999+08:00'],
    // near midnight CST: the CST day decides, not the UTC or Los Angeles day
    ['2026-09-29T15:59:59Z', '2026-09-30T23:59:59.999+08:00'],
    ['2026-09-29T16:30:00Z', '2026-10-08T23:59:59.999+08:00'],
    ['2026-09-30T16:30:00Z', '2026-10-08T23:59:59.999+08:00'],
    ['2026-02-13T16:00:00Z', '2026-02-24T23:59:59.999+08:00'],
    ['2026-02-13T15:59:59.999Z', '2026-02-14T23:59:59.999+08:00'],
  ])('received %s → reply due %s', (receivedAt, due) => {
    expect(dueAfterWorkdays(receivedAt, 1)).toBe(due)
  })

  it('gives an instant that is the last millisecond of the CST day', () => {
    const due = dueAfterWorkdays(new Date('2026-09-30T01:00:00Z'), 1)
    expect(Date.parse(due)).toBe(Date.UTC(2026, 9, 8, 15, 59, 59, 999))
  })

  it.each([[-1], [1.5], [Number.NaN]])('rejects n = %s', (n) => {
    expect(() => addWorkdays('2026-09-30', n)).toThrow(RangeError)
  })
})

describe('schedule not published: no silent Monday–Friday fallback', () => {
  it('publishes exactly 2004–2026 out of the box', () => {
    const years = calendarYears()
    expect(years[0]).toBe(2004)
    expect(years.at(-1)).toBe(2026)
    expect(years).toHaveLength(23)
    expect(isSchedulePublished(2003)).toBe(false)
    expect(isSchedulePublished(2027)).toBe(false)
  })

  it.each(Array.from({ length: 23 }, (_, i) => 2004 + i))('bundled %i has New Year\'s Day off and a full set of holidays', (year) => {
    expect(isWorkday(`${year}-01-01`)).toBe(false)
    const offWeekdays = Array.from({ length: 366 }, (_, d) => toCivilDate(new Date(Date.UTC(year, 0, 1 + d))))
      .filter(date => date.startsWith(`${year}-`))
      .filter(date => !isWorkday(date) && ![0, 6].includes(new Date(`${date}T12:00:00Z`).getUTCDay()))
    // Seven festivals give at least 11 weekdays off every year since 2008 (10 before): a partial year would fall short.
    expect(offWeekdays.length).toBeGreaterThanOrEqual(year < 2008 ? 10 : 11)
  })

  it.each([
    ['2027-01-04'],
    ['2027-06-15T02:00:00Z'],
    ['2003-12-31'],
  ])('isWorkday(%s) throws ScheduleNotPublishedError', (date) => {
    expect(() => isWorkday(date)).toThrow(ScheduleNotPublishedError)
  })

  it('names the missing year, in Chinese', () => {
    try {
      isWorkday('2027-03-01')
      expect.unreachable()
    }
    catch (error) {
      expect(error).toBeInstanceOf(ScheduleNotPublishedError)
      expect((error as ScheduleNotPublishedError).year).toBe(2027)
      expect((error as ScheduleNotPublishedError).code).toBe('schedule-not-published')
      expect((error as Error).message).toContain('2027年节假日安排尚未发布')
    }
  })

  it('throws when a deadline crosses into an unpublished year', () => {
    expect(addWorkdays('2026-12-30', 1)).toBe('2026-12-31')
    expect(() => addWorkdays('2026-12-31', 1)).toThrow(ScheduleNotPublishedError)
    expect(() => dueAfterWorkdays('2026-12-31T16:30:00Z', 1)).toThrow(ScheduleNotPublishedError)
    expect(() => dueAfterWorkdays('2026-12-18', 15)).toThrow(ScheduleNotPublishedError)
  })

  it.each([
    ['2026-09-30T02:00:00Z', 1, { ok: true, due: '2026-10-08T23:59:59.999+08:00', dueDate: '2026-10-08' }],
    ['2026-12-31T02:00:00Z', 1, { ok: false, reason: 'schedule-not-published', year: 2027 }],
  ] as const)('tryDueAfterWorkdays(%s, %i) reports the outcome as a value', (receivedAt, n, expected) => {
    expect(tryDueAfterWorkdays(receivedAt, n)).toMatchObject(expected)
  })

  it('still throws input errors from tryDueAfterWorkdays', () => {
    expect(() => tryDueAfterWorkdays('2026-02-30', 1)).toThrow(RangeError)
  })
})

describe('imported years: a calendar is a value, made with them', () => {
  it('makes 2027 usable in a calendar made with it, and nowhere else', () => {
    const with2027 = createWorkCalendar({ years: [fake2027] })
    expect(with2027.isSchedulePublished(2027)).toBe(true)
    expect(with2027.years().at(-1)).toBe(2027)
    expect(with2027.isWorkday('2027-01-01')).toBe(false)
    expect(with2027.isWorkday('2027-01-30')).toBe(true)
    expect(with2027.isWorkday('2027-01-31')).toBe(false)
    expect(with2027.addWorkdays('2026-12-31', 1)).toBe('2027-01-04')
    expect(with2027.dueAfterWorkdays('2027-02-04T10:00:00+08:00', 1)).toBe('2027-02-12T23:59:59.999+08:00')
    // The bundled calendar never learnt the year.
    expect(isSchedulePublished(2027)).toBe(false)
    expect(() => isWorkday('2027-01-04')).toThrow(ScheduleNotPublishedError)
  })

  it('keeps two calendars with different imported years apart (no shared state)', () => {
    const other2027: CalendarYearData = { year: 2027, holidays: ['2027-01-01', '2027-01-04'], workdays: [], source: 'another office' }
    const a = createWorkCalendar({ years: [fake2027] })
    const b = createWorkCalendar({ years: [other2027] })
    const c = builtinWorkCalendar().withYears([{ year: 2028, holidays: ['2028-01-03'], workdays: [] }])
    // 2027-01-04 is a Monday: worked in a, off in b; neither knows 2028, only c does (its 2028-01-03 is off).
    expect(a.isWorkday('2027-01-04')).toBe(true)
    expect(b.isWorkday('2027-01-04')).toBe(false)
    expect(a.addWorkdays('2026-12-31', 1)).toBe('2027-01-04')
    expect(b.addWorkdays('2026-12-31', 1)).toBe('2027-01-05')
    expect(a.provisionalDueAfterWorkdays('2027-12-31', 1)).toMatchObject({ dueDate: '2028-01-03', provisional: true, unpublishedYears: [2028] })
    expect(c.provisionalDueAfterWorkdays('2027-12-31', 1)).toMatchObject({ dueDate: '2028-01-04', provisional: false, unpublishedYears: [] })
    expect(a.years().filter(y => y > 2026)).toEqual([2027])
    expect(b.years().filter(y => y > 2026)).toEqual([2027])
    expect(c.years().filter(y => y > 2026)).toEqual([2028])
    expect(builtinWorkCalendar().years().at(-1)).toBe(2026)
  })

  it('makes a new calendar with withYears and leaves the one it came from as it was', () => {
    const before = builtinWorkCalendar()
    const after = before.withYears([fake2027])
    expect(after).not.toBe(before)
    expect(after.isSchedulePublished(2027)).toBe(true)
    expect(before.isSchedulePublished(2027)).toBe(false)
    expect(Object.isFrozen(before)).toBe(true)
    expect(builtinWorkCalendar()).toBe(before)
  })

  it('lets an imported year replace the bundled one (a correction by the supervising office)', () => {
    const corrected = builtinWorkCalendar().withYears([{ year: 2026, holidays: ['2026-01-01', '2026-12-31'], workdays: [] }])
    expect(corrected.isWorkday('2026-12-31')).toBe(false)
    expect(corrected.isWorkday('2026-01-04')).toBe(false)
    // the bundled calendar keeps the published 2026
    expect(isWorkday('2026-12-31')).toBe(true)
    expect(isWorkday('2026-01-04')).toBe(true)
  })

  it('starts empty without the bundled data, and takes years at creation', () => {
    const calendar = createWorkCalendar({ builtin: false, years: [fake2027] })
    expect(calendar.years()).toEqual([2027])
    expect(() => calendar.isWorkday('2026-10-08')).toThrow(ScheduleNotPublishedError)
    expect(calendar.tryDueAfterWorkdays('2027-02-04', 1)).toEqual({ ok: true, due: '2027-02-12T23:59:59.999+08:00', dueDate: '2027-02-12' })
  })
})

describe('calendarYearSchema: reference data is validated before use', () => {
  it('accepts a well-formed year', () => {
    expect(calendarYearSchema.safeParse(fake2027).success).toBe(true)
  })

  it.each([
    ['no holidays at all', { year: 2027, holidays: [], workdays: [] }, ['holidays']],
    ['a date of another year', { year: 2027, holidays: ['2026-12-31'], workdays: [] }, ['holidays', 0]],
    ['an impossible date', { year: 2027, holidays: ['2027-02-29'], workdays: [] }, ['holidays', 0]],
    ['a weekday as make-up working day', { year: 2027, holidays: ['2027-01-01'], workdays: ['2027-01-05'] }, ['workdays', 0]],
    ['a day both off and worked', { year: 2027, holidays: ['2027-01-01', '2027-01-30'], workdays: ['2027-01-30'] }, ['workdays', 0]],
    ['a fractional year', { year: 2027.5, holidays: ['2027-01-01'], workdays: [] }, ['year']],
  ])('rejects %s', (_label, data, path) => {
    const result = calendarYearSchema.safeParse(data)
    expect(result.success).toBe(false)
    expect(result.error?.issues.map(issue => issue.path)).toContainEqual(path)
  })

  it('refuses to make a calendar with invalid data', () => {
    expect(() => builtinWorkCalendar().withYears([{ year: 2027, holidays: [], workdays: [] }])).toThrow()
    expect(() => createWorkCalendar({ years: [{ year: 2027, holidays: [], workdays: [] }] })).toThrow()
    expect(isSchedulePublished(2027)).toBe(false)
  })
})
