/**
 * Calendar years (节假日安排) held as reference data, put to use: published as the app's working-day
 * calendar (./workCalendar.ts), and the cases and consultations whose due depends on them refolded (DOMAIN.md
 * 暂定). Only those are refolded: provisional dues found through the `dueAtMs` index from the first newly
 * published year on, and cases accepted without any due (before 暂定 existed) through the `attention` index
 * they were flagged on. Ratings are no projection: they are folded on demand with the app's calendar.
 */
import type { CalendarYearData } from '../../domain/calendar'
import type { CaseState } from '../../domain/case'
import type { ConsultationState } from '../../domain/consultation'
import type { BianminDb } from './db'
import type { ProjectionRow, ReferenceRow } from './rows'
import { BUILTIN_CALENDAR_YEARS, calendarYearSchema } from '../../domain/calendar'
import { database } from './db'
import { TABLES } from './schema'
import { guarded } from './errors'
import { PROJECTION_TABLE_NAMES, refoldStreams } from './projections'
import { prepareSearchTokens } from './searchTokens'
import { calendarWith, publishCalendarYears } from './workCalendar'

/** The calendar years of stored reference rows that pass calendarYearSchema (data read back is checked before use). */
export function calendarYearsOf(rows: readonly ReferenceRow[]): CalendarYearData[] {
  return rows.flatMap((row) => {
    const parsed = calendarYearSchema.safeParse({ year: row.year ?? Number(row.id), holidays: row.holidays, workdays: row.workdays, ...(typeof row.source === 'string' ? { source: row.source } : {}) })
    return parsed.success ? [parsed.data] : []
  })
}

function startOfYearMs(year: number): number {
  return Date.parse(`${year}-01-01T00:00:00+08:00`)
}

/**
 * The case streams whose due may change with `years` published: provisional dues in or after the first of
 * them, and accepted cases with a limit but no due at all. Joins the caller's transaction.
 */
export async function casesDependingOn(db: BianminDb, years: readonly number[]): Promise<string[]> {
  const found = new Set<string>()
  const newer = years.filter(y => y > BUILTIN_CALENDAR_YEARS.last)
  if (newer.length > 0) {
    const from = startOfYearMs(Math.min(...newer))
    const wanted = new Set(newer)
    await db.cases.where('dueAtMs').aboveOrEqual(from).each((row: ProjectionRow<CaseState>) => {
      if (row.dueProvisional === true && row.dueUnpublishedYears.some(y => wanted.has(y)))
        found.add(row.id)
    })
  }
  await db.cases.where('attention').equals(1).each((row: ProjectionRow<CaseState>) => {
    if (row.receiptNumber !== null && row.dueAt === null && row.promisedLimitWorkdays !== null)
      found.add(row.id)
  })
  return [...found]
}

/**
 * The consultation streams whose provisional referral due (暂定) may change with `years` published: found
 * through the `dueAtMs` index from the first newer year on. Joins the caller's transaction.
 */
export async function consultationsDependingOn(db: BianminDb, years: readonly number[]): Promise<string[]> {
  const newer = years.filter(y => y > BUILTIN_CALENDAR_YEARS.last)
  if (newer.length === 0)
    return []
  const wanted = new Set(newer)
  const found: string[] = []
  await db.consultations.where('dueAtMs').aboveOrEqual(startOfYearMs(Math.min(...newer))).each((row: ProjectionRow<ConsultationState>) => {
    // Rows folded before 暂定 existed carry no mark: their due was final.
    if (row.dueProvisional === true && (row.dueUnpublishedYears ?? []).some(y => wanted.has(y)))
      found.push(row.id)
  })
  return found
}

/**
 * Refold the cases and consultations that depend on the stored calendar years with a calendar holding them. Joins the caller's
 * rw transaction over events, calendarYears and the projection tables (opened after prepareSearchTokens).
 */
export async function refoldForCalendar(db: BianminDb, years: readonly CalendarYearData[]): Promise<number> {
  const published = years.map(y => y.year)
  const streams = [...await casesDependingOn(db, published), ...await consultationsDependingOn(db, published)]
  if (streams.length > 0)
    await refoldStreams(db, streams, calendarWith(years))
  return streams.length
}

/** App start: publish the stored calendar years as the app's calendar and refold the cases and consultations that depend on them; returns how many were refolded. */
export async function applyStoredCalendarYears(): Promise<number> {
  const db = database()
  await prepareSearchTokens(db)
  const { years, refolded } = await guarded(() => db.transaction('rw', [TABLES.events, TABLES.calendarYears, ...PROJECTION_TABLE_NAMES], async () => {
    const held = calendarYearsOf(await db.calendarYears.toArray())
    return { years: held, refolded: await refoldForCalendar(db, held) }
  }))
  publishCalendarYears(years)
  return refolded
}
