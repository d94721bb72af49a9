/**
 * The office pages of issue 8 items 1, 6, 8 against the REAL server in-process (PGlite, demo seed, the demo
 * admin of 140502): inspections pushed by the demo station's tablet with an overdue finding, accounts
 * created and deactivated from the page, and the audit log filtered.
 */
import type { VueWrapper } from '@vue/test-utils'
import type { TestServer } from '../support/testServer'
import { flushPromises } from '@vue/test-utils'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { defineComponent, h } from 'vue'
import { RouterView } from 'vue-router'
import { newEventId, newStreamId } from '../../../src/domain/events'
import { checklistFor } from '../../../src/domain/inspection'
import { setOfficeFetch } from '../../../src/app/stores/office'
import { pushEvents } from '../../../src/server/sync/push'
import { mountApp } from '../support/mountApp'
import { startServer } from '../support/testServer'
import { until } from '../support/until'

// As in officeMetrics.test.ts: the server's seed catalog URL resolves under happy-dom's origin; map it back to files.
const Host = defineComponent({ render: () => h(RouterView) })
let server: TestServer
const mounted: VueWrapper[] = []

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
  mounted.splice(0).forEach(w => w.unmount())
  setOfficeFetch(undefined)
})

/** Signs in with the demo admin through the login page, which then opens `path` (never the metrics page and its chart). */
async function signedIn(path: string) {
  const result = await mountApp(Host, { path: `/office?redirect=${encodeURIComponent(path)}` })
  mounted.push(result.wrapper)
  const { wrapper, router } = result
  await until(() => expect(wrapper.find('[data-test="office-login-form"]').exists()).toBe(true))
  await wrapper.find('[data-test="office-username"] input').setValue(server.office.username)
  await wrapper.find('[data-test="office-password"] input').setValue(server.office.password)
  await wrapper.find('form').trigger('submit')
  await until(() => expect(router.currentRoute.value.path).toBe(path))
  return result
}

describe('office inspections, accounts and audit', () => {
  it('shows the station\'s latest inspection with its open and overdue fix tasks, and its history', async () => {
    const stream = newStreamId('inspection')
    const checks = checklistFor('basic').map(c => c.id === 'display.noticeBoard'
      ? { id: c.id, result: 'finding', note: '公示牌缺少办理流程', dueAt: '2026-03-09T23:59:59.999+08:00' }
      : { id: c.id, result: 'ok' })
    const base = { stream, v: 1, stationId: server.stationId, deviceId: 'device-office-test', staffId: 'staff-1' }
    const results = await pushEvents(server.db, { stationId: server.stationId, deviceId: 'device-office-test' }, [
      { ...base, id: newEventId(), type: 'inspection.recorded', payload: { kind: 'self', tier: 'basic', checks }, occurredAt: '2026-03-02T09:00:00+08:00' },
    ], new Date())
    expect(results.map(r => r.status)).toEqual(['applied'])

    const { wrapper: w } = await signedIn('/office/inspections')
    await until(() => expect(w.find(`[data-test="inspection-station-${server.stationId}"]`).exists()).toBe(true))
    const row = w.find(`[data-test="inspection-station-${server.stationId}"]`)
    expect(row.find('[data-test="latest"]').text()).toBe('2026-03-02 自查')
    expect(row.find('[data-test="open"]').text()).toBe('1')
    expect(row.find('[data-test="overdue"]').text()).toBe('1')
    expect(w.find('[data-test="office-nav-office-inspections"]').classes()).toContain('office-nav__link--active')

    await row.find('[data-test="details"]').trigger('click')
    await until(() => expect(w.find('[data-test="office-inspection-detail"]').exists()).toBe(true))
    expect(w.findAll('[data-test="office-finding"]').map(f => f.text())).toEqual(['服务事项公示牌（事项名称、办理流程）：公示牌缺少办理流程 — 未整改，期限 2026-03-09'])

    // The office's own inspection (巡查) of the station: the demo station is basic.
    await row.find('[data-test="inspect"]').trigger('click')
    await until(() => expect(w.find('[data-test="office-inspect-form"]').exists()).toBe(true))
    const form = w.find('[data-test="office-inspect-form"]')
    expect(form.find('[data-test="check-equipment.copier"]').exists()).toBe(false)
    for (const c of checklistFor('basic'))
      await form.find(`[data-test="check-${c.id}-${c.id === 'facility.accessibility' ? 'finding' : 'ok'}"]`).trigger('click')
    await flushPromises()
    await form.find('[data-test="check-facility.accessibility-note"] input').setValue('无障碍坡道被占用')
    await form.trigger('submit')
    await until(() => {
      expect(w.find('[data-test="office-inspect-form"]').exists()).toBe(false)
      expect(w.find(`[data-test="inspection-station-${server.stationId}"] [data-test="open"]`).text()).toBe('2')
    })
    expect(w.find(`[data-test="inspection-station-${server.stationId}"] [data-test="latest"]`).text()).toMatch(/^\d{4}-\d{2}-\d{2} 巡查$/)
    const stored = await server.db.selectFrom('events').select(['type', 'device_id', 'payload']).where('station_id', '=', server.stationId).where('type', '=', 'inspection.recorded').orderBy('seq', 'desc').executeTakeFirstOrThrow()
    expect(stored.device_id).toBe(`office:${server.office.username}`)
    expect(stored.payload).toMatchObject({ kind: 'office', tier: 'basic' })
  }, 30_000)

  it('creates an account in the division, shows the server\'s refusal of another division, deactivates it, and the audit log lists both', async () => {
    const { wrapper: w } = await signedIn('/office/accounts')
    await until(() => expect(w.find(`[data-test="account-${server.office.username}"]`).exists()).toBe(true))
    expect(w.find(`[data-test="account-${server.office.username}"]`).text()).toContain('（本人）')

    await w.find('[data-test="account-new"]').trigger('click')
    await until(() => expect(w.find('[data-test="account-form"]').exists()).toBe(true))
    expect((w.find('[data-test="account-division"] input').element as HTMLInputElement).value).toBe('140502')
    await w.find('[data-test="account-username"] input').setValue('cq-reviewer')
    await w.find('[data-test="account-display-name"] input').setValue('城区审核员')
    await w.find('[data-test="account-password"] input').setValue('a-long-password')
    await w.find('[data-test="account-role"]').setValue('reviewer')
    await w.find('[data-test="account-division"] input').setValue('1401')
    await w.find('[data-test="account-form"]').trigger('submit')
    await until(() => expect(w.find('[data-test="accounts-error"]').exists()).toBe(true))
    expect(w.find('[data-test="accounts-error"]').text()).toBe('只能在本机构辖区内创建账号')
    expect(w.find('[data-test="account-division"]').text()).toContain('只能在本机构辖区内创建账号')

    await w.find('[data-test="account-division"] input').setValue('140502')
    await w.find('[data-test="account-form"]').trigger('submit')
    await until(() => expect(w.find('[data-test="account-cq-reviewer"]').exists()).toBe(true))
    const created = await server.db.selectFrom('office_accounts').select(['role', 'division_code', 'active']).where('username', '=', 'cq-reviewer').executeTakeFirstOrThrow()
    expect(created).toEqual({ role: 'reviewer', division_code: '140502', active: true })

    await w.find('[data-test="account-cq-reviewer"] [data-test="account-toggle"]').trigger('click')
    await until(() => expect(w.find('[data-test="account-cq-reviewer"] [data-test="account-row-active"]').text()).toBe('已停用'))
    // An admin cannot switch itself off from the page.
    expect(w.find(`[data-test="account-${server.office.username}"] [data-test="account-toggle"]`).attributes('disabled')).toBeDefined()

    await w.find('[data-test="office-nav-office-audit"]').trigger('click')
    await until(() => expect(w.findAll('[data-test="audit-row"]').length).toBeGreaterThanOrEqual(2))
    expect(w.findAll('[data-test="audit-row-action"]').slice(0, 2).map(c => c.text())).toEqual(['account.updated', 'account.created'])
    await w.find('[data-test="audit-action"] input').setValue('account.created')
    await w.find('[data-test="audit-filters"]').trigger('submit')
    await until(() => expect(w.findAll('[data-test="audit-row"]').length).toBe(1))
    expect(w.find('[data-test="audit-row-user"]').text()).toBe(server.office.username)
    await w.find('[data-test="audit-username"] input').setValue('nobody')
    await w.find('[data-test="audit-filters"]').trigger('submit')
    await until(() => expect(w.find('[data-test="audit-empty"]').exists()).toBe(true))
    expect(w.find('[data-test="audit-empty"]').text()).toBe('没有符合条件的记录')
  }, 60_000)
})
