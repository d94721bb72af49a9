// The booking journey in real Chromium (issue 9 items 1–2): a citizen books on /book on a phone-sized page
// (its own small entry, no service worker) → the tablet pulls the appointment → check-in → the intake opens
// prefilled with the item, name and mobile and the source set → accepted; the server holds a case received
// from the appointment. Plus the budget: the /book entry's JS ≤ 60 KB gzipped, not precached by the staff app.
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AttachedBrowser } from './support/browser'
import { attachBrowser, e2eContext } from './support/browser'
import { bookAsCitizen, checkInAppointment, phoneContext } from './support/booking'
import { entryAssets, gzippedSize, PUBLIC_ENTRY_BUDGET_BYTES } from './support/budget'
import { enrollTablet, signIn } from './support/counter'
import type { SeededServer } from './support/seededServer'
import { startSeededServer } from './support/seededServer'

const ITEM = 'hukou-idcard-renew'
const CITIZEN = { name: '刘建华', mobile: '13935611111', idNumber: '11010519491231002X' }

describe('a citizen books, the counter checks in', () => {
  let browser: AttachedBrowser
  let server: SeededServer
  let phone: BrowserContext
  let tablet: Page
  const pageErrors: string[] = []

  beforeAll(async () => {
    browser = await attachBrowser()
    server = await startSeededServer('booking-journey')
    phone = await phoneContext(browser.browser)
    tablet = await browser.newPage()
    tablet.on('pageerror', e => pageErrors.push(e.message))
  })

  afterAll(async () => {
    await phone?.close()
    await browser?.detach()
    await server?.close()
  })

  it('/book is its own entry within budget: ≤ 60 KB of JS gzipped, none of the staff app, not precached by it', async () => {
    const { baseBuildDir } = e2eContext()
    const book = await entryAssets(baseBuildDir, 'book.html')
    const staff = await entryAssets(baseBuildDir, 'index.html')
    expect(book.js.length).toBeGreaterThan(0)
    const size = await gzippedSize(baseBuildDir, book.js)
    console.log(`[budget] book.html: ${book.js.length} JS file(s), ${(size / 1024).toFixed(1)} KiB gzipped (budget 60 KiB)`)
    expect(size).toBeLessThanOrEqual(PUBLIC_ENTRY_BUDGET_BYTES)
    expect(book.js).not.toContain(staff.js[0] ?? '')
    const sw = await readFile(path.join(baseBuildDir, 'sw.js'), 'utf8')
    expect(sw).not.toContain('book.html')
    expect(await readFile(path.join(baseBuildDir, 'book.html'), 'utf8')).not.toContain('rel="manifest"')
  })

  it('books on a phone, is pulled by the tablet, checked in, and accepted from a prefilled intake', async () => {
    const { demo, db } = server
    const booked = await bookAsCitizen(phone, server.origin, { stationId: demo.station.id, itemCode: ITEM, ...CITIZEN })
    const phoneErrors: string[] = []
    booked.page.on('pageerror', e => phoneErrors.push(e.message))
    expect(await booked.page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length)).toBe(0)
    expect(await booked.page.locator('#app').count()).toBe(0)
    const width = await booked.page.evaluate(() => document.documentElement.scrollWidth)
    expect(width).toBeLessThanOrEqual(390)

    const staff = demo.staff[0]
    await enrollTablet(tablet, server, staff.id)
    await signIn(tablet, staff)
    await checkInAppointment(tablet, booked.code)

    // Prefilled: the source is the appointment, the item chosen, name and mobile in.
    await tablet.locator('[data-test="kind-assisted"]').click()
    await tablet.locator('[data-test="assist-mode-guidance"]').click()
    await tablet.locator('[data-test="step-next"]').click()
    expect(await tablet.locator('[data-test="applicant-name"] input').inputValue()).toBe(CITIZEN.name)
    expect(await tablet.locator('[data-test="applicant-mobile"] input').inputValue()).toBe(CITIZEN.mobile)
    await tablet.locator('[data-test="applicant-id"] input').fill(CITIZEN.idNumber)
    await tablet.locator('[data-test="step-next"]').click()
    const rows = tablet.locator('[data-test="material-row"]')
    await expect.poll(() => rows.count()).toBeGreaterThan(0)
    const n = await rows.count()
    for (let i = 0; i < n; i++)
      await rows.nth(i).locator('[data-test="status-provided"]').click()
    await tablet.locator('[data-test="step-next"]').click()
    await tablet.locator('[data-test="outcome-accept"]').click()
    await tablet.locator('[data-test="intake-done"]').waitFor()

    // The server holds the check-in and a case received from the appointment once the tablet has synced.
    await expect.poll(async () => {
      await tablet.locator('[data-test="sync-now"]').first().click().catch(() => undefined)
      const rows = await db.selectFrom('events').select(['type', 'payload']).where('station_id', '=', demo.station.id).where('type', 'in', ['case.received', 'case.accepted', 'appointment.checkedIn']).execute()
      const received = rows.find(r => r.type === 'case.received' && (r.payload as { channel?: string }).channel === 'appointment')
      return received && rows.some(r => r.type === 'case.accepted') && rows.some(r => r.type === 'appointment.checkedIn') ? (received.payload as { appointmentId: string }).appointmentId : null
    }, { timeout: 30_000, interval: 1000 }).toMatch(/^appointment:/)
    expect(pageErrors).toEqual([])
    expect(phoneErrors).toEqual([])
  })
})
