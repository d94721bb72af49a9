/**
 * Quality metrics (6.2.1, 6.2.3): on-time completion and timely handling of consultations and complaints,
 * for a range of CST days or per day / ISO week / month, each number with the records behind it and how
 * late each late one was. Works on any set of states: one station's on its tablet, or every station's
 * at the office (filter by stationId first for per-station figures). 6.2.2 is in disclosure.ts.
 *
 * Definitions (the standard gives the targets, 100%, not the formulas):
 * - A record is "due in a period" when its due instant falls on a CST day of the period, done or not.
 * - It counts as on time when done at or before its due instant; as late when done after it, or when it
 *   is still not done at `asOf` and its due instant has passed. One not done and not yet due at `asOf` is
 *   pending: listed, but outside the rate (it can still be on time).
 * - Nothing counted → rate null, shown as 无到期办件 (cases) / 无到期咨询 / 无到期投诉, never 100%.
 * - How late: hours past the due instant; CST calendar days from the due day to the day done (or `asOf`);
 *   working days among those days after the due day (via the calendar). When a year's holiday schedule is
 *   not published, lateByWorkdays is null and scheduleNotPublished is set; calendar days are still given.
 *
 * 6.2.1 cases: accepted cases with a due (dueAt); done = completedAt. Terminated 代办 cases are left out
 *   (the citizen ended the entrustment; nothing was due any more); cases without a due (no promised limit,
 *   or the schedule was missing at acceptance) cannot be measured and are listed as undetermined.
 *   Suspensions (中止) do not move the due: a suspended case past its due counts as late. A provisional
 *   due (暂定, counted Monday–Friday in an unpublished year) counts as a due, and is marked dueProvisional.
 * 6.2.3 consultations: answered on the spot → on time, due and done at recording; referred → due at the
 *   referral's dueAt (暂定 ones count too, marked dueProvisional), done at repliedAt; not answered and not referred → due 1 working day after recording
 *   (6.3.3.1.3), undetermined when that year's schedule is missing.
 * 6.2.3 complaints: each recorded complaint (complaint.ts) is due at its dueAt (暂定 ones count, marked) and done
 *   when handled; each 差评 (rating level ≤ 2) is a complaint due at its followUpDueAt, done at the first
 *   call-back (FollowUpRecord, followUp.recorded) of its subject that reached the citizen at or after the
 *   rating (a call not answered does not handle it); undetermined without a due.
 */
import type { CivilDate, WorkCalendar } from './calendar'
import type { CaseState } from './case'
import type { ComplaintState } from './complaint'
import type { ConsultationState } from './consultation'
import type { FollowUpRecord } from './followUp'
import type { MetricBucket, MetricPeriod } from './metricPeriods'
import type { RatingState } from './rating'
import { addCalendarDays, ScheduleNotPublishedError, toCivilDate } from './calendar'
import { formatRate } from './disclosure'
import { followUpsBySubject } from './followUp'
import { bucketize } from './metricPeriods'

/** 6.2: what a metric item is: a case (6.2.1), a consultation or a complaint (6.2.3). */
export type MetricSubjectKind = 'case' | 'consultation' | 'complaint'

/** 6.2 drill-down: one record behind a metric, and how late it was. */
export interface MetricCase {
  /** The case or consultation id; for a complaint, its 'complaint:<uuid>' or the 差评's rating stream id. */
  id: string
  kind: MetricSubjectKind
  /** The case or consultation the record is about (= id, except for complaints). */
  subject: string
  receiptNumber: string | null
  itemName: string | null
  dueAt: string
  /** When it was done (completed, replied or called back); null while not done. */
  completedAt: string | null
  outcome: 'onTime' | 'late' | 'pending'
  /** Working days late (see lateness); null when not late or the schedule is not published. */
  lateByWorkdays: number | null
  /** CST calendar days from the due day to the day done (or asOf); null when not late. */
  lateByCalendarDays: number | null
  /** Hours past the due instant, one decimal; null when not late. */
  lateByHours: number | null
  /** lateByWorkdays could not be counted: a year's holiday schedule is missing. */
  scheduleNotPublished: boolean
  /** DOMAIN.md 暂定: a case's, referral's or 差评 call-back's due counted Monday–Friday in a year not yet published (shown as 暂定). */
  dueProvisional?: boolean
}

/** 6.2 drill-down: a record that cannot be measured, and why (Chinese). */
export interface MetricUndetermined {
  id: string
  kind: MetricSubjectKind
  subject: string
  receiptNumber: string | null
  itemName: string | null
  reason: string
}

/** 6.2.1 / 6.2.3: one rate with the records behind it. */
export interface MetricResult {
  /** Records counted: on time + late. */
  due: number
  onTime: number
  late: number
  /** onTime / due; null when nothing was due. */
  rate: number | null
  /** '100%', '95.2%' or the "nothing due" wording. */
  display: string
  /** The counted records, by due instant then id. */
  cases: MetricCase[]
  /** Due in the period but neither done nor past due at asOf. */
  pending: MetricCase[]
}

/** Options of every metric: the instant it is measured at, and the calendar that counts working days. */
export interface MetricOptions {
  /** Measure as of this instant (now, for a live dashboard); decides late vs pending for what is not done. */
  asOf: string | Date
  calendar: Pick<WorkCalendar, 'isWorkday' | 'tryDueAfterWorkdays'>
}

/** 6.2 lateness of something due at `dueAt` and done (or still open) at `doneAt`. */
export interface Lateness {
  late: boolean
  hours: number
  calendarDays: number
  workdays: number | null
  scheduleNotPublished: boolean
}

function ms(at: string | Date): number {
  return at instanceof Date ? at.getTime() : Date.parse(at)
}

function daysBetween(a: CivilDate, b: CivilDate): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000)
}

/**
 * 6.2.1, DOMAIN.md working days: how late `doneAt` is against `dueAt`. Working days late = working days
 * after the due's CST day up to and including the CST day done (due 2026-09-30, done 2026-10-08 → 1).
 */
export function lateness(dueAt: string, doneAt: string | Date, calendar: Pick<WorkCalendar, 'isWorkday'>): Lateness {
  const diff = ms(doneAt) - ms(dueAt)
  if (diff <= 0)
    return { late: false, hours: 0, calendarDays: 0, workdays: 0, scheduleNotPublished: false }
  const dueDay = toCivilDate(dueAt)
  const doneDay = toCivilDate(doneAt)
  const calendarDays = daysBetween(dueDay, doneDay)
  let workdays: number | null = 0
  try {
    for (let d = addCalendarDays(dueDay, 1); d <= doneDay; d = addCalendarDays(d, 1)) {
      if (calendar.isWorkday(d))
        workdays++
    }
  }
  catch (error) {
    if (!(error instanceof ScheduleNotPublishedError))
      throw error
    workdays = null
  }
  return { late: true, hours: Math.round(diff / 360_000) / 10, calendarDays, workdays, scheduleNotPublished: workdays === null }
}

interface Measured {
  item: MetricCase
  /** CST day of the due instant: which period the record belongs to. */
  day: CivilDate
}

function measure(base: Omit<MetricCase, 'dueAt' | 'completedAt' | 'outcome' | 'lateByWorkdays' | 'lateByCalendarDays' | 'lateByHours' | 'scheduleNotPublished'>, dueAt: string, doneAt: string | null, options: MetricOptions): Measured {
  const asOf = ms(options.asOf)
  const end = doneAt ?? (asOf > ms(dueAt) ? new Date(asOf) : null)
  const late = end === null ? null : lateness(dueAt, end, options.calendar)
  const outcome: MetricCase['outcome'] = late === null ? 'pending' : late.late ? 'late' : 'onTime'
  const isLate = outcome === 'late' && late !== null
  return {
    day: toCivilDate(dueAt),
    item: {
      ...base,
      dueAt,
      completedAt: doneAt,
      outcome,
      lateByWorkdays: isLate ? late.workdays : null,
      lateByCalendarDays: isLate ? late.calendarDays : null,
      lateByHours: isLate ? late.hours : null,
      scheduleNotPublished: isLate && late.scheduleNotPublished,
    },
  }
}

function compareItems(a: MetricCase, b: MetricCase): number {
  return ms(a.dueAt) - ms(b.dueAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
}

function result(items: readonly MetricCase[], empty: string): MetricResult {
  const sorted = [...items].sort(compareItems)
  const cases = sorted.filter(i => i.outcome !== 'pending')
  const pending = sorted.filter(i => i.outcome === 'pending')
  const onTime = cases.filter(i => i.outcome === 'onTime').length
  const rate = cases.length === 0 ? null : onTime / cases.length
  return { due: cases.length, onTime, late: cases.length - onTime, rate, display: formatRate(rate, empty), cases, pending }
}

/** 6.2 "nothing due" wording of each rate. */
export const metricEmptyLabels = {
  onTimeCompletion: '无到期办件',
  consultations: '无到期咨询',
  complaints: '无到期投诉',
  timelyHandling: '无到期咨询或投诉',
} as const

interface Classified {
  measured: Measured[]
  undetermined: (MetricUndetermined & { day: CivilDate | null })[]
}

function classifyCases(cases: readonly CaseState[], options: MetricOptions, inRange: (day: CivilDate | null) => boolean): Classified {
  const measured: Measured[] = []
  const undetermined: Classified['undetermined'] = []
  for (const c of cases) {
    if (c.receiptNumber === null || c.status === 'terminated')
      continue
    const base = { id: c.id, kind: 'case' as const, subject: c.id, receiptNumber: c.receiptNumber, itemName: c.itemName, ...(c.dueProvisional === true ? { dueProvisional: true } : {}) }
    if (c.dueAt === null) {
      const reason = c.promisedLimitWorkdays === null ? '事项无承诺办结时限' : '承诺办结时间未能计算（节假日安排可能未发布）'
      undetermined.push({ ...base, reason, day: c.acceptedAt ? toCivilDate(c.acceptedAt) : null })
      continue
    }
    // An early finish is on time, and counts in the period it finished (issue 14: 按时办结率 said 无到期办件
    // for a period whose only case was completed before its due day, which lay in a later period).
    const early = c.completedAt !== null && Date.parse(c.completedAt) <= Date.parse(c.dueAt)
    const day = early && c.completedAt !== null ? toCivilDate(c.completedAt) : toCivilDate(c.dueAt)
    if (inRange(day))
      measured.push({ ...measure(base, c.dueAt, c.completedAt, options), day })
  }
  return { measured, undetermined }
}

function classifyConsultations(consultations: readonly ConsultationState[], options: MetricOptions, inRange: (day: CivilDate | null) => boolean): Classified {
  const measured: Measured[] = []
  const undetermined: Classified['undetermined'] = []
  const { calendar } = options
  for (const q of consultations) {
    const base = { id: q.id, kind: 'consultation' as const, subject: q.id, receiptNumber: null, itemName: q.itemName, ...(q.dueProvisional === true ? { dueProvisional: true } : {}) }
    if (q.status === 'answered') {
      if (inRange(toCivilDate(q.recordedAt)))
        measured.push(measure(base, q.recordedAt, q.recordedAt, options))
      continue
    }
    if (q.dueAt !== null) {
      if (inRange(toCivilDate(q.dueAt)))
        measured.push(measure(base, q.dueAt, q.repliedAt, options))
      continue
    }
    const computed = calendar.tryDueAfterWorkdays(q.recordedAt, 1)
    if (!computed.ok) {
      undetermined.push({ ...base, reason: `答复期限未能计算：${computed.message}`, day: toCivilDate(q.recordedAt) })
      continue
    }
    if (inRange(computed.dueDate))
      measured.push(measure(base, computed.due, q.repliedAt, options))
  }
  return { measured, undetermined }
}

function classifyComplaints(ratings: readonly RatingState[], followUps: readonly FollowUpRecord[], complaints: readonly ComplaintState[], options: MetricOptions, inRange: (day: CivilDate | null) => boolean): Classified {
  const measured: Measured[] = []
  const undetermined: Classified['undetermined'] = []
  const bySubject = followUpsBySubject(followUps)
  for (const k of complaints) {
    const base = { id: k.id, kind: 'complaint' as const, subject: k.subject ?? k.id, receiptNumber: null, itemName: null, ...(k.dueProvisional ? { dueProvisional: true } : {}) }
    if (inRange(toCivilDate(k.dueAt)))
      measured.push(measure(base, k.dueAt, k.handledAt, options))
  }
  for (const r of ratings) {
    if (r.status !== 'rated' || !r.isBad)
      continue
    const base = { id: r.id, kind: 'complaint' as const, subject: r.subject, receiptNumber: null, itemName: null, ...(r.followUpDueProvisional === true ? { dueProvisional: true } : {}) }
    if (r.followUpDueAt === null) {
      undetermined.push({ ...base, reason: '差评的回访期限未能计算（节假日安排可能未发布）', day: r.ratedAt ? toCivilDate(r.ratedAt) : null })
      continue
    }
    if (!inRange(toCivilDate(r.followUpDueAt)))
      continue
    const ratedAt = r.ratedAt ? ms(r.ratedAt) : Number.NEGATIVE_INFINITY
    const call = bySubject.get(r.subject)?.find(f => ms(f.at) >= ratedAt && f.reached !== false)
    measured.push(measure(base, r.followUpDueAt, call?.at ?? null, options))
  }
  return { measured, undetermined }
}

function within(from: CivilDate, to: CivilDate) {
  return (day: CivilDate | null): boolean => day !== null && day >= from && day <= to
}

/** 6.2 drill-down: a rate and the records due in the period that cannot be measured. */
export interface MetricWithGaps extends MetricResult {
  undetermined: MetricUndetermined[]
}

function forRange(classified: Classified, from: CivilDate, to: CivilDate, empty: string): MetricWithGaps {
  const inRange = within(from, to)
  return {
    ...result(classified.measured.filter(m => inRange(m.day)).map(m => m.item), empty),
    undetermined: classified.undetermined.filter(u => inRange(u.day)).map(({ day: _d, ...u }) => u),
  }
}

/** 6.2.1: on-time completion of the cases due on CST days `from`–`to` (inclusive), as of options.asOf. */
export function onTimeCompletion(cases: readonly CaseState[], from: CivilDate, to: CivilDate, options: MetricOptions): MetricWithGaps {
  return forRange(classifyCases(cases, options, within(from, to)), from, to, metricEmptyLabels.onTimeCompletion)
}

/** 6.2.3: timely replies to the consultations due on CST days `from`–`to` (inclusive), as of options.asOf. */
export function consultationTimeliness(consultations: readonly ConsultationState[], from: CivilDate, to: CivilDate, options: MetricOptions): MetricWithGaps {
  return forRange(classifyConsultations(consultations, options, within(from, to)), from, to, metricEmptyLabels.consultations)
}

/** 6.2.3: timely handling of the complaints and 差评 call-backs due on CST days `from`–`to` (inclusive), as of options.asOf. */
export function complaintTimeliness(ratings: readonly RatingState[], followUps: readonly FollowUpRecord[], from: CivilDate, to: CivilDate, options: MetricOptions, complaints: readonly ComplaintState[] = []): MetricWithGaps {
  return forRange(classifyComplaints(ratings, followUps, complaints, options, within(from, to)), from, to, metricEmptyLabels.complaints)
}

/** What the 6.2 metrics are computed from; all optional but cases. */
export interface MetricInputs {
  cases: readonly CaseState[]
  consultations?: readonly ConsultationState[]
  ratings?: readonly RatingState[]
  followUps?: readonly FollowUpRecord[]
  /** 6.2.3 recorded complaints (complaint.ts). */
  complaints?: readonly ComplaintState[]
}

/** 6.2.1 and 6.2.3 for one period. */
export interface QualityMetrics {
  /** 6.2.1 按时办结率. */
  onTimeCompletion: MetricWithGaps
  /** 6.2.3 咨询及时处理率. */
  consultations: MetricWithGaps
  /** 6.2.3 投诉（含差评回访）及时处理率. */
  complaints: MetricWithGaps
  /** 6.2.3 咨询、投诉及时处理率: consultations and complaints together. */
  timelyHandling: MetricWithGaps
}

/** 6.2 series: one bucket and its metrics. */
export interface MetricSeriesPoint extends QualityMetrics {
  bucket: MetricBucket
}

function combine(a: MetricWithGaps, b: MetricWithGaps): MetricWithGaps {
  return { ...result([...a.cases, ...a.pending, ...b.cases, ...b.pending], metricEmptyLabels.timelyHandling), undetermined: [...a.undetermined, ...b.undetermined] }
}

/** 6.2.1, 6.2.3: all quality rates for CST days `from`–`to` (inclusive), as of options.asOf. */
export function qualityMetrics(inputs: MetricInputs, from: CivilDate, to: CivilDate, options: MetricOptions): QualityMetrics {
  const [point] = metricSeriesOver([{ period: 'day', key: `${from}..${to}`, from, to, partial: false }], inputs, options)
  if (!point)
    throw new Error('unreachable: one bucket in, one point out')
  const { bucket: _bucket, ...metrics } = point
  return metrics
}

function metricSeriesOver(buckets: readonly MetricBucket[], inputs: MetricInputs, options: MetricOptions): MetricSeriesPoint[] {
  const first = buckets[0]
  const last = buckets[buckets.length - 1]
  const all = first && last ? within(first.from, last.to) : () => false
  const cases = classifyCases(inputs.cases, options, all)
  const consultations = classifyConsultations(inputs.consultations ?? [], options, all)
  const complaints = classifyComplaints(inputs.ratings ?? [], inputs.followUps ?? [], inputs.complaints ?? [], options, all)
  return buckets.map((bucket) => {
    const c = forRange(consultations, bucket.from, bucket.to, metricEmptyLabels.consultations)
    const k = forRange(complaints, bucket.from, bucket.to, metricEmptyLabels.complaints)
    return {
      bucket,
      onTimeCompletion: forRange(cases, bucket.from, bucket.to, metricEmptyLabels.onTimeCompletion),
      consultations: c,
      complaints: k,
      timelyHandling: combine(c, k),
    }
  })
}

/** 6.2.1, 6.2.3 per day, ISO week (Monday start) or month over CST days `from`–`to`: every rate per bucket. */
export function metricSeries(period: MetricPeriod, from: CivilDate, to: CivilDate, inputs: MetricInputs, options: MetricOptions): MetricSeriesPoint[] {
  return metricSeriesOver(bucketize(period, from, to), inputs, options)
}
