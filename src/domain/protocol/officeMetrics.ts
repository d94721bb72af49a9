/**
 * The office's quality metrics (SYNC-API.md "Office"; issue 5 item 3; 6.2.1–6.2.3, 7.1.1):
 *   GET /api/office/metrics?from&to&period=day|week|month&stationId= → OfficeMetricsAnswer
 *   GET /api/office/metrics/cases?metric=onTime|consultation&from&to&stationId= → OfficeMetricCasesAnswer
 * Dates are CST civil days, both inclusive, at most 366 days, within the supported window.
 */
import { z } from 'zod'
import { isCivilDate } from '../calendar'
import { isSupportedCivilDate, safetyMessages } from '../eventSafety'
import { isoInstantSchema, storableText } from './common'
import { satisfactionSummarySchema } from './satisfaction'

/** The longest range one request may ask for, in days (a year, leap day included). */
export const MAX_METRIC_RANGE_DAYS = 366

// Dates outside the supported window (e.g. 9999-12-31) would overflow the date arithmetic: a field error.
const civilDate = z.string()
  .refine(isCivilDate, { message: '日期应为有效的 YYYY-MM-DD', params: { format: 'date' } })
  .refine(d => !isCivilDate(d) || isSupportedCivilDate(d), { message: safetyMessages.civilDateWindow })

function dayCount(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1
}

const rangeSchema = z.object({
  from: civilDate,
  to: civilDate,
  stationId: storableText().min(1).max(64).optional(),
})

function checkRange(q: { from: string, to: string }, ctx: z.RefinementCtx): void {
  if (!isCivilDate(q.from) || !isCivilDate(q.to) || !isSupportedCivilDate(q.from) || !isSupportedCivilDate(q.to))
    return
  if (q.to < q.from)
    ctx.addIssue({ code: 'custom', path: ['to'], message: '结束日期不能早于开始日期', params: { reason: 'dateOrder' } })
  else if (dayCount(q.from, q.to) > MAX_METRIC_RANGE_DAYS)
    ctx.addIssue({ code: 'custom', path: ['to'], message: `统计区间最长 ${MAX_METRIC_RANGE_DAYS} 天` })
}

const metricPeriodSchema = z.enum(['day', 'week', 'month'])
export const drillMetricSchema = z.enum(['onTime', 'consultation'])
export type DrillMetric = z.infer<typeof drillMetricSchema>

export const metricsQuerySchema = rangeSchema.extend({
  period: z.enum(metricPeriodSchema.options, { message: '统计周期应为 day、week 或 month' }).default('month'),
}).strict().superRefine(checkRange)

export const metricCasesQuerySchema = rangeSchema.extend({
  metric: z.enum(drillMetricSchema.options, { message: '指标应为 onTime 或 consultation' }),
}).strict().superRefine(checkRange)

const count = z.number().int().min(0)
const share = z.number().nullable()

/** One 6.2 rate as the office sees it: counts, the rate and its Chinese display; no records. */
export const rateSummarySchema = z.object({
  due: count,
  onTime: count,
  late: count,
  pending: count,
  undetermined: count,
  rate: share,
  display: z.string(),
})
export type RateSummary = z.infer<typeof rateSummarySchema>

/** 6.2.2: offered items, complete guides, and which guides lack what (domain/disclosure.ts DisclosureResult). */
export const disclosureSummarySchema = z.object({
  offered: count,
  complete: count,
  rate: share,
  display: z.string(),
  incomplete: z.array(z.object({ code: z.string(), name: z.string(), missing: z.array(z.string()) })),
})
export type DisclosureSummary = z.infer<typeof disclosureSummarySchema>

export const metricBucketSchema = z.object({
  period: metricPeriodSchema,
  /** '2026-03-02' (day), '2026-W10' (ISO week), '2026-03' (month). */
  key: z.string(),
  from: z.string(),
  to: z.string(),
  partial: z.boolean(),
})

export const seriesPointSchema = z.object({
  bucket: metricBucketSchema,
  onTimeCompletion: rateSummarySchema,
  timelyHandling: rateSummarySchema,
})

/** The three 6.2 rates of one station (or of all of them: `overall`). */
export const stationMetricsSchema = z.object({
  /** 6.2.1 按时办结率. */
  onTimeCompletion: rateSummarySchema,
  /** 6.2.2 信息公开率 (a snapshot of the catalog now). */
  disclosure: disclosureSummarySchema,
  /** 6.2.3 咨询、投诉及时处理率, and its two parts. */
  timelyHandling: rateSummarySchema,
  consultations: rateSummarySchema,
  complaints: rateSummarySchema,
  series: z.array(seriesPointSchema),
})
export type StationMetrics = z.infer<typeof stationMetricsSchema>

/** 7.1.1 and 申诉复核: satisfaction over the ratings given in the range, and how many upheld appeals took out. */
export const stationRatingFiguresSchema = z.object({
  excludedRatings: count,
  satisfaction: satisfactionSummarySchema,
})
export type StationRatingFigures = z.infer<typeof stationRatingFiguresSchema>

export const metricStationSchema = z.object({
  stationId: z.string(),
  code: z.string(),
  name: z.string(),
  countyCode: z.string(),
  /** 所在县市区, from the GB/T 2260 code; null for a code outside the Shanxi table. */
  county: z.string().nullable(),
  state: z.string(),
})
export type MetricStation = z.infer<typeof metricStationSchema>

export const officeMetricsAnswerSchema = z.object({
  from: z.string(),
  to: z.string(),
  period: metricPeriodSchema,
  asOf: isoInstantSchema,
  stations: z.array(metricStationSchema.extend(stationMetricsSchema.shape).extend(stationRatingFiguresSchema.shape)),
  overall: stationMetricsSchema.extend(stationRatingFiguresSchema.shape),
})
export type OfficeMetricsAnswer = z.infer<typeof officeMetricsAnswerSchema>
export type OfficeStationRow = OfficeMetricsAnswer['stations'][number]

const subjectKindSchema = z.enum(['case', 'consultation', 'complaint'])

/** 6.2 drill-down: one record, masked, and how late it was (domain/metrics.ts MetricCase). */
export const officeMetricCaseSchema = z.object({
  id: z.string(),
  kind: subjectKindSchema,
  subject: z.string(),
  receiptNumber: z.string().nullable(),
  itemName: z.string().nullable(),
  dueAt: z.string(),
  completedAt: z.string().nullable(),
  outcome: z.enum(['onTime', 'late', 'pending']),
  lateByWorkdays: z.number().nullable(),
  lateByCalendarDays: z.number().nullable(),
  lateByHours: z.number().nullable(),
  scheduleNotPublished: z.boolean(),
  dueProvisional: z.boolean().optional(),
  stationId: z.string(),
  /** The applicant's (or consulting citizen's) name, masked (DOMAIN.md masking); null when unknown. */
  maskedName: z.string().nullable(),
})
export type OfficeMetricCase = z.infer<typeof officeMetricCaseSchema>

/** A record that cannot be measured, and why (Chinese). */
export const officeUndeterminedSchema = z.object({
  id: z.string(),
  kind: subjectKindSchema,
  subject: z.string(),
  receiptNumber: z.string().nullable(),
  itemName: z.string().nullable(),
  reason: z.string(),
  stationId: z.string(),
})
export type OfficeUndetermined = z.infer<typeof officeUndeterminedSchema>

export const officeMetricCasesAnswerSchema = z.object({
  stationId: z.string().nullable(),
  metric: drillMetricSchema,
  from: z.string(),
  to: z.string(),
  asOf: isoInstantSchema,
  summary: rateSummarySchema,
  /** The counted records (on time and late), by due instant. */
  cases: z.array(officeMetricCaseSchema),
  pending: z.array(officeMetricCaseSchema),
  undetermined: z.array(officeUndeterminedSchema),
})
export type OfficeMetricCasesAnswer = z.infer<typeof officeMetricCasesAnswerSchema>
