/**
 * What the office reads of inspections (issue 8 item 6): per station of its division the latest inspection,
 * the fix tasks still open and how many are overdue at `asOf`; and one station's inspections, newest first.
 */
import type { Kysely } from 'kysely'
import { overdueFindings } from '../../domain/inspection'
import type { OfficeInspectionsAnswer, OfficeInspectionStation, OfficeStationInspectionsAnswer } from '../../domain/protocol'
import type { OfficeUser } from '../auth/officeSessions'
import { whereStationInScope } from '../auth/officeScope'
import type { Database } from '../db'
import type { StationRow } from '../db/referenceSchema'

/** Per station of the office's division: latest inspection, open and overdue fix tasks. */
export async function officeInspections(db: Kysely<Database>, office: Pick<OfficeUser, 'divisionCode'>, asOf: Date): Promise<OfficeInspectionsAnswer> {
  const stations = await whereStationInScope(db.selectFrom('stations').select(['id', 'code', 'name', 'county_code', 'tier', 'state']), office)
    .orderBy('code').execute()
  const ids = stations.map(s => s.id)
  const latest = new Map<string, OfficeInspectionStation['latest']>()
  const open = new Map<string, { open: number, overdue: number, next: Date | null }>()
  if (ids.length) {
    const rows = await db.selectFrom('inspection_projections')
      .select(['id', 'station_id', 'kind', 'inspected_at', 'inspected_on', 'findings', 'findings_open'])
      .distinctOn('station_id')
      .where('station_id', 'in', ids)
      .orderBy('station_id').orderBy('inspected_at', 'desc').orderBy('id', 'desc')
      .execute()
    for (const r of rows)
      latest.set(r.station_id, { id: r.id, kind: r.kind === 'office' ? 'office' : 'self' /* the column holds the fold's InspectionKind */, inspectedAt: new Date(r.inspected_at).toISOString(), inspectedOn: r.inspected_on, findings: Number(r.findings), findingsOpen: Number(r.findings_open) })
    const tasks = await db.selectFrom('inspection_tasks')
      .select(eb => [
        'station_id',
        eb.fn.countAll<number>().as('open'),
        eb.fn.count<number>('due_at').filterWhere('due_at', '<', asOf).as('overdue'),
        eb.fn.min('due_at').as('next'),
      ])
      .where('station_id', 'in', ids)
      .where('fixed_at', 'is', null)
      .groupBy('station_id')
      .execute()
    for (const t of tasks)
      open.set(t.station_id, { open: Number(t.open), overdue: Number(t.overdue), next: t.next ? new Date(t.next) : null })
  }
  return {
    asOf: asOf.toISOString(),
    stations: stations.map((s) => {
      const o = open.get(s.id)
      return {
        stationId: s.id,
        code: s.code,
        name: s.name,
        countyCode: s.county_code,
        tier: s.tier,
        state: s.state,
        latest: latest.get(s.id) ?? null,
        findingsOpen: o?.open ?? 0,
        overdue: o?.overdue ?? 0,
        nextDueAt: o?.next ? o.next.toISOString() : null,
      }
    }),
  }
}

/** One station's inspections, newest first (at most `limit`), each with its overdue count at asOf. */
export async function stationInspections(db: Kysely<Database>, station: StationRow, asOf: Date, limit = 50): Promise<OfficeStationInspectionsAnswer> {
  const rows = await db.selectFrom('inspection_projections').select(['state'])
    .where('station_id', '=', station.id)
    .orderBy('inspected_at', 'desc').orderBy('id', 'desc')
    .limit(limit)
    .execute()
  return {
    asOf: asOf.toISOString(),
    station: { id: station.id, name: station.name, tier: station.tier },
    inspections: rows.map(r => ({ ...r.state, overdue: overdueFindings(r.state, asOf).length })),
  }
}
