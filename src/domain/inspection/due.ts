/**
 * Fix deadlines of inspection findings (5.4.2: findings with fixes): the end of the n-th working day after the
 * inspection's CST day. When that year's holiday schedule is not published yet, counted Monday–Friday and
 * marked provisional (暂定), never left without a date.
 */
import type { DateInput, WorkCalendar } from '../calendar'
import { addCalendarDays, toCivilDate } from '../calendar'

/** Default working days to fix a finding (the setting `inspectionFixWorkdays`). */
export const INSPECTION_FIX_WORKDAYS = 5

/** The setting as pulled: a whole number of days from 1 to 60, else the default. */
export function inspectionFixWorkdays(value: unknown): number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 60 ? value : INSPECTION_FIX_WORKDAYS
}

export interface InspectionFixDue {
  dueAt: string
  provisional: boolean
}

function mondayToFriday(from: DateInput, n: number): string {
  let date = toCivilDate(from)
  for (let counted = 0; counted < n;) {
    date = addCalendarDays(date, 1)
    const dow = new Date(`${date}T00:00:00Z`).getUTCDay()
    if (dow !== 0 && dow !== 6)
      counted++
  }
  return `${date}T23:59:59.999+08:00`
}

/** 5.4.2: when a finding made at `inspectedAt` must be fixed. */
export function inspectionFixDue(inspectedAt: DateInput, workdays: number = INSPECTION_FIX_WORKDAYS, calendar: Pick<WorkCalendar, 'tryDueAfterWorkdays'>): InspectionFixDue {
  const due = calendar.tryDueAfterWorkdays(inspectedAt, workdays)
  return due.ok ? { dueAt: due.due, provisional: false } : { dueAt: mondayToFriday(inspectedAt, workdays), provisional: true }
}
