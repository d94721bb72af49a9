/**
 * Issue 8 item 7: a second tablet's records appear in the open list, and its steps in the open case, as soon
 * as a pull lands them — no reload (Dexie liveQuery on the pull cursor, data/changes.ts).
 */
import type { VueWrapper } from '@vue/test-utils'
import { flushPromises } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { RouterView } from 'vue-router'
import { applyPulledEvents, recordEvent, watchPulledEvents } from '../../../src/app/data'
import { newEventId } from '../../../src/domain/events'
import { mountAt, signedInCounter } from '../support/signedInCounter'
import { caseReceived, freshDatabase } from '../support/database'
import { STATION_ID } from '../support/enrolledTablet'

const Host = defineComponent({ render: () => h(RouterView) })
const mounted: VueWrapper[] = []

afterEach(() => {
  mounted.splice(0).forEach(w => w.unmount())
  document.body.innerHTML = ''
})

let seq = 100
/** As the server sends another tablet's event: with seq and receivedAt. */
function pulled<E extends object>(event: E): E & { seq: number, receivedAt: string } {
  seq += 1
  return { ...event, seq, receivedAt: new Date().toISOString() }
}

describe('pulled records show without a reload', () => {
  it('watchPulledEvents reports the cursor, then once per pulled page that moves it, never for local records', async () => {
    setActivePinia(createPinia())
    freshDatabase()
    const seen: number[] = []
    const stop = watchPulledEvents(cursor => seen.push(cursor))
    try {
      // The first answer: nothing pulled yet.
      await vi.waitFor(async () => {
        await flushPromises()
        expect(seen).toEqual([0])
      })
      await recordEvent(caseReceived())
      const first = pulled(caseReceived({ deviceId: 'device-b' }))
      await applyPulledEvents([first], first.seq)
      await vi.waitFor(() => expect(seen).toEqual([0, first.seq]))
      // The same page again moves nothing.
      await applyPulledEvents([first], first.seq)
      const second = pulled(caseReceived({ deviceId: 'device-b' }))
      await applyPulledEvents([second], second.seq)
      await vi.waitFor(() => expect(seen).toEqual([0, first.seq, second.seq]))
    }
    finally {
      stop()
    }
  })

  it('the case list shows a case another tablet took in, once the pull lands it', async () => {
    const pinia = await signedInCounter()
    const { wrapper } = await mountAt(Host, '/cases', pinia)
    mounted.push(wrapper)
    await vi.waitFor(async () => {
      await flushPromises()
      expect(wrapper.find('[data-test="case-empty"]').exists()).toBe(true)
    })
    const other = caseReceived({ deviceId: 'device-b', stationId: STATION_ID, staffId: 'staff-li', occurredAt: new Date().toISOString() })
    const payload = other.payload as { applicant: { name: string } }
    payload.applicant.name = '赵另台'
    await applyPulledEvents([pulled(other)], seq)
    await vi.waitFor(async () => {
      await flushPromises()
      const rows = wrapper.findAll('[data-test="case-row"]')
      expect(rows).toHaveLength(1)
      expect(rows[0]?.text()).toContain('赵*台')
    }, { timeout: 10_000 })
  })

  it('the open case shows a step another tablet recorded on it, once pulled', { timeout: 30_000 }, async () => {
    const pinia = await signedInCounter()
    const received = caseReceived({ deviceId: 'device-b', stationId: STATION_ID, occurredAt: new Date(Date.now() - 60_000).toISOString() })
    await applyPulledEvents([pulled(received)], seq)
    const { wrapper } = await mountAt(Host, `/cases/${received.stream}`, pinia)
    mounted.push(wrapper)
    await vi.waitFor(async () => {
      await flushPromises()
      expect(wrapper.text()).toContain('城乡居民基本养老保险参保登记')
    }, { timeout: 10_000 })
    const before = wrapper.text()
    const logged = {
      id: newEventId(),
      stream: received.stream,
      type: 'case.logged',
      v: 1,
      payload: { kind: 'note', text: '另一台平板补充的工作记录' },
      stationId: STATION_ID,
      deviceId: 'device-b',
      staffId: 'staff-li',
      occurredAt: new Date().toISOString(),
    }
    await applyPulledEvents([pulled(logged)], seq)
    await vi.waitFor(async () => {
      await flushPromises()
      expect(wrapper.text()).not.toBe(before)
      expect(wrapper.text()).toContain('另一台平板补充的工作记录')
    }, { timeout: 10_000 })
  })
})
