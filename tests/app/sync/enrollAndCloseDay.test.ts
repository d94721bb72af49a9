/** Enrollment, sign-in and close the day through the views, against the REAL server app in-process (PGlite in memory, demo seed). */
import type { TestServer } from '../support/testServer'
import { flushPromises, mount } from '@vue/test-utils'
import Vant from 'vant'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { recordAs } from '../../../src/app/data'
import { useSessionStore } from '../../../src/app/stores/session'
import { setSyncFetch, useSyncStore } from '../../../src/app/stores/sync'
import CloseDayView from '../../../src/app/views/sync/CloseDayView.vue'
import DeviceEnrollView from '../../../src/app/views/device/DeviceEnrollView.vue'
import SignInView from '../../../src/app/views/signin/SignInView.vue'
import { newStreamId } from '../../../src/domain/events'
import { freshDatabase } from '../support/database'
import { mountApp } from '../support/mountApp'
import { startServer } from '../support/testServer'
import { until } from '../support/until'

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
})

afterEach(() => {
  useSyncStore().stop()
  setSyncFetch(undefined)
})

describe('a new tablet', () => {
  it('is sent to enrollment, enrolls with the printed code, pulls the station\'s staff and goes to sign-in', async () => {
    const { wrapper, router } = await mountApp(DeviceEnrollView, { path: '/' })
    expect(router.currentRoute.value.name).toBe('enroll')

    await wrapper.find('[data-test="enroll-code"] input').setValue('WRONG-CODE')
    await wrapper.find('form').trigger('submit')
    await until(() => expect(wrapper.find('[data-test="enroll-error"]').exists()).toBe(true))
    expect(wrapper.find('[data-test="enroll-error"]').text()).toMatch(/登记码|注册码/)

    const code = await server.mintCode()
    await wrapper.find('[data-test="enroll-code"] input').setValue(code)
    await wrapper.find('form').trigger('submit')
    await until(() => expect(router.currentRoute.value.name).toBe('signin'))

    const session = useSessionStore()
    expect(session.enrolled).toBe(true)
    expect(session.stationId).toBe(server.stationId)
    expect(session.staffList.map(s => s.name).sort()).toEqual(['李建军', '王晓燕'].sort())
    expect(useSyncStore().lastSyncAt).not.toBeNull()
  }, 30_000)
})

describe('sign-in and close the day', () => {
  it('signs in by tapping a name and the PIN keypad, records, then closes the day with progress and counts', async () => {
    const { wrapper: signin, router, pinia, i18n } = await mountApp(SignInView, { path: '/' })
    const sync = useSyncStore()
    await sync.enroll(await server.mintCode())
    await router.push('/signin')
    await flushPromises()
    const session = useSessionStore()
    expect(session.staffList).toHaveLength(2)

    await signin.find('[data-test="staff-demo-staff-2"]').trigger('click')
    expect(signin.find('[data-test="signin-heading"]').text()).toContain('李建军')
    for (const d of '135791')
      await signin.find(`[data-test="key-${d}"]`).trigger('click')
    await signin.find('[data-test="pin-submit"]').trigger('click')
    await until(() => expect(signin.find('[data-test="signin-message"]').exists()).toBe(true))
    expect(signin.find('[data-test="signin-message"]').text()).toBe('PIN 不正确，还可尝试 4 次')

    for (const d of '135790')
      await signin.find(`[data-test="key-${d}"]`).trigger('click')
    await signin.find('[data-test="pin-submit"]').trigger('click')
    await until(() => expect(session.signedIn).toBe(true))
    await until(() => expect(router.currentRoute.value.name).toBe('home'))
    expect(session.staff?.id).toBe('demo-staff-2')
    signin.unmount()

    const ids: string[] = []
    for (let i = 0; i < 3; i++) {
      const e = await recordAs(useSessionStore().author, { stream: newStreamId('consultation'), type: 'consultation.recorded', payload: { channel: 'visit', contact: { name: '李四', phone: '13900139000' }, question: `问题 ${i}` } })
      ids.push(e.id)
    }

    // Same app instance (one Pinia, one engine) as the sign-in screen.
    await router.push('/sync/close-day')
    const wrapper = mount(CloseDayView, { global: { plugins: [pinia, i18n, router, Vant] } })
    await wrapper.find('[data-test="close-day-start"]').trigger('click')
    await until(() => expect(wrapper.find('[data-test="day-report"]').exists()).toBe(true), 20_000)
    expect(wrapper.find('[data-test="close-day-progress"]').exists()).toBe(true)
    expect(wrapper.find('[data-test="close-day-count"]').text()).toContain('3 / 3')
    expect(wrapper.find('[data-test="day-result"]').text()).toContain('日结完成')
    expect(wrapper.find('[data-test="count-consultation"]').text()).toContain('3 次操作，3 条记录')
    expect(wrapper.findAll('[data-test="unsent-item"]')).toHaveLength(0)
    const held = await server.eventRows(ids)
    expect(ids.map(id => held.get(id))).toEqual([1, 1, 1])
  }, 40_000)
})
