/**
 * The dashboard's chart options (issue 5 item 4), built from the same series as its tables so chart and
 * table cannot disagree. Plain objects: no echarts import here, so the options are testable and the
 * views that build them stay out of the chart chunk.
 */
import type { EChartsCoreOption } from 'echarts/core'
import type { CaseKind } from '../../domain/case'
import type { RatingLevel } from '../../domain/rating'
import type { CasesPerBucket, OnTimePoint, SatisfactionCount } from './qualitySeries'
import { CASE_KINDS } from './qualitySeries'

/** Colours of the case kinds and rating levels (readable on white, distinct for common colour blindness). */
const KIND_COLOURS: Record<CaseKind, string> = { assisted: '#1989fa', proxy: '#ff976a', intake: '#07c160' }
const LEVEL_COLOURS: Record<RatingLevel, string> = { 5: '#07c160', 4: '#95d475', 3: '#f0c040', 2: '#ff976a', 1: '#ee0a24' }

const grid = { left: 48, right: 24, top: 48, bottom: 32, containLabel: true }

/** Cases per period, one stacked bar per period with a segment per kind. */
export function casesByKindOption(rows: readonly CasesPerBucket[], kindLabels: Record<CaseKind, string>): EChartsCoreOption {
  return {
    animation: false,
    grid,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    xAxis: { type: 'category', data: rows.map(r => r.key) },
    yAxis: { type: 'value', minInterval: 1 },
    series: CASE_KINDS.map(kind => ({
      name: kindLabels[kind],
      type: 'bar',
      stack: 'cases',
      itemStyle: { color: KIND_COLOURS[kind] },
      data: rows.map(r => r.counts[kind]),
    })),
  }
}

/** The 6.2.1 on-time rate per period as a percentage line; periods with nothing due are gaps, never 100%. */
export function onTimeRateOption(points: readonly OnTimePoint[], seriesName: string): EChartsCoreOption {
  return {
    animation: false,
    grid,
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    xAxis: { type: 'category', data: points.map(p => p.key) },
    yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
    series: [{
      name: seriesName,
      type: 'line',
      connectNulls: false,
      itemStyle: { color: '#1989fa' },
      data: points.map(p => p.rate === null ? null : Math.round(p.rate * 1000) / 10),
    }],
  }
}

/** Ratings per satisfaction level, best first. */
export function satisfactionOption(counts: readonly SatisfactionCount[], levelLabels: Record<RatingLevel, string>, seriesName: string): EChartsCoreOption {
  return {
    animation: false,
    tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
    legend: { top: 0 },
    series: [{
      name: seriesName,
      type: 'pie',
      radius: ['35%', '65%'],
      top: 32,
      data: counts.map(c => ({ name: levelLabels[c.level], value: c.count, itemStyle: { color: LEVEL_COLOURS[c.level] } })),
    }],
  }
}
