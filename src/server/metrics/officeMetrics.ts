/**
 * The office's quality metrics across stations (issue 5 item 3; 6.2.1–6.2.3): the SAME domain functions
 * the tablet runs (src/domain/metrics.ts, disclosure.ts) over the states held in the SQL projections, so a
 * station's number at the office is its number on the counter tablet.
 *
 * Only rows that can matter are read (indexes of migration 0005):
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
import type { ConsultationState } from '../../domain/consultation'
import type { GuideItem } from '../../domain/disclosure'
import type { MetricCase, MetricInputs, MetricOptions, MetricUndetermined, MetricWithGaps } from '../../domain/metrics'
import type { MetricPeriod } from '../../domain/metricPeriods'
import type { RatingState } from '../../domain/rating'
import type { ComplaintState } from '../../domain/complaint'
import type { FollowUpState } from '../../domain/followUp'
import type { Database } from '../db'
import type { DrillMetric, OfficeMetricCase, OfficeMetricCasesAnswer, OfficeMetricsAnswer, RateSummary, StationMetrics, StationRatingFigures } from '../../domain/protocol'
import { addCalendarDays, toCivilDate } from '../../domain/calendar'
import { loadWorkCalendar } from '../calendar/workCalendar'
import { disclosureRate } from '../../domain/disclosure'
import { divisionName } from '../../domain/divisions'
import { maskName } from '../../domain/identity'
import { metricSeries, onTimeCompletion, qualityMetrics } from '../../domain/metrics'
import { foldRating } from '../../domain/rating'
import { satisfactionSummary } from '../../domain/satisfaction'
import { upheldRatingStreams } from '../rectifications/projection'
import { followUpRecords } from '../../domain/followUp'
import { loadFollowUpMetricInputs } from '../followUps/metricInputs'
import { rowToEvent } from '../sync/eventRows'

// The answers' shapes are the wire contract's (domain/protocol/officeMetrics.ts).
export type { DrillMetric, OfficeMetricCasesAnswer, OfficeMetricsAnswer } from '../../domain/protocol'

export interface MetricsQuery {
  from: CivilDate
  to: CivilDate
  stationId?: string
  /** Only stations whose county_code starts with this GB/T 2260 prefix (the office's division, issue 8). */
  divisionCode?: string
  asOf: Date
}

/** CST midnight starting a civil date, as an instant. */
function cstStart(day: CivilDate): Date {
  return new Date(`${day}T00:00:00+08:00`)
}

interface Loaded {
  cases: CaseState[]
  consultations: ConsultationState[]
  /** Ratings that count: those of an upheld appeal (申诉复核) are in `excluded` instead. */
  ratings: RatingState[]
  excluded: RatingState[]
  followUps: FollowUpState[]
  complaints: ComplaintState[]
}

/** 7.1.1: satisfaction of the ratings given on CST days from–to, with the excluded ones counted apart. */
function ratingFigures(ratings: readonly RatingState[], excluded: readonly RatingState[], from: CivilDate, to: CivilDate): StationRatingFigures {
  const inRange = (r: RatingState) => r.status === 'rated' && r.ratedAt !== null && toCivilDate(r.ratedAt) >= from && toCivilDate(r.ratedAt) <= to
  const out = excluded.filter(inRange).length
  return { excludedRatings: out, satisfaction: satisfactionSummary(ratings.filter(inRange), out) }
}

/** The states that can count for CST days from–to (see the header), of one station or all. */
export async function loadMetricStates(db: Kysely<Database>, query: Omit<MetricsQuery, 'asOf'>, calendar?: WorkCalendar): Promise<Loaded> {
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
    for (let i = 0; i < streams.length; i += 500) {
      const rows = await db.selectFrom('events').selectAll()
        .where('station_id', '=', stationId)
        .where('stream', 'in', streams.slice(i, i + 500))
        .orderBy('seq')
        .execute()
      const byStream = new Map<string, typeof rows>()
      for (const row of rows)
        byStream.set(row.stream, [...(byStream.get(row.stream) ?? []), row])
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

function summary(m: MetricWithGaps): RateSummary {
  return { due: m.due, onTime: m.onTime, late: m.late, pending: m.pending.length, undetermined: m.undetermined.length, rate: m.rate, display: m.display }
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

/** 6.2 drill-down: the records behind one station's (or every station's) rate, masked. */
export async function officeMetricCases(db: Kysely<Database>, query: MetricsQuery & { metric: DrillMetric }): Promise<OfficeMetricCasesAnswer | null> {
  if (query.stationId !== undefined) {
    const station = await db.selectFrom('stations').select('id').where('id', '=', query.stationId)
      .$if(query.divisionCode !== undefined, qb => qb.where('county_code', 'like', `${query.divisionCode ?? ''}%`))
      .executeTakeFirst()
    if (!station)
      return null
  }
  const calendar = await loadCalendar(db)
  const loaded = await loadMetricStates(db, query, calendar)
  const options: MetricOptions = { asOf: query.asOf, calendar }
  // 6.2.3 咨询、投诉及时处理率: consultations and 差评 call-backs together, as qualityMetrics combines them.
  const result: MetricWithGaps = query.metric === 'onTime'
    ? onTimeCompletion(loaded.cases, query.from, query.to, options)
    : qualityMetrics({ cases: [], consultations: loaded.consultations, ratings: loaded.ratings, followUps: followUpRecords(loaded.followUps), complaints: loaded.complaints }, query.from, query.to, options).timelyHandling

  // Who each record is about, masked; a complaint's subject (case or consultation) may lie outside the range.
  const people = new Map<string, { stationId: string, name: string | null, receiptNumber: string | null, itemName: string | null }>()
  for (const c of loaded.cases)
    people.set(c.id, { stationId: c.stationId, name: c.applicant.type === 'person' ? c.applicant.name : c.applicant.contactName, receiptNumber: c.receiptNumber, itemName: c.itemName })
  for (const q of loaded.consultations)
    people.set(q.id, { stationId: q.stationId, name: q.contact.name, receiptNumber: null, itemName: q.itemName })
  const missing = [...result.cases, ...result.pending, ...result.undetermined].map(r => r.subject).filter(s => !people.has(s))
  if (missing.length > 0) {
    for (const table of ['case_projections', 'consultation_projections'] as const) {
      const rows = await db.selectFrom(table).select('state').where('id', 'in', missing).execute()
      for (const { state } of rows) {
        if (table === 'case_projections') {
          const c = state as CaseState
          people.set(c.id, { stationId: c.stationId, name: c.applicant.type === 'person' ? c.applicant.name : c.applicant.contactName, receiptNumber: c.receiptNumber, itemName: c.itemName })
        }
        else {
          const q = state as ConsultationState
          people.set(q.id, { stationId: q.stationId, name: q.contact.name, receiptNumber: null, itemName: q.itemName })
        }
      }
    }
  }
  const ratingStations = new Map([...loaded.ratings, ...loaded.complaints].map(r => [r.id, r.stationId]))
  const stationOf = (r: MetricCase | MetricUndetermined): string => ratingStations.get(r.id) ?? people.get(r.subject)?.stationId ?? query.stationId ?? ''
  const mask = (r: MetricCase): OfficeMetricCase => {
    const person = people.get(r.subject)
    return {
      ...r,
      receiptNumber: r.receiptNumber ?? person?.receiptNumber ?? null,
      itemName: r.itemName ?? person?.itemName ?? null,
      stationId: stationOf(r),
      maskedName: person?.name ? maskName(person.name) : null,
    }
  }
  return {
    stationId: query.stationId ?? null,
    metric: query.metric,
    from: query.from,
    to: query.to,
    asOf: query.asOf.toISOString(),
    summary: summary(result),
    cases: result.cases.map(mask),
    pending: result.pending.map(mask),
    undetermined: result.undetermined.map(u => ({ ...u, stationId: stationOf(u) })),
  }
}
