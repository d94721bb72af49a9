/**
 * What the office's quality metrics answer (issue 5 item 3; 6.2.1–6.2.3, 7.1.1): the overview per station
 * (officeMetrics.ts), the drill-down behind one rate (metricCases.ts), and the query both take.
 */
import type { CivilDate } from '../../domain/calendar'
import type { DisclosureResult } from '../../domain/disclosure'
import type { MetricCase, MetricUndetermined, MetricWithGaps } from '../../domain/metrics'
import type { MetricBucket, MetricPeriod } from '../../domain/metricPeriods'
import type { SatisfactionSummary } from '../../domain/satisfaction'

/** One 6.2 rate as the office sees it: counts, the rate and its Chinese display; no records. */
export interface RateSummary {
  due: number
  onTime: number
  late: number
  pending: number
  undetermined: number
  rate: number | null
  display: string
}

/** 6.2.2 as the office sees it: offered items, complete guides, and which guides lack what. */
export type DisclosureSummary = DisclosureResult

export interface SeriesPoint {
  bucket: MetricBucket
  onTimeCompletion: RateSummary
  timelyHandling: RateSummary
}

/** The three 6.2 rates of one station (or of all of them: `overall`). */
export interface StationMetrics {
  /** 6.2.1 按时办结率. */
  onTimeCompletion: RateSummary
  /** 6.2.2 信息公开率 (a snapshot of the catalog now). */
  disclosure: DisclosureSummary
  /** 6.2.3 咨询、投诉及时处理率, and its two parts. */
  timelyHandling: RateSummary
  consultations: RateSummary
  complaints: RateSummary
  series: SeriesPoint[]
}

/** 7.1.1 and 申诉复核: satisfaction over the ratings given in the range, and how many upheld appeals took out. */
export interface StationRatingFigures {
  /** Ratings given in the range that an upheld appeal (申诉成立) left out of every figure here. */
  excludedRatings: number
  satisfaction: SatisfactionSummary
}

export interface StationRef {
  stationId: string
  code: string
  name: string
  countyCode: string
  /** 所在县市区, from the GB/T 2260 code; null for a code outside the Shanxi table. */
  county: string | null
  state: string
}

export interface OfficeMetricsAnswer {
  from: CivilDate
  to: CivilDate
  period: MetricPeriod
  asOf: string
  stations: (StationRef & StationMetrics & StationRatingFigures)[]
  overall: StationMetrics & StationRatingFigures
}

/** 6.2 drill-down as the office sees it: one record, masked, and how late it was. */
export interface OfficeMetricCase extends MetricCase {
  stationId: string
  /** The applicant's (or consulting citizen's) name, masked (DOMAIN.md masking); null when unknown. */
  maskedName: string | null
}

export interface OfficeUndetermined extends MetricUndetermined {
  stationId: string
}

export type DrillMetric = 'onTime' | 'consultation'

export interface OfficeMetricCasesAnswer {
  stationId: string | null
  metric: DrillMetric
  from: CivilDate
  to: CivilDate
  asOf: string
  summary: RateSummary
  /** The counted records (on time and late), by due instant. */
  cases: OfficeMetricCase[]
  pending: OfficeMetricCase[]
  undetermined: OfficeUndetermined[]
}

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
