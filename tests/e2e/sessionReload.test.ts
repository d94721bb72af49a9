// Issue 14 item 8 in Chromium, offline: a reload inside the idle window keeps the signed-in session (no
// PIN asked, same page); after the lock button a reload comes back locked, and the PIN typed the moment
// the keypad shows is kept whole (six taps, 确定 enabled), three times in a row as in the report.
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AttachedBrowser } from './support/browser'
import { attachBrowser } from './support/browser'
import { enrollTablet, goOffline, signIn, waitForServiceWorkerControl } from './support/counter'
import { waitForAppRendered } from './support/page'
import type { SeededServer } from './support/seededServer'
import { startSeededServer } from './support/seededServer'

describe('the counter session across an offline reload', () => {
  let browser: AttachedBrowser
  let server: SeededServer
  let page: Page

  beforeAll(async () => {
    browser = await attachBrowser()
    server = await startSeededServer('session-reload')
    page = await browser.newPage()
  })

  afterAll(async () => {
    await browser?.context.setOffline(false)
    await browser?.detach()
    await server?.close()
  })

  it('keeps the session within the idle window, and after a lock takes a PIN typed at once', async () => {
    const staff = server.demo.staff[0]
    await enrollTablet(page, server, staff.id)
    await waitForServiceWorkerControl(page)
    await signIn(page, staff)
    await page.goto(`${server.origin}/consultations`)
    await waitForAppRendered(page)
    await page.locator('[data-test="staff-name"]').waitFor({ timeout: 15_000 })
    // Nothing but the staff id and the expiry is kept, and never the PIN.
    const kept = await page.evaluate(() => JSON.stringify(sessionStorage))
    expect(kept).toContain(staff.id)
    expect(kept).not.toContain(staff.pin)

    await goOffline(page, browser.context)
    await page.reload()
    await waitForAppRendered(page)
    await page.locator('[data-test="staff-name"]').waitFor({ timeout: 15_000 })
    expect(new URL(page.url()).pathname).toBe('/consultations')
    expect(await page.locator('[data-test="pin-dots"]').count()).toBe(0)

    for (let round = 1; round <= 3; round++) {
      await page.locator('[data-test="staff-lock"]').click()
      await page.locator('[data-test="pin-dots"]').waitFor({ timeout: 15_000 })
      await page.reload()
      // Typed the moment a keypad shows, while the app's first (failing) sync is still under way.
      const dots = page.locator('[data-test="pin-dots"]')
      await dots.first().waitFor({ timeout: 30_000 })
      for (const digit of staff.pin)
        await page.locator(`[data-test="key-${digit}"]`).click()
      expect(await dots.count()).toBe(1)
      expect(await page.locator('.signin-keypad__dot--filled').count()).toBe(staff.pin.length)
      const submit = page.locator('[data-test="pin-submit"]')
      expect(await submit.isEnabled()).toBe(true)
      await submit.click()
      await dots.waitFor({ state: 'detached', timeout: 15_000 })
      await page.locator('[data-test="staff-name"]').waitFor({ timeout: 15_000 })
      // The sign-in screen's header names the person before its redirect has landed: wait for the page.
      await expect.poll(() => new URL(page.url()).pathname, { message: `round ${round}`, timeout: 15_000 }).toBe('/consultations')
    }
  })
})
