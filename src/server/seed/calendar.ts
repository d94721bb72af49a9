/**
 * Calendar years as reference data (DOMAIN.md "Working days"): the published holiday schedules the
 * server distributes, starting from the chinese-days package. A year the package does not vouch for
 * is left out, never filled with Monday–Friday; the office imports newer years when published.
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import type { Kysely } from 'kysely'
import { BUILTIN_CALENDAR_YEARS, calendarYearSchema } from '../../domain/calendar'
import type { CalendarYearData } from '../../domain/calendar'
import type { Database } from '../db'
import { jsonb } from '../db'

/** The years distributed at first start: recent ones are enough for open deadlines. */
export const SEED_CALENDAR_FROM_YEAR = 2025

/** One year's schedule from chinese-days, in the shape of src/domain/calendar/calendarYear.ts calendarYearSchema. */
export function chineseDaysYear(year: number): CalendarYearData {
  const dir = dirname(createRequire(import.meta.url).resolve('chinese-days/package.json'))
  const raw = JSON.parse(readFileSync(join(dir, 'dist', 'years', `${year}.json`), 'utf8')) as { holidays: Record<string, string>, workdays: Record<string, string> }
  return calendarYearSchema.parse({
    year,
    holidays: Object.keys(raw.holidays).filter(d => d.startsWith(`${year}-`)).sort(),
    workdays: Object.keys(raw.workdays).filter(d => d.startsWith(`${year}-`)).sort(),
    source: 'chinese-days (国务院办公厅节假日安排通知)',
  })
}

/** Inserts the bundled years the database does not have yet; never overwrites what the office imported. */
export async function ensureCalendarYears(db: Kysely<Database>): Promise<number[]> {
  const added: number[] = []
  for (let year = SEED_CALENDAR_FROM_YEAR; year <= BUILTIN_CALENDAR_YEARS.last; year++) {
    const data = chineseDaysYear(year)
    const row = await db.insertInto('calendar_years')
      .values({ year, holidays: jsonb(data.holidays), workdays: jsonb(data.workdays), source: data.source ?? null })
      .onConflict(oc => oc.column('year').doNothing())
      .returning('year')
      .executeTakeFirst()
    if (row)
      added.push(year)
  }
  return added
}
