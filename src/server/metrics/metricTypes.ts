/**
 * What the office's quality metrics take and answer (issue 5 item 3; 6.2.1–6.2.3, 7.1.1): the query both the
 * overview per station (officeMetrics.ts) and the drill-down behind one rate (metricCases.ts) take. The answers'
 * shapes are the wire contract's (src/domain/protocol/officeMetrics.ts), re-exported here for the server.
 */
import type { CivilDate } from '../../domain/calendar'
import type { MetricWithGaps } from '../../domain/metrics'
import type { RateSummary } from '../../domain/protocol'

export type { DrillMetric, OfficeMetricCase, OfficeMetricCasesAnswer, OfficeMetricsAnswer, RateSummary, StationMetrics, StationRatingFigures } from '../../domain/protocol'

export interface MetricsQuery {
  from: CivilDate
  to: CivilDate
  stationId?: string
  /** Only stations whose county_code starts with this GB/T 2260 prefix (the office's division, issue 8). */
  divisionCode?: string
  asOf: Date
}

/** A domain rate without its records: what the office is shown. */
export function rateSummary(m: MetricWithGaps): RateSummary {
  return { due: m.due, onTime: m.onTime, late: m.late, pending: m.pending.length, undetermined: m.undetermined.length, rate: m.rate, display: m.display }
}
