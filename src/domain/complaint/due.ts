/**
 * Complaint deadlines (6.2.3): the end of the n-th working day after the complaint's CST day (setting
 * `complaintDueWorkdays`, default 5); counted Monday–Friday and marked 暂定 in a year not yet published.
 */
import type { DateInput, WorkCalendar } from '../calendar'

/** Default working days to handle a complaint (the setting `complaintDueWorkdays`). */
export const COMPLAINT_DUE_WORKDAYS = 5

/** The setting as pulled: a whole number of days from 1 to 60, else the default. */
export function complaintDueWorkdays(value: unknown): number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 60 ? value : COMPLAINT_DUE_WORKDAYS
}

/** 6.2.3: the due fields of a complaint received at `receivedAt`, for its `complaint.recorded` payload. */
export function complaintDue(receivedAt: DateInput, workdays: number = COMPLAINT_DUE_WORKDAYS, calendar: Pick<WorkCalendar, 'provisionalDueAfterWorkdays'>): { dueAt: string, dueProvisional?: true } {
  const due = calendar.provisionalDueAfterWorkdays(receivedAt, workdays)
  return due.provisional ? { dueAt: due.due, dueProvisional: true } : { dueAt: due.due }
}
