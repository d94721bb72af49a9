import type * as EchartsCore from 'echarts/core'
import type { VueWrapper } from '@vue/test-utils'
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { RouterView } from 'vue-router'
import { useQualityStore } from '../../../src/app/stores/quality'
import { mountAt, signedInCounter } from '../support/signedInCounter'
import { seedCase, seedRating } from './support'
import { until } from '../support/until'

// happy-dom has no canvas: only echarts' init is replaced (registration of the chart parts stays real).
const charts = vi.hoisted(() => ({ loads: 0, options: [] as unknown[], disposed: 0, resized: 0 }))
vi.mock('echarts/core', async (importOriginal) => {
  charts.loads++
  const actual = await importOriginal<typeof EchartsCore>()
  return {
    ...actual,
    init: vi.fn(() => ({
      setOption: (option: unknown) => charts.options.push(option),
      resize: () => charts.resized++,
      dispose: () => charts.disposed++,
    })),
  }
})

const Host = defineComponent({ render: () => h(RouterView) })
const mounted: VueWrapper[] = []

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(new Date('2026-11-26T10:00:00+08:00'))
  charts.options.length = 0
})

afterEach(() => {
  vi.useRealTimers()
  mounted.splice(0).forEach(w => w.unmount())
  document.body.innerHTML = ''
})

afterAll(() => new Promise(resolve => setTimeout(resolve, 350)))

/** Cells of the table in `panel`, row by row. */
function table(w: VueWrapper, panel: string): string[][] {
  return w.findAll(`[data-test="${panel}"] [data-test="table-row"]`).map(r => r.findAll('th, td').map(c => c.text()))
}

interface SeriesOption { series: { name: string, data: unknown[] }[], xAxis?: { data: string[] } }

describe('dashboard (issue 5 item 4)', () => {
  it('loads the chart module only when a chart is shown, and each chart draws the same numbers as its table', async () => {
    const pinia = await signedInCounter()
    const quality = useQualityStore()
    quality.chooseRange('2026-09-21', '2026-09-25')
    const a = await seedCase(1, 'assisted', '2026-09-21T10:00:00+08:00', '2026-09-23', '2026-09-22T10:00:00+08:00')
    await seedCase(2, 'intake', '2026-09-21T11:00:00+08:00', '2026-09-22', '2026-09-24T10:00:00+08:00')
    await seedCase(3, 'assisted', '2026-09-23T09:30:00+08:00', null)
    await seedRating(a.id, 5, '2026-09-22T10:30:00+08:00')
    await seedRating('case:01950000-0000-7000-8000-00000000c002', 2, '2026-09-24T10:30:00+08:00', '2026-10-22T23:59:59.999+08:00')

    // The dashboard view itself does not bring echarts in: only the chart component's import() does.
    await import('../../../src/app/views/quality/DashboardView.vue')
    expect(charts.loads).toBe(0)

    const { wrapper } = await mountAt(Host, '/dashboard', pinia)
    mounted.push(wrapper)
    await until(() => {
      expect(quality.loading).toBe(false)
      expect(quality.loadedKey).toBe(`${quality.from}|${quality.to}|${quality.period}`)
    })
    // The chart module is a dynamic import: under a loaded machine it can take seconds to arrive.
    await vi.waitFor(() => expect(charts.options).toHaveLength(3), { timeout: 15_000 })
    expect(charts.loads).toBe(1)

    const series = quality.series
    expect(series).not.toBeNull()
    // Cases per day by kind: table rows are the series; the stacked bars carry the same counts.
    expect(table(wrapper, 'panel-cases')).toEqual(series?.casesByKind.map(r => [r.key, String(r.counts.assisted), String(r.counts.proxy), String(r.counts.intake), String(r.total)]))
    expect(table(wrapper, 'panel-cases')[0]).toEqual(['2026-09-21', '1', '0', '1', '2'])
    expect(table(wrapper, 'panel-cases')[2]).toEqual(['2026-09-23', '1', '0', '0', '1'])
    const [bars, line, pie] = charts.options as SeriesOption[]
    expect(bars?.xAxis?.data).toEqual(['2026-09-21', '2026-09-22', '2026-09-23', '2026-09-24', '2026-09-25'])
    expect(bars?.series.map(s => [s.name, s.data])).toEqual([['帮办', [1, 0, 1, 0, 0]], ['代办', [0, 0, 0, 0, 0]], ['收件', [1, 0, 0, 0, 0]]])

    // On-time rate per day: 9/22 holds case 2 (due that day, done late 9/24) and case 1 (due 9/23, finished early
    // on 9/22: an early finish counts on time in the period it finished), so 50%; the other days have nothing due
    // (a gap, never 100%).
    expect(table(wrapper, 'panel-on-time').map(r => r.slice(0, 2))).toEqual([['2026-09-21', '无到期办件'], ['2026-09-22', '50%'], ['2026-09-23', '无到期办件'], ['2026-09-24', '无到期办件'], ['2026-09-25', '无到期办件']])
    expect(line?.series[0]?.data).toEqual([null, 50, null, null, null])

    // Satisfaction: one 非常满意, one 不满意.
    expect(table(wrapper, 'panel-satisfaction')).toEqual([['非常满意', '1', '50%'], ['满意', '0', '0%'], ['基本满意', '0', '0%'], ['不满意', '1', '50%'], ['非常不满意', '0', '0%']])
    expect(pie?.series[0]?.data).toEqual(series?.satisfaction.map(c => expect.objectContaining({ value: c.count })))

    wrapper.unmount()
    mounted.length = 0
    expect(charts.disposed).toBe(3)
  })
})
