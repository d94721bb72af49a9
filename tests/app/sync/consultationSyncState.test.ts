/**
 * Issue 3 item 6 against the REAL server app in-process (PGlite in memory, demo seed): a consultation
 * recorded offline-first shows 待上传 in the open register, and 已同步 once a sync pushed it — the
 * screen refreshes itself when the sync finishes.
 */
import type { TestServer } from '../support/testServer'
import { flushPromises } from '@vue/test-utils'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { RouterView } from 'vue-router'
import { recordManyAs } from '../../../src/app/data'
import { useConsultationsStore } from '../../../src/app/stores/consultations'
import { useSessionStore } from '../../../src/app/stores/session'
import { setSyncFetch, useSyncStore } from '../../../src/app/stores/sync'
import { newStreamId } from '../../../src/domain/events'
import { freshDatabase } from '../support/database'
import { mountApp } from '../support/mountApp'
import { startServer } from '../support/testServer'
import { until } from '../support/until'
import { dataKeyReady, installDataKey } from '../../../src/app/data/crypto/keyring'

// As in enrollAndCloseDay.test.ts: the server reads its seed catalog through `new URL('./…', import.meta.url)`.
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
})

afterEach(() => {
  useSyncStore().stop()
  setSyncFetch(undefined)
  document.body.innerHTML = ''
})

describe('the consultation register against the real server', () => {
  it('shows a recorded consultation as 待上传, then 已同步 after the sync pushed it', async () => {
    const { wrapper, router } = await mountApp(Host, { path: '/' })
    const sync = useSyncStore()
    await sync.enroll(await server.mintCode())
    const session = useSessionStore()
    // PIN sign-in is tested elsewhere: 李建军 is at the counter.
    session.staff = session.staffList.find(s => s.id === 'demo-staff-2') ?? null
    session.locked = false
    // Signed in without the PIN: the data key a PIN sign-in would unwrap (src/app/data/crypto).
    if (!dataKeyReady())
      await installDataKey(crypto.getRandomValues(new Uint8Array(32)))
    expect(session.signedIn).toBe(true)
    await router.push('/consultations')
    await flushPromises()

    const stream = newStreamId('consultation')
    const [event] = await recordManyAs(useSessionStore().author, [{ stream, type: 'consultation.recorded', payload: { channel: 'visit', contact: { name: '张三丰', phone: '13900139000' }, question: '社保卡丢了怎么补办？' } }])
    await useConsultationsStore().load()
    const tag = () => wrapper.find('[data-test="consultation-row"] [data-test="sync-state"]')
    await until(() => expect(tag().exists() && tag().attributes('data-state')).toBe('pending'))
    expect(tag().text()).toBe('待上传')

    await sync.syncNow()
    await vi.waitFor(() => expect(tag().attributes('data-state')).toBe('synced'), { timeout: 5_000 })
    expect(tag().text()).toBe('已同步')
    const eventId = event?.id ?? ''
    expect((await server.eventRows([eventId])).get(eventId)).toBe(1)
    wrapper.unmount()
  }, 40_000)
})
