/**
 * The office's station pages (issue 8 item 2) against the REAL server in-process (PGlite in memory, demo
 * seed): the list shows the demo station, an admin creates a station through its Annex A application and
 * lands on its detail (申请中, the application 待审核); the review queue approves it with an opinion and a
 * date, and the station is 运行.
 */
import type { TestServer } from '../support/testServer'
import { flushPromises } from '@vue/test-utils'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { RouterView } from 'vue-router'
import { setOfficeFetch, useOfficeStore } from '../../../src/app/stores/office'
import { mountApp } from '../support/mountApp'
import { startServer } from '../support/testServer'

// The server reads its seed catalog with `new URL('./…', import.meta.url)`; see officeMetrics.test.ts.
const Host = defineComponent({ render: () => h(RouterView) })
let server: TestServer

beforeAll(async () => {
  server = await startServer()
}, 60_000)

afterAll(async () => {
  await server?.close()
})

beforeEach(() => {
  sessionStorage.clear()
  server.clearCookies()
  setOfficeFetch(server.fetch)
})

afterEach(async () => {
  setOfficeFetch(undefined)
  document.body.innerHTML = ''
})

async function signedIn(path: string) {
  const mounted = await mountApp(Host, { path: '/office' })
  await useOfficeStore().login(server.office.username, server.office.password)
  await mounted.router.push(path)
  await flushPromises()
  return mounted
}

describe('the office station pages', () => {
  it('lists the demo station, creates a station with its Annex A application, and opens its detail', async () => {
    const { wrapper, router } = await signedIn('/office/stations')
    const rows = () => wrapper.findAll('[data-test="station-row"]')
    await vi.waitFor(() => expect(rows().length).toBe(1), { timeout: 10_000 })
    expect(rows()[0]?.attributes('data-id')).toBe(server.stationId)
    expect(rows()[0]?.find('[data-col="state"]').text()).toBe('运行')

    await wrapper.find('[data-test="station-create"]').trigger('click')
    await vi.waitFor(() => expect(wrapper.findComponent({ name: 'StationCreateForm' }).exists()).toBe(true))
    const form = wrapper.findComponent({ name: 'StationCreateForm' })
    await form.find('[data-test="create-name"] input').setValue('城区邮政便民服务站')
    await form.find('[data-test="create-county"]').setValue('140502')
    await form.find('[data-test="create-address"] input').setValue('城区凤台东街 1 号')
    await form.find('[data-test="create-hostType"]').setValue('post')
    await form.find('[data-test="create-contactPhone"] input').setValue('0356-2020202')
    await form.find('[data-test="create-conditions"] textarea').setValue('邮政营业厅，人流量稳定')
    await form.find('form').trigger('submit')

    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('office-stations-detail'), { timeout: 10_000 })
    const id = String(router.currentRoute.value.params.id)
    await vi.waitFor(() => expect(wrapper.find('[data-test="station-panel-profile"] [data-field="state"]').exists()).toBe(true), { timeout: 10_000 })
    expect(wrapper.find('[data-field="state"]').text()).toBe('申请中')
    expect(wrapper.find('[data-field="hostType"]').text()).toBe('邮政网点')
    expect(wrapper.find('[data-field="code"]').text()).toBe('S050201')
    const application = () => wrapper.find('[data-test="station-panel-applications"] [data-test="application-row"]')
    await vi.waitFor(() => expect(application().exists()).toBe(true), { timeout: 10_000 })
    expect(application().find('[data-col="kind"]').text()).toBe('开设申请（附录A）')
    expect(application().find('[data-col="status"]').text()).toBe('待审核')
    const row = await server.db.selectFrom('stations').select(['state', 'county_code', 'host_type']).where('id', '=', id).executeTakeFirstOrThrow()
    expect(row).toEqual({ state: 'applying', county_code: '140502', host_type: 'post' })
    wrapper.unmount()
  }, 30_000)

  it('shows a field error in Chinese for a bad phone, and creates nothing', async () => {
    const { wrapper } = await signedIn('/office/stations')
    await vi.waitFor(() => expect(wrapper.find('[data-test="station-create"]').exists()).toBe(true))
    const before = await server.db.selectFrom('stations').select('id').execute()
    await wrapper.find('[data-test="station-create"]').trigger('click')
    await vi.waitFor(() => expect(wrapper.findComponent({ name: 'StationCreateForm' }).exists()).toBe(true))
    const form = wrapper.findComponent({ name: 'StationCreateForm' })
    await form.find('[data-test="create-name"] input').setValue('某站')
    await form.find('[data-test="create-county"]').setValue('140502')
    await form.find('[data-test="create-address"] input').setValue('某地')
    await form.find('[data-test="create-contactPhone"] input').setValue('abc')
    await form.find('form').trigger('submit')
    await vi.waitFor(() => expect(form.find('[data-test="create-error"]').exists()).toBe(true))
    expect(form.find('[data-test="create-contactPhone"]').text()).toContain('联系电话应为 5–20 位数字')
    expect(await server.db.selectFrom('stations').select('id').execute()).toHaveLength(before.length)
    wrapper.unmount()
  }, 30_000)

  it('reviews the pending Annex A in the queue with an opinion and a date: the station opens', async () => {
    const { wrapper } = await signedIn('/office/applications')
    const row = () => wrapper.find('[data-test="application-row"]')
    await vi.waitFor(() => expect(row().exists()).toBe(true))
    expect(row().find('[data-col="station"]').text()).toBe('城区邮政便民服务站')
    const applicationId = row().attributes('data-id') ?? ''
    await row().find('[data-test="application-review"]').trigger('click')
    await vi.waitFor(() => expect(wrapper.findComponent({ name: 'ApplicationReviewDialog' }).exists()).toBe(true))
    const dialog = wrapper.findComponent({ name: 'ApplicationReviewDialog' })
    expect((dialog.find('[data-test="review-opinion"] textarea').element as HTMLTextAreaElement).value).toBe('同意设置为政务服务便民服务站')
    await dialog.find('[data-test="review-opinion"] textarea').setValue('同意设置为政务服务便民服务站（现场核查合格）')
    await dialog.find('[data-test="review-date"]').setValue('2026-12-01')
    await dialog.find('form').trigger('submit')
    // Reviewed: it leaves the 待审核 queue.
    await vi.waitFor(() => expect(wrapper.find('[data-test="applications-empty"]').exists()).toBe(true))
    const stored = await server.db.selectFrom('station_applications').selectAll().where('id', '=', applicationId).executeTakeFirstOrThrow()
    expect(stored).toMatchObject({ status: 'approved', review_opinion: '同意设置为政务服务便民服务站（现场核查合格）', review_date: '2026-12-01', reviewer: server.office.username })
    const station = await server.db.selectFrom('stations').select('state').where('id', '=', stored.station_id).executeTakeFirstOrThrow()
    expect(station.state).toBe('open')
    wrapper.unmount()
  }, 30_000)
})
