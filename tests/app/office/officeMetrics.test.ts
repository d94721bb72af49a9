/** The office area (issue 5 item 3) against the REAL server in-process (PGlite in memory, demo seed): login and the cross-station metrics. */
import type { TestServer } from '../support/officeServer'
import { describe, expect, it } from 'vitest'
import { useOfficeStore } from '../../../src/app/stores/office'
import { mountApp } from '../support/mountApp'
import { until } from '../support/until'
import { OfficeHost, submitOfficeLogin, useOfficeServer } from '../support/officeServer'

let server: TestServer

useOfficeServer((started) => {
  server = started
})

describe('the office area', () => {
  it('needs no tablet enrollment: /office/metrics sends to the office login, not to enrollment', async () => {
    const { router } = await mountApp(OfficeHost, { path: '/office/metrics' })
    expect(router.currentRoute.value.name).toBe('office-login')
    expect(router.currentRoute.value.query.redirect).toBe('/office/metrics')
  })

  it('refuses a wrong password in Chinese and keeps nothing', async () => {
    const { wrapper, router } = await mountApp(OfficeHost, { path: '/office' })
    await submitOfficeLogin(wrapper, { username: server.office.username, password: 'wrong-password' })
    await until(() => expect(wrapper.find('[data-test="office-login-error"]').exists()).toBe(true))
    expect(wrapper.find('[data-test="office-login-error"]').text()).toBe('用户名或密码不正确')
    expect(router.currentRoute.value.name).toBe('office-login')
    expect(useOfficeStore().signedIn).toBe(false)
    expect(sessionStorage.getItem('bianmin.office')).toBeNull()
  })

  it('signs in with the demo login (for this tab only) and lists the demo station with its three rates', async () => {
    const station = await server.db.selectFrom('stations').select(['id', 'name']).where('id', '=', server.stationId).executeTakeFirstOrThrow()
    const { wrapper, router } = await mountApp(OfficeHost, { path: '/office' })
    await submitOfficeLogin(wrapper, server.office)
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
