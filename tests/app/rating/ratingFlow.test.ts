import type { VueWrapper } from '@vue/test-utils'
import { flushPromises } from '@vue/test-utils'
import QRCode from 'qrcode'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { RouterView } from 'vue-router'
import { ratingReasonsByLevel, ratingStreamFor } from '../../../src/domain/rating'
import { eventsRepo, outboxRepo } from '../../../src/app/data'
import { ratingTokenSha256 } from '../../../src/app/rating/ratingToken'
import { useHandoverStore } from '../../../src/app/stores/handover'
import { useSessionStore } from '../../../src/app/stores/session'
import { mountAt, signedInCounter } from '../support/signedInCounter'
import { acceptedCase, APPROVED } from '../support/acceptedCase'
import { until } from '../support/until'

const Host = defineComponent({ render: () => h(RouterView) })

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(new Date('2026-09-30T10:00:00+08:00'))
})

/** Unmounted after each test, so nothing of theirs runs once the DOM is gone. */
const mounted: VueWrapper[] = []

async function mountCounter(...args: Parameters<typeof mountAt>) {
  const result = await mountAt(...args)
  mounted.push(result.wrapper)
  return result
}

afterEach(() => {
  mounted.splice(0).forEach(w => w.unmount())
  vi.useRealTimers()
  vi.restoreAllMocks()
  document.body.innerHTML = ''
})

/** Wait for the target to be there and enabled, tap it, and let the handlers' promises run. */
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

/** A case completed and handed over by post, ready to be rated. */
async function handedOverCase(): Promise<string> {
  const id = await acceptedCase()
  const handover = useHandoverStore()
  await handover.complete(id, APPROVED)
  await handover.handOver(id, { method: 'post', carrier: 'EMS', waybillNumber: 'EA1CN', recipient: { name: '张三丰', phone: '13800138000', address: '大同市平城区' }, eLicenceHintGiven: true })
  return id
}

async function ratingEvents(subject: string) {
  return eventsRepo.byStream(ratingStreamFor(subject))
}

async function score(w: VueWrapper, n: number): Promise<void> {
  for (const d of ['attitude', 'quality', 'efficiency'])
    await click(w, `[data-test="dimension-${d}-${n}"]`)
}

describe('rating prompt at the counter (6.3.3.4)', () => {
  it('records the prompt on opening the citizen screen, which shows no staff navigation', async () => {
    const pinia = await signedInCounter()
    const id = await handedOverCase()
    const { wrapper: w } = await mountCounter(Host, `/rate/${id}`, pinia)
    await until(async () => expect(await ratingEvents(id)).toHaveLength(1))
    await until(() => expect(w.find('[data-test="rating-screen"]').exists()).toBe(true))
    expect(w.text()).not.toContain('返回')
    expect(w.text()).not.toContain('锁定')
    expect((await ratingEvents(id)).map(e => e.type)).toEqual(['rating.prompted'])
  })

  it('offers the reasons of the level chosen', async () => {
    const pinia = await signedInCounter()
    const id = await handedOverCase()
    const { wrapper: w } = await mountCounter(Host, `/rate/${id}`, pinia)
    await click(w, '[data-test="level-5"]')
    await until(() => {
      for (const r of ratingReasonsByLevel[5])
        expect(w.find(`[data-test="reason-${r.code}"]`).exists(), r.code).toBe(true)
    })
    expect(w.find('[data-test="reason-poorAttitude"]').exists()).toBe(false)
    await click(w, '[data-test="reason-warmService"]')
    await click(w, '[data-test="level-3"]')
    await until(() => expect(w.find('[data-test="reason-waitSomewhatLong"]').exists()).toBe(true))
    expect(w.find('[data-test="reason-warmService"]').exists()).toBe(false)
    await click(w, '[data-test="level-1"]')
    await until(() => expect(w.find('[data-test="reason-poorAttitude"]').exists()).toBe(true))
  })

  it('records the citizen\'s own 差评 with its call-back due, then locks the counter on the way back to staff', async () => {
    const pinia = await signedInCounter()
    const id = await handedOverCase()
    const { wrapper: w, router } = await mountCounter(Host, `/rate/${id}`, pinia)
    await click(w, '[data-test="level-2"]')
    await score(w, 2)
    // A 差评 needs a reason.
    await click(w, '[data-test="rating-submit"]')
    await until(() => expect(w.find('[data-test="rating-error"]').text()).toBe('选择不满意时，请至少选择一项原因'))
    await click(w, '[data-test="reason-longWait"]')
    await w.find('[data-test="rating-comment"] textarea').setValue('排队一个小时')
    await click(w, '[data-test="rating-submit"]')
    await until(async () => expect(await ratingEvents(id)).toHaveLength(2))

    const given = (await ratingEvents(id)).find(e => e.type === 'rating.given')
    expect(given?.payload).toMatchObject({
      subject: id,
      staffId: 'staff-wang',
      channel: 'counter',
      enteredBy: 'citizen',
      level: 2,
      dimensions: { attitude: 2, quality: 2, efficiency: 2 },
      reasons: ['longWait'],
      comment: '排队一个小时',
    })
    expect((given?.payload as { followUpDueAt: string }).followUpDueAt).toMatch(/^2026-10-2\d/)
    await until(() => expect(w.find('[data-test="rating-thanks"]').text()).toContain('感谢您的评价'))

    const session = useSessionStore()
    expect(session.locked).toBe(false)
    await w.find('[data-test="rating-hand-back"]').trigger('click')
    // Locked at once: the citizen never sees a staff screen; the case opens after the PIN.
    expect(session.locked).toBe(true)
    expect(session.signedIn).toBe(false)
    await until(() => expect(router.currentRoute.value.name).toBe('signin'))
    expect(router.currentRoute.value.query.redirect).toBe(`/cases/${id}`)
  })

  it('records 不评价 as declined by the citizen', async () => {
    const pinia = await signedInCounter()
    const id = await handedOverCase()
    const { wrapper: w } = await mountCounter(Host, `/rate/${id}`, pinia)
    await click(w, '[data-test="rating-decline"]')
    await until(async () => expect(await ratingEvents(id)).toHaveLength(2))
    const events = await ratingEvents(id)
    expect(events.map(e => e.type)).toEqual(['rating.prompted', 'rating.declined'])
    expect(events[1]?.payload).toMatchObject({ channel: 'counter', enteredBy: 'citizen' })
    await until(() => expect(w.find('[data-test="rating-thanks"]').exists()).toBe(true))
  })

  it('locks the counter whichever way the citizen leaves the screen', async () => {
    const pinia = await signedInCounter()
    const id = await handedOverCase()
    const { wrapper: w, router } = await mountCounter(Host, `/rate/${id}`, pinia)
    // The citizen's screen is up and has recorded its prompt before the citizen leaves it.
    await until(() => expect(w.find('[data-test="rating-screen"]').exists()).toBe(true))
    await until(async () => expect(await ratingEvents(id)).toHaveLength(1))
    void router.push({ name: 'home' })
    await until(() => expect(router.currentRoute.value.name).toBe('signin'))
    expect(useSessionStore().locked).toBe(true)
  })

  it('mints a QR token: only its SHA-256 is recorded, the QR is a local data URL', async () => {
    const toDataURL = vi.spyOn(QRCode, 'toDataURL')
    const pinia = await signedInCounter()
    const id = await handedOverCase()
    const { wrapper: w } = await mountCounter(Host, `/cases/${id}`, pinia)
    await click(w, '[data-test="rating-qr"]')
    await until(() => expect(w.find('[data-test="rating-qr-image"]').exists()).toBe(true))

    const url = toDataURL.mock.calls[0]?.[0] as string
    const token = url.match(/\/r\/([\w-]+)$/)?.[1] ?? ''
    expect(token).toMatch(/^[\w-]{43}$/)
    const [minted] = await ratingEvents(id)
    expect(minted?.type).toBe('rating.tokenMinted')
    expect(Object.keys(minted?.payload as object).sort()).toEqual(['expiresAt', 'staffId', 'subject', 'tokenSha256'])
    expect((minted?.payload as { tokenSha256: string }).tokenSha256).toBe(await ratingTokenSha256(token))
    // Valid 7 days.
    expect(Date.parse((minted?.payload as { expiresAt: string }).expiresAt)).toBe(Date.parse('2026-10-07T10:00:00+08:00'))
    // The token itself is nowhere in storage or the outbox.
    const stored = JSON.stringify([await eventsRepo.byStream(ratingStreamFor(id)), await outboxRepo.peek(1000)])
    expect(stored).not.toContain(token)

    const img = w.find('[data-test="rating-qr-image"]')
    expect(img.attributes('src')).toMatch(/^data:image\/png;base64,/)
    expect(w.find('[data-test="rating-qr-panel"]').text()).toContain('评价凭证随本平板的下次同步送达中心')
    await until(() => expect(w.find('[data-test="rating-status"]').text()).toContain('待扫码评价'))
  })
})
