/**
 * The station's own Annex B change on the tablet (5.4.1.2; issue 8 item 2), against the REAL server
 * in-process: the lead drafts it OFFLINE on /station/applications (an event, 待同步提交), the next sync
 * submits it (the server makes it an application, the station 变更中), the office approves it, and after
 * the tablet's next pull the page shows the station's new record and state.
 */
import type { TestServer } from '../support/testServer'
import { flushPromises } from '@vue/test-utils'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { RouterView } from 'vue-router'
import { eventsRepo, outboxRepo } from '../../../src/app/data'
import { setOfficeFetch, useOfficeStore } from '../../../src/app/stores/office'
import { useOfficeStationsStore } from '../../../src/app/stores/officeStations'
import { useSessionStore } from '../../../src/app/stores/session'
import { setSyncFetch, useSyncStore } from '../../../src/app/stores/sync'
import { freshDatabase } from '../support/database'
import { offlineFetch } from '../support/enrolledTablet'
import { mountApp } from '../support/mountApp'
import { startServer } from '../support/testServer'
import { dataKeyReady, installDataKey } from '../../../src/app/data/crypto/keyring'

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
  freshDatabase()
  sessionStorage.clear()
  setSyncFetch(server.fetch)
  setOfficeFetch(server.fetch)
})

afterEach(async () => {
  useSyncStore().stop()
  setSyncFetch(undefined)
  setOfficeFetch(undefined)
  document.body.innerHTML = ''
})

describe('the tablet drafts its station\'s change offline', () => {
  it('records the Annex B offline, submits it by sync, and shows the approved record after the next pull', async () => {
    const { wrapper, router } = await mountApp(Host, { path: '/' })
    const sync = useSyncStore()
    await sync.enroll(await server.mintCode())
    const session = useSessionStore()
    // PIN sign-in is tested elsewhere: the lead 王晓燕 is at the counter.
    session.staff = session.staffList.find(s => s.id === 'demo-staff-1') ?? null
    session.locked = false
    // Signed in without the PIN: the data key a PIN sign-in would unwrap (src/app/data/crypto).
    if (!dataKeyReady())
      await installDataKey(crypto.getRandomValues(new Uint8Array(32)))
    await router.push('/station/applications')
    await flushPromises()
    await vi.waitFor(() => expect(wrapper.find('[data-test="tablet-station-state"]').exists()).toBe(true), { timeout: 10_000 })
    expect(wrapper.find('[data-test="tablet-station-state"]').text()).toBe('运行')

    // Offline from here: the draft is an event in the outbox.
    setSyncFetch(offlineFetch)
    await wrapper.find('[data-test="tablet-draft-change"]').trigger('click')
    await vi.waitFor(() => expect(wrapper.find('[data-test="application-form-change"]').exists()).toBe(true))
    const form = wrapper.find('[data-test="application-form-change"]')
    expect((form.find('[data-test="field-applicantUnit"] input').element as HTMLInputElement).value).toBe('山西银行晋城分行营业部')
    await form.find('[data-test="field-contactPhone"] input').setValue('0356-8888888')
    await form.find('[data-test="field-address"] input').setValue('晋城市城区泽州路 88 号')
    await form.find('[data-test="field-functions"] textarea').setValue('增设社保卡即时制卡')
    await form.trigger('submit')
    const row = () => wrapper.find('[data-test="tablet-application"]')
    await vi.waitFor(() => expect(row().exists()).toBe(true), { timeout: 5_000 })
    await vi.waitFor(() => expect(row().text()).toContain('待同步提交'))
    const stream = row().attributes('data-stream') ?? ''
    const [event] = await eventsRepo.byStream(stream)
    expect(event).toMatchObject({ type: 'stationApplication.changeRequested', staffId: 'demo-staff-1', payload: { after: { applicantUnit: '山西银行晋城分行营业部', contactPhone: '0356-8888888', address: '晋城市城区泽州路 88 号', countyCode: '140502', functions: '增设社保卡即时制卡' } } })
    expect((await outboxRepo.peek(10)).map(o => o.eventId)).toEqual([event?.id])
    expect(await server.db.selectFrom('station_applications').select('id').execute()).toEqual([])

    // Back online: the sync submits it.
    setSyncFetch(server.fetch)
    await sync.syncNow()
    await vi.waitFor(() => expect(row().text()).toContain('已提交，待审核'), { timeout: 5_000 })
    expect(wrapper.find('[data-test="tablet-station-state"]').text()).toBe('变更中')
    const applicationId = stream.slice('stationApplication:'.length)
    const submitted = await server.db.selectFrom('station_applications').selectAll().where('id', '=', applicationId).executeTakeFirstOrThrow()
    expect(submitted).toMatchObject({ kind: 'change', status: 'submitted', drafted_by_type: 'device', drafted_by_staff: 'demo-staff-1' })

    // The office approves; the tablet's next pull brings the new record.
    await useOfficeStore().login(server.office.username, server.office.password)
    await useOfficeStationsStore().review(applicationId, { decision: 'approved', opinion: '同意变更', date: '2026-12-02' })
    await sync.syncNow()
    await vi.waitFor(() => expect(wrapper.find('[data-test="tablet-station-state"]').text()).toBe('运行'), { timeout: 5_000 })
    expect(wrapper.find('[data-test="tablet-station-record"]').text()).toContain('晋城市城区泽州路 88 号')
    expect(wrapper.find('[data-test="tablet-station-record"]').text()).toContain('0356-8888888')
    expect(wrapper.text()).toContain('增设社保卡即时制卡')
    expect(row().text()).toContain('已通过（2026-12-02）：同意变更')
    wrapper.unmount()
  }, 60_000)

  it('keeps the drafting to the station lead', async () => {
    const { wrapper, router } = await mountApp(Host, { path: '/' })
    const sync = useSyncStore()
    await sync.enroll(await server.mintCode())
    const session = useSessionStore()
    session.staff = session.staffList.find(s => s.id === 'demo-staff-2') ?? null
    session.locked = false
    // Signed in without the PIN: the data key a PIN sign-in would unwrap (src/app/data/crypto).
    if (!dataKeyReady())
      await installDataKey(crypto.getRandomValues(new Uint8Array(32)))
    await router.push('/station/applications')
    await vi.waitFor(() => expect(wrapper.find('[data-test="tablet-station"]').exists()).toBe(true), { timeout: 10_000 })
    expect(wrapper.find('[data-test="tablet-draft-change"]').exists()).toBe(false)
    expect(wrapper.text()).toContain('只有便民服务站负责人可以填报变更或注销申请')
    wrapper.unmount()
  }, 30_000)
})
