/**
 * The office's quality metrics across stations (issue 5 item 3; 6.2.1–6.2.3): the SAME domain functions
 * the tablet runs (src/domain/metrics.ts, disclosure.ts) over the states held in the SQL projections
 * (metricStates.ts), so a station's number at the office is its number on the counter tablet. The records
 * behind one rate: metricCases.ts.
 */
import type { Kysely } from 'kysely'
import type { CivilDate, WorkCalendar } from '../../domain/calendar'
import type { GuideItem } from '../../domain/disclosure'
import type { MetricInputs, MetricOptions } from '../../domain/metrics'
import type { MetricPeriod } from '../../domain/metricPeriods'
import type { RatingState } from '../../domain/rating'
import type { Database } from '../db'
import { toCivilDate } from '../../domain/calendar'
import { disclosureRate } from '../../domain/disclosure'
import { divisionName } from '../../domain/divisions'
import { followUpRecords } from '../../domain/followUp'
import { metricSeries, qualityMetrics } from '../../domain/metrics'
import { satisfactionSummary } from '../../domain/satisfaction'
import { loadCalendar, loadMetricStates } from './metricStates'
import type { MetricsQuery, OfficeMetricsAnswer, StationMetrics, StationRatingFigures } from './metricTypes'
import { rateSummary as summary } from './metricTypes'

/** 7.1.1: satisfaction of the ratings given on CST days from–to, with the excluded ones counted apart. */
function ratingFigures(ratings: readonly RatingState[], excluded: readonly RatingState[], from: CivilDate, to: CivilDate): StationRatingFigures {
  const inRange = (r: RatingState) => r.status === 'rated' && r.ratedAt !== null && toCivilDate(r.ratedAt) >= from && toCivilDate(r.ratedAt) <= to
  const out = excluded.filter(inRange).length
  return { excludedRatings: out, satisfaction: satisfactionSummary(ratings.filter(inRange), out) }
}

/** 6.2.2 inputs: each station's offered, active items with their catalog guides. */
async function loadOfferedItems(db: Kysely<Database>, stationId?: string): Promise<Map<string, GuideItem[]>> {
  const rows = await db.selectFrom('station_items')
    .innerJoin('service_items', 'service_items.code', 'station_items.item_code')
    .select(['station_items.station_id', 'service_items.code', 'service_items.item', 'service_items.active'])
    .where('station_items.offered', '=', true)
    .$if(stationId !== undefined, qb => qb.where('station_items.station_id', '=', stationId ?? ''))
    .orderBy('service_items.code')
    .execute()
  const byStation = new Map<string, GuideItem[]>()
  for (const row of rows) {
    const item = { ...row.item, code: row.code, name: typeof row.item.name === 'string' ? row.item.name : row.code, active: row.active } as GuideItem
    byStation.set(row.station_id, [...(byStation.get(row.station_id) ?? []), item])
  }
  return byStation
}

function computeFor(inputs: MetricInputs, offered: readonly GuideItem[], query: MetricsQuery, period: MetricPeriod, calendar: WorkCalendar): StationMetrics {
  const options: MetricOptions = { asOf: query.asOf, calendar }
  const q = qualityMetrics(inputs, query.from, query.to, options)
  return {
    onTimeCompletion: summary(q.onTimeCompletion),
    disclosure: disclosureRate(offered),
    timelyHandling: summary(q.timelyHandling),
    consultations: summary(q.consultations),
    complaints: summary(q.complaints),
    series: metricSeries(period, query.from, query.to, inputs, options).map(p => ({
      bucket: p.bucket,
      onTimeCompletion: summary(p.onTimeCompletion),
      timelyHandling: summary(p.timelyHandling),
    })),
  }
}

function byStation<T extends { stationId: string }>(rows: readonly T[]): Map<string, T[]> {
  const map = new Map<string, T[]>()
  for (const row of rows)
    map.set(row.stationId, [...(map.get(row.stationId) ?? []), row])
  return map
}

/** 6.2.1–6.2.3 per station and overall for CST days from–to, with a series per period. */
export async function officeMetrics(db: Kysely<Database>, query: MetricsQuery & { period: MetricPeriod }): Promise<OfficeMetricsAnswer | null> {
  const stations = await db.selectFrom('stations').select(['id', 'code', 'name', 'county_code', 'state'])
    .$if(query.stationId !== undefined, qb => qb.where('id', '=', query.stationId ?? ''))
    .$if(query.divisionCode !== undefined, qb => qb.where('county_code', 'like', `${query.divisionCode ?? ''}%`))
    .orderBy('code')
    .execute()
  if (query.stationId !== undefined && stations.length === 0)
    return null
  const calendar = await loadCalendar(db)
  const loaded = await loadMetricStates(db, query, calendar)
  const offered = await loadOfferedItems(db, query.stationId)
  const cases = byStation(loaded.cases)
  const consultations = byStation(loaded.consultations)
  const ratings = byStation(loaded.ratings)
  const followUps = byStation(loaded.followUps)
  const complaints = byStation(loaded.complaints)
  const excluded = byStation(loaded.excluded)
  return {
    from: query.from,
    to: query.to,
    period: query.period,
    asOf: query.asOf.toISOString(),
    stations: stations.map(s => ({
      stationId: s.id,
      code: s.code,
      name: s.name,
      countyCode: s.county_code,
      county: divisionName(s.county_code) ?? null,
      state: s.state,
      ...computeFor(
        { cases: cases.get(s.id) ?? [], consultations: consultations.get(s.id) ?? [], ratings: ratings.get(s.id) ?? [], followUps: followUpRecords(followUps.get(s.id) ?? []), complaints: complaints.get(s.id) ?? [] },
        offered.get(s.id) ?? [],
        query,
        query.period,
        calendar,
      ),
      ...ratingFigures(ratings.get(s.id) ?? [], excluded.get(s.id) ?? [], query.from, query.to),
    })),
    overall: {
      ...computeFor(
        { cases: loaded.cases, consultations: loaded.consultations, ratings: loaded.ratings, followUps: followUpRecords(loaded.followUps), complaints: loaded.complaints },
        stations.flatMap(s => offered.get(s.id) ?? []),
        query,
        query.period,
        calendar,
      ),
      ...ratingFigures(loaded.ratings, loaded.excluded, query.from, query.to),
    },
  }
}
