/**
 * What the office reads of follow-up calls (issue 9 item 4; 7.1.3): the tasks of every station in its division,
 * derived with the SAME domain function as the tablet (deriveFollowUpTasks) from the 差评 and completed cases of
 * the last `days` days and the recorded call-backs, with the office's sample setting; open ones first, by due.
 */
import type { Kysely } from 'kysely'
import { sql } from 'kysely'
import type { CaseState } from '../../domain/case'
import type { OfficeFollowUpsAnswer } from '../../domain/protocol'
import type { RatingState } from '../../domain/rating'
import { deriveFollowUpTasks, foldFollowUp, FOLLOW_UP_STREAM_KIND } from '../../domain/followUp'
import { foldRating, RATING_STREAM_KIND, ratingStreamFor } from '../../domain/rating'
import type { OfficeUser } from '../auth/officeSessions'
import { whereStationInScope } from '../auth/officeScope'
import { loadWorkCalendar } from '../calendar/workCalendar'
import type { Database } from '../db'
import { readFollowUpSettings } from './followUpSettings'
import { rowToEvent } from '../sync/eventRows'
import { streamsOf } from './streamReads'

export interface StationScope {
  id: string
  code: string
  name: string
  county_code: string
}

/** The stations of the office's division (or the one asked for, when it lies inside). */
export async function stationsInScope(db: Kysely<Database>, office: Pick<OfficeUser, 'divisionCode'>, stationId?: string): Promise<StationScope[]> {
  return whereStationInScope(db.selectFrom('stations').select(['id', 'code', 'name', 'county_code']), office)
    .$if(stationId !== undefined, qb => qb.where('id', '=', stationId ?? ''))
    .orderBy('code').execute()
}

/** 7.1.3: the follow-up tasks of the office's stations over the last `days` days, as of `asOf`. */
export async function officeFollowUps(db: Kysely<Database>, office: Pick<OfficeUser, 'divisionCode'>, query: { days: number, status: 'open' | 'all', stationId?: string }, asOf: Date): Promise<OfficeFollowUpsAnswer> {
  const stations = await stationsInScope(db, office, query.stationId)
  const ids = stations.map(s => s.id)
  const since = new Date(asOf.getTime() - query.days * 86_400_000)
  const [settings, calendar] = await Promise.all([readFollowUpSettings(db), loadWorkCalendar(db)])
  const ratings = (await streamsOf(db, ids, RATING_STREAM_KIND, ['rating.given'], since))
    .map(events => foldRating(events, calendar)).filter((r): r is RatingState => r !== null)
  const followUps = (await streamsOf(db, ids, FOLLOW_UP_STREAM_KIND, ['followUp.recorded'], since))
    .map(events => foldFollowUp(events)).filter(f => f !== null)
  const cases = ids.length === 0
    ? []
    : (await db.selectFrom('case_projections').select('state')
        .where('station_id', 'in', ids)
        .where('status', 'in', ['completed', 'handedOver'])
        .where(sql<Date>`(state->>'completedAt')::timestamptz`, '>=', since)
        .execute()).map(r => r.state as CaseState)
  const byStation = new Map(stations.map(s => [s.id, s]))
  const calls = new Map(followUps.map(f => [f.subject, f.attempts]))
  const tasks = deriveFollowUpTasks({ ratings, cases, followUps, samplePercent: settings.samplePercent, calendar })
    .filter(t => query.status === 'all' || t.status === 'open')
    .map(t => ({ ...t, stationCode: byStation.get(t.stationId)?.code ?? '', stationName: byStation.get(t.stationId)?.name ?? '', calls: calls.get(t.subject) ?? [] }))
  return { asOf: asOf.toISOString(), days: query.days, samplePercent: settings.samplePercent, tasks }
}

/**
 * Why the subject is called back, if it belongs to the station: 'badRating' for a 差评, else 'sample' for a
 * completed case or consultation of the station; null when the station has no such record.
 */
export async function followUpReasonFor(db: Kysely<Database>, stationId: string, subject: string): Promise<'badRating' | 'sample' | null> {
  const table = subject.startsWith('case:') ? 'case_projections' : 'consultation_projections'
  const [own, rows, calendar] = await Promise.all([
    db.selectFrom(table).select('id').where('id', '=', subject).where('station_id', '=', stationId).executeTakeFirst(),
    db.selectFrom('events').selectAll().where('station_id', '=', stationId).where('stream', '=', ratingStreamFor(subject)).orderBy('seq').execute(),
    loadWorkCalendar(db),
  ])
  const rating = foldRating(rows.map(rowToEvent), calendar)
  if (rating?.status === 'rated' && rating.isBad)
    return 'badRating'
  return own ? 'sample' : null
}
