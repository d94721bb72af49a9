/**
 * Published evaluation results (issue 9 item 7; 7.1.1): per station and per staff member, satisfaction by
 * level and by dimension and the counts, over a chosen period of CST days — public, no login. Ratings an
 * upheld appeal took out (申诉成立) are not counted, and the answer says how many. Staff names are masked
 * (DOMAIN.md masking) when the office setting `resultsMaskStaffNames` is true. Nothing about the citizen —
 * no comment, no case — is ever part of it.
 */
import type { Kysely } from 'kysely'
import type { CivilDate } from '../../domain/calendar'
import type { RatingState } from '../../domain/rating'
import type { ResultsStation, StationResults } from '../../domain/protocol'
import type { SatisfactionSummary } from '../../domain/satisfaction'
import type { Database } from '../db'
import { addCalendarDays, toCivilDate } from '../../domain/calendar'
import { maskName } from '../../domain/identity'
import { foldRating } from '../../domain/rating'
import { satisfactionSummary } from '../../domain/satisfaction'
import { loadWorkCalendar } from '../calendar/workCalendar'
import { upheldRatingStreams } from '../rectifications/projection'
import { rowToEvent } from '../sync/eventRows'
import { readSetting } from '../sync/reference'

/** The setting as stored: true masks the published names. */
export async function staffNamesMasked(db: Kysely<Database>): Promise<boolean> {
  return (await readSetting(db, 'resultsMaskStaffNames')) === true
}

/** The stations whose results are published: every station not closed or still applying, by name. */
export async function publicStations(db: Kysely<Database>): Promise<ResultsStation[]> {
  const rows = await db.selectFrom('stations').select(['id', 'name', 'county_code'])
    .where('state', 'in', ['open', 'changing', 'suspended'])
    .orderBy('county_code').orderBy('name').execute()
  return rows.map(r => ({ id: r.id, name: r.name, countyCode: r.county_code }))
}

async function ratingsGiven(db: Kysely<Database>, stationId: string, from: CivilDate, to: CivilDate): Promise<RatingState[]> {
  const given = await db.selectFrom('events').select('stream').distinct()
    .where('station_id', '=', stationId)
    .where('type', '=', 'rating.given')
    .where('occurred_at', '>=', new Date(`${from}T00:00:00+08:00`))
    .where('occurred_at', '<', new Date(`${addCalendarDays(to, 1)}T00:00:00+08:00`))
    .execute()
  const calendar = await loadWorkCalendar(db)
  const states: RatingState[] = []
  const streams = given.map(g => g.stream)
  for (let i = 0; i < streams.length; i += 500) {
    const rows = await db.selectFrom('events').selectAll().where('station_id', '=', stationId).where('stream', 'in', streams.slice(i, i + 500)).orderBy('seq').execute()
    const byStream = new Map<string, typeof rows>()
    for (const row of rows)
      byStream.set(row.stream, [...(byStream.get(row.stream) ?? []), row])
    for (const streamRows of byStream.values()) {
      const state = foldRating(streamRows.map(rowToEvent), calendar)
      if (state?.status === 'rated' && state.ratedAt && toCivilDate(state.ratedAt) >= from && toCivilDate(state.ratedAt) <= to)
        states.push(state)
    }
  }
  return states
}

function figures(ratings: readonly RatingState[], upheld: ReadonlySet<string>): SatisfactionSummary {
  const counted = ratings.filter(r => !upheld.has(r.id))
  return satisfactionSummary(counted, ratings.length - counted.length)
}

/** 7.1.1: one station's published results for CST days from–to; null for a station not published. */
export async function stationResults(db: Kysely<Database>, stationId: string, from: CivilDate, to: CivilDate): Promise<StationResults | null> {
  const station = (await publicStations(db)).find(s => s.id === stationId)
  if (!station)
    return null
  const [ratings, upheld, masked, roster] = await Promise.all([
    ratingsGiven(db, stationId, from, to),
    upheldRatingStreams(db, [stationId]),
    staffNamesMasked(db),
    db.selectFrom('staff').select(['id', 'name']).where('station_id', '=', stationId).execute(),
  ])
  const names = new Map(roster.map(s => [s.id, s.name]))
  const byStaff = new Map<string, RatingState[]>()
  for (const r of ratings) {
    if (r.staffId)
      byStaff.set(r.staffId, [...(byStaff.get(r.staffId) ?? []), r])
  }
  const staff = [...byStaff].map(([staffId, rs]) => {
    const name = names.get(staffId) ?? ''
    return { staffId, name: masked ? maskName(name) : name, summary: figures(rs, upheld) }
  }).sort((a, b) => b.summary.total - a.summary.total || a.name.localeCompare(b.name, 'zh-CN'))
  return { station, from, to, namesMasked: masked, summary: figures(ratings, upheld), staff }
}
