// The whole 好差评 loop of issue 9 in one Chromium: a citizen books on /book (phone-sized) → the tablet pulls
// the appointment → check-in → intake → 办结 → handed over in person → the rating QR (decoded from its
// pixels) → the citizen opens the link on a phone-sized page and rates 不满意 → the station's tablet sees the
// rating, its 差评回访 task and its rectification task → the office re-checks and closes the task (the
// tablet pulls that too) → the public results page counts the rating. Nothing is injected into the database:
// every step goes through the pages.
import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ratingStreamFor } from '../../src/domain/rating'
import type { AttachedBrowser } from './support/browser'
import { attachBrowser } from './support/browser'
import { bookAsCitizen, checkInAppointment, phoneContext } from './support/booking'
import { enrollTablet, signIn } from './support/counter'
import { acceptPrefilledIntake, completeAndHandOverInPerson, goHome, openCaseFromDone, scanRatingQr } from './support/counterCase'
import { handoverRatingLink, officeClosesRectification, publicResultsCounts, rateDissatisfiedOnPhone, tabletRectificationTask } from './support/rectification'
import { officeSignIn } from './support/office'
import type { SeededServer } from './support/seededServer'
import { startSeededServer } from './support/seededServer'

const ITEM = 'hukou-idcard-renew'
const CITIZEN = { name: '冯晓梅', mobile: '13935622222', idNumber: '11010519491231002X' }

describe('the 好差评 loop: booked on a phone, rated 不满意 by QR, rectified, published', () => {
  let browser: AttachedBrowser
  let server: SeededServer
  let phone: BrowserContext
  let counter: BrowserContext
  let office: BrowserContext
  const errors: string[] = []
  const watch = (page: Page): Page => {
    page.on('pageerror', e => errors.push(`${page.url()}: ${e.message}`))
    return page
  }

  beforeAll(async () => {
    browser = await attachBrowser()
    server = await startSeededServer('rating-loop')
    phone = await phoneContext(browser.browser)
    counter = await browser.browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' })
    office = await browser.browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' })
  })

  afterAll(async () => {
    await phone?.close()
    await counter?.close()
    await office?.close()
    await browser?.detach()
    await server?.close()
  })

  it('books → checks in → 办结 → QR → 不满意 → rating, 回访 and 整改 tasks → office closes → results count it', async () => {
    const { demo, db } = server
    const lead = demo.staff[0]
    const results = watch(await phone.newPage())
    const before = await publicResultsCounts(results, server, 2)

    // The citizen books on the phone.
    const booked = await bookAsCitizen(phone, server.origin, { stationId: demo.station.id, itemCode: ITEM, ...CITIZEN })
    watch(booked.page)

    // The tablet pulls the appointment, checks the citizen in and accepts the prefilled intake.
    const tablet = watch(await counter.newPage())
    await enrollTablet(tablet, server, lead.id)
    await signIn(tablet, lead)
    await checkInAppointment(tablet, booked.code)
    await acceptPrefilledIntake(tablet, CITIZEN)
    const caseId = await openCaseFromDone(tablet)
    await completeAndHandOverInPerson(tablet, CITIZEN.name)

    // The QR the tablet shows is the citizen's one-time link.
    const link = await scanRatingQr(tablet)
    expect(link).toMatch(new RegExp(`^${server.origin}/r/[\\w-]{43}$`))
    const ratingStream = ratingStreamFor(caseId)
    // The tablet pushes the token's hash at its next sync; only then can the phone rate.
    await expect.poll(async () => {
      await tablet.locator('[data-test="sync-now"]').first().click().catch(() => undefined)
      const minted = await db.selectFrom('events').select('id').where('stream', '=', ratingStream).where('type', '=', 'rating.tokenMinted').execute()
      return minted.length
    }, { timeout: 30_000, interval: 1000 }).toBe(1)

    // The citizen opens the link on the phone and rates 不满意.
    const citizen = watch(await phone.newPage())
    await rateDissatisfiedOnPhone(citizen, link)
    const given = await db.selectFrom('events').select('payload').where('stream', '=', ratingStream).where('type', '=', 'rating.given').execute()
    expect(given).toHaveLength(1)
    expect(given[0]?.payload).toMatchObject({ subject: caseId, level: 2, channel: 'qr' })

    // The station's tablet pulls the rating and its rectification task, owned by the staff member rated.
    await goHome(tablet)
    const task = await tabletRectificationTask(tablet, ratingStream)
    await expect.poll(() => task.textContent()).toContain('不满意')
    expect(await task.locator('[data-test="rectification-status"]').textContent()).toContain('整改中')
    expect(await task.textContent()).toContain(lead.name)

    // …and the 差评回访 call-back task of the case (7.1.3), on the tablet's 回访与投诉 list.
    await goHome(tablet)
    await tablet.locator('[data-test="tile-follow-ups"]').click()
    const followUp = tablet.locator(`[data-test="follow-up-${caseId}"]`)
    await followUp.waitFor({ timeout: 15_000 })
    expect(await followUp.textContent()).toContain('差评回访')

    // The office re-checks and closes the rectification; the tablet pulls the re-check.
    const desk = watch(await office.newPage())
    await officeSignIn(desk, server.origin, server.demo.office)
    await officeClosesRectification(desk, ratingStream, '已电话回访，窗口已整改')
    await goHome(tablet)
    const closed = await tabletRectificationTask(tablet, ratingStream, 'rectification.rechecked')
    await expect.poll(() => closed.locator('[data-test="rectification-status"]').textContent()).toContain('已办结')
    expect(await closed.locator('[data-test="rectification-rechecks"]').textContent()).toContain('已电话回访，窗口已整改')

    // The public results page counts the 不满意 (and the link is spent: 一次一评).
    const after = await publicResultsCounts(results, server, 2)
    expect(after).toEqual({ atLevel: before.atLevel + 1, total: before.total + 1 })
    await citizen.reload()
    await expect.poll(() => citizen.locator('[data-test="rate-unavailable"]').textContent()).toContain('一次一评')
    expect(errors).toEqual([])
  })

  it('bad input on the phone: an expired link says so and records nothing; a comment stops at 500 characters', async () => {
    const { db } = server
    const expired = await handoverRatingLink(server, server.demo.staff[0].id, new Date(Date.now() - 60_000))
    const page = watch(await phone.newPage())
    await page.goto(expired.url)
    await expect.poll(() => page.locator('[data-test="rate-unavailable"]').textContent(), { timeout: 15_000 }).toContain('已过有效期')
    expect(await db.selectFrom('events').select('id').where('stream', '=', expired.ratingStream).where('type', '=', 'rating.given').execute()).toHaveLength(0)

    // An oversized comment cannot be typed past the limit the server enforces (501 characters → 400 there).
    const valid = await handoverRatingLink(server)
    await page.goto(valid.url)
    await page.locator('[data-test="rate-station"]').waitFor({ timeout: 15_000 })
    await page.locator('[data-test="rate-level-4"]').tap()
    for (const d of ['attitude', 'quality', 'efficiency'])
      await page.locator(`[data-test="rate-${d}-4"]`).tap()
    await page.locator('[data-test="rate-comment"]').fill('很'.repeat(600))
    expect(await page.locator('[data-test="rate-comment"]').inputValue()).toHaveLength(500)
    await page.locator('[data-test="rate-submit"]').tap()
    await page.locator('[data-test="rate-thanks"]').waitFor({ timeout: 15_000 })
    const given = await db.selectFrom('events').select('payload').where('stream', '=', valid.ratingStream).where('type', '=', 'rating.given').execute()
    expect(given).toHaveLength(1)
    expect((given[0]?.payload as { comment: string }).comment).toHaveLength(500)
    expect(errors).toEqual([])
  })
})
