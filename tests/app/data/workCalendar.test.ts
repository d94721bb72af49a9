import { describe, expect, it } from 'vitest'
import { computed } from 'vue'
import { applyPulledEvents, workCalendar } from '../../../src/app/data'
import { builtinWorkCalendar } from '../../../src/domain/calendar'
import fixture2027 from '../../fixtures/calendar-2027.json'
import { freshDatabase } from '../support/database'

// 2026-12-20 + 15 working days: Monday–Friday gives 2027-01-08; with 元旦 01-01…03 off, 2027-01-11.
const RECEIVED = '2026-12-20T10:00:00+08:00'

/** Calendar years as a pull page brings them (reference rows with their revision). */
function pulled2027(revision: number) {
  return { calendarYears: [{ ...fixture2027, id: '2027', revision }] }
}

describe('the app\'s working-day calendar (src/app/data/workCalendar.ts)', () => {
  it('starts with the bundled years only', () => {
    freshDatabase()
    expect(workCalendar().isSchedulePublished(2026)).toBe(true)
    expect(workCalendar().isSchedulePublished(2027)).toBe(false)
  })

  it('publishes a new calendar once pulled years are stored, and a computed due counts again with it', async () => {
    freshDatabase()
    const before = workCalendar()
    const due = computed(() => workCalendar().provisionalDueAfterWorkdays(RECEIVED, 15))
    expect(due.value).toMatchObject({ dueDate: '2027-01-08', provisional: true, unpublishedYears: [2027] })

    await applyPulledEvents([], 0, { reference: pulled2027(5) })

    expect(due.value).toMatchObject({ dueDate: '2027-01-11', provisional: false, unpublishedYears: [] })
    expect(workCalendar()).not.toBe(before)
    expect(workCalendar().isSchedulePublished(2027)).toBe(true)
    // Values, not shared state: the calendar held before and the domain's bundled one never learnt 2027.
    expect(before.isSchedulePublished(2027)).toBe(false)
    expect(builtinWorkCalendar().isSchedulePublished(2027)).toBe(false)
  })

  it('keeps its calendar when the page that carried the years is not stored', async () => {
    const { faults } = freshDatabase()
    const before = workCalendar()
    faults.failWrites('calendarYears', new Error('disk full'))

    await expect(applyPulledEvents([], 0, { reference: pulled2027(6) })).rejects.toThrow()

    expect(workCalendar()).toBe(before)
    expect(workCalendar().isSchedulePublished(2027)).toBe(false)
  })
})
