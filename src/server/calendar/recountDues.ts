/**
 * The recount of the case and consultation projections whose due waits on a calendar year (DOMAIN.md 暂定):
 * provisional dues, and cases accepted without any due before 暂定 existed. Run when the office imports a year.
 * Ratings have no projection: folded on demand with the loaded calendar (officeMetrics), they need no recount.
 */
import type { Kysely, Transaction } from 'kysely'
import { sql } from 'kysely'
import type { WorkCalendar } from '../../domain/calendar'
import { BUILTIN_CALENDAR_YEARS } from '../../domain/calendar'
import type { Database } from '../db'
import { refoldStreams } from '../sync/projections'
import { loadWorkCalendar } from './workCalendar'

type Db = Kysely<Database> | Transaction<Database>

/** The projections of `table` with a provisional due from `fromYear` on (partial index on due_at). */
async function provisionalIn(db: Db, table: 'case_projections' | 'consultation_projections', fromYear: number): Promise<{ id: string, station_id: string, state: unknown }[]> {
  return db.selectFrom(table).select(['id', 'station_id', 'state'])
    .where(sql<boolean>`(state->>'dueProvisional') = 'true'`)
    .where('due_at', '>=', new Date(`${fromYear}-01-01T00:00:00+08:00`))
    .execute()
}

/**
 * Refold every case and consultation projection whose due may change now that `years` are published, with
 * `calendar`: provisional dues from the first newer year on (partial indexes of migrations 0010 and 0016), and
 * accepted cases with a limit but no due, flagged (0010). Every station: the calendar is national. Returns how
 * many were refolded.
 */
export async function recountDuesFor(db: Db, years: readonly number[], calendar: WorkCalendar): Promise<number> {
  const newer = years.filter(y => y > BUILTIN_CALENDAR_YEARS.last)
  const provisional = newer.length === 0
    ? []
    : [...await provisionalIn(db, 'case_projections', Math.min(...newer)), ...await provisionalIn(db, 'consultation_projections', Math.min(...newer))]
  const wanted = new Set(newer)
  const noDue = await db.selectFrom('case_projections').select(['id', 'station_id', 'state'])
    .where('due_at', 'is', null)
    .where('needs_attention', '=', true)
    .where(sql<boolean>`state->>'receiptNumber' is not null and state->>'promisedLimitWorkdays' is not null`)
    .execute()
  const byStation = new Map<string, Set<string>>()
  for (const row of provisional) {
    const crossed = (row.state as { dueUnpublishedYears?: number[] }).dueUnpublishedYears ?? []
    if (crossed.some(y => wanted.has(y)))
      byStation.set(row.station_id, (byStation.get(row.station_id) ?? new Set()).add(row.id))
  }
  for (const row of noDue)
    byStation.set(row.station_id, (byStation.get(row.station_id) ?? new Set()).add(row.id))
  let count = 0
  for (const [stationId, streams] of byStation) {
    await refoldStreams(db, stationId, [...streams], calendar)
    count += streams.size
  }
  return count
}

/** At start: recount the projections waiting on any stored year (e.g. rows folded before 暂定 existed). */
export async function recountStoredDues(db: Kysely<Database>): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const calendar = await loadWorkCalendar(trx)
    return recountDuesFor(trx, calendar.years(), calendar)
  })
}
