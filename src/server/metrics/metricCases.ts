/**
 * 6.2 drill-down (issue 5 item 3): the records behind one station's (or every station's) on-time or
 * timely-handling rate, with who each is about masked (DOMAIN.md), counted by the same domain functions as
 * the overview (officeMetrics.ts).
 */
import type { Kysely } from 'kysely'
import type { CaseState } from '../../domain/case'
import type { ConsultationState } from '../../domain/consultation'
import type { MetricCase, MetricOptions, MetricUndetermined, MetricWithGaps } from '../../domain/metrics'
import type { Database } from '../db'
import { followUpRecords } from '../../domain/followUp'
import { maskName } from '../../domain/identity'
import { onTimeCompletion, qualityMetrics } from '../../domain/metrics'
import { loadCalendar, loadMetricStates } from './metricStates'
import type { DrillMetric, MetricsQuery, OfficeMetricCase, OfficeMetricCasesAnswer } from './metricTypes'
import { rateSummary as summary } from './metricTypes'

/** The records behind one station's (or every station's) rate, masked. */
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
