/**
 * Issue 8 item 7 on the counter: a case two tablets recorded contradicting facts for (accepted here,
 * returned on another tablet) shows both records; staff choose the one that stands and say why, recorded
 * as case.attentionResolved — the flag goes, the chosen fact applies, nothing is deleted.
 */
import type { VueWrapper } from '@vue/test-utils'
import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { RouterView } from 'vue-router'
import { applyPulledEvents, casesRepo, eventsRepo } from '../../../src/app/data'
import { newEventId } from '../../../src/domain/events'
import { mountAt, signedInCounter } from '../support/signedInCounter'
import { acceptedCase } from '../support/acceptedCase'
import { STATION_ID } from '../support/enrolledTablet'

const Host = defineComponent({ render: () => h(RouterView) })
const mounted: VueWrapper[] = []

afterEach(() => {
  mounted.splice(0).forEach(w => w.unmount())
  document.body.innerHTML = ''
})

async function conflictingCase(): Promise<string> {
  const id = await acceptedCase()
  const returned = { id: newEventId(), stream: id, type: 'case.returned', v: 1, payload: { reason: '不属于本站受理范围' }, stationId: STATION_ID, deviceId: 'device-b', staffId: 'staff-li', occurredAt: new Date(Date.now() + 1).toISOString(), seq: 501, receivedAt: new Date().toISOString() }
  await applyPulledEvents([returned], 501)
  const state = await casesRepo.get(id)
  expect(state?.needsAttention).toBe(true)
  return id
}

async function openDetail(id: string) {
  const pinia = (await import('pinia')).getActivePinia()
  if (!pinia)
    throw new Error('no pinia')
  const { wrapper } = await mountAt(Host, `/cases/${id}`, pinia)
  mounted.push(wrapper)
  await vi.waitFor(async () => {
    await flushPromises()
    expect(wrapper.find('[data-test="attention-panel"]').exists()).toBe(true)
  }, { timeout: 10_000 })
  return wrapper
}

describe('resolving a conflict on the counter', () => {
  it('shows both records, needs a note, and choosing the other tablet\'s return makes the case returned', { timeout: 30_000 }, async () => {
    await signedInCounter()
    const id = await conflictingCase()
    const w = await openDetail(id)
    const kept = w.find('[data-test="attention-record-kept"]')
    const refused = w.find('[data-test="attention-record-refused"]')
    expect(kept.text()).toContain('受理')
    expect(refused.text()).toContain('退件')
    const button = w.find('[data-test="attention-resolve"]')
    expect(button.attributes('disabled')).toBeDefined()

    await refused.find('input').setValue(true)
    expect(w.find('[data-test="attention-resolve"]').attributes('disabled')).toBeDefined()
    await w.find('[data-test="attention-note"]').setValue('电话核实：不属于本站受理范围，以退件为准')
    await w.find('[data-test="attention-resolve"]').trigger('click')

    await vi.waitFor(async () => {
      await flushPromises()
      const state = await casesRepo.get(id)
      expect(state).toMatchObject({ status: 'returned', needsAttention: false, receiptNumber: null })
    }, { timeout: 10_000 })
    const events = await eventsRepo.byStream(id)
    const accepted = events.find(e => e.type === 'case.accepted')
    const resolution = events.find(e => e.type === 'case.attentionResolved')
    expect(resolution?.payload).toMatchObject({ note: '电话核实：不属于本站受理范围，以退件为准', overrules: [accepted?.id] })
    // Nothing was deleted: the acceptance is still an event of the stream.
    expect(accepted).toBeDefined()
    await vi.waitFor(async () => {
      await flushPromises()
      expect(w.find('[data-test="attention-panel"]').exists()).toBe(false)
    })
  })

  it('keeping the acceptance clears the flag and leaves the case accepted', { timeout: 30_000 }, async () => {
    await signedInCounter()
    const id = await conflictingCase()
    const w = await openDetail(id)
    await w.find('[data-test="attention-record-kept"] input').setValue(true)
    await w.find('[data-test="attention-note"]').setValue('受理有效，另一台平板误操作')
    await w.find('[data-test="attention-resolve"]').trigger('click')
    await vi.waitFor(async () => {
      await flushPromises()
      expect(await casesRepo.get(id)).toMatchObject({ status: 'accepted', needsAttention: false })
    }, { timeout: 10_000 })
    const resolution = (await eventsRepo.byStream(id)).find(e => e.type === 'case.attentionResolved')
    expect((resolution?.payload as { overrules?: string[] }).overrules).toBeUndefined()
  })
})
