// The 好差评 loop in real Chromium (issue 9 items 3, 6, 7): a handover's QR link → the citizen rates 不满意 on a
// phone-sized page → the station's tablet pulls the rating and its rectification task → the office re-checks
// and closes it (the tablet pulls that too) → the public results page counts the rating. Plus the results
// entry's budget: ≤ 60 KB of JS gzipped, none of the staff app, never precached by it.
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import type { BrowserContext } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AttachedBrowser } from './support/browser'
import { attachBrowser, e2eContext } from './support/browser'
import { enrollTablet, signIn } from './support/counter'
import { entryAssets, gzippedSize, PUBLIC_ENTRY_BUDGET_BYTES } from './support/entryBudget'
import { handoverRatingLink, officeClosesRectification, publicResultsCounts, rateDissatisfiedOnPhone, tabletRectificationTask } from './support/rectification'
import { officeSignIn } from './support/office'
import type { SeededServer } from './support/seededServer'
import { startSeededServer } from './support/seededServer'

describe('rectification journey: a 差评 from the QR to the published results', () => {
  let browser: AttachedBrowser
  let server: SeededServer
  let phone: BrowserContext
  let counter: BrowserContext
  let office: BrowserContext

  beforeAll(async () => {
    browser = await attachBrowser()
    server = await startSeededServer('rectification-journey')
    phone = await browser.browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, hasTouch: true, locale: 'zh-CN' })
    counter = await browser.browser.newContext({ viewport: { width: 1280, height: 800 } })
    office = await browser.browser.newContext({ viewport: { width: 1280, height: 800 } })
  })

  afterAll(async () => {
    await phone?.close()
    await counter?.close()
    await office?.close()
    await browser?.detach()
    await server?.close()
  })

  it('the results page is its own entry within budget: ≤ 60 KB of JS gzipped, none of the staff app, not precached', async () => {
    const { baseBuildDir } = e2eContext()
    const results = await entryAssets(baseBuildDir, 'results.html')
    const staff = await entryAssets(baseBuildDir, 'index.html')
    expect(results.js.length).toBeGreaterThan(0)
    const size = await gzippedSize(baseBuildDir, results.js)
    console.log(`[budget] results.html: ${results.js.length} JS file(s), ${(size / 1024).toFixed(1)} KiB gzipped (budget 60 KiB)`)
    expect(size).toBeLessThanOrEqual(PUBLIC_ENTRY_BUDGET_BYTES)
    expect(results.js).not.toContain(staff.js[0] ?? '')
    const sw = await readFile(path.join(baseBuildDir, 'sw.js'), 'utf8')
    expect(sw).not.toContain('results.html')
    expect(await readFile(path.join(baseBuildDir, 'results.html'), 'utf8')).not.toContain('rel="manifest"')
  })

  it('QR → 不满意 on the phone → the tablet sees the task → the office closes it → the public page counts the rating', async () => {
    const { demo } = server
    const lead = demo.staff[0]
    const errors: string[] = []

    const resultsPage = await phone.newPage()
    resultsPage.on('pageerror', e => errors.push(e.message))
    const before = await publicResultsCounts(resultsPage, server, 2)

    // The station's tablet, enrolled and signed in before the citizen rates.
    const tablet = await counter.newPage()
    tablet.on('pageerror', e => errors.push(e.message))
    await enrollTablet(tablet, server, lead.id)
    await signIn(tablet, lead)

    const { url, ratingStream } = await handoverRatingLink(server, lead.id)
    const citizen = await phone.newPage()
    citizen.on('pageerror', e => errors.push(e.message))
    await rateDissatisfiedOnPhone(citizen, url)

    const card = await tabletRectificationTask(tablet, ratingStream)
    await expect.poll(() => card.textContent()).toContain('不满意')
    expect(await card.locator('[data-test="rectification-status"]').textContent()).toContain('整改中')
    // The owner is the staff member rated, due 15 working days on.
    expect(await card.textContent()).toContain(lead.name)

    const desk = await office.newPage()
    desk.on('pageerror', e => errors.push(e.message))
    await officeSignIn(desk, server.origin, server.demo.office)
    await officeClosesRectification(desk, ratingStream, '已回访并整改到位')

    // The office's re-check reaches the tablet on its next pull.
    const closed = await tabletRectificationTask(tablet, ratingStream, 'rectification.rechecked')
    await expect.poll(() => closed.locator('[data-test="rectification-status"]').textContent()).toContain('已办结')
    expect(await closed.locator('[data-test="rectification-rechecks"]').textContent()).toContain('已回访并整改到位')

    const after = await publicResultsCounts(resultsPage, server, 2)
    expect(after).toEqual({ atLevel: before.atLevel + 1, total: before.total + 1 })
    // The public page never registers the staff app's service worker.
    expect(await resultsPage.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length)).toBe(0)
    expect(errors).toEqual([])
  })
})
