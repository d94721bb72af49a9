/**
 * Rectification deadlines (DOMAIN.md 好差评: rectified within a setting, default 15 working days): the end of
 * the n-th working day after the task was opened, provisional (暂定) through an unpublished year.
 */
import type { DateInput, WorkCalendar } from '../calendar'

/** DOMAIN.md 好差评: default working days to rectify (the setting `rectificationWorkdays`). */
export const RECTIFICATION_WORKDAYS = 15

/** The setting as pulled: a whole number of days from 1 to 90, else the default. */
export function rectificationWorkdays(value: unknown): number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 90 ? value : RECTIFICATION_WORKDAYS
}

export interface RectificationDue {
  dueAt: string
  provisional: boolean
  unpublishedYears: number[]
}

/** 7.2.2, DOMAIN.md 好差评: when a task opened at `openedAt` must be rectified. */
export function rectificationDue(openedAt: DateInput, workdays: number = RECTIFICATION_WORKDAYS, calendar: Pick<WorkCalendar, 'provisionalDueAfterWorkdays'>): RectificationDue {
  const due = calendar.provisionalDueAfterWorkdays(openedAt, workdays)
  return { dueAt: due.due, provisional: due.provisional, unpublishedYears: due.unpublishedYears }
}

/** The deadline fields of a `rectification.opened` payload. */
export function rectificationDueFields(openedAt: DateInput, workdays: number = RECTIFICATION_WORKDAYS, calendar: Pick<WorkCalendar, 'provisionalDueAfterWorkdays'>): { dueAt: string, dueProvisional?: true, workdays: number } {
  const due = rectificationDue(openedAt, workdays, calendar)
  return due.provisional ? { dueAt: due.dueAt, dueProvisional: true, workdays } : { dueAt: due.dueAt, workdays }
}
