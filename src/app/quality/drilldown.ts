/**
 * 6.2 drill-down wording and links (issue 5 item 3: "which were late, by how much"), pure so it is tested
 * without mounting: working days late when the holiday schedule is known, else calendar days with a note.
 */
import type { MetricCase } from '../../domain/metrics'
import type { RouteLocationRaw } from 'vue-router'

/** The metrics a rate card drills into. */
export type QualityMetricKey = 'onTime' | 'disclosure' | 'timely'
export const QUALITY_METRIC_KEYS: readonly QualityMetricKey[] = ['onTime', 'disclosure', 'timely']

export function isQualityMetricKey(value: unknown): value is QualityMetricKey {
  return typeof value === 'string' && (QUALITY_METRIC_KEYS as readonly string[]).includes(value)
}

type Translate = (key: string, values?: Record<string, unknown>) => string

/** How late a record was, e.g. 超期1个工作日; null when it was not late. */
export function latenessText(item: MetricCase, t: Translate): { text: string, note: string | null } | null {
  if (item.outcome !== 'late')
    return null
  if (item.lateByWorkdays === null)
    return { text: t('quality.drilldown.lateCalendarDays', { n: item.lateByCalendarDays ?? 0 }), note: item.scheduleNotPublished ? t('quality.drilldown.scheduleNote') : null }
  if (item.lateByWorkdays === 0)
    return { text: t('quality.drilldown.lateHours', { hours: item.lateByHours ?? 0 }), note: null }
  return { text: t('quality.drilldown.lateWorkdays', { n: item.lateByWorkdays }), note: null }
}

/** Where tapping a record goes: the case, or the consultation (a complaint opens what was rated). */
export function subjectRoute(item: Pick<MetricCase, 'subject'>): RouteLocationRaw {
  return item.subject.startsWith('consultation:')
    ? { name: 'consultation-detail', params: { id: item.subject } }
    : { name: 'case-detail', params: { id: item.subject } }
}
