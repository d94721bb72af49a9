/**
 * What the office reads of complaints (issue 9 item 5; 6.2.3): every complaint of the stations in its division,
 * folded with the domain's foldComplaint, open ones first by due; and one complaint by its stable id.
 */
import type { Kysely } from 'kysely'
import type { ComplaintState } from '../../domain/complaint'
import type { OfficeComplaintsAnswer } from '../../domain/protocol'
import { COMPLAINT_STREAM_KIND, complaintEventTypes, foldComplaint } from '../../domain/complaint'
import type { OfficeUser } from '../auth/officeSessions'
import type { Database } from '../db'
import { rowToEvent } from '../sync/eventRows'
import { stationsInScope } from './officeFollowUps'
import { streamsOf } from './streamReads'

function compare(a: ComplaintState, b: ComplaintState): number {
  if (a.status !== b.status)
    return a.status === 'open' ? -1 : 1
  return Date.parse(a.dueAt) - Date.parse(b.dueAt) || (a.id < b.id ? -1 : 1)
}

/** 6.2.3: the complaints of the office's stations (open only unless status 'all'), as of `asOf`. */
export async function officeComplaints(db: Kysely<Database>, office: Pick<OfficeUser, 'divisionCode'>, query: { status: 'open' | 'all', stationId?: string }, asOf: Date): Promise<OfficeComplaintsAnswer> {
  const stations = await stationsInScope(db, office, query.stationId)
  const byStation = new Map(stations.map(s => [s.id, s]))
  const states = (await streamsOf(db, stations.map(s => s.id), COMPLAINT_STREAM_KIND, complaintEventTypes, null))
    .map(events => foldComplaint(events)).filter((s): s is ComplaintState => s !== null)
    .filter(s => query.status === 'all' || s.status === 'open')
    .sort(compare)
  return {
    asOf: asOf.toISOString(),
    complaints: states.map(s => ({ ...s, stationCode: byStation.get(s.stationId)?.code ?? '', stationName: byStation.get(s.stationId)?.name ?? '', overdue: s.status === 'open' && Date.parse(s.dueAt) < asOf.getTime() })),
  }
}

/** One complaint by its stream id, with its station's id; null when there is none. */
export async function complaintById(db: Kysely<Database>, id: string): Promise<ComplaintState | null> {
  const rows = await db.selectFrom('events').selectAll().where('stream', '=', id).orderBy('seq').execute()
  return foldComplaint(rows.map(rowToEvent))
}
