/**
 * Rectification and appeals on the tablet (issue 9 item 6; 7.2, DOMAIN.md 申诉复核), offline: a phone 差评 and
 * its task pulled from the server show on /rectifications with the rating; progress and the request for the
 * office's re-check are recorded and queued; the lead appeals, and the office's upheld decision, pulled, shows
 * 申诉成立. A 差评 recorded on the counter screen opens its task at once, due after the setting.
 */
import type { VueWrapper } from '@vue/test-utils'
import { flushPromises } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { RouterView } from 'vue-router'
import { applyPulledEvents, eventsRepo, outboxRepo, referenceRepo } from '../../../src/app/data'
import { useRatingsStore } from '../../../src/app/stores/ratings'
import { useRectificationsStore } from '../../../src/app/stores/rectifications'
import { appealStreamFor } from '../../../src/domain/appeal'
import { newEventId, newStreamId } from '../../../src/domain/events'
import { ratingStreamFor } from '../../../src/domain/rating'
import { RECTIFICATION_WORKDAYS, rectificationDueFields, rectificationStreamFor } from '../../../src/domain/rectification'
import { mountAt, signedInCounter } from '../support/signedInCounter'
import { STATION_ID } from '../support/enrolledTablet'
import { until } from '../support/until'
import { builtinWorkCalendar } from '../../../src/domain/calendar'

const Host = defineComponent({ render: () => h(RouterView) })
const mounted: VueWrapper[] = []

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(new Date('2026-03-02T11:00:00+08:00'))
})

afterEach(() => {
  mounted.splice(0).forEach(w => w.unmount())
  vi.useRealTimers()
  document.body.innerHTML = ''
})

let seq = 0
function pulled(stream: string, type: string, payload: unknown, occurredAt: string, deviceId = 'server:public-rating') {
  seq += 1
  return { id: newEventId(), stream, type, v: 1, payload, stationId: STATION_ID, deviceId, staffId: null, occurredAt, seq, receivedAt: new Date(occurredAt).toISOString() }
}

/** A 差评 of a new case (rated on another tablet's screen) and the task the server opened for it, as a pull brings them. */
async function pulledBadRating(): Promise<string> {
  const subject = newStreamId('case')
  const rating = ratingStreamFor(subject)
  const source = { kind: 'rating', subject: rating }
  await applyPulledEvents([
    pulled(rating, 'rating.prompted', { subject, staffId: 'staff-wang' }, '2026-03-02T09:59:00+08:00', 'tablet-other'),
    pulled(rating, 'rating.given', { subject, staffId: 'staff-wang', channel: 'counter', enteredBy: 'citizen', level: 2, dimensions: { attitude: 2, quality: 3, efficiency: 2 }, reasons: ['poorAttitude'], followUpDueAt: '2026-03-23T23:59:59.999+08:00' }, '2026-03-02T10:00:00+08:00', 'tablet-other'),
    pulled(rectificationStreamFor(rating), 'rectification.opened', { source, ownerStaffId: 'staff-wang', ...rectificationDueFields('2026-03-02T10:00:00+08:00', RECTIFICATION_WORKDAYS, builtinWorkCalendar()) }, '2026-03-02T10:00:00+08:00', 'server:rectification'),
  ], seq)
  return rating
}

async function open(pinia: Awaited<ReturnType<typeof signedInCounter>>) {
  const result = await mountAt(Host, '/rectifications', pinia)
  mounted.push(result.wrapper)
  await until(() => expect(useRectificationsStore().loaded).toBe(true))
  await flushPromises()
  return result.wrapper
}

describe('rectification at the station', () => {
  it('shows a pulled 差评\'s task, records progress and the request for re-check, queued for sync', async () => {
    const pinia = await signedInCounter()
    const rating = await pulledBadRating()
    const task = rectificationStreamFor(rating)
    const w = await open(pinia)
    const card = await until(() => {
      const found = w.find(`[data-test="rectification-${task}"]`)
      expect(found.exists()).toBe(true)
      return found
    })
    expect(card.text()).toContain('不满意')
    expect(card.text()).toContain('负责人：王晓燕')
    expect(card.find('[data-test="rectification-due"]').text()).toBe('整改期限 2026-03-23')
    expect(card.find('[data-test="rectification-status"]').text()).toBe('整改中')

    // Nothing written without a note.
    await w.find('[data-test="rectification-record"]').trigger('click')
    await until(() => expect(w.find('[data-test="rectification-note"]').text()).toContain('请填写整改情况'))
    expect(await outboxRepo.count()).toBe(0)

    await w.find('[data-test="rectification-note"] textarea').setValue('已当面致歉，调整高峰时段排班')
    await w.find('[data-test="rectification-submit-recheck"]').trigger('click')
    await w.find('[data-test="rectification-record"]').trigger('click')
    await until(() => expect(w.find(`[data-test="rectification-${task}"] [data-test="rectification-status"]`).text()).toBe('待复查'))
    const events = await eventsRepo.byStream(task)
    expect(events.map(e => [e.type, e.payload])).toEqual([
      ['rectification.opened', expect.anything()],
      ['rectification.progressed', { note: '已当面致歉，调整高峰时段排班', submitted: true }],
    ])
    expect(await outboxRepo.count()).toBe(1)
  })

  it('the lead appeals the rating; the office\'s upheld decision, pulled, shows 申诉成立', async () => {
    const pinia = await signedInCounter()
    const rating = await pulledBadRating()
    const task = rectificationStreamFor(rating)
    const w = await open(pinia)
    await until(() => expect(w.find(`[data-test="rectification-${task}"] [data-test="rectification-appeal-open"]`).exists()).toBe(true))
    await w.find('[data-test="rectification-appeal-open"]').trigger('click')
    await until(() => expect(w.find('[data-test="appeal-form"]').exists()).toBe(true))
    await w.find('[data-test="appeal-submit"]').trigger('click')
    await until(() => expect(w.find('[data-test="appeal-reason"]').text()).toContain('请填写申诉理由'))
    await w.find('[data-test="appeal-reason"] textarea').setValue('该群众当日未在本站办理业务')
    await w.find('[data-test="appeal-submit"]').trigger('click')
    await until(() => expect(w.find('[data-test="rectification-appeal"]').text()).toContain('申诉待复核'))
    const filed = await eventsRepo.byStream(appealStreamFor(rating))
    expect(filed.map(e => [e.type, e.payload])).toEqual([['appeal.filed', { rating, ground: 'mistaken', reason: '该群众当日未在本站办理业务' }]])

    await applyPulledEvents([pulled(appealStreamFor(rating), 'appeal.decided', { rating, decision: 'upheld', reason: '核实为误评', by: '城区政务服务中心' }, '2026-03-02T11:30:00+08:00', 'office:cq-reviewer')], seq)
    await useRectificationsStore().load()
    await until(() => expect(w.find('[data-test="rectification-appeal"]').text()).toContain('申诉成立（不计入统计）'))
    expect(w.find('[data-test="rectification-appeal"]').text()).toContain('核实为误评')
  })

  it('a 差评 on the counter screen opens its task at once, due after the rectificationWorkdays setting', async () => {
    await signedInCounter()
    await referenceRepo.apply('settings', [{ id: 'rectificationWorkdays', value: 5, revision: 1 }])
    const subject = newStreamId('case')
    const ratings = useRatingsStore()
    await ratings.prompt(subject)
    await ratings.give(subject, { level: 1, dimensions: { attitude: 1, quality: 1, efficiency: 2 }, reasons: ['poorAttitude'], comment: null })
    const [opened] = await eventsRepo.byStream(rectificationStreamFor(ratingStreamFor(subject)))
    expect(opened).toMatchObject({ type: 'rectification.opened', staffId: 'staff-wang', payload: { source: { kind: 'rating', subject: ratingStreamFor(subject) }, ownerStaffId: 'staff-wang', workdays: 5, dueAt: '2026-03-09T23:59:59.999+08:00' } })
    // A good rating opens nothing.
    const other = newStreamId('case')
    await ratings.prompt(other)
    await ratings.give(other, { level: 5, dimensions: { attitude: 5, quality: 5, efficiency: 5 }, reasons: [], comment: null })
    expect(await eventsRepo.byStream(rectificationStreamFor(ratingStreamFor(other)))).toEqual([])
  })
})
