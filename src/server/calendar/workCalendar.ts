/**
 * The server's working-day calendar (DOMAIN.md "Working days"): the bundled years plus every year in
 * calendar_years (what the office imported). Folds and metrics count working days with it.
 */
import type { Kysely, Transaction } from 'kysely'
import type { CalendarYearData, WorkCalendar } from '../../domain/calendar'
import { createWorkCalendar } from '../../domain/calendar'
import type { Database } from '../db'

type Db = Kysely<Database> | Transaction<Database>

/** The calendar years held in calendar_years, in the domain's shape. */
export async function storedCalendarYears(db: Db): Promise<CalendarYearData[]> {
  const rows = await db.selectFrom('calendar_years').select(['year', 'holidays', 'workdays', 'source']).orderBy('year').execute()
  return rows.map(y => ({ year: y.year, holidays: y.holidays, workdays: y.workdays, ...(y.source ? { source: y.source } : {}) }))
}

/** DOMAIN.md working days: the bundled schedule plus the years the office published (calendar_years). */
export async function loadWorkCalendar(db: Db): Promise<WorkCalendar> {
  return createWorkCalendar({ years: await storedCalendarYears(db) })
}
