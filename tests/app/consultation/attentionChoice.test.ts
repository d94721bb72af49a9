/**
 * Issue 8 item 7 on a consultation: two tablets recorded different replies; staff choose the reply that
 * stands and say why (consultation.attentionResolved) — the flag goes and the chosen reply is the answer.
 */
import type { VueWrapper } from '@vue/test-utils'
import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { RouterView } from 'vue-router'
import { applyPulledEvents, consultationsRepo, eventsRepo } from '../../../src/app/data'
import { useConsultationsStore } from '../../../src/app/stores/consultations'
import { newEventId } from '../../../src/domain/events'
import { STATION_ID } from '../support/enrolledTablet'
import { mountAt, signedInCounter } from '../support/signedInCounter'

const Host = defineComponent({ render: () => h(RouterView) })
const mounted: VueWrapper[] = []

afterEach(() => {
  mounted.splice(0).forEach(w => w.unmount())
  document.body.innerHTML = ''
})

describe('resolving two replies to one consultation', () => {
  it('offers both replies and records the one staff chose', { timeout: 30_000 }, async () => {
    const pinia = await signedInCounter()
    const store = useConsultationsStore()
    const id = await store.recordNew({ channel: 'phone', name: '李华', phone: '0351-1234567', itemCode: null, itemName: null, question: '社保卡能在本站补办吗？', outcome: null, answer: '', guideGiven: null, department: '', personName: '', personPhone: '' })
    await store.reply(id, '可以在本站补办')
    const later = new Date(Date.now() + 1).toISOString()
    await applyPulledEvents([{ id: newEventId(), stream: id, type: 'consultation.replied', v: 1, payload: { reply: '需到市人社局补办', repliedAt: later, via: 'phone' }, stationId: STATION_ID, deviceId: 'device-b', staffId: 'staff-li', occurredAt: later, seq: 900, receivedAt: later }], 900)
    expect(await consultationsRepo.get(id)).toMatchObject({ needsAttention: true, answer: '可以在本站补办' })

    const { wrapper: w } = await mountAt(Host, `/consultations/${id}`, pinia)
    mounted.push(w)
    await vi.waitFor(async () => {
      await flushPromises()
      expect(w.find('[data-test="attention-panel"]').exists()).toBe(true)
    }, { timeout: 10_000 })
    expect(w.find('[data-test="attention-record-kept"]').text()).toContain('可以在本站补办')
    expect(w.find('[data-test="attention-record-refused"]').text()).toContain('需到市人社局补办')
    await w.find('[data-test="attention-record-refused"] input').setValue(true)
    await w.find('[data-test="attention-note"]').setValue('与市人社局核实：须到市局补办')
    await w.find('[data-test="attention-resolve"]').trigger('click')
    await vi.waitFor(async () => {
      await flushPromises()
      expect(await consultationsRepo.get(id)).toMatchObject({ needsAttention: false, answer: '需到市人社局补办' })
    }, { timeout: 10_000 })
    const resolution = (await eventsRepo.byStream(id)).find(e => e.type === 'consultation.attentionResolved')
    expect(resolution?.payload).toMatchObject({ note: '与市人社局核实：须到市局补办', overrules: [expect.any(String)] })
  })
})
