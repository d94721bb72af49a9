/** The office's 回访与投诉 page (issue 9 items 4, 5) against the REAL server in-process: settings, a complaint recorded and handled. */
import { flushPromises } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { RouterView } from 'vue-router'
import type { TestServer } from '../support/testServer'
import { setOfficeFetch, useOfficeStore } from '../../../src/app/stores/office'
import { mountApp } from '../support/mountApp'
import { startServer } from '../support/testServer'

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

afterEach(() => {
  setOfficeFetch(undefined)
})

describe('the office follows up and handles complaints', () => {
  it('saves the settings, records a complaint for a station and handles it', async () => {
    setActivePinia(createPinia())
    await useOfficeStore().login(server.office.username, server.office.password)
    const { wrapper } = await mountApp(Host, { path: '/office/follow-ups' })
    await vi.waitFor(() => expect(wrapper.find('[data-test="setting-sample"]').exists()).toBe(true), { timeout: 10_000 })
    expect(wrapper.find('[data-test="office-tasks-empty"]').text()).toBe('辖区内没有待回访的任务')

    await wrapper.find('[data-test="setting-sample"] input').setValue('20')
    await wrapper.find('[data-test="setting-due"] input').setValue('3')
    await wrapper.find('[data-test="settings-save"]').trigger('click')
    await vi.waitFor(() => expect(server.requests.some(r => r.method === 'PUT' && r.path === '/api/office/settings/follow-ups')).toBe(true), { timeout: 10_000 })
    await vi.waitFor(async () => expect((await server.db.selectFrom('settings').select(['key', 'value']).where('key', 'in', ['followUpSamplePercent', 'complaintDueWorkdays']).orderBy('key').execute()).map(r => [r.key, r.value])).toEqual([['complaintDueWorkdays', 3], ['followUpSamplePercent', 20]]), { timeout: 10_000 })

    await vi.waitFor(() => expect(wrapper.find('[data-test="office-complaint-new"]').attributes('disabled')).toBeUndefined(), { timeout: 10_000 })
    await wrapper.find('[data-test="office-complaint-new"]').trigger('click')
    await flushPromises()
    expect(wrapper.find('[data-test="complaint-form"]').text()).toContain('处理期限：3 个工作日')
    await wrapper.find('[data-test="complaint-content"] textarea').setValue('12345转办：窗口无人')
    await wrapper.find('[data-test="complaint-form"]').trigger('submit')
    const card = await vi.waitFor(() => {
      const found = wrapper.find('[data-test^="complaint-complaint:"]')
      expect(found.exists()).toBe(true)
      return found
    }, { timeout: 10_000 })
    expect(card.text()).toContain('12345转办：窗口无人')
    const stationEvents = await server.db.selectFrom('events').select(['type', 'station_id', 'device_id']).where('type', '=', 'complaint.recorded').execute()
    expect(stationEvents).toEqual([{ type: 'complaint.recorded', station_id: server.stationId, device_id: `office:${server.office.username}` }])

    await card.find('[data-test="complaint-handle"]').trigger('click')
    await flushPromises()
    await wrapper.find('[data-test="complaint-result-input"] textarea').setValue('已安排专人值守')
    await wrapper.find('[data-test="complaint-handle-save"]').trigger('click')
    await vi.waitFor(() => expect(wrapper.find('[data-test="complaint-result"]').text()).toContain('已安排专人值守'), { timeout: 10_000 })
  })
})
