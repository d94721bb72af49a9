/**
 * The citizen's booking page (issue 9 item 1) against the REAL server in-process: stations grouped by city
 * and county, or nearest first with a position; the item's materials; a slot; the mobile checked with the
 * domain's validator before anything is sent; a booking code; a slot that filled meanwhile says so and
 * goes back to fresh slots; cancel by code + mobile.
 */
import type { TestServer } from '../support/testServer'
import type { VueWrapper } from '@vue/test-utils'
import { flushPromises, mount } from '@vue/test-utils'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import BookingPage from '../../../src/app/public/booking/BookingPage.vue'
import { DEMO_STATION } from '../../../src/server/seed/demo'
import { startServer } from '../support/testServer'

let server: TestServer
const mounted: VueWrapper[] = []

beforeAll(async () => {
  server = await startServer()
}, 60_000)

afterAll(async () => {
  await server?.close()
})

afterEach(() => {
  mounted.splice(0).forEach(w => w.unmount())
  document.body.innerHTML = ''
})

const pageFetch = (input: string, init?: RequestInit) => server.fetch(`http://localhost${input}`, init)

async function until(check: () => boolean): Promise<void> {
  await vi.waitFor(async () => {
    await flushPromises()
    expect(check()).toBe(true)
  }, { timeout: 10_000 })
}

function open(locate: () => Promise<{ latitude: number, longitude: number } | null> = async () => null): VueWrapper {
  const w = mount(BookingPage, { props: { fetchFn: pageFetch, locate }, attachTo: document.body })
  mounted.push(w)
  return w
}

/** Station → item → the first free slot; ends on the details form. */
async function toDetails(w: VueWrapper): Promise<void> {
  await until(() => w.find(`[data-test="book-station-${DEMO_STATION.id}"]`).exists())
  await w.find(`[data-test="book-station-${DEMO_STATION.id}"]`).trigger('click')
  await until(() => w.find('[data-test="book-item-hukou-idcard-renew"]').exists())
  await w.find('[data-test="book-item-hukou-idcard-renew"]').trigger('click')
  await until(() => w.find('[data-test="book-materials"]').exists())
  expect(w.find('[data-test="book-materials"]').text()).toContain('居民户口簿')
  await w.find('[data-test="book-item-next"]').trigger('click')
  await until(() => w.find('[data-test^="book-slot-"]:not([disabled])').exists())
  await w.find('[data-test^="book-slot-"]:not([disabled])').trigger('click')
  await until(() => w.find('[data-test="book-mobile"]').exists())
}

describe('the citizen\'s booking page', () => {
  it('groups stations by city and county, or lists them nearest first when the phone gives its position', async () => {
    const grouped = open()
    await until(() => grouped.find('[data-test="book-order"]').exists())
    expect(grouped.find('[data-test="book-order"]').text()).toBe('按市、县（市、区）排列')
    expect(grouped.text()).toContain('晋城市')
    const near = open(async () => ({ latitude: 35.49, longitude: 112.85 }))
    await until(() => near.find('[data-test="book-order"]').text() === '已按距离由近到远排列')
    expect(near.text()).toMatch(/约 [\d.]+ 公里/)
  })

  it('checks the mobile before sending, books a slot and shows the code; cancels with code + mobile', { timeout: 30_000 }, async () => {
    const w = open()
    await toDetails(w)
    await w.find('[data-test="book-name"]').setValue('周丽')
    await w.find('[data-test="book-mobile"]').setValue('1381234')
    await w.find('form').trigger('submit')
    await until(() => w.find('[data-test="book-mobile-error"]').exists())
    expect(w.find('[data-test="book-mobile-error"]').text()).toBe('手机号码应为11位，当前为7位')
    await w.find('[data-test="book-mobile"]').setValue('139 3561 2222')
    await w.find('[data-test="book-consent"]').setValue(true)
    await w.find('form').trigger('submit')
    await until(() => w.find('[data-test="book-code"]').exists())
    const code = w.find('[data-test="book-code"]').text()
    expect(code).toMatch(/^[A-HJ-NP-Z2-9]{8}$/)

    await w.find('[data-test="book-cancel-open"]').trigger('click')
    await w.find('[data-test="book-cancel-code"]').setValue(code)
    await w.find('[data-test="book-cancel-mobile"]').setValue('13935600000')
    await w.find('[data-test="book-cancel-submit"]').trigger('click')
    await until(() => w.find('[data-test="book-cancel-problem"]').exists())
    expect(w.find('[data-test="book-cancel-problem"]').text()).toBe('预约码或手机号码不正确，找不到该预约')
    await w.find('[data-test="book-cancel-mobile"]').setValue('13935612222')
    await w.find('[data-test="book-cancel-submit"]').trigger('click')
    await until(() => w.find('[data-test="book-cancelled"]').exists())
  })

  it('says clearly when the slot filled meanwhile and shows fresh slots', { timeout: 30_000 }, async () => {
    const w = open()
    await toDetails(w)
    // Fill the chosen slot from elsewhere (capacity 2 by default).
    const chosen = (await pageFetch(`/api/public/booking/stations/${DEMO_STATION.id}`).then(r => r.json()) as { days: { date: string, slots: { start: string, remaining: number }[] }[] }).days
      .flatMap(d => d.slots.map(s => ({ date: d.date, ...s }))).find(s => s.remaining > 0)
    for (const mobile of ['13935633331', '13935633332']) {
      const res = await pageFetch('/api/public/booking/appointments', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ stationId: DEMO_STATION.id, itemCode: 'hukou-idcard-renew', date: chosen?.date, start: chosen?.start, name: '他人', mobile, consent: true }) })
      expect(res.status).toBe(201)
    }
    await w.find('[data-test="book-name"]').setValue('吴刚')
    await w.find('[data-test="book-mobile"]').setValue('13935644444')
    await w.find('[data-test="book-consent"]').setValue(true)
    await w.find('form').trigger('submit')
    await until(() => w.find('[data-test="book-problem"]').exists())
    expect(w.find('[data-test="book-problem"]').text()).toBe('该时段预约已满，请选择其他时段')
    await until(() => w.find(`[data-test="book-slot-${chosen?.date}-${chosen?.start}"]`).exists())
    expect(w.find(`[data-test="book-slot-${chosen?.date}-${chosen?.start}"]`).attributes('disabled')).toBeDefined()
  })
})
