/**
 * 回访 and 投诉 on the tablet, offline (issue 9 items 4, 5): a pulled 差评 becomes a follow-up task on /follow-ups
 * (due 1 working day after, overdue marked); results are recorded as followUp.recorded; complaints are recorded
 * (due after the setting) and handled as complaint.*; an office-made complaint pulled shows too — all queued
 * for sync, nothing of the pulled ones pushed back.
 */
import type { VueWrapper } from '@vue/test-utils'
import { flushPromises } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { RouterView } from 'vue-router'
import type { DomainEvent } from '../../../src/domain/events'
import { applyPulledEvents, eventsRepo, outboxRepo, referenceRepo } from '../../../src/app/data'
import { newEventId, newStreamId } from '../../../src/domain/events'
import { followUpStreamFor } from '../../../src/domain/followUp'
import { ratingStreamFor } from '../../../src/domain/rating'
import { useFollowUpsStore } from '../../../src/app/stores/followUps'
import { STATION_ID } from '../support/enrolledTablet'
import { mountAt, signedInCounter } from '../support/signedInCounter'
import { until } from '../support/until'

const Host = defineComponent({ render: () => h(RouterView) })
const mounted: VueWrapper[] = []
const SUBJECT = 'consultation:01950000-0000-7000-8000-00000000f001'
let seq = 0

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] })
  // Friday 2026-10-09: a 差评 of 09-30 was due 10-08 (National Day 10/1–7).
  vi.setSystemTime(new Date('2026-10-09T09:00:00+08:00'))
})

afterEach(() => {
  mounted.splice(0).forEach(w => w.unmount())
  vi.useRealTimers()
  document.body.innerHTML = ''
})

function pulled(stream: string, type: string, payload: unknown, occurredAt: string, deviceId = 'tablet-B'): DomainEvent {
  seq += 1
  return { id: newEventId(), stream, type, v: 1, payload, stationId: STATION_ID, deviceId, staffId: deviceId.startsWith('office:') ? null : 'staff-wang', occurredAt, seq, receivedAt: new Date(occurredAt).toISOString() }
}

async function pullBadRating(): Promise<void> {
  const stream = ratingStreamFor(SUBJECT)
  await applyPulledEvents([
    pulled(stream, 'rating.prompted', { subject: SUBJECT, staffId: 'staff-wang' }, '2026-09-30T10:00:00+08:00'),
    pulled(stream, 'rating.given', { subject: SUBJECT, staffId: 'staff-wang', channel: 'counter', enteredBy: 'citizen', level: 1, dimensions: { attitude: 1, quality: 2, efficiency: 1 }, reasons: ['poorAttitude'], comment: null, followUpDueAt: '2026-10-28T23:59:59.999+08:00' }, '2026-09-30T10:01:00+08:00'),
  ], seq)
}

async function open(pinia: Awaited<ReturnType<typeof signedInCounter>>) {
  const result = await mountAt(Host, '/follow-ups', pinia)
  mounted.push(result.wrapper)
  await until(() => expect(useFollowUpsStore().loaded).toBe(true))
  await flushPromises()
  return result
}

async function click(w: VueWrapper, selector: string): Promise<void> {
  const el = await until(() => {
    const found = w.find(selector)
    expect(found.exists(), selector).toBe(true)
    return found
  })
  await el.trigger('click')
  await flushPromises()
}

describe('follow-up calls at the counter', () => {
  it('lists a pulled 差评 as an overdue task and records a call not reached, then one reached', async () => {
    const pinia = await signedInCounter()
    await pullBadRating()
    const { wrapper: w } = await open(pinia)
    const card = await until(() => {
      const found = w.find(`[data-test="follow-up-${SUBJECT}"]`)
      expect(found.find('[data-test="follow-up-due"]').text()).toContain('应于 2026-10-08 前回访')
      return found
    })
    expect(card.text()).toContain('差评回访')
    expect(card.text()).toContain('评价：非常不满意')
    expect(card.find('[data-test="follow-up-overdue"]').text()).toBe('已超期')

    await click(w, '[data-test="follow-up-record"]')
    await click(w, '[data-test="follow-up-save"]')
    await until(() => expect(w.find('[data-test="follow-up-notes"]').text()).toContain('请选择是否联系上'))
    await click(w, '[data-test="follow-up-reached-no"] .van-radio__icon')
    await click(w, '[data-test="follow-up-save"]')
    await until(async () => expect(await eventsRepo.byStream(followUpStreamFor(SUBJECT))).toHaveLength(1))
    await until(() => expect(w.find(`[data-test="follow-up-${SUBJECT}"]`).text()).toContain('已回访 1 次，未联系上'))

    await click(w, '[data-test="follow-up-record"]')
    await click(w, '[data-test="follow-up-reached-yes"] .van-radio__icon')
    await click(w, '[data-test="follow-up-save"]')
    await until(() => expect(w.find('[data-test="follow-up-notes"]').text()).toContain('请选择群众意见'))
    await click(w, '[data-test="follow-up-view-basicallySatisfied"] .van-radio__icon')
    await w.find('[data-test="follow-up-notes"] input').setValue('已当面致歉')
    await click(w, '[data-test="follow-up-save"]')
    await until(() => expect(w.find('[data-test="follow-ups-empty"]').exists()).toBe(true))

    const events = await eventsRepo.byStream(followUpStreamFor(SUBJECT))
    expect(events.map(e => e.payload)).toEqual([
      { subject: SUBJECT, reason: 'badRating', reached: false },
      { subject: SUBJECT, reason: 'badRating', reached: true, view: 'basicallySatisfied', notes: '已当面致歉' },
    ])
    expect(events.every(e => e.stationId === STATION_ID && e.staffId === 'staff-wang')).toBe(true)
    expect(await outboxRepo.count()).toBe(2)
  })
})

describe('complaints at the counter', () => {
  it('records a complaint due after the setting, then handles it', async () => {
    const pinia = await signedInCounter()
    await referenceRepo.apply('settings', [{ id: 'complaintDueWorkdays', value: 3, revision: 1 }])
    const { wrapper: w } = await open(pinia)
    await click(w, '.van-tab:nth-child(2)')
    await click(w, '[data-test="complaint-new"]')
    await until(() => expect(w.find('[data-test="complaint-form"]').text()).toContain('处理期限：3 个工作日'))
    await w.find('[data-test="complaint-form"]').trigger('submit')
    await until(() => expect(w.find('[data-test="complaint-content"]').text()).toContain('请填写投诉内容'))
    await click(w, '[data-test="complaint-channel-phone"] .van-radio__icon')
    await w.find('[data-test="complaint-content"] textarea').setValue('窗口午休时间无人值守')
    await w.find('[data-test="complaint-form"]').trigger('submit')
    const recorded = await until(async () => {
      const list = await eventsRepo.listOfTypeBetween('complaint.recorded', 0, Number.MAX_SAFE_INTEGER)
      expect(list).toHaveLength(1)
      return list[0]
    })
    // 10/10 (a make-up Saturday), 10/12, 10/13.
    expect(recorded?.payload).toEqual({ channel: 'phone', content: '窗口午休时间无人值守', dueAt: '2026-10-13T23:59:59.999+08:00' })
    expect(recorded?.stream).toMatch(/^complaint:/)
    const card = await until(() => {
      const found = w.find(`[data-test="complaint-${recorded?.stream}"]`)
      expect(found.find('[data-test="complaint-due"]').text()).toContain('应于 2026-10-13 前处理')
      return found
    })
    expect(card.text()).toContain('电话')

    await click(w, '[data-test="complaint-handle"]')
    await click(w, '[data-test="complaint-handle-save"]')
    await until(() => expect(w.find('[data-test="complaint-result-input"]').text()).toContain('请填写处理结果'))
    await w.find('[data-test="complaint-result-input"] textarea').setValue('已调整排班，午间保留一人值守')
    await click(w, '[data-test="complaint-handle-save"]')
    await until(() => expect(w.find(`[data-test="complaint-${recorded?.stream}"] [data-test="complaint-result"]`).text()).toBe('2026-10-09 已处理：已调整排班，午间保留一人值守'))
    expect(w.find('[data-test="complaints-empty"]').exists()).toBe(true)
    expect((await eventsRepo.byStream(recorded?.stream ?? '')).map(e => e.type)).toEqual(['complaint.recorded', 'complaint.handled'])
    expect(await outboxRepo.count()).toBe(2)
  })

  it('shows a complaint the office recorded, pulled, without pushing it back; a task can open a complaint about its subject', async () => {
    const pinia = await signedInCounter()
    await pullBadRating()
    const stream = newStreamId('complaint')
    await applyPulledEvents([pulled(stream, 'complaint.recorded', { channel: 'hotline', content: '12345转办：等候时间长', dueAt: '2026-10-15T23:59:59.999+08:00' }, '2026-10-08T15:00:00+08:00', 'office:cq-admin')], seq)
    const { wrapper: w } = await open(pinia)
    expect(await outboxRepo.count()).toBe(0)
    await click(w, '[data-test="follow-up-complain"]')
    await until(() => expect(w.find('[data-test="complaint-subject"]').text()).toContain(SUBJECT))
    const office = w.find(`[data-test="complaint-${stream}"]`)
    expect(office.text()).toContain('主管机构登记')
    expect(office.text()).toContain('12345转办：等候时间长')
    await w.find('[data-test="complaint-content"] textarea').setValue('群众回访时反映态度差')
    await w.find('[data-test="complaint-form"]').trigger('submit')
    await until(async () => expect(await eventsRepo.listOfTypeBetween('complaint.recorded', 0, Number.MAX_SAFE_INTEGER)).toHaveLength(2))
    const mine = (await eventsRepo.listOfTypeBetween('complaint.recorded', 0, Number.MAX_SAFE_INTEGER)).find(e => e.stream !== stream)
    expect(mine?.payload).toMatchObject({ subject: SUBJECT, channel: 'visit' })
    expect(await outboxRepo.count()).toBe(1)
  })
})
