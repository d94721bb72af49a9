/**
 * The charting runtime (issue 5 item 4): echarts, tree-shaken to the bar, line and pie charts with a grid,
 * tooltip and legend on the canvas renderer. Only ever loaded by `import()` (QualityChart.vue), so echarts
 * is a chunk of its own, fetched from this app's origin (precached) when a chart is first shown.
 */
import type { EChartsType } from 'echarts/core'
import { BarChart, LineChart, PieChart } from 'echarts/charts'
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components'
import { init, use } from 'echarts/core'
import { CanvasRenderer } from 'echarts/renderers'

use([BarChart, LineChart, PieChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer])

/** A chart drawn into `element` (sized by it: call resize() when it changes). */
export function createChart(element: HTMLElement): EChartsType {
  return init(element, undefined, { renderer: 'canvas' })
}
