// Booking steps the browser journeys share (issue 9 items 1–2): a citizen books on /book from a phone-sized
// page; the tablet pulls the appointment and checks the citizen in, which opens the intake prefilled.
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { expect } from 'vitest'

export interface CitizenBooking {
  stationId: string
  itemCode: string
  name: string
  mobile: string
}

export interface BookedAppointment {
  code: string
  /** 'YYYY-MM-DD HH:MM–HH:MM' as the page shows it. */
  when: string
  /** The citizen's phone page (still open on the confirmation). */
  page: Page
}

/** A phone: 390×844, touch, zh-CN, its own context (no staff app, no service worker of the tablet's). */
export async function phoneContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, hasTouch: true, locale: 'zh-CN' })
}

/** Books the first free slot for `booking` on /book and returns the booking code the page shows. */
export async function bookAsCitizen(phone: BrowserContext, origin: string, booking: CitizenBooking): Promise<BookedAppointment> {
  const page = await phone.newPage()
  await page.goto(`${origin}/book`)
  await page.locator(`[data-test="book-station-${booking.stationId}"]`).tap()
  await page.locator(`[data-test="book-item-${booking.itemCode}"]`).tap()
  // The item's one-time notice: what to bring.
  await page.locator('[data-test="book-materials"] li').first().waitFor()
  await page.locator('[data-test="book-item-next"]').tap()
  await page.locator('[data-test^="book-slot-"]:not([disabled])').first().tap()
  await page.locator('[data-test="book-name"]').fill(booking.name)
  await page.locator('[data-test="book-mobile"]').fill(booking.mobile)
  await page.locator('[data-test="book-consent"]').check()
  await page.locator('[data-test="book-submit"]').tap()
  const code = (await page.locator('[data-test="book-code"]').innerText({ timeout: 15_000 })).trim()
  expect(code).toMatch(/^[A-HJ-NP-Z2-9]{8}$/)
  return { code, when: (await page.locator('[data-test="book-when"]').innerText()).trim(), page }
}

/** On the signed-in tablet: opens 预约, syncs until the appointment with `code` is there, checks it in. Ends in the intake. */
export async function checkInAppointment(page: Page, code: string): Promise<void> {
  await page.locator('[data-test="tile-appointments"]').click()
  const card = page.locator(`[data-test="appointment-${code}"]`)
  await expect.poll(async () => {
    if (await card.count() > 0)
      return true
    await page.locator('[data-test="sync-now"]').first().click().catch(() => undefined)
    return false
  }, { timeout: 30_000, interval: 1000 }).toBe(true)
  await card.locator('[data-test="appointment-check-in"]').click()
  await page.locator('[data-test="step-heading"]').waitFor()
  await expect.poll(() => new URL(page.url()).searchParams.get('appointment')).toMatch(/^appointment:/)
}
