/**
 * The periods quality metrics are reported in (6.2.1–6.2.3; issue 5 "per day, week and month"): CST days,
 * ISO weeks (Monday to Sunday, numbered by the ISO 8601 week-year) and calendar months, all as CST civil
 * dates, so a bucket's boundary is CST midnight whatever the device's zone.
 */
import type { CivilDate } from './calendar'
import { addCalendarDays, isCivilDate } from './calendar'

/** 6.2: the reporting period of a metric series. */
export type MetricPeriod = 'day' | 'week' | 'month'

/** One period of a metric series: CST days `from`–`to`, both inclusive. */
export interface MetricBucket {
  period: MetricPeriod
  /** '2026-03-02' (day), '2026-W10' (ISO week), '2026-03' (month). */
  key: string
  from: CivilDate
  to: CivilDate
  /** The whole period runs past the requested range; from/to are clipped to it. */
  partial: boolean
}

function utcOf(date: CivilDate): Date {
  if (!isCivilDate(date))
    throw new RangeError(`不是有效日期: ${date}`)
  return new Date(`${date}T00:00:00Z`)
}

/** ISO 8601: the Monday starting the week of a CST civil date. */
export function isoWeekStart(date: CivilDate): CivilDate {
  const dow = utcOf(date).getUTCDay()
  return addCalendarDays(date, -((dow + 6) % 7))
}

/** ISO 8601: the week key of a CST civil date, e.g. '2026-W01' (the week-year may differ from the date's year). */
export function isoWeekKey(date: CivilDate): string {
  const thursday = addCalendarDays(isoWeekStart(date), 3)
  const year = Number(thursday.slice(0, 4))
  const ordinal = (utcOf(thursday).getTime() - Date.UTC(year, 0, 1)) / 86_400_000
  return `${year}-W${String(Math.floor(ordinal / 7) + 1).padStart(2, '0')}`
}

function monthEnd(date: CivilDate): CivilDate {
  const d = utcOf(date)
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).toISOString().slice(0, 10)
}

/** 6.2: the whole period containing a CST civil date (unclipped). */
export function periodOf(period: MetricPeriod, date: CivilDate): { key: string, from: CivilDate, to: CivilDate } {
  if (period === 'day') {
    utcOf(date)
    return { key: date, from: date, to: date }
  }
  if (period === 'week') {
    const from = isoWeekStart(date)
    return { key: isoWeekKey(date), from, to: addCalendarDays(from, 6) }
  }
  return { key: date.slice(0, 7), from: `${date.slice(0, 7)}-01`, to: monthEnd(date) }
}

/** 6.2: the days, ISO weeks or months covering CST dates `from`–`to` (inclusive), in order, clipped to that range. */
export function bucketize(period: MetricPeriod, from: CivilDate, to: CivilDate): MetricBucket[] {
  utcOf(from)
  utcOf(to)
  const buckets: MetricBucket[] = []
  for (let day = from; day <= to;) {
    const whole = periodOf(period, day)
    const clippedTo = whole.to < to ? whole.to : to
    buckets.push({ period, key: whole.key, from: day, to: clippedTo, partial: whole.from < day || whole.to > to })
    day = addCalendarDays(whole.to, 1)
  }
  return buckets
}
