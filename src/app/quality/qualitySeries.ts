/**
 * The dashboard's series (issue 5 item 4; 7.2.3 improvement over time) and the quality page's ranges, as
 * pure functions of folded states: cases per period by kind (帮办/代办/收件), the 6.2.1 on-time rate per
 * period, and the satisfaction levels of the ratings given in the range. Every day is a CST civil day.
 */
import type { CivilDate } from '../../domain/calendar'
import type { CaseKind, CaseState } from '../../domain/case'
import type { MetricBucket } from '../../domain/metricPeriods'
import type { MetricSeriesPoint } from '../../domain/metrics'
import type { RatingLevel, RatingState } from '../../domain/rating'
import { addCalendarDays, toCivilDate } from '../../domain/calendar'
import { periodOf } from '../../domain/metricPeriods'

/** The kinds of case, in the order the charts stack them. */
export const CASE_KINDS: readonly CaseKind[] = ['assisted', 'proxy', 'intake']

/** Satisfaction levels, best first (DOMAIN.md 好差评). */
export const RATING_LEVELS: readonly RatingLevel[] = [5, 4, 3, 2, 1]

/** One period's cases received, by kind. */
export interface CasesPerBucket {
  key: string
  from: CivilDate
  to: CivilDate
  counts: Record<CaseKind, number>
  total: number
}

/** Cases received in each bucket (by the CST day of receivedAt), by kind; cases outside every bucket are left out. */
export function casesPerBucketByKind(buckets: readonly MetricBucket[], cases: readonly Pick<CaseState, 'kind' | 'receivedAt'>[]): CasesPerBucket[] {
  const rows = buckets.map(b => ({ key: b.key, from: b.from, to: b.to, counts: { assisted: 0, proxy: 0, intake: 0 }, total: 0 }))
  const byKey = new Map(rows.map(r => [r.key, r]))
  const first = buckets[0]
  for (const c of cases) {
    if (!first)
      break
    const day = toCivilDate(c.receivedAt)
    const row = byKey.get(periodOf(first.period, day).key)
    if (!row || day < row.from || day > row.to)
      continue
    row.counts[c.kind]++
    row.total++
  }
  return rows
}

/** 6.2.1 per period: the rate (null when nothing was due) and the counts behind it. */
export interface OnTimePoint {
  key: string
  rate: number | null
  display: string
  due: number
  onTime: number
  late: number
}

/** The on-time completion rate of each bucket of a metric series. */
export function onTimeRateSeries(points: readonly MetricSeriesPoint[]): OnTimePoint[] {
  return points.map(({ bucket, onTimeCompletion: m }) => ({ key: bucket.key, rate: m.rate, display: m.display, due: m.due, onTime: m.onTime, late: m.late }))
}

/** How many ratings gave each level. */
export interface SatisfactionCount {
  level: RatingLevel
  count: number
}

/** The levels of the ratings given on CST days `from`–`to` (declined and refused ones are not ratings). */
export function satisfactionDistribution(ratings: readonly RatingState[], from: CivilDate, to: CivilDate): SatisfactionCount[] {
  const counts = new Map<RatingLevel, number>(RATING_LEVELS.map(l => [l, 0]))
  for (const r of ratings) {
    if (r.status !== 'rated' || r.level === null || r.ratedAt === null)
      continue
    const day = toCivilDate(r.ratedAt)
    if (day >= from && day <= to)
      counts.set(r.level, (counts.get(r.level) ?? 0) + 1)
  }
  return RATING_LEVELS.map(level => ({ level, count: counts.get(level) ?? 0 }))
}

/** The ranges the quality page offers in one tap. */
export type QualityRangePreset = 'today' | 'thisWeek' | 'thisMonth' | 'lastMonth' | 'last3Months' | 'thisYear'
export const QUALITY_RANGE_PRESETS: readonly QualityRangePreset[] = ['today', 'thisWeek', 'thisMonth', 'lastMonth', 'last3Months', 'thisYear']

/** A preset's CST days, both inclusive, as seen on CST day `today`. */
export function presetRange(preset: QualityRangePreset, today: CivilDate): { from: CivilDate, to: CivilDate } {
  const month = periodOf('month', today)
  switch (preset) {
    case 'today':
      return { from: today, to: today }
    case 'thisWeek':
      return { from: periodOf('week', today).from, to: today }
    case 'thisMonth':
      return { from: month.from, to: today }
    case 'lastMonth': {
      const last = periodOf('month', addCalendarDays(month.from, -1))
      return { from: last.from, to: last.to }
    }
    case 'last3Months': {
      const start = periodOf('month', addCalendarDays(periodOf('month', addCalendarDays(month.from, -1)).from, -1))
      return { from: start.from, to: today }
    }
    case 'thisYear':
      return { from: `${today.slice(0, 4)}-01-01`, to: today }
  }
}

/** Epoch ms of CST midnight starting `day`. */
export function cstStartMs(day: CivilDate): number {
  return Date.parse(`${day}T00:00:00+08:00`)
}

/** CST days `from`–`to` as the half-open instant range [from 00:00, the day after `to` 00:00) the repositories take. */
export function cstRangeMs(from: CivilDate, to: CivilDate): { fromMs: number, toMs: number } {
  return { fromMs: cstStartMs(from), toMs: cstStartMs(addCalendarDays(to, 1)) }
}
