/**
 * 6.2.3 inputs the office's metrics read besides projections (issue 9 items 4, 5): the recorded call-backs
 * (a reached one handles a 差评) and the complaints, of one station or a division, folded on demand.
 */
import type { Kysely } from 'kysely'
import type { ComplaintState } from '../../domain/complaint'
import type { DomainEvent } from '../../domain/events'
import type { FollowUpState } from '../../domain/followUp'
import { COMPLAINT_STREAM_KIND, foldComplaint } from '../../domain/complaint'
import { FOLLOW_UP_STREAM_KIND, foldFollowUp } from '../../domain/followUp'
import type { Database } from '../db'
import { eventsOfStreams } from './streamReads'

async function streams(db: Kysely<Database>, scope: { stationId?: string, divisionCode?: string }, kind: string, type: string, since: Date): Promise<DomainEvent[][]> {
  const inDivision = db.selectFrom('stations').select('id').where('county_code', 'like', `${scope.divisionCode ?? ''}%`)
  const wanted = db.selectFrom('events').select('stream')
    .where('type', '=', type)
    .where('occurred_at', '>=', since)
    .$if(scope.stationId !== undefined, qb => qb.where('station_id', '=', scope.stationId ?? ''))
    .$if(scope.divisionCode !== undefined, qb => qb.where('station_id', 'in', inDivision))
  return eventsOfStreams(db, kind, wanted, scope.stationId !== undefined ? [scope.stationId] : null)
}

/** Call-backs made since `followUpsSince`, and complaints recorded since `complaintsSince`. */
export async function loadFollowUpMetricInputs(db: Kysely<Database>, scope: { stationId?: string, divisionCode?: string }, followUpsSince: Date, complaintsSince: Date): Promise<{ followUps: FollowUpState[], complaints: ComplaintState[] }> {
  const [f, k] = await Promise.all([
    streams(db, scope, FOLLOW_UP_STREAM_KIND, 'followUp.recorded', followUpsSince),
    streams(db, scope, COMPLAINT_STREAM_KIND, 'complaint.recorded', complaintsSince),
  ])
  return {
    followUps: f.map(events => foldFollowUp(events)).filter((s): s is FollowUpState => s !== null),
    complaints: k.map(events => foldComplaint(events)).filter((s): s is ComplaintState => s !== null),
  }
}
