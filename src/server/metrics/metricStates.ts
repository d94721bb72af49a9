/**
 * The states the office's quality metrics count (metricTypes.ts), read from the SQL projections and rating
 * streams. Only rows that can matter are read (indexes of migration 0005):
 * - cases due on a CST day of the range (due_at), or without a due and accepted in it (opened_at);
 * - consultations with a referral due in the range (due_at), or without one recorded from 15 days before
 *   the range on (opened_at): answered on the spot counts on the day recorded, unreferred and unanswered
 *   1 working day later, which a holiday can push up to ~10 calendar days;
 * - 差评 (rating streams, folded on demand like the tablet does) given from 45 days before the range on:
 *   the call-back is due 15 working days after the rating (Spring Festival makes that up to ~30 days).
 * The domain functions then keep exactly what falls in the range; reading a little more is harmless.
 */
import type { Kysely } from 'kysely'
import type { CivilDate, WorkCalendar } from '../../domain/calendar'
import type { CaseState } from '../../domain/case'
import type { ComplaintState } from '../../domain/complaint'
import type { ConsultationState } from '../../domain/consultation'
import type { FollowUpState } from '../../domain/followUp'
import type { RatingState } from '../../domain/rating'
import type { Database } from '../db'
import { streamPages } from '../db/streamPages'
import { addCalendarDays } from '../../domain/calendar'
import { foldRating } from '../../domain/rating'
import { loadWorkCalendar } from '../calendar/workCalendar'
import { loadFollowUpMetricInputs } from '../followUps/metricInputs'
import { upheldRatingStreams } from '../rectifications/projection'
import { rowToEvent } from '../sync/eventRows'
import type { MetricsQuery } from './metricTypes'

/** CST midnight starting a civil date, as an instant. */
export function cstStart(day: CivilDate): Date {
  return new Date(`${day}T00:00:00+08:00`)
}

export interface Loaded {
  cases: CaseState[]
  consultations: ConsultationState[]
  /** Ratings that count: those of an upheld appeal (申诉复核) are in `excluded` instead. */
  ratings: RatingState[]
  excluded: RatingState[]
  followUps: FollowUpState[]
  complaints: ComplaintState[]
}

/** The states that can count for CST days from–to (see the header), of one station or all. */
export async function loadMetricStates(db: Kysely<Database>, query: Omit<MetricsQuery, 'asOf'>, calendar: WorkCalendar): Promise<Loaded> {
  const start = cstStart(query.from)
  const end = cstStart(addCalendarDays(query.to, 1))
  const consultationsFrom = cstStart(addCalendarDays(query.from, -15))
  const ratingsFrom = cstStart(addCalendarDays(query.from, -45))
  const station = query.stationId
  const division = query.divisionCode
  const inDivision = db.selectFrom('stations').select('id').where('county_code', 'like', `${division ?? ''}%`)

  const cases = await db.selectFrom('case_projections').select('state')
    .$if(station !== undefined, qb => qb.where('station_id', '=', station ?? ''))
    .$if(division !== undefined, qb => qb.where('station_id', 'in', inDivision))
    .where(eb => eb.or([
      eb.and([eb('due_at', '>=', start), eb('due_at', '<', end)]),
      eb.and([eb('due_at', 'is', null), eb('opened_at', '>=', start), eb('opened_at', '<', end)]),
    ]))
    .execute()
  const consultations = await db.selectFrom('consultation_projections').select('state')
    .$if(station !== undefined, qb => qb.where('station_id', '=', station ?? ''))
    .$if(division !== undefined, qb => qb.where('station_id', 'in', inDivision))
    .where(eb => eb.or([
      eb.and([eb('due_at', '>=', start), eb('due_at', '<', end)]),
      eb.and([eb('due_at', 'is', null), eb('opened_at', '>=', consultationsFrom), eb('opened_at', '<', end)]),
    ]))
    .execute()

  const given = await db.selectFrom('events').select(['station_id', 'stream']).distinct()
    .where('type', '=', 'rating.given')
    .$if(station !== undefined, qb => qb.where('station_id', '=', station ?? ''))
    .$if(division !== undefined, qb => qb.where('station_id', 'in', inDivision))
    .where('occurred_at', '>=', ratingsFrom)
    .where('occurred_at', '<', end)
    .execute()
  const ratings: RatingState[] = []
  const streamsByStation = new Map<string, string[]>()
  for (const g of given)
    streamsByStation.set(g.station_id, [...(streamsByStation.get(g.station_id) ?? []), g.stream])
  for (const [stationId, streams] of streamsByStation) {
    for await (const byStream of streamPages(db, stationId, streams, 500)) {
      for (const streamRows of byStream.values()) {
        // 暂定: a provisional call-back due is recounted with the calendar holding the imported years.
        const state = foldRating(streamRows.map(rowToEvent), calendar)
        if (state)
          ratings.push(state)
      }
    }
  }

  // 申诉复核: a rating whose appeal the office upheld leaves the figures (and is counted as excluded).
  const upheld = await upheldRatingStreams(db, [...streamsByStation.keys()])
  // Complaints are due at most 60 working days after they are recorded (the setting's ceiling): ~100 days back covers it.
  const more = await loadFollowUpMetricInputs(db, { ...(station !== undefined ? { stationId: station } : {}), ...(division !== undefined ? { divisionCode: division } : {}) }, ratingsFrom, cstStart(addCalendarDays(query.from, -100)))
  return {
    cases: cases.map(r => r.state as CaseState),
    consultations: consultations.map(r => r.state as ConsultationState),
    ratings: ratings.filter(r => !upheld.has(r.id)),
    excluded: ratings.filter(r => upheld.has(r.id)),
    ...more,
  }
}

/** DOMAIN.md working days: the bundled schedule plus the years the office published (calendar_years). */
export async function loadCalendar(db: Kysely<Database>): Promise<WorkCalendar> {
  return loadWorkCalendar(db)
}
