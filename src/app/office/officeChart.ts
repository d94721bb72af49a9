/**
 * The office's chart (issue 5 item 3): stations' 6.2.1 on-time rates side by side, one bar per station, as
 * an option for the dashboard's lazily loaded chart (components/quality/QualityChart.vue). A plain object:
 * no echarts import here. A station with nothing due has no bar (a gap), never 100%.
 */
import type { EChartsCoreOption } from 'echarts/core'
import type { OfficeStationRow } from '../stores/office'

/** A rate as a percentage with one decimal, rounded down like formatRate; null stays null. */
export function ratePercent(rate: number | null): number | null {
  return rate === null ? null : Math.floor(rate * 1000 + 1e-9) / 10
}

export function stationOnTimeOption(rows: readonly OfficeStationRow[], seriesName: string): EChartsCoreOption {
  return {
    animation: false,
    grid: { left: 48, right: 24, top: 40, bottom: 32, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    xAxis: { type: 'category', data: rows.map(r => r.name), axisLabel: { interval: 0, overflow: 'truncate', width: 120 } },
    yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
    series: [{
      name: seriesName,
      type: 'bar',
      barMaxWidth: 48,
      itemStyle: { color: '#1989fa' },
      label: { show: true, position: 'top', formatter: '{c}%' },
      data: rows.map(r => ratePercent(r.onTimeCompletion.rate)),
    }],
  }
}
