/**
 * Working days (工作日) in China Standard Time, for every deadline the standard counts in working days
 * (DOMAIN.md "Working days"; 6.3.3.1.3 reply within 1 working day; promised time limits on receipts).
 *
 * - A WorkCalendar is an immutable value: the bundled years (./bundledYears.ts) plus the years it was made
 *   with (reference data the server distributes). There is no shared calendar: whoever counts working days
 *   is handed one (the server loads its own per request, the app holds one in src/app/data/workCalendar.ts),
 *   and `withYears` makes a new one rather than changing it.
 * - A date in any other year throws ScheduleNotPublishedError (or yields { ok: false } from
 *   tryDueAfterWorkdays): there is no silent Monday–Friday fallback. Where a deadline must be given
 *   anyway (a promised limit on a receipt), provisionalDueAfterWorkdays counts Monday–Friday in the
 *   unpublished years and says so (`provisional`, `unpublishedYears`): the flag is the signal, shown as 暂定.
 */
import type { YearSchedule } from './bundledYears'
import type { CalendarYearData } from './calendarYear'
import type { CivilDate, DateInput } from './civilDate'
import { BUNDLED_SCHEDULES } from './bundledYears'
import { calendarYearSchema } from './calendarYear'
import { addCalendarDays, isWeekend, toCivilDate } from './civilDate'

/** Thrown when a date falls in a year whose holiday schedule (节假日安排) is not published or not imported yet. */
export class ScheduleNotPublishedError extends Error {
  readonly code = 'schedule-not-published'
  readonly year: number

  constructor(year: number) {
    super(`${year}年节假日安排尚未发布或尚未导入，无法按工作日计算期限`)
    this.name = 'ScheduleNotPublishedError'
    this.year = year
  }
}

/** Outcome of a working-day deadline when the schedule may be missing: a result form of dueAfterWorkdays. */
export type DueResult
  = | { ok: true, due: string, dueDate: CivilDate }
    | { ok: false, reason: 'schedule-not-published', year: number, message: string }

/**
 * A deadline that is always given: exact where every year it crosses is published, otherwise counted
 * Monday–Friday in the unpublished years and marked provisional (暂定) until those years are imported.
 */
export interface ProvisionalDue {
  due: string
  dueDate: CivilDate
  /** Counted Monday–Friday through at least one unpublished year: recompute once it is published. */
  provisional: boolean
  /** The unpublished years the count went through, ascending (empty when final). */
  unpublishedYears: number[]
}

/** A working-day calendar: the bundled schedule plus the years it was made with. Immutable. */
export interface WorkCalendar {
  /** DOMAIN.md 工作日: Mon–Fri not a statutory holiday, or a weekend day declared a make-up working day (调休上班); throws ScheduleNotPublishedError for an unknown year. */
  readonly isWorkday: (date: DateInput) => boolean
  /** DOMAIN.md counting: the CST date n working days after `date`, not counting `date` itself (n = 0 → `date`). */
  readonly addWorkdays: (date: DateInput, n: number) => CivilDate
  /** 6.3.3.1.3 / DOMAIN.md: due by the end (23:59:59.999 CST) of the n-th working day after the day of `instant`. */
  readonly dueAfterWorkdays: (instant: DateInput, n: number) => string
  /** DOMAIN.md "schedule not published": dueAfterWorkdays as a result instead of a throw. */
  readonly tryDueAfterWorkdays: (instant: DateInput, n: number) => DueResult
  /** DOMAIN.md counting with 暂定: Monday–Friday in unpublished years, flagged provisional (never throws for a missing year). */
  readonly provisionalDueAfterWorkdays: (instant: DateInput, n: number) => ProvisionalDue
  /** Whether a year's holiday schedule is known (bundled or given). */
  readonly isSchedulePublished: (year: number) => boolean
  /** The years with a known schedule, ascending. */
  readonly years: () => number[]
  /**
   * A new calendar: this one with `years` added (validated with calendarYearSchema); a given year replaces
   * the one held, as the office's import is a correction or a newer notice. This calendar is unchanged.
   */
  readonly withYears: (years: readonly CalendarYearData[]) => WorkCalendar
}

function endOfDay(date: CivilDate): string {
  return `${date}T23:59:59.999+08:00`
}

function checkedWorkdays(n: number): void {
  if (!Number.isInteger(n) || n < 0)
    throw new RangeError(`工作日数应为非负整数: ${n}`)
}

function calendarOf(schedules: ReadonlyMap<number, YearSchedule>): WorkCalendar {
  function scheduleOf(date: CivilDate): YearSchedule {
    const year = Number(date.slice(0, 4))
    const schedule = schedules.get(year)
    if (!schedule)
      throw new ScheduleNotPublishedError(year)
    return schedule
  }

  function workdayIn(schedule: YearSchedule, date: CivilDate): boolean {
    if (schedule.holidays.has(date))
      return false
    return schedule.workdays.has(date) || !isWeekend(date)
  }

  function isWorkday(input: DateInput): boolean {
    const date = toCivilDate(input)
    return workdayIn(scheduleOf(date), date)
  }

  function addWorkdays(input: DateInput, n: number): CivilDate {
    checkedWorkdays(n)
    let date = toCivilDate(input)
    for (let counted = 0; counted < n;) {
      date = addCalendarDays(date, 1)
      if (isWorkday(date))
        counted++
    }
    return date
  }

  function tryDueAfterWorkdays(instant: DateInput, n: number): DueResult {
    try {
      const dueDate = addWorkdays(instant, n)
      return { ok: true, due: endOfDay(dueDate), dueDate }
    }
    catch (error) {
      if (error instanceof ScheduleNotPublishedError)
        return { ok: false, reason: 'schedule-not-published', year: error.year, message: error.message }
      throw error
    }
  }

  function provisionalDueAfterWorkdays(instant: DateInput, n: number): ProvisionalDue {
    checkedWorkdays(n)
    const unpublished = new Set<number>()
    let date = toCivilDate(instant)
    for (let counted = 0; counted < n;) {
      date = addCalendarDays(date, 1)
      const year = Number(date.slice(0, 4))
      const schedule = schedules.get(year)
      if (!schedule)
        unpublished.add(year)
      if (schedule ? workdayIn(schedule, date) : !isWeekend(date))
        counted++
    }
    const unpublishedYears = [...unpublished].sort((a, b) => a - b)
    return { due: endOfDay(date), dueDate: date, provisional: unpublishedYears.length > 0, unpublishedYears }
  }

  function withYears(years: readonly CalendarYearData[]): WorkCalendar {
    const next = new Map(schedules)
    for (const data of years) {
      const parsed = calendarYearSchema.parse(data)
      next.set(parsed.year, { holidays: new Set(parsed.holidays), workdays: new Set(parsed.workdays) })
    }
    return calendarOf(next)
  }

  return Object.freeze({
    isWorkday,
    addWorkdays,
    dueAfterWorkdays: (instant: DateInput, n: number) => endOfDay(addWorkdays(instant, n)),
    tryDueAfterWorkdays,
    provisionalDueAfterWorkdays,
    isSchedulePublished: (year: number) => schedules.has(year),
    years: () => [...schedules.keys()].sort((a, b) => a - b),
    withYears,
  })
}

/** DOMAIN.md: a calendar backed by chinese-days 2004–2026 (unless `builtin: false`) plus the given years. */
export function createWorkCalendar(options: { builtin?: boolean, years?: readonly CalendarYearData[] } = {}): WorkCalendar {
  return calendarOf(options.builtin === false ? new Map() : BUNDLED_SCHEDULES).withYears(options.years ?? [])
}

const BUILTIN_WORK_CALENDAR = createWorkCalendar()

/**
 * The bundled years only (2004–2026), no imported year: for tests and for callers that truly mean "no
 * imported years". Immutable, so sharing it is safe. Anyone who may hold imported years takes a calendar
 * made with them instead.
 */
export function builtinWorkCalendar(): WorkCalendar {
  return BUILTIN_WORK_CALENDAR
}
