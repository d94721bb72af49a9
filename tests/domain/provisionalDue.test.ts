import type { CalendarYearData } from '../../src/domain/calendar'
import type { CaseState } from '../../src/domain/case'
import { describe, expect, it } from 'vitest'
import { calendarYearSchema, createWorkCalendar } from '../../src/domain/calendar'
import { foldCase } from '../../src/domain/case'
import { timeLimitCell } from '../../src/domain/ledgerD'
import { promisedDateCell } from '../../src/domain/ledgerF'
import { onTimeCompletion } from '../../src/domain/metrics'
import fixture2027Json from '../fixtures/calendar-2027.json'
import { caseEvent } from './support/eventFactory'

const fixture2027: CalendarYearData = calendarYearSchema.parse(fixture2027Json)

const RECEIVED = '2026-12-20T10:00:00+08:00'
// Monday–Friday: 12-21…12-25, 12-28…12-31 (9), 2027-01-01 (10), 01-04…01-08 (15).
const PROVISIONAL_DUE = '2027-01-08T23:59:59.999+08:00'
// With 2027 published: 元旦 01-01…01-03 off, so the 15th working day is Monday 01-11.
const FINAL_DUE = '2027-01-11T23:59:59.999+08:00'

/** A 15-working-day case received and accepted 2026-12-20 with the due the tablet recorded. */
function december(accepted: Record<string, unknown>, more: ReturnType<typeof caseEvent>[] = []) {
  return [
    caseEvent('case.received', RECEIVED, { kind: 'intake', promisedLimitWorkdays: 15 }),
    caseEvent('case.materialsChecked', '2026-12-20T10:05:00+08:00'),
    caseEvent('case.accepted', '2026-12-20T10:10:00+08:00', accepted),
    ...more,
  ]
}

function folded(events: ReturnType<typeof december>, calendar = createWorkCalendar()): CaseState {
  const state = foldCase(events, calendar)
  if (!state)
    throw new Error('expected a case')
  return state
}

describe('provisional deadlines (暂定) into a year not yet published', () => {
  it('counts Monday–Friday through 2027 and says so', () => {
    const calendar = createWorkCalendar()
    expect(calendar.provisionalDueAfterWorkdays(RECEIVED, 15)).toEqual({ due: PROVISIONAL_DUE, dueDate: '2027-01-08', provisional: true, unpublishedYears: [2027] })
    // The strict forms still refuse: no silent fallback.
    expect(calendar.tryDueAfterWorkdays(RECEIVED, 15)).toMatchObject({ ok: false, year: 2027 })
  })

  it('is final inside published years, and in a calendar made with the year', () => {
    const calendar = createWorkCalendar()
    expect(calendar.provisionalDueAfterWorkdays('2026-03-02T09:00:00+08:00', 15)).toMatchObject({ dueDate: '2026-03-23', provisional: false, unpublishedYears: [] })
    expect(calendar.withYears([fixture2027]).provisionalDueAfterWorkdays(RECEIVED, 15)).toEqual({ due: FINAL_DUE, dueDate: '2027-01-11', provisional: false, unpublishedYears: [] })
  })

  it('a case received 2026-12-20 with 15 working days is provisional; importing 2027 makes it final and moves the date', () => {
    const events = december({ dueAt: PROVISIONAL_DUE, dueProvisional: true })
    const before = foldCase(events, createWorkCalendar())
    expect(before).toMatchObject({ dueAt: PROVISIONAL_DUE, dueProvisional: true, dueUnpublishedYears: [2027], needsAttention: false })
    const after = foldCase(events, createWorkCalendar({ years: [fixture2027] }))
    expect(after).toMatchObject({ dueAt: FINAL_DUE, dueProvisional: false, dueUnpublishedYears: [], needsAttention: false })
  })

  it('a case accepted with no due because the schedule was missing gets a provisional one, and no stale flag', () => {
    const events = december({ dueAt: null })
    expect(foldCase(events, createWorkCalendar())).toMatchObject({ dueAt: PROVISIONAL_DUE, dueProvisional: true, needsAttention: false, attentionReasons: [] })
    expect(foldCase(events, createWorkCalendar({ years: [fixture2027] }))).toMatchObject({ dueAt: FINAL_DUE, dueProvisional: false })
  })

  it('a final due recorded at intake stands, whatever the calendar says now', () => {
    const recorded = '2027-01-12T23:59:59.999+08:00'
    expect(foldCase(december({ dueAt: recorded }), createWorkCalendar({ years: [fixture2027] }))).toMatchObject({ dueAt: recorded, dueProvisional: false })
  })

  it('on time is judged against the recomputed due', () => {
    const completed = caseEvent('case.completed', '2027-01-11T15:00:00+08:00', { completedAt: '2027-01-11T15:00:00+08:00' })
    const events = december({ dueAt: PROVISIONAL_DUE, dueProvisional: true }, [completed])
    expect(foldCase(events, createWorkCalendar())?.onTime).toBe(false)
    expect(foldCase(events, createWorkCalendar({ years: [fixture2027] }))?.onTime).toBe(true)
  })

  it('ledgers D and F mark the provisional date; the mark goes once final', () => {
    const provisional = folded(december({ dueAt: PROVISIONAL_DUE, dueProvisional: true }))
    const final = folded(december({ dueAt: PROVISIONAL_DUE, dueProvisional: true }), createWorkCalendar({ years: [fixture2027] }))
    expect(timeLimitCell(provisional)).toBe('15个工作日（至 2027-01-08，暂定）')
    expect(promisedDateCell(provisional)).toBe('2027-01-08（暂定）')
    expect(timeLimitCell(final)).toBe('15个工作日（至 2027-01-11）')
    expect(promisedDateCell(final)).toBe('2027-01-11')
  })

  it('metrics count a provisional deadline as a deadline, marked in the drill-down', () => {
    const state = folded(december({ dueAt: null }))
    const result = onTimeCompletion([state], '2027-01-01', '2027-01-31', { asOf: '2027-01-20T00:00:00+08:00', calendar: createWorkCalendar() })
    expect(result).toMatchObject({ due: 1, late: 1, rate: 0 })
    expect(result.cases[0]).toMatchObject({ dueAt: PROVISIONAL_DUE, dueProvisional: true })
    expect(result.undetermined ?? []).toEqual([])
  })
})
