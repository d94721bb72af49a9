/**
 * Where a deadline stands for the home screen and lists (issue 4 "Deadlines"; 6.2.1 promised limits,
 * 6.3.3.1.3 reply within 1 working day): overdue, due today, due soon, on track, or done. Days are CST.
 */
import type { CaseState } from './case'
import type { ConsultationState } from './consultation'
import type { WorkCalendar } from './calendar'
import { addCalendarDays, ScheduleNotPublishedError, toCivilDate } from './calendar'

/** 'dueToday': due by the end of today (CST) and not yet past; 'dueSoon': within the next few working days. */
export type DueStatus = 'overdue' | 'dueToday' | 'dueSoon' | 'onTrack' | 'done'

export const dueStatusLabels: Record<DueStatus, string> = {
  overdue: '已超期',
  dueToday: '今日到期',
  dueSoon: '即将到期',
  onTrack: '正常',
  done: '已完成',
}

export interface DueStatusOptions {
  /** 'dueSoon' when the due day is at most this many working days after today (default 2). */
  soonWorkdays?: number
  /** The calendar to count working days with. */
  calendar: Pick<WorkCalendar, 'addWorkdays'>
}

function instantMs(now: Date | string): number {
  const ms = now instanceof Date ? now.getTime() : /T/.test(now) ? Date.parse(now) : Number.NaN
  if (Number.isNaN(ms))
    throw new RangeError(`需要带时区的 ISO 时间或 Date: ${String(now)}`)
  return ms
}

/** 6.2.1, 6.3.3.1.3: the standing of a deadline `dueAt` at `now`; 'done' when `done`, 'onTrack' when there is no deadline. */
export function dueStatusOf(dueAt: string | null, done: boolean, now: Date | string, options: DueStatusOptions): DueStatus {
  if (done)
    return 'done'
  if (dueAt === null)
    return 'onTrack'
  const nowMs = instantMs(now)
  if (nowMs > Date.parse(dueAt))
    return 'overdue'
  const today = toCivilDate(new Date(nowMs))
  const dueDay = toCivilDate(dueAt)
  if (dueDay <= today)
    return 'dueToday'
  const soon = options.soonWorkdays ?? 2
  let horizon: string
  try {
    horizon = options.calendar.addWorkdays(today, soon)
  }
  catch (error) {
    // Only a highlight, not a deadline: without the year's schedule, count calendar days.
    if (!(error instanceof ScheduleNotPublishedError))
      throw error
    horizon = addCalendarDays(today, soon)
  }
  return dueDay <= horizon ? 'dueSoon' : 'onTrack'
}

/** 6.2.1: a case's standing against its promised limit; done once completed, handed over, returned or terminated. */
export function caseDueStatus(state: Pick<CaseState, 'status' | 'dueAt' | 'completedAt'>, now: Date | string, options: DueStatusOptions): DueStatus {
  const done = state.completedAt !== null || state.status === 'returned' || state.status === 'terminated'
  return dueStatusOf(state.dueAt, done, now, options)
}

/** 6.3.3.1.3: a consultation's standing against its reply due; done once answered or replied. */
export function consultationDueStatus(state: Pick<ConsultationState, 'status' | 'dueAt'>, now: Date | string, options: DueStatusOptions): DueStatus {
  const done = state.status === 'answered' || state.status === 'replied'
  return dueStatusOf(state.dueAt, done, now, options)
}
