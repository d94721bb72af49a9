/**
 * The calendar of DOMAIN.md "Working days", by concept:
 * - ./civilDate.ts — CST civil dates 'YYYY-MM-DD' and calendar-day arithmetic;
 * - ./cstTime.ts — where a CST day starts and ends as instants;
 * - ./calendarYear.ts — one year's holiday schedule (节假日安排) as reference data (calendarYearSchema);
 * - ./bundledYears.ts — the schedules bundled from chinese-days (2004–2026);
 * - ./workCalendar.ts — WorkCalendar, the immutable value every working-day count is made with.
 */
export { BUILTIN_CALENDAR_YEARS } from './bundledYears'
export type { CalendarYearData } from './calendarYear'
export { calendarYearSchema } from './calendarYear'
export type { CivilDate, DateInput } from './civilDate'
export { addCalendarDays, isCivilDate, toCivilDate } from './civilDate'
export { cstDay, cstDayRange, cstDayStartMs, endOfCstDay } from './cstTime'
export type { DueResult, ProvisionalDue, WorkCalendar } from './workCalendar'
export { builtinWorkCalendar, createWorkCalendar, ScheduleNotPublishedError } from './workCalendar'
