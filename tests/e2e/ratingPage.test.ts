// The citizen's rating page (issue 9 item 3) in real Chromium on a phone-sized screen: the QR's /r/<token>
// is served by the page's own small entry (never the staff app, never its service worker); the citizen
// rates 不满意 and the station's database holds the rating once. Plus the budget: the entry's JS ≤ 60 KB gz.
import { createHash, randomBytes } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import type { BrowserContext } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { newEventId, newStreamId } from '../../src/domain/events'
import { ratingStreamFor } from '../../src/domain/rating'
import { jsonb } from '../../src/server/db'
import type { AttachedBrowser } from './support/browser'
import { attachBrowser, e2eContext } from './support/browser'
import type { SeededServer } from './support/seededServer'
import { startSeededServer } from './support/seededServer'
import { entryAssets, gzippedSize, PUBLIC_ENTRY_BUDGET_BYTES } from './support/budget'

describe('the citizen\'s rating page', () => {
  let browser: AttachedBrowser
  let server: SeededServer
  let phone: BrowserContext

  beforeAll(async () => {
    browser = await attachBrowser()
    server = await startSeededServer('rating-page')
    phone = await browser.browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, hasTouch: true, locale: 'zh-CN' })
  })

  afterAll(async () => {
    await phone?.close()
    await browser?.detach()
    await server?.close()
  })

  it('is its own entry within budget: ≤ 60 KB of JS gzipped, none of the staff app, not precached by it', async () => {
    const { baseBuildDir } = e2eContext()
    const rate = await entryAssets(baseBuildDir, 'rate.html')
    const staff = await entryAssets(baseBuildDir, 'index.html')
    expect(rate.js.length).toBeGreaterThan(0)
    const rateJs = await gzippedSize(baseBuildDir, rate.js)
    console.log(`[budget] rate.html: ${rate.js.length} JS file(s), ${(rateJs / 1024).toFixed(1)} KiB gzipped (budget 60 KiB)`)
    expect(rateJs).toBeLessThanOrEqual(PUBLIC_ENTRY_BUDGET_BYTES)
    // Not the staff app's entry: its main chunk is not loaded by the rating page.
    const staffEntry = staff.js[0] ?? ''
    expect(rate.js).not.toContain(staffEntry)
    const sw = await readFile(path.join(baseBuildDir, 'sw.js'), 'utf8')
    expect(sw).not.toContain('rate.html')
    // Citizens are not offered to install the counter app from it.
    expect(await readFile(path.join(baseBuildDir, 'rate.html'), 'utf8')).not.toContain('rel="manifest"')
  })

  it('rates 不满意 from a phone: the station holds one rating, and no service worker is registered', async () => {
    const { db, demo } = server
    const token = randomBytes(32).toString('base64url')
    const subject = newStreamId('case')
    const stream = ratingStreamFor(subject)
    const now = new Date()
    // The tablet's handover pushed the token's hash (only the hash ever leaves the tablet).
    await db.insertInto('events').values({
      id: newEventId(),
      stream,
      type: 'rating.tokenMinted',
      v: 1,
      payload: jsonb({ subject, staffId: demo.staff[0]?.id ?? '', tokenSha256: createHash('sha256').update(token).digest('hex'), expiresAt: new Date(now.getTime() + 7 * 86_400_000).toISOString() }),
      station_id: demo.station.id,
      device_id: 'tablet-e2e',
      staff_id: demo.staff[0]?.id ?? null,
      occurred_at: now,
      occurred_at_text: now.toISOString(),
      content_key: 'e2e',
    }).execute()

    const page = await phone.newPage()
    const errors: string[] = []
    page.on('pageerror', e => errors.push(e.message))
    await page.goto(`${server.origin}/r/${token}`)
    await expect.poll(() => page.locator('[data-test="rate-station"]').textContent()).toBe(demo.station.name)
    // The staff app never loaded here.
    expect(await page.locator('#app').count()).toBe(0)

    await page.locator('[data-test="rate-level-2"]').tap()
    for (const d of ['attitude', 'quality', 'efficiency'])
      await page.locator(`[data-test="rate-${d}-2"]`).tap()
    await page.locator('[data-test="rate-reason-poorAttitude"]').check()
    await page.locator('[data-test="rate-comment"]').fill('<script>alert(1)</script>等了很久')
    await page.locator('[data-test="rate-submit"]').tap()
    await expect.poll(() => page.locator('[data-test="rate-thanks"]').isVisible()).toBe(true)

    const rows = await db.selectFrom('events').select(['payload']).where('stream', '=', stream).where('type', '=', 'rating.given').execute()
    expect(rows).toHaveLength(1)
    expect(rows[0]?.payload).toMatchObject({ level: 2, channel: 'qr', comment: '<script>alert(1)</script>等了很久' })
    const registrations = await page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length)
    expect(registrations).toBe(0)
    expect(errors).toEqual([])

    // Reloading the same link: spent.
    await page.reload()
    await expect.poll(() => page.locator('[data-test="rate-unavailable"]').textContent()).toContain('一次一评')
  })

  it('lays every control out at ≥ 44 px on a 390 px screen', async () => {
    const page = await phone.newPage()
    const token = randomBytes(32).toString('base64url')
    await page.goto(`${server.origin}/r/${token}`)
    await expect.poll(() => page.locator('[data-test="rate-unavailable"]').isVisible()).toBe(true)
    const retry = await page.locator('[data-test="rate-retry"]').boundingBox()
    expect(retry?.height ?? 0).toBeGreaterThanOrEqual(44)
    const width = await page.evaluate(() => document.documentElement.scrollWidth)
    expect(width).toBeLessThanOrEqual(390)
  })
})
