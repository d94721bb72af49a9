import type { VueWrapper } from '@vue/test-utils'
import { flushPromises } from '@vue/test-utils'
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { RouterView } from 'vue-router'
import { casesRepo } from '../../../src/app/data'
import { useQualityStore } from '../../../src/app/stores/quality'
import { qualityMetrics } from '../../../src/domain/metrics'
import { mountAt, signedInCounter } from '../support/signedInCounter'
import { seedCase } from './support'
import { until } from '../support/until'
import { builtinWorkCalendar } from '../../../src/domain/calendar'

const Host = defineComponent({ render: () => h(RouterView) })
const mounted: VueWrapper[] = []

beforeEach(() => {
  // Measured as of a fixed instant: what is pending or late must not depend on the day the tests run.
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(new Date('2026-11-26T10:00:00+08:00'))
})

afterEach(() => {
  vi.useRealTimers()
  mounted.splice(0).forEach(w => w.unmount())
  document.body.innerHTML = ''
})

// Vant's nav bar measures itself on timers up to 300 ms after mounting: let them run while the DOM exists.
afterAll(() => new Promise(resolve => setTimeout(resolve, 350)))

/** September 2026: one case due 9/30 done 10/8 (国庆 between: 1 working day late), one due 9/28 done 9/25. */
async function septemberCases() {
  const late = await seedCase(1, 'assisted', '2026-09-24T10:00:00+08:00', '2026-09-30', '2026-10-08T09:00:00+08:00')
  const onTime = await seedCase(2, 'intake', '2026-09-21T10:00:00+08:00', '2026-09-28', '2026-09-25T15:00:00+08:00')
  return { late, onTime }
}

async function openAt(path: string, from: string, to: string) {
  const pinia = await signedInCounter()
  const quality = useQualityStore()
  quality.chooseRange(from, to)
  return { pinia, quality, path }
}

/** Wait until the store holds the numbers of the range and period it now shows, and they are rendered. */
async function numbersLoaded(): Promise<void> {
  const quality = useQualityStore()
  await until(() => {
    expect(quality.loading).toBe(false)
    expect(quality.loadedKey).toBe(`${quality.from}|${quality.to}|${quality.period}`)
  })
  await flushPromises()
}

async function mount(path: string, pinia: Awaited<ReturnType<typeof signedInCounter>>) {
  const result = await mountAt(Host, path, pinia)
  mounted.push(result.wrapper)
  await numbersLoaded()
  return result
}

describe('quality rate cards (6.2.1–6.2.3)', () => {
  it('show the domain\'s numbers for the recorded cases: one late across 国庆, one on time → 50%', async () => {
    const { pinia, quality } = await openAt('/quality', '2026-09-01', '2026-09-30')
    const { late, onTime } = await septemberCases()
    const { wrapper } = await mount('/quality', pinia)

    const states = await Promise.all([casesRepo.get(late.id), casesRepo.get(onTime.id)])
    const expected = qualityMetrics({ cases: states.flatMap(s => s ? [s] : []) }, '2026-09-01', '2026-09-30', { asOf: quality.asOf ?? new Date(), calendar: builtinWorkCalendar() })
    const card = wrapper.find('[data-test="rate-onTime"]')
    expect(card.find('[data-test="rate-value"]').text()).toBe(expected.onTimeCompletion.display)
    expect(card.find('[data-test="rate-value"]').text()).toBe('50%')
    expect(card.text()).toContain('到期 2 件：按时 1，超期 1')
    // Nothing else recorded: no consultation or complaint was due, and that is said, not shown as 100%.
    expect(wrapper.find('[data-test="rate-timely"] [data-test="rate-value"]').text()).toBe('无到期咨询或投诉')
    // The seed catalog's guides are all complete.
    expect(wrapper.find('[data-test="rate-disclosure"] [data-test="rate-value"]').text()).toBe(quality.disclosure?.display)
    expect(quality.disclosure?.offered).toBeGreaterThan(0)
  })

  it('say 无到期办件 when nothing falls due in the range, never 100%', async () => {
    const { pinia } = await openAt('/quality', '2026-08-01', '2026-08-31')
    await septemberCases()
    const { wrapper } = await mount('/quality', pinia)
    const value = wrapper.find('[data-test="rate-onTime"] [data-test="rate-value"]').text()
    expect(value).toBe('无到期办件')
    expect(value).not.toContain('100%')
  })

  it('a period switch and a preset reload the numbers for the new range', async () => {
    const { pinia, quality } = await openAt('/quality', '2026-09-01', '2026-09-30')
    await septemberCases()
    const { wrapper } = await mount('/quality', pinia)
    await wrapper.find('[data-test="period-week"]').trigger('click')
    await until(() => expect(quality.period).toBe('week'))
    await numbersLoaded()
    expect(quality.series?.onTimeRate.map(p => p.key)).toContain('2026-W40')
    await wrapper.find('[data-test="preset-lastMonth"]').trigger('click')
    await until(() => expect(quality.preset).toBe('lastMonth'))
    await numbersLoaded()
    expect(wrapper.find('[data-test="quality-range"]').text()).toContain(`${quality.from} 至 ${quality.to}`)
  })
})

describe('quality drill-down', () => {
  it('lists the late case with 超期1个工作日 apart from the on-time one, and opens the case on tap', async () => {
    const { pinia } = await openAt('/quality', '2026-09-01', '2026-09-30')
    const { late, onTime } = await septemberCases()
    const { wrapper, router } = await mount('/quality', pinia)
    await wrapper.find('[data-test="rate-onTime"]').trigger('click')
    await until(() => expect(router.currentRoute.value.name).toBe('quality-drilldown'))
    await until(() => expect(wrapper.find('[data-test="drilldown-late"]').exists()).toBe(true))
    await numbersLoaded()
    expect(router.currentRoute.value.query).toEqual({ from: '2026-09-01', to: '2026-09-30' })

    const lateRows = wrapper.findAll('[data-test="drilldown-late"] [data-test="record-row"]')
    expect(lateRows.map(r => r.attributes('data-id'))).toEqual([late.id])
    expect(lateRows[0]?.text()).toContain(late.receiptNumber)
    expect(lateRows[0]?.find('[data-test="record-lateness"]').text()).toBe('超期1个工作日')
    const onTimeRows = wrapper.findAll('[data-test="drilldown-on-time"] [data-test="record-row"]')
    expect(onTimeRows.map(r => r.attributes('data-id'))).toEqual([onTime.id])
    expect(onTimeRows[0]?.find('[data-test="record-lateness"]').exists()).toBe(false)

    await lateRows[0]?.trigger('click')
    await until(() => expect(router.currentRoute.value.name).toBe('case-detail'))
    expect(router.currentRoute.value.params.id).toBe(late.id)
  })

  it('lists a case still open and not yet due separately, outside the rate', async () => {
    // The store starts elsewhere: the link's query sets the range.
    const { pinia } = await openAt('/quality', '2026-01-01', '2026-01-31')
    const open = await seedCase(3, 'assisted', '2026-11-20T10:00:00+08:00', '2026-12-30')
    const { wrapper } = await mount('/quality/onTime?from=2026-11-01&to=2026-12-31', pinia)
    expect(wrapper.find('[data-test="drilldown-rate"]').text()).toBe('无到期办件')
    expect(wrapper.findAll('[data-test="drilldown-pending"] [data-test="record-row"]').map(r => r.attributes('data-id'))).toEqual([open.id])
    expect(wrapper.findAll('[data-test="drilldown-late"] [data-test="record-row"]')).toHaveLength(0)
  })
})
