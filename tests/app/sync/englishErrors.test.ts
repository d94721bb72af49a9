/**
 * Issue 13 item 5: in the English UI, what went wrong is told in English — enrollment against the REAL server
 * app in-process, and a close-the-day that cannot reach it. The same failures in Chinese stay Chinese.
 */
import type { AppLocale } from '../../../src/app/i18n'
import type { FetchLike } from '../../../src/app/sync'
import type { TestServer } from '../support/testServer'
import { flushPromises } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { recordAs } from '../../../src/app/data'
import en from '../../../src/app/i18n/en'
import zhCN from '../../../src/app/i18n/zh-CN'
import { useSessionStore } from '../../../src/app/stores/session'
import { setSyncFetch, useSyncStore } from '../../../src/app/stores/sync'
import CloseDayView from '../../../src/app/views/sync/CloseDayView.vue'
import DeviceEnrollView from '../../../src/app/views/device/DeviceEnrollView.vue'
import { newStreamId } from '../../../src/domain/events'
import { freshDatabase } from '../support/database'
import { mountApp } from '../support/mountApp'
import { until } from '../support/until'
import { startServer } from '../support/testServer'

const HAN = /[\u4E00-\u9FFF]/

let server: TestServer
let offline = false
const fetchOrFail: FetchLike = async (input, init) => {
  if (offline)
    throw new TypeError('Failed to fetch')
  return server.fetch(input, init)
}

beforeAll(async () => {
  server = await startServer()
}, 60_000)

afterAll(async () => {
  await server?.close()
})

beforeEach(() => {
  setActivePinia(createPinia())
  freshDatabase()
  sessionStorage.clear()
  offline = false
  setSyncFetch(fetchOrFail)
})

afterEach(() => {
  useSyncStore().stop()
  setSyncFetch(undefined)
})

async function enrollWith(code: string, locale: AppLocale): Promise<string> {
  const { wrapper } = await mountApp(DeviceEnrollView, { path: '/', locale })
  await wrapper.find('[data-test="enroll-code"] input').setValue(code)
  await wrapper.find('form').trigger('submit')
  await until(() => expect(wrapper.find('[data-test="enroll-error"]').exists()).toBe(true))
  const text = wrapper.find('[data-test="enroll-error"]').text()
  wrapper.unmount()
  return text
}

describe('errors in the staff\'s language', () => {
  it('enrollment: a used code is refused in English in the English UI, in Chinese in the Chinese one', async () => {
    const code = await server.mintCode()
    await useSyncStore().enroll(code)
    useSyncStore().stop()
    freshDatabase()

    const english = await enrollWith(code, 'en')
    expect(english).toContain(en.appError.enroll.codeUsed)
    expect(english).not.toMatch(HAN)

    const chinese = await enrollWith(code, 'zh-CN')
    expect(chinese).toContain(zhCN.appError.enroll.codeUsed)
  }, 40_000)

  it('enrollment: an unknown code is refused in English', async () => {
    const english = await enrollWith('WRONG-CODE', 'en')
    expect(english).toMatch(/enrollment code/i)
    expect(english).not.toMatch(HAN)
  }, 30_000)

  it('sync: closing the day with the server out of reach says why in English, for the day and for each record', async () => {
    const { wrapper } = await mountApp(CloseDayView, { path: '/sync/close-day', locale: 'en' })
    await useSyncStore().enroll(await server.mintCode())
    expect(await useSessionStore().signIn('demo-staff-1', '246810')).toMatchObject({ ok: true })
    await recordAs(useSessionStore().author, { stream: newStreamId('consultation'), type: 'consultation.recorded', payload: { channel: 'visit', contact: { name: '李四', phone: '13900139000' }, question: '问题' } })
    offline = true

    await flushPromises()
    await wrapper.find('[data-test="close-day-start"]').trigger('click')
    await until(() => expect(wrapper.find('[data-test="day-report"]').exists()).toBe(true), 20_000)

    const report = wrapper.find('[data-test="day-report"]').text()
    expect(report).toContain(en.appError.sync.offline)
    const unsent = wrapper.findAll('[data-test="unsent-item"]')
    expect(unsent).toHaveLength(1)
    expect(unsent[0]?.text()).toContain(en.appError.sync.offline)
    // The record's own words (the citizen's name) are data; nothing else is Chinese.
    expect(report.replaceAll('李四', '').replaceAll('问题', '')).not.toMatch(HAN)
  }, 40_000)
})
