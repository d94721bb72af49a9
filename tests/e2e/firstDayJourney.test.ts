// Issue 14's browser journey, the way a first-day worker works at a 1280×800 tablet in Chromium: every
// tap on the screen is counted (typing is not). A complete 帮办 intake, receipt printed, takes ≤ 9 taps; the
// missing-material path, one-time notice printed, ≤ 14. The 帮办方式 asked in the intake makes the case's
// row of ledger E (帮办登记表) complete.
import type { Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SeededPage } from './support/seededPage'
import { closeSeededPage, openSeededPage } from './support/seededPage'
import { enrollTablet, headerBack, printCalls, signIn } from './support/counter'
import type { SeededServer } from './support/seededServer'

/** 居民身份证换领: three required materials and one optional. */
const ITEM = { code: 'hukou-idcard-renew', search: '身份证换领' }

describe('a first day at the counter: taps counted', () => {
  let opened: SeededPage | undefined
  let server: SeededServer
  let page: Page
  let taps = 0
  const pageErrors: string[] = []

  /** One tap by the worker. */
  async function tap(target: Locator): Promise<void> {
    taps++
    await target.click()
  }

  async function typeApplicant(name: string, idNumber: string, mobile: string): Promise<void> {
    await page.locator('[data-test="applicant-name"] input').fill(name)
    await page.locator('[data-test="applicant-id"] input').fill(idNumber)
    await page.locator('[data-test="applicant-mobile"] input').fill(mobile)
  }

  beforeAll(async () => {
    opened = await openSeededPage('first-day-journey', { pageErrors, viewport: { width: 1280, height: 800 }, stubPrint: true })
    server = opened.server
    page = opened.page
    await enrollTablet(page, server, server.demo.staff[0].id)
    await signIn(page, server.demo.staff[0])
    await page.locator('[data-test="tile-intake"]').waitFor()
  })

  afterAll(() => closeSeededPage(opened))

  it('a complete 帮办 intake, receipt printed, in ≤ 9 taps', async () => {
    taps = 0
    await tap(page.locator('[data-test="tile-intake"]'))
    // No source step for a walk-in; the kind and the 帮办方式 go on by themselves.
    await tap(page.locator('[data-test="kind-assisted"]'))
    await tap(page.locator('[data-test="assist-mode-formFilling"]'))
    await page.locator('[data-test="catalog-search"] input').fill(ITEM.search)
    await tap(page.locator(`[data-code="${ITEM.code}"]`))
    await typeApplicant('张桂兰', '11010519491231002X', '13935600001')
    await tap(page.locator('[data-test="step-next"]'))
    // Nothing marked yet: no red "缺少" verdict.
    expect(await page.locator('[data-test="materials-summary"]').innerText()).not.toContain('缺少')
    await tap(page.locator('[data-test="all-provided"]'))
    // Complete: 受理 is recorded on the tap.
    await tap(page.locator('[data-test="outcome-accept"]'))
    await page.locator('[data-test="intake-done"]').waitFor()
    expect(await page.locator('[data-test="receipt-number"]').innerText()).toMatch(/JC01-\d{4}-[A-Z]{1,2}-\d{4,}/)
    const printed = await printCalls(page)
    await tap(page.locator('[data-test="intake-done"] [data-test="print"]'))
    await expect.poll(() => printCalls(page)).toBe(printed + 1)
    expect(taps).toBeLessThanOrEqual(9)
    expect(pageErrors).toEqual([])
  })

  it('the missing-material path, one-time notice printed, in ≤ 14 taps', async () => {
    await page.locator('[data-test="intake-again"]').click()
    taps = 1 // a new intake from home starts with the home tile, as above
    await tap(page.locator('[data-test="kind-assisted"]'))
    await tap(page.locator('[data-test="assist-mode-guidance"]'))
    await page.locator('[data-test="catalog-search"] input').fill(ITEM.search)
    await tap(page.locator(`[data-code="${ITEM.code}"]`))
    await typeApplicant('赵卫东', '11010519491231002X', '13935600002')
    await tap(page.locator('[data-test="step-next"]'))
    const rows = page.locator('[data-test="material-row"]')
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(4)
    await tap(rows.nth(0).locator('[data-test="status-provided"]'))
    await tap(rows.nth(1).locator('[data-test="status-missing"]'))
    await tap(rows.nth(2).locator('[data-test="status-missing"]'))
    await tap(page.locator('[data-test="step-next"]'))
    await tap(page.locator('[data-test="outcome-notice"]'))
    await page.locator('[data-test="intake-done"]').waitFor()
    const printed = await printCalls(page)
    await tap(page.locator('[data-test="intake-done"] [data-test="print"]'))
    await expect.poll(() => printCalls(page)).toBe(printed + 1)
    expect(taps).toBeLessThanOrEqual(14)
    expect(pageErrors).toEqual([])
  })

  it('ledger E lists both 帮办 intakes, each row complete (帮办方式 recorded at intake)', async () => {
    await headerBack(page)
    await page.locator('[data-test="tile-ledgers"]').click()
    await page.locator('[data-test="ledger-tab-E"]').click()
    await page.waitForURL(url => url.pathname === '/ledgers/E')
    const rows = page.locator('[data-test="ledger-table"] [data-test="ledger-row"]')
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(2)
    await page.locator('[data-test="ledger-complete"]').waitFor()
    expect(await page.locator('[data-test="ledger-row"][data-incomplete]').count()).toBe(0)
    const text = await page.locator('[data-test="ledger-table"]').innerText()
    expect(text).toContain('填表')
    expect(text).toContain('咨询指导')
    expect(text).not.toContain('缺少：帮办方式')
  })
})
