import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h, nextTick } from 'vue'
import { RouterView } from 'vue-router'
import { ratingStreamFor } from '../../../src/domain/rating'
import { CITIZEN_IDLE_MS, useIdleLock } from '../../../src/app/composables/useIdleLock'
import { eventsRepo } from '../../../src/app/data'
import { useHandoverStore } from '../../../src/app/stores/handover'
import { useSessionStore } from '../../../src/app/stores/session'
import { mountAt, signedInCounter } from '../support/signedInCounter'
import { acceptedCase, APPROVED } from '../support/acceptedCase'
import { until } from '../support/until'

/** The app shell as far as idling goes: the staff idle lock around the routed screen. */
const Host = defineComponent({
  setup() {
    useIdleLock()
    return () => h(RouterView)
  },
})

afterEach(() => {
  vi.useRealTimers()
  vi.restoreAllMocks()
  document.body.innerHTML = ''
})

describe('idle on the citizen\'s rating screen (6.3.3.4)', () => {
  it('never pops the staff PIN panel in front of the citizen, records nothing, and goes to the lock screen after the citizen timeout', async () => {
    // Fake clocks that still run, so IndexedDB and the router settle; jumps come from advanceTimersByTime.
    vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout'], shouldAdvanceTime: true })
    vi.setSystemTime(new Date('2026-09-30T10:00:00+08:00'))
    const pinia = await signedInCounter()
    const id = await acceptedCase()
    await useHandoverStore().complete(id, APPROVED)
    await useHandoverStore().handOver(id, { method: 'post', carrier: 'EMS', waybillNumber: 'EA1CN', recipient: { name: '张三丰', phone: '13800138000', address: '大同市平城区' }, eLicenceHintGiven: true })
    const session = useSessionStore()
    const { wrapper, router } = await mountAt(Host, `/rate/${id}`, pinia)
    const events = async () => (await eventsRepo.byStream(ratingStreamFor(id))).map(e => e.type)
    await until(async () => expect(await events()).toEqual(['rating.prompted']))
    await until(() => expect(wrapper.find('[data-test="rating-screen"]').exists()).toBe(true))
    session.idleLockMinutes = 1 // shorter than the citizen timeout: the staff lock must still wait
    await nextTick() // the idle lock's watcher re-arms with the new setting

    // Timers due by then run inside advanceTimersByTime; the watchers they trigger, in the flush after.
    vi.advanceTimersByTime(CITIZEN_IDLE_MS - 10_000)
    await flushPromises()
    await nextTick()
    expect(session.locked).toBe(false)
    expect(router.currentRoute.value.name).toBe('rate')
    expect(wrapper.find('[data-test="rating-screen"]').exists()).toBe(true)

    vi.advanceTimersByTime(20_000)
    await until(() => expect(router.currentRoute.value.name).toBe('signin'))
    expect(session.locked).toBe(true)
    // Nothing decided for the citizen: no rating, no 不评价.
    expect(await events()).toEqual(['rating.prompted'])
    wrapper.unmount()
  })
})
