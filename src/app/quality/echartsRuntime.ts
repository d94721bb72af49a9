/**
 * The charting runtime (issue 5 item 4): echarts, tree-shaken to the bar, line and pie charts with a grid,
 * tooltip and legend on the SVG renderer (crisp when printed, and no canvas context to lose: a 2D context
 * that is not there made dispose() throw). Only ever loaded by `import()` (QualityChart.vue), so echarts
 * is a chunk of its own, fetched from this app's origin (precached) when a chart is first shown.
 */
import type { EChartsType } from 'echarts/core'
import { BarChart, LineChart, PieChart } from 'echarts/charts'
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components'
import { init, use } from 'echarts/core'
import { LegacyGridContainLabel } from 'echarts/features'
import { SVGRenderer } from 'echarts/renderers'

// The charts' grids keep long station names inside the box with `containLabel`, which echarts 6 honours
// only with this feature installed (without it the option is ignored and labels are cut at the edge).
use([BarChart, LineChart, PieChart, GridComponent, TooltipComponent, LegendComponent, LegacyGridContainLabel, SVGRenderer])

/** A chart drawn into `element` (sized by it: call resize() when it changes). */
export function createChart(element: HTMLElement): EChartsType {
  return init(element, undefined, { renderer: 'svg' })
}
