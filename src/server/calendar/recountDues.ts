/**
 * The recount of the case projections whose due waits on a calendar year (DOMAIN.md 暂定): provisional dues,
 * and cases accepted without any due before 暂定 existed. Run when the office imports a year.
 */
import type { Kysely, Transaction } from 'kysely'
import { sql } from 'kysely'
import type { WorkCalendar } from '../../domain/calendar'
import { BUILTIN_CALENDAR_YEARS } from '../../domain/calendar'
import type { Database } from '../db'
import { refoldStreams } from '../sync/projections'
import { loadWorkCalendar } from './workCalendar'

type Db = Kysely<Database> | Transaction<Database>

/**
 * Refold every case projection whose due may change now that `years` are published, with `calendar`:
 * provisional dues from the first newer year on (partial index of migration 0010), and accepted cases with a
 * limit but no due, flagged (likewise). Every station: the calendar is national. Returns how many were refolded.
 */
export async function recountDuesFor(db: Db, years: readonly number[], calendar: WorkCalendar): Promise<number> {
  const newer = years.filter(y => y > BUILTIN_CALENDAR_YEARS.last)
  const provisional = newer.length === 0
    ? []
    : await db.selectFrom('case_projections').select(['id', 'station_id', 'state'])
        .where(sql<boolean>`(state->>'dueProvisional') = 'true'`)
        .where('due_at', '>=', new Date(`${Math.min(...newer)}-01-01T00:00:00+08:00`))
        .execute()
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
