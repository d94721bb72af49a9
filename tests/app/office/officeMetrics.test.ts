/** The office area (issue 5 item 3) against the REAL server in-process (PGlite in memory, demo seed): login and the cross-station metrics. */
import type { TestServer } from '../support/testServer'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { defineComponent, h } from 'vue'
import { RouterView } from 'vue-router'
import { setOfficeFetch, useOfficeStore } from '../../../src/app/stores/office'
import { mountApp } from '../support/mountApp'
import { startServer } from '../support/testServer'
import { until } from '../support/until'

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
})

describe('the office area', () => {
  it('needs no tablet enrollment: /office/metrics sends to the office login, not to enrollment', async () => {
    const { router } = await mountApp(Host, { path: '/office/metrics' })
    expect(router.currentRoute.value.name).toBe('office-login')
    expect(router.currentRoute.value.query.redirect).toBe('/office/metrics')
  })

  it('refuses a wrong password in Chinese and keeps nothing', async () => {
    const { wrapper, router } = await mountApp(Host, { path: '/office' })
    await until(() => expect(wrapper.find('[data-test="office-login-form"]').exists()).toBe(true))
    await wrapper.find('[data-test="office-username"] input').setValue(server.office.username)
    await wrapper.find('[data-test="office-password"] input').setValue('wrong-password')
    await wrapper.find('form').trigger('submit')
    await until(() => expect(wrapper.find('[data-test="office-login-error"]').exists()).toBe(true))
    expect(wrapper.find('[data-test="office-login-error"]').text()).toBe('用户名或密码不正确')
    expect(router.currentRoute.value.name).toBe('office-login')
    expect(useOfficeStore().signedIn).toBe(false)
    expect(sessionStorage.getItem('bianmin.office')).toBeNull()
  })

  it('signs in with the demo login (for this tab only) and lists the demo station with its three rates', async () => {
    const station = await server.db.selectFrom('stations').select(['id', 'name']).where('id', '=', server.stationId).executeTakeFirstOrThrow()
    const { wrapper, router } = await mountApp(Host, { path: '/office' })
    await until(() => expect(wrapper.find('[data-test="office-login-form"]').exists()).toBe(true))
    await wrapper.find('[data-test="office-username"] input').setValue(server.office.username)
    await wrapper.find('[data-test="office-password"] input').setValue(server.office.password)
    await wrapper.find('form').trigger('submit')
    await until(() => expect(router.currentRoute.value.name).toBe('office-metrics'))
    expect(sessionStorage.getItem('bianmin.office')).not.toBeNull()
    expect(localStorage.getItem('bianmin.office')).toBeNull()

    await until(() => expect(wrapper.find('[data-test="office-metrics-table"]').exists()).toBe(true))
    const rows = wrapper.findAll('[data-test="office-station-row"]')
    expect(rows).toHaveLength(1)
    expect(rows[0]?.text()).toContain(station.name)
    // Nothing recorded yet: never 100%.
    expect(rows[0]?.find('[data-test="office-drill-ontime"]').text()).toBe('无到期办件')
    // The demo station offers the whole seed catalog: its disclosure rate is a percentage.
    expect(rows[0]?.find('[data-test="office-disclosure"]').text()).toMatch(/%$/)
    expect(wrapper.text()).toContain('全部站点')

    // A rate drills down to its records (none due here).
    await rows[0]?.find('[data-test="office-drill-ontime"]').trigger('click')
    await until(() => expect(wrapper.find('[data-test="office-drill"]').exists()).toBe(true))
    expect(wrapper.find('[data-test="office-drill-empty"]').text()).toBe('该区间内没有到期记录')
    wrapper.unmount()
  })
})
