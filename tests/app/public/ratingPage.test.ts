/**
 * The citizen's rating page (issue 9 item 3) against the REAL server in-process: a token minted and
 * pushed by the demo station's tablet opens the form; the citizen rates 不满意 with a reason; the rating
 * is stored once; a second visit is told it is spent; an unknown token says so in Chinese (and English).
 */
import type { TestServer } from '../support/testServer'
import { flushPromises, mount } from '@vue/test-utils'
import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import RatingPage from '../../../src/app/public/rating/RatingPage.vue'
import { tokenFromPath } from '../../../src/app/public/rating/ratingApi'
import { newEventId, newStreamId } from '../../../src/domain/events'
import { ratingStreamFor } from '../../../src/domain/rating'
import { startServer } from '../support/testServer'

let server: TestServer
let device: { deviceId: string, token: string, stationId: string }

beforeAll(async () => {
  server = await startServer()
  const res = await server.fetch('http://localhost/api/devices/enroll', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ code: server.firstCode, deviceName: '柜台平板' }) })
  device = await res.json() as typeof device
}, 60_000)

afterAll(async () => {
  await server?.close()
})

const pageFetch = (input: string, init?: RequestInit) => server.fetch(`http://localhost${input}`, init)

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))
  return Array.from(new Uint8Array(digest), b => b.toString(16).padStart(2, '0')).join('')
}

/** A case of the demo station handed over with a QR token, pushed by its tablet. */
async function mintedToken(): Promise<{ token: string, stream: string }> {
  const token = randomBytes(32).toString('base64url')
  const subject = newStreamId('case')
  const now = new Date()
  const base = { v: 1, stationId: device.stationId, deviceId: device.deviceId, staffId: 'demo-staff-1' }
  const received = { ...base, id: newEventId(), stream: subject, type: 'case.received', occurredAt: now.toISOString(), payload: { kind: 'assisted', itemCode: 'hukou-idcard-renew', itemName: '居民身份证换领(有效期满)', department: '公安机关', promisedLimitWorkdays: 15, channel: 'walkIn', applicant: { type: 'person', name: '张小明', idNumber: '11010519491231002X', mobile: '13812345678' } } }
  const minted = { ...base, id: newEventId(), stream: ratingStreamFor(subject), type: 'rating.tokenMinted', occurredAt: now.toISOString(), payload: { subject, staffId: 'demo-staff-1', tokenSha256: await sha256Hex(token), expiresAt: new Date(now.getTime() + 7 * 86_400_000).toISOString() } }
  const pushed = await server.fetch('http://localhost/api/sync/push', { method: 'POST', headers: { 'Content-Type': 'application/json', 'Authorization': `Bearer ${device.token}` }, body: JSON.stringify({ protocol: 1, appVersion: '0.1.0', events: [received, minted] }) })
  expect(pushed.status).toBe(200)
  return { token, stream: minted.stream }
}

async function until(check: () => boolean): Promise<void> {
  await vi.waitFor(async () => {
    await flushPromises()
    expect(check()).toBe(true)
  }, { timeout: 10_000 })
}

describe('the citizen\'s rating page', () => {
  it('reads the token from /r/<token>', () => {
    expect(tokenFromPath('/r/abc_DEF-123')).toBe('abc_DEF-123')
    expect(tokenFromPath('/r/abc/')).toBe('abc')
    expect(tokenFromPath('/rate')).toBe('')
  })

  it('rates 不满意 with the three dimensions and a reason; the rating is stored once and the page thanks the citizen', { timeout: 30_000 }, async () => {
    const { token, stream } = await mintedToken()
    const w = mount(RatingPage, { props: { token, fetchFn: pageFetch }, attachTo: document.body })
    await until(() => w.find('[data-test="rate-form"]').exists())
    expect(w.find('[data-test="rate-station"]').text()).toBe('山西银行晋城分行营业部便民服务站')
    expect(w.find('[data-test="rate-item"]').text()).toBe('居民身份证换领(有效期满)')
    expect(w.text()).not.toContain('张小明')

    // Nothing chosen: a clear message, nothing sent.
    await w.find('form').trigger('submit')
    await until(() => w.find('[data-test="rate-problem"]').exists())
    expect(w.find('[data-test="rate-problem"]').text()).toBe('请选择整体满意度')

    await w.find('[data-test="rate-level-2"]').trigger('click')
    for (const d of ['attitude', 'quality', 'efficiency'])
      await w.find(`[data-test="rate-${d}-2"]`).trigger('click')
    await w.find('form').trigger('submit')
    await until(() => w.find('[data-test="rate-problem"]').text() === '选择不满意时，请至少选择一项原因')
    await w.find('[data-test="rate-reason-poorAttitude"]').setValue(true)
    await w.find('[data-test="rate-comment"]').setValue('等了很久没人理')
    await w.find('form').trigger('submit')
    await until(() => w.find('[data-test="rate-thanks"]').exists())

    const rows = await server.db.selectFrom('events').select(['payload', 'device_id', 'staff_id']).where('stream', '=', stream).where('type', '=', 'rating.given').execute()
    expect(rows).toHaveLength(1)
    expect(rows[0]?.payload).toMatchObject({ level: 2, channel: 'qr', enteredBy: 'citizen', reasons: ['poorAttitude'], dimensions: { attitude: 2, quality: 2, efficiency: 2 }, comment: '等了很久没人理' })
    w.unmount()

    // The same QR again: spent.
    const again = mount(RatingPage, { props: { token, fetchFn: pageFetch }, attachTo: document.body })
    await until(() => again.find('[data-test="rate-unavailable"]').exists())
    expect(again.find('[data-test="rate-unavailable"]').text()).toContain('一次一评')
    again.unmount()
  })

  it('says an unknown token may not be synced yet, in Chinese and, switched, in English', { timeout: 30_000 }, async () => {
    const w = mount(RatingPage, { props: { token: randomBytes(32).toString('base64url'), fetchFn: pageFetch }, attachTo: document.body })
    await until(() => w.find('[data-test="rate-unavailable"]').exists())
    expect(w.find('[data-test="rate-unavailable"]').text()).toContain('服务站尚未同步数据')
    await w.find('[data-test="rate-language"]').trigger('click')
    expect(w.find('[data-test="rate-unavailable"]').text()).toContain('has not synced yet')
    w.unmount()
  })
})
