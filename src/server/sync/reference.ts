/**
 * Reference data as tablets pull it (DESIGN §3, issue 3 item 1): the rows changed after the
 * revision the tablet already has, limited to its own station (never another station's staff).
 *
 * `GET /api/sync/pull?refRevision=R` → `reference: { revision, stations, staff, serviceItems,
 * stationItems, settings, calendarYears }`, each row with its own `revision`; the tablet stores the
 * rows and asks with `refRevision = reference.revision` next time. R = 0 (default) sends everything.
 */
import type { Kysely } from 'kysely'
import { sql } from 'kysely'
import type { Database } from '../db'
import type { ServerPullAnswer } from '../../domain/protocol'
import { stationFields } from '../stations/stationFields'

/**
 * The reference rows of one station changed after `since`. Read in one transaction so `revision`
 * matches the rows; reference writers commit in revision order (migration 0002), so no row with a
 * revision ≤ the answer's can appear later.
 */
export async function referenceChangesSince(db: Kysely<Database>, stationId: string, since: number): Promise<ServerPullAnswer['reference']> {
  // Repeatable read: all seven reads and the revision come from one snapshot.
  return db.transaction().setIsolationLevel('repeatable read').execute(async (trx) => {
    const top = await sql<{ revision: number | string | null }>`
      select greatest(
        (select max(revision) from stations), (select max(revision) from staff),
        (select max(revision) from service_items), (select max(revision) from station_items),
        (select max(revision) from settings), (select max(revision) from calendar_years)
      ) as revision`.execute(trx)
    const revision = Math.max(since, Number(top.rows[0]?.revision ?? 0))

    const stations = await trx.selectFrom('stations').selectAll()
      .where('id', '=', stationId).where('revision', '>', since).execute()
    const staff = await trx.selectFrom('staff').selectAll()
      .where('station_id', '=', stationId).where('revision', '>', since).orderBy('name').execute()
    const serviceItems = await trx.selectFrom('service_items').selectAll()
      .where('revision', '>', since).orderBy('code').execute()
    const stationItems = await trx.selectFrom('station_items').selectAll()
      .where('station_id', '=', stationId).where('revision', '>', since).orderBy('item_code').execute()
    const settings = await trx.selectFrom('settings').selectAll()
      .where('revision', '>', since).orderBy('key').execute()
    const calendarYears = await trx.selectFrom('calendar_years').selectAll()
      .where('revision', '>', since).orderBy('year').execute()

    return {
      revision,
      stations: stations.map(s => ({ ...stationFields(s), revision: Number(s.revision) })),
      staff: staff.map(s => ({
        id: s.id,
        stationId: s.station_id,
        name: s.name,
        role: s.role,
        assessmentPassed: s.assessment_passed,
        assessmentDate: s.assessment_date,
        active: s.active,
        // A copy: the stored verifier's interface type is read as the wire's loose object.
        pinVerifier: s.pin_verifier ? { ...s.pin_verifier } : null,
        revision: Number(s.revision),
      })),
      serviceItems: serviceItems.map(i => ({ ...i.item, code: i.code, active: i.active, revision: Number(i.revision) })),
      stationItems: stationItems.map(i => ({ stationId: i.station_id, itemCode: i.item_code, offered: i.offered, revision: Number(i.revision) })),
      settings: settings.map(s => ({ key: s.key, value: s.value, revision: Number(s.revision) })),
      calendarYears: calendarYears.map(y => ({
        year: y.year,
        holidays: y.holidays,
        workdays: y.workdays,
        ...(y.source ? { source: y.source } : {}),
        revision: Number(y.revision),
      })),
    }
  })
}

/** A setting's value, or undefined when it is not set. */
export async function readSetting(db: Kysely<Database>, key: string): Promise<unknown> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst()
  return row?.value
}
