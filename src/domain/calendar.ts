/**
 * Working days (工作日) in China Standard Time, for every deadline the standard counts in working days
 * (DOMAIN.md "Working days"; 6.3.3.1.3 reply within 1 working day; promised time limits on receipts).
 *
 * - Civil dates are 'YYYY-MM-DD' strings in CST (UTC+8, no DST), whatever the device's time zone.
 * - Holiday schedules come from the npm package chinese-days for the years DOMAIN.md vouches for
 *   (2004–2026), plus years registered at run time (reference data the server distributes).
 * - A date in any other year throws ScheduleNotPublishedError (or yields { ok: false } from
 *   tryDueAfterWorkdays): there is no silent Monday–Friday fallback. Where a deadline must be given
 *   anyway (a promised limit on a receipt), provisionalDueAfterWorkdays counts Monday–Friday in the
 *   unpublished years and says so (`provisional`, `unpublishedYears`): the flag is the signal, shown as 暂定.
 */
import bundledSchedule from 'chinese-days/dist/chinese-days.json'
import { z } from 'zod'

export { cstDay, cstDayRange, cstDayStartMs, endOfCstDay } from './calendar/cstTime'

/** A civil date in China Standard Time, 'YYYY-MM-DD'. */
export type CivilDate = string

/** Something that names a CST day: a civil date 'YYYY-MM-DD', an ISO instant with an offset, or a Date. */
export type DateInput = CivilDate | Date

/** The years whose schedule we take from chinese-days (DOMAIN.md: data 2004–2026, checked against the 2026 notice). */
export const BUILTIN_CALENDAR_YEARS = { first: 2004, last: 2026 } as const

const CST_OFFSET_MS = 8 * 60 * 60 * 1000
const DAY_MS = 24 * 60 * 60 * 1000
const CIVIL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/
// An instant must carry its offset: a bare '2026-09-30T10:00' would be read in the device's zone.
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/i

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

function civilParts(date: string): { y: number, m: number, d: number } | null {
  const match = CIVIL_DATE.exec(date)
  if (!match)
    return null
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])]
  const utc = new Date(Date.UTC(y, m - 1, d))
  // Date.UTC rolls 02-30 over to 03-02; a real date survives the round trip.
  if (utc.getUTCFullYear() !== y || utc.getUTCMonth() !== m - 1 || utc.getUTCDate() !== d)
    return null
  return { y, m, d }
}

function formatUtcDay(utc: Date): CivilDate {
  const y = String(utc.getUTCFullYear()).padStart(4, '0')
  const m = String(utc.getUTCMonth() + 1).padStart(2, '0')
  const d = String(utc.getUTCDate()).padStart(2, '0')
  return `${y}-${m}-${d}`
}

/** DOMAIN.md: all civil dates are CST — 'YYYY-MM-DD' passes through, an instant or Date becomes its CST day. */
export function toCivilDate(input: DateInput): CivilDate {
  if (input instanceof Date) {
    const ms = input.getTime()
    if (Number.isNaN(ms))
      throw new RangeError('Invalid Date')
    return formatUtcDay(new Date(ms + CST_OFFSET_MS))
  }
  if (CIVIL_DATE.test(input)) {
    if (!civilParts(input))
      throw new RangeError(`不是有效日期: ${input}`)
    return input
  }
  if (ISO_INSTANT.test(input)) {
    const ms = Date.parse(input)
    if (Number.isNaN(ms))
      throw new RangeError(`不是有效时间: ${input}`)
    return formatUtcDay(new Date(ms + CST_OFFSET_MS))
  }
  throw new RangeError(`需要 'YYYY-MM-DD' 日期或带时区的 ISO 时间: ${input}`)
}

/** DOMAIN.md civil dates: is `date` a real CST civil date 'YYYY-MM-DD' (no 02-30)? */
export function isCivilDate(date: string): boolean {
  return civilParts(date) !== null
}

/** DOMAIN.md civil dates: the date `days` calendar (not working) days after `date`; negative goes back. */
export function addCalendarDays(date: CivilDate, days: number): CivilDate {
  const p = civilParts(date)
  if (!p)
    throw new RangeError(`不是有效日期: ${date}`)
  return formatUtcDay(new Date(Date.UTC(p.y, p.m - 1, p.d) + days * DAY_MS))
}

/** Day of the week of a civil date: 0 Sunday … 6 Saturday. */
function weekday(date: CivilDate): number {
  const p = civilParts(date)
  if (!p)
    throw new RangeError(`不是有效日期: ${date}`)
  return new Date(Date.UTC(p.y, p.m - 1, p.d)).getUTCDay()
}

const civilDateSchema = z.string().refine(isCivilDate, { message: '日期应为有效的 YYYY-MM-DD' })

/**
 * One year's holiday schedule as the State Council publishes it each November: the days off
 * (放假, weekends inside a holiday included or not) and the weekend days worked instead (调休上班).
 * This is the shape the server distributes as calendar reference data.
 */
export const calendarYearSchema = z.object({
  year: z.number().int().min(1949).max(2200),
  // An empty list would quietly make the year Monday–Friday: a published schedule always has holidays.
  holidays: z.array(civilDateSchema).min(1),
  workdays: z.array(civilDateSchema),
  /** Where the data comes from, e.g. '国办发明电〔2025〕7号'. */
  source: z.string().max(200).optional(),
}).superRefine((data, ctx) => {
  const holidays = new Set(data.holidays)
  data.holidays.forEach((date, i) => {
    if (isCivilDate(date) && !date.startsWith(`${data.year}-`))
      ctx.addIssue({ code: 'custom', path: ['holidays', i], message: `${date} 不在 ${data.year} 年` })
  })
  data.workdays.forEach((date, i) => {
    if (!isCivilDate(date))
      return
    if (!date.startsWith(`${data.year}-`))
      ctx.addIssue({ code: 'custom', path: ['workdays', i], message: `${date} 不在 ${data.year} 年` })
    if (holidays.has(date))
      ctx.addIssue({ code: 'custom', path: ['workdays', i], message: `${date} 不能既放假又上班` })
    const dow = weekday(date)
    if (dow !== 0 && dow !== 6)
      ctx.addIssue({ code: 'custom', path: ['workdays', i], message: `${date} 不是周末，无需调休上班` })
  })
})

/** One year's holiday schedule (see calendarYearSchema). */
export type CalendarYearData = z.infer<typeof calendarYearSchema>

interface YearSchedule {
  holidays: ReadonlySet<CivilDate>
  workdays: ReadonlySet<CivilDate>
}

function builtinSchedules(): Map<number, YearSchedule> {
  const holidays = bundledSchedule.holidays as Record<string, string>
  const workdays = bundledSchedule.workdays as Record<string, string>
  const years = new Map<number, { holidays: Set<CivilDate>, workdays: Set<CivilDate> }>()
  for (let year = BUILTIN_CALENDAR_YEARS.first; year <= BUILTIN_CALENDAR_YEARS.last; year++)
    years.set(year, { holidays: new Set(), workdays: new Set() })
  // Dates outside the vouched-for years are ignored, so a partial newer year in the package stays unpublished.
  for (const date of Object.keys(holidays))
    years.get(Number(date.slice(0, 4)))?.holidays.add(date)
  for (const date of Object.keys(workdays))
    years.get(Number(date.slice(0, 4)))?.workdays.add(date)
  return years
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

/** A working-day calendar: the bundled schedule plus any years registered on it. */
export interface WorkCalendar {
  /** DOMAIN.md 工作日: Mon–Fri not a statutory holiday, or a weekend day declared a make-up working day. */
  isWorkday: (date: DateInput) => boolean
  /** DOMAIN.md counting: the date n working days after `date`, the day itself not counted. */
  addWorkdays: (date: DateInput, n: number) => CivilDate
  /** DOMAIN.md counting: end of the n-th working day after the day of `instant`, as an ISO instant in +08:00. */
  dueAfterWorkdays: (instant: DateInput, n: number) => string
  /** dueAfterWorkdays, with "schedule not published" as a value instead of a throw. */
  tryDueAfterWorkdays: (instant: DateInput, n: number) => DueResult
  /** DOMAIN.md counting, Monday–Friday in unpublished years, marked provisional (never throws for a missing year). */
  provisionalDueAfterWorkdays: (instant: DateInput, n: number) => ProvisionalDue
  /** Whether a year's holiday schedule is known (bundled or registered). */
  isSchedulePublished: (year: number) => boolean
  /** Add or replace one year's schedule (validated with calendarYearSchema). */
  registerYear: (data: CalendarYearData) => void
  /** The years with a known schedule, ascending. */
  years: () => number[]
}

/** DOMAIN.md: a calendar backed by chinese-days 2004–2026 (unless `builtin: false`) plus the given years. */
export function createWorkCalendar(options: { builtin?: boolean, years?: readonly CalendarYearData[] } = {}): WorkCalendar {
  const schedules = options.builtin === false ? new Map<number, YearSchedule>() : builtinSchedules()

  function scheduleOf(date: CivilDate): YearSchedule {
    const year = Number(date.slice(0, 4))
    const schedule = schedules.get(year)
    if (!schedule)
      throw new ScheduleNotPublishedError(year)
    return schedule
  }

  function isWorkday(input: DateInput): boolean {
    const date = toCivilDate(input)
    const schedule = scheduleOf(date)
    if (schedule.holidays.has(date))
      return false
    if (schedule.workdays.has(date))
      return true
    const dow = weekday(date)
    return dow !== 0 && dow !== 6
  }

  function addWorkdays(input: DateInput, n: number): CivilDate {
    if (!Number.isInteger(n) || n < 0)
      throw new RangeError(`工作日数应为非负整数: ${n}`)
    let date = toCivilDate(input)
    for (let counted = 0; counted < n;) {
      date = addCalendarDays(date, 1)
      if (isWorkday(date))
        counted++
    }
    return date
  }

  function dueAfterWorkdays(instant: DateInput, n: number): string {
    return `${addWorkdays(instant, n)}T23:59:59.999+08:00`
  }

  function tryDueAfterWorkdays(instant: DateInput, n: number): DueResult {
    try {
      const dueDate = addWorkdays(instant, n)
      return { ok: true, due: `${dueDate}T23:59:59.999+08:00`, dueDate }
    }
    catch (error) {
      if (error instanceof ScheduleNotPublishedError)
        return { ok: false, reason: 'schedule-not-published', year: error.year, message: error.message }
      throw error
    }
  }

  function provisionalDueAfterWorkdays(instant: DateInput, n: number): ProvisionalDue {
    if (!Number.isInteger(n) || n < 0)
      throw new RangeError(`工作日数应为非负整数: ${n}`)
    const unpublished = new Set<number>()
    let date = toCivilDate(instant)
    for (let counted = 0; counted < n;) {
      date = addCalendarDays(date, 1)
      const schedule = schedules.get(Number(date.slice(0, 4)))
      let workday: boolean
      if (schedule) {
        workday = !schedule.holidays.has(date) && (schedule.workdays.has(date) || (weekday(date) !== 0 && weekday(date) !== 6))
      }
      else {
        unpublished.add(Number(date.slice(0, 4)))
        workday = weekday(date) !== 0 && weekday(date) !== 6
      }
      if (workday)
        counted++
    }
    const unpublishedYears = [...unpublished].sort((a, b) => a - b)
    return { due: `${date}T23:59:59.999+08:00`, dueDate: date, provisional: unpublishedYears.length > 0, unpublishedYears }
  }

  function registerYear(data: CalendarYearData): void {
    const parsed = calendarYearSchema.parse(data)
    // A registered year replaces the bundled one: the office's import is a correction or a newer notice.
    schedules.set(parsed.year, { holidays: new Set(parsed.holidays), workdays: new Set(parsed.workdays) })
  }

  for (const data of options.years ?? [])
    registerYear(data)

  return {
    isWorkday,
    addWorkdays,
    dueAfterWorkdays,
    tryDueAfterWorkdays,
    provisionalDueAfterWorkdays,
    isSchedulePublished: year => schedules.has(year),
    registerYear,
    years: () => [...schedules.keys()].sort((a, b) => a - b),
  }
}

let defaultCalendar = createWorkCalendar()

/** DOMAIN.md 工作日: Mon–Fri not a statutory holiday, or a weekend make-up working day (调休上班); throws ScheduleNotPublishedError for an unknown year. */
export function isWorkday(date: DateInput): boolean {
  return defaultCalendar.isWorkday(date)
}

/** DOMAIN.md counting: the CST date n working days after `date`, not counting `date` itself (n = 0 → `date`). */
export function addWorkdays(date: DateInput, n: number): CivilDate {
  return defaultCalendar.addWorkdays(date, n)
}

/** 6.3.3.1.3 / DOMAIN.md: due by the end (23:59:59.999 CST) of the n-th working day after the day of `instant`. */
export function dueAfterWorkdays(instant: DateInput, n: number): string {
  return defaultCalendar.dueAfterWorkdays(instant, n)
}

/** DOMAIN.md "schedule not published": dueAfterWorkdays as a result instead of a throw. */
export function tryDueAfterWorkdays(instant: DateInput, n: number): DueResult {
  return defaultCalendar.tryDueAfterWorkdays(instant, n)
}

/** DOMAIN.md counting with 暂定: Monday–Friday in unpublished years, flagged provisional (see ProvisionalDue). */
export function provisionalDueAfterWorkdays(instant: DateInput, n: number): ProvisionalDue {
  return defaultCalendar.provisionalDueAfterWorkdays(instant, n)
}

/** The app-wide calendar (bundled years plus those registered): pass it where a fold or metric takes a calendar. */
export function defaultWorkCalendar(): WorkCalendar {
  return defaultCalendar
}

/** DOMAIN.md: whether the holiday schedule of `year` is bundled or has been registered. */
export function isSchedulePublished(year: number): boolean {
  return defaultCalendar.isSchedulePublished(year)
}

/** DOMAIN.md: the supervising office imports a newly published year; it replaces any bundled data for that year. */
export function registerCalendarYear(data: CalendarYearData): void {
  defaultCalendar.registerYear(data)
}

/** DOMAIN.md: the years with a published schedule (bundled 2004–2026 plus registered), ascending. */
export function calendarYears(): number[] {
  return defaultCalendar.years()
}

/** DOMAIN.md reference data: forget every registered year (back to bundled 2004–2026), e.g. before re-applying a pulled set. */
export function resetCalendarYears(): void {
  defaultCalendar = createWorkCalendar()
}
