/**
 * Appointments on the tablet (issue 9 item 2, 6.3.1): bookings pulled from the server listed for today and
 * tomorrow (masked), check-in recording appointment.checkedIn and opening the intake prefilled with the
 * item, name and mobile and the source set to the appointment; no-show once the slot began; a phone booking
 * recorded offline, and the server's decline (slot full) shown as 未成功 with the reason, ready to rebook.
 */
import type { VueWrapper } from '@vue/test-utils'
import type { DomainEvent } from '../../../src/domain/events'
import { flushPromises } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { RouterView } from 'vue-router'
import { applyPulledEvents, eventsRepo, outboxRepo } from '../../../src/app/data'
import { useAppointmentsStore } from '../../../src/app/stores/appointments'
import { useCatalogStore } from '../../../src/app/stores/catalog'
import { SLOT_FULL_MESSAGE } from '../../../src/domain/appointment'
import { newEventId, newStreamId } from '../../../src/domain/events'
import { mountAt, signedInCounter } from '../support/signedInCounter'
import { STATION_ID } from '../support/enrolledTablet'
import { until } from '../support/until'

const Host = defineComponent({ render: () => h(RouterView) })
const mounted: VueWrapper[] = []
let seq = 100

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] })
  // Wednesday 2026-09-30, 10:00 CST.
  vi.setSystemTime(new Date('2026-09-30T10:00:00+08:00'))
})

afterEach(() => {
  mounted.splice(0).forEach(w => w.unmount())
  vi.useRealTimers()
  document.body.innerHTML = ''
})

function serverEvent(stream: string, type: string, payload: unknown, at = '2026-09-29T20:00:00.000Z'): DomainEvent {
  seq += 1
  return { id: newEventId(), stream, type, v: 1, payload, stationId: STATION_ID, deviceId: 'server:public-booking', staffId: null, occurredAt: at, seq, receivedAt: at }
}

/** A citizen's online booking as the pull brings it. */
async function pulledBooking(date: string, start: string, end: string, code: string, name = '张三'): Promise<string> {
  const stream = newStreamId('appointment')
  await applyPulledEvents([serverEvent(stream, 'appointment.booked', { itemCode: 'hukou-idcard-renew', itemName: '居民身份证换领(有效期满)', date, start, end, code, channel: 'online', applicant: { name, mobile: '13800138000' }, consent: true })], seq)
  return stream
}

async function open(path: string, pinia: Awaited<ReturnType<typeof signedInCounter>>) {
  const result = await mountAt(Host, path, pinia)
  mounted.push(result.wrapper)
  await until(() => expect(useAppointmentsStore().loaded).toBe(true))
  await flushPromises()
  return result
}

async function click(w: VueWrapper, selector: string): Promise<void> {
  const el = await until(() => {
    const found = w.find(selector)
    expect(found.exists(), selector).toBe(true)
    expect(found.attributes('disabled'), selector).toBeUndefined()
    return found
  })
  await el.trigger('click')
  await flushPromises()
}

describe('appointments at the counter', () => {
  it('lists today\'s and tomorrow\'s pulled bookings, masked, and checks one in into a prefilled intake', async () => {
    const pinia = await signedInCounter()
    const stream = await pulledBooking('2026-09-30', '10:30', '11:00', 'ABCD2345')
    await pulledBooking('2026-10-01', '09:30', '10:00', 'EFGH6789', '李四')
    await pulledBooking('2026-10-03', '09:30', '10:00', 'JKLM2345', '王五')
    const { wrapper: w, router } = await open('/appointments', pinia)
    await until(() => expect(w.find('[data-test="appointments-today"]').text()).toContain('张*'))
    expect(w.find('[data-test="appointments-today"]').text()).toContain('138****8000')
    expect(w.find('[data-test="appointments-today"]').text()).not.toContain('13800138000')
    expect(w.find('[data-test="appointments-tomorrow"]').text()).toContain('李*')
    expect(w.text()).not.toContain('JKLM2345')
    // The slot has not begun: no no-show yet.
    expect(w.find('[data-test="appointment-ABCD2345"] [data-test="appointment-no-show"]').exists()).toBe(false)

    await click(w, '[data-test="appointment-ABCD2345"] [data-test="appointment-check-in"]')
    await until(() => expect(router.currentRoute.value.query.appointment).toBe(stream))
    const checkedIn = (await eventsRepo.byStream(stream)).filter(e => e.type === 'appointment.checkedIn')
    expect(checkedIn).toHaveLength(1)
    expect(checkedIn[0]).toMatchObject({ staffId: 'staff-wang', stationId: STATION_ID })

    // The intake has no source step: the source is the appointment, said on the first step.
    await until(() => expect(w.find('[data-test="step-heading"]').text()).toContain('第1步'))
    await until(() => expect(w.find('[data-test="intake-source"]').text()).toContain('张三 2026-09-30 10:30'))
    await until(() => expect(useCatalogStore().loaded).toBe(true))
    await click(w, '[data-test="kind-assisted"]')
    await click(w, '[data-test="assist-mode-guidance"]')
    await until(() => expect(w.find('[data-test="step-heading"]').text()).toContain('第2步'))
    expect(w.text()).toContain('居民身份证换领(有效期满)')
    await click(w, '[data-test="step-next"]')
    await until(() => expect((w.find('[data-test="applicant-name"] input').element as HTMLInputElement).value).toBe('张三'))
    expect((w.find('[data-test="applicant-mobile"] input').element as HTMLInputElement).value).toBe('13800138000')
  })

  it('marks a no-show once the slot has begun', async () => {
    const pinia = await signedInCounter()
    const stream = await pulledBooking('2026-09-30', '09:00', '09:30', 'NPQR2345')
    const { wrapper: w } = await open('/appointments', pinia)
    await click(w, '[data-test="appointment-NPQR2345"] [data-test="appointment-no-show"]')
    await until(() => expect(document.querySelector('.van-dialog__confirm')).not.toBeNull())
    document.querySelector<HTMLButtonElement>('.van-dialog__confirm')?.click()
    await until(async () => expect((await eventsRepo.byStream(stream)).map(e => e.type)).toEqual(['appointment.booked', 'appointment.noShow']))
    await until(() => expect(w.find('[data-test="appointment-NPQR2345"] [data-test="appointment-status"]').text()).toBe('未到'))
    expect(w.find('[data-test="appointment-NPQR2345"] [data-test="appointment-check-in"]').exists()).toBe(false)
  })

  it('books for a caller on the phone offline; the server\'s decline shows as 未成功 with the reason, to rebook', async () => {
    const pinia = await signedInCounter()
    const { wrapper: w } = await open('/appointments', pinia)
    await click(w, '[data-test="phone-booking-open"]')
    await until(() => expect(useCatalogStore().loaded).toBe(true))
    await w.find('[data-test="phone-item"]').setValue('hukou-idcard-renew')
    await w.find('[data-test="phone-date"]').setValue('2026-10-02')
    await click(w, '[data-test="phone-slot-14:00"]')
    await w.find('[data-test="phone-name"]').setValue('赵强')
    await w.find('[data-test="phone-mobile"]').setValue('12345')
    await w.find('[data-test="phone-booking"]').trigger('submit')
    await flushPromises()
    // An invalid mobile (the domain's validator) and no consent: nothing recorded.
    expect(await outboxRepo.count()).toBe(0)
    await w.find('[data-test="phone-mobile"]').setValue('136 0013 6000')
    await w.find('[data-test="phone-booking"]').trigger('submit')
    await flushPromises()
    expect(await outboxRepo.count()).toBe(0)
    await w.find('[data-test="phone-consent"]').setValue(true)
    await w.find('[data-test="phone-booking"]').trigger('submit')
    await until(async () => expect(await outboxRepo.count()).toBe(1))
    const [booked] = await eventsRepo.listOfTypeBetween('appointment.booked', 0, Number.MAX_SAFE_INTEGER)
    expect(booked?.payload).toMatchObject({ channel: 'phone', date: '2026-10-02', start: '14:00', end: '14:30', applicant: { name: '赵强', mobile: '13600136000' } })
    expect(booked?.staffId).toBe('staff-wang')

    // At sync the server found the slot full: the decline arrives with the pull.
    await applyPulledEvents([serverEvent(booked?.stream ?? '', 'appointment.declined', { reason: 'slot-full', message: SLOT_FULL_MESSAGE }, '2026-09-30T02:05:00.000Z')], seq)
    await until(() => expect(w.find('[data-test="appointments-declined"]').exists()).toBe(true))
    const card = w.find('[data-test="appointments-declined"] [data-test^="appointment-"]')
    expect(card.find('[data-test="appointment-status"]').text()).toBe('未成功')
    expect(card.find('[data-test="appointment-reason"]').text()).toContain(SLOT_FULL_MESSAGE)
    expect(w.find('[data-test="appointments-declined-notice"]').text()).toContain('1 个电话预约')
    await click(w, '[data-test="appointment-rebook"]')
    await until(() => expect((w.find('[data-test="phone-name"]').element as HTMLInputElement).value).toBe('赵强'))
  })
})
