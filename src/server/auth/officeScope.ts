/**
 * Division scope of an office (issue 8 item 1): an office of division '1405' (晋城市) sees the stations whose
 * county_code starts with '1405'; '14' sees the whole province. Out-of-scope stations answer 404.
 */
import type { Context } from 'hono'
import type { Kysely, SelectQueryBuilder } from 'kysely'
import type { Database } from '../db'
import type { StationRow } from '../db/referenceSchema'
import { errorResponse } from '../errors'
import type { OfficeUser } from './officeSessions'

/** Whether a county-level code lies inside the office's division. */
export function inDivision(office: Pick<OfficeUser, 'divisionCode'>, countyCode: string): boolean {
  return countyCode.startsWith(office.divisionCode)
}

/** Restricts a stations query (aliased or not) to the office's division. */
export function whereStationInScope<O>(query: SelectQueryBuilder<Database, 'stations', O>, office: Pick<OfficeUser, 'divisionCode'>): SelectQueryBuilder<Database, 'stations', O> {
  return query.where('stations.county_code', 'like', `${office.divisionCode}%`)
}

/** The station if it exists and lies in the office's division, else null (answer 404 with stationNotFound). */
export async function scopedStation(db: Kysely<Database>, office: Pick<OfficeUser, 'divisionCode'>, stationId: string): Promise<StationRow | null> {
  const station = await db.selectFrom('stations').selectAll().where('id', '=', stationId).executeTakeFirst()
  return station && inDivision(office, station.county_code) ? station : null
}

export function stationNotFound(c: Context): Response {
  return errorResponse(c, 404, 'station-not-found', '找不到该便民服务站')
}
