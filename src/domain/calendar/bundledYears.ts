/**
 * The holiday schedules bundled with the code: the npm package chinese-days, for the years DOMAIN.md
 * vouches for (2004–2026, checked against the 2026 notice). Read once into immutable sets.
 */
import bundledSchedule from 'chinese-days/dist/chinese-days.json'
import type { CivilDate } from './civilDate'

/** The years whose schedule we take from chinese-days (DOMAIN.md: data 2004–2026, checked against the 2026 notice). */
export const BUILTIN_CALENDAR_YEARS = { first: 2004, last: 2026 } as const

/** One year's days off and make-up working days. */
export interface YearSchedule {
  readonly holidays: ReadonlySet<CivilDate>
  readonly workdays: ReadonlySet<CivilDate>
}

function readBundled(): ReadonlyMap<number, YearSchedule> {
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

/** The bundled schedules by year; calendars copy the map and never change the sets. */
export const BUNDLED_SCHEDULES: ReadonlyMap<number, YearSchedule> = readBundled()
