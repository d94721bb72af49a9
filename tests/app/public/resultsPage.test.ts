/**
 * The published results page (issue 9 item 7) against the REAL server in-process: the station list, one
 * station's figures with the level chart and table (drawn as SVG, no chart library), the period sent to the
 * API, a staff member's page, and a clear message for an unknown station — in Chinese and English.
 */
import type { TestServer } from '../support/testServer'
import { flushPromises, mount } from '@vue/test-utils'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import ResultsPage from '../../../src/app/public/results/ResultsPage.vue'
import { routeFromPath } from '../../../src/app/public/results/resultsApi'
import { startServer } from '../support/testServer'
import { until } from '../support/until'

let server: TestServer
let stationId = ''
const calls: string[] = []

beforeAll(async () => {
  server = await startServer()
  const res = await server.fetch('http://localhost/api/public/results')
  stationId = ((await res.json()) as { stations: { id: string }[] }).stations[0]?.id ?? ''
}, 60_000)

afterAll(async () => {
  await server?.close()
})

const pageFetch = (input: string, init?: RequestInit) => {
  calls.push(input)
  return server.fetch(`http://localhost${input}`, init)
}

describe('the published results page', () => {
  it('reads its route from the address', () => {
    expect(routeFromPath('/results')).toEqual({ kind: 'stations' })
    expect(routeFromPath('/results/station-1')).toEqual({ kind: 'station', stationId: 'station-1', staffId: null })
    expect(routeFromPath('/results/station-1/staff/staff-2')).toEqual({ kind: 'station', stationId: 'station-1', staffId: 'staff-2' })
  })

  it('lists the published stations with links to their pages', async () => {
    const w = mount(ResultsPage, { props: { route: { kind: 'stations' }, fetchFn: pageFetch } })
    await until(() => expect(w.find(`[data-test="results-station-${stationId}"]`).exists()).toBe(true))
    expect(w.find(`[data-test="results-station-${stationId}"]`).attributes('href')).toBe(`/results/${stationId}`)
    w.unmount()
  })

  it('shows a station\'s figures, a bar per level and the table; a chosen period goes to the API', async () => {
    const w = mount(ResultsPage, { props: { route: { kind: 'station', stationId, staffId: null }, fetchFn: pageFetch } })
    await until(() => expect(w.find('[data-test="results-station"]').exists()).toBe(true))
    expect(w.find('[data-test="results-total"]').text()).toBe('0')
    expect(w.find('[data-test="results-satisfied"]').text()).toBe('暂无评价')
    expect(w.findAll('[data-test^="results-bar-"]')).toHaveLength(5)
    expect(w.findAll('[data-test="results-levels"] tbody tr')).toHaveLength(5)
    expect(w.find('[data-test="results-excluded"]').exists()).toBe(false)
    await w.find('[data-test="results-from"]').setValue('2026-01-01')
    await w.find('[data-test="results-to"]').setValue('2026-01-31')
    await w.find('[data-test="results-period"]').trigger('submit')
    await until(() => expect(calls.at(-1)).toBe(`/api/public/results/${stationId}?from=2026-01-01&to=2026-01-31`))
    await flushPromises()
    await w.find('[data-test="results-language"]').trigger('click')
    await until(() => expect(w.text()).toContain('Published evaluation results'))
    expect(w.find('[data-test="results-satisfied"]').text()).toBe('No ratings yet')
    w.unmount()
  })

  it('says so for an unknown station, and a bad period gets the server\'s message', async () => {
    const w = mount(ResultsPage, { props: { route: { kind: 'station', stationId: 'no-such-station', staffId: null }, fetchFn: pageFetch } })
    await until(() => expect(w.find('[data-test="results-unavailable"]').text()).toContain('找不到该便民服务站'))
    w.unmount()
    const bad = mount(ResultsPage, { props: { route: { kind: 'station', stationId, staffId: null }, fetchFn: pageFetch } })
    await until(() => expect(bad.find('[data-test="results-station"]').exists()).toBe(true))
    await bad.find('[data-test="results-from"]').setValue('2026-02-01')
    await bad.find('[data-test="results-to"]').setValue('2026-01-01')
    await bad.find('[data-test="results-period"]').trigger('submit')
    await until(() => expect(bad.find('[data-test="results-unavailable"]').text()).toContain('查询参数不正确'))
    bad.unmount()
  })
})
