// Issue 5's browser check of the printed ledger: in Chromium, a tablet enrolled with the printed code and
// signed in by PIN records a few intakes through the counter UI, opens ledger D (/ledgers/D, this month),
// presses 打印 and, under print media, the sheet shows the annex title and exactly Annex D's 16 column
// titles in order, one row per case with the applicant's name masked, and none of the app's chrome. Then
// Chromium's own print-to-PDF (A4 landscape) of that page succeeds with a real, non-empty PDF.
// `window.print` is stubbed in the page (the browser's dialog is not what is tested, the sheet is).
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { printCalls, stubPrintDialog } from './support/counter'
import { closeSeededPage, openSeededPage } from './support/seededPage'
import type { SeededPage } from './support/seededPage'
import { waitForAppRendered } from './support/page'
import type { SeededServer } from './support/seededServer'

/** Annex D's columns, in the annex's order. */
const ANNEX_D_TITLES = ['序号', '时间', '便民服务站名称', '窗口', '事项所属', '姓名', '联系方式', '申请事项', '受理与否', '办理时限', '办件状态', '退件原因', '接件时间', '当日办结时间', '受理人员', '备注']

/** 居民身份证换领: three required materials and one optional (the demo catalog). */
const ITEM = { code: 'hukou-idcard-renew', search: '身份证换领', name: '居民身份证换领' }

/** GB 11643 check character of the first 17 digits. */
function idNumber(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  const sum = [...first17].reduce((acc, d, i) => acc + Number(d) * (weights[i] ?? 0), 0)
  return `${first17}${'10X98765432'[sum % 11]}`
}

const APPLICANTS = [
  { name: '张三丰', masked: '张*丰', idNumber: idNumber('14010519610305001'), mobile: '13935601001' },
  { name: '李秀英', masked: '李*英', idNumber: idNumber('14010519720418002'), mobile: '13935601002' },
  { name: '王建国', masked: '王*国', idNumber: idNumber('14010519850722003'), mobile: '13935601003' },
]

describe('ledger D in print (Annex D, A4 landscape)', () => {
  let opened: SeededPage | undefined
  let server: SeededServer
  let page: Page
  const pageErrors: string[] = []

  beforeAll(async () => {
    opened = await openSeededPage('ledger-print', { pageErrors })
    server = opened.server
    page = opened.page
  })

  afterAll(() => closeSeededPage(opened))

  it('enrolls with the printed code, signs in by PIN and accepts a few intakes at the counter', async () => {
    const { demo } = server
    const staff = demo.staff[0]
    await page.goto(`${server.origin}/`)
    await waitForAppRendered(page)
    await page.locator('[data-test="enroll-code"] input').fill(demo.enrollmentCode.code)
    await page.locator('[data-test="enroll-submit"]').click()
    await page.locator(`[data-test="staff-${staff.id}"]`).click({ timeout: 30_000 })
    await enterPin(page, staff.pin)
    await page.locator('[data-test="tile-intake"]').click()

    for (const applicant of APPLICANTS)
      await acceptIntake(page, applicant)

    // Intake → home, then the 工作台账 tile (the tablet stays signed in: no reload).
    await page.locator('.shell-header .van-nav-bar__left').click()
    await page.locator('[data-test="tile-ledgers"]').click()
    await page.waitForURL(url => url.pathname === '/ledgers/D')
    const rows = page.locator('[data-test="ledger-table"] [data-test="ledger-row"]')
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(APPLICANTS.length)
    expect(pageErrors).toEqual([])
  })

  it('prints ledger D: the annex title, the 16 columns in order, the rows masked, no app chrome', async () => {
    await stubPrintDialog(page)
    await page.locator('[data-test="ledger-print-button"]').click()
    await expect.poll(() => printCalls(page)).toBe(1)
    const sheet = page.locator('.bm-print-root [data-test="ledger-print"]')
    await sheet.waitFor({ state: 'attached', timeout: 10_000 })
    expect(await sheet.isVisible(), 'the sheet stays out of sight on screen').toBe(false)

    await page.emulateMedia({ media: 'print' })
    try {
      expect(await sheet.isVisible()).toBe(true)
      const title = sheet.locator('h1')
      expect(await title.isVisible()).toBe(true)
      expect((await title.innerText()).replace(/\s+/g, ' ').trim()).toBe('附录D 政务服务便民服务站工作台账')

      const headers = await sheet.locator('thead tr').first().locator('th').allInnerTexts()
      expect(headers.map(h => h.trim())).toEqual(ANNEX_D_TITLES)
      expect(await sheet.locator('thead tr').count()).toBe(1)

      const cells = await sheet.locator('tbody tr').evaluateAll(trs =>
        trs.map(tr => [...tr.querySelectorAll('td')].map(td => (td as HTMLElement).innerText.trim())))
      expect(cells).toHaveLength(APPLICANTS.length)
      const column = (title: string): number => ANNEX_D_TITLES.indexOf(title)
      for (const row of cells)
        expect(row).toHaveLength(ANNEX_D_TITLES.length)
      expect(cells.map(r => r[column('序号')])).toEqual(APPLICANTS.map((_, i) => String(i + 1)))
      // Masked names only: never a full name or a full mobile on paper.
      expect(cells.map(r => r[column('姓名')]).sort()).toEqual(APPLICANTS.map(a => a.masked).sort())
      const printed = await sheet.innerText()
      for (const applicant of APPLICANTS) {
        expect(printed).not.toContain(applicant.name)
        expect(printed).not.toContain(applicant.mobile)
        expect(printed).not.toContain(applicant.idNumber)
      }
      for (const row of cells) {
        expect(row[column('申请事项')]).toContain(ITEM.name)
        expect(row[column('便民服务站名称')]).toBe(server.demo.station.name)
      }

      // The app (header, tabs, filters, the on-screen table) is hidden in print.
      expect(await page.locator('#app').isVisible(), 'app chrome hidden in print').toBe(false)
      expect(await page.locator('.shell-header').first().isVisible()).toBe(false)
      expect(await page.locator('[data-test="ledger-print-button"]').isVisible()).toBe(false)
      expect(await page.locator('[data-test="ledger-table"]').isVisible()).toBe(false)
    }
    finally {
      await page.emulateMedia({ media: 'screen' })
    }
    expect(pageErrors).toEqual([])
  })

  it('prints to PDF in Chromium: A4 landscape, non-empty', async () => {
    const pdf = await page.pdf({ landscape: true, format: 'A4', printBackground: true })
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-')
    expect(pdf.length).toBeGreaterThan(5_000)
    const text = pdf.toString('latin1')
    expect(text).toContain('%%EOF')
    // Every page is A4 landscape: 297 × 210 mm ≈ 842 × 595 pt (width first).
    const boxes = [...text.matchAll(/\/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]/g)]
      .map(m => [Number(m[3]) - Number(m[1]), Number(m[4]) - Number(m[2])])
    expect(boxes.length, 'pages in the PDF').toBeGreaterThan(0)
    for (const [width, height] of boxes) {
      // Chromium rounds A4 to inches (11.7 × 8.27 in), so allow a point or two.
      expect(Math.abs((width ?? 0) - 842), `page width ${width} pt`).toBeLessThanOrEqual(2)
      expect(Math.abs((height ?? 0) - 595), `page height ${height} pt`).toBeLessThanOrEqual(2)
    }
    expect(pageErrors).toEqual([])
  })
})

/** Types a PIN on the keypad and confirms it. */
async function enterPin(page: Page, pin: string): Promise<void> {
  await page.locator('[data-test="pin-dots"]').waitFor({ timeout: 30_000 })
  for (const digit of pin)
    await page.locator(`[data-test="key-${digit}"]`).click()
  await page.locator('[data-test="pin-submit"]').click()
  await page.locator('[data-test="pin-dots"]').waitFor({ state: 'detached', timeout: 15_000 })
}

/** On the intake wizard (step 1): a walk-in 帮办 of ITEM with every required material, accepted; ends on 再办一件's screen. */
async function acceptIntake(page: Page, applicant: { name: string, idNumber: string, mobile: string }): Promise<void> {
  const heading = page.locator('[data-test="step-heading"]')
  await page.locator('[data-test="kind-assisted"]').click()
  await page.locator('[data-test="assist-mode-guidance"]').click()
  await page.locator('[data-test="catalog-search"] input').fill(ITEM.search)
  await page.locator(`[data-code="${ITEM.code}"]`).click()
  await page.locator('[data-test="applicant-name"] input').fill(applicant.name)
  await page.locator('[data-test="applicant-id"] input').fill(applicant.idNumber)
  await page.locator('[data-test="applicant-mobile"] input').fill(applicant.mobile)
  await page.locator('[data-test="step-next"]').click()
  const rows = page.locator('[data-test="material-row"]')
  await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(4)
  for (let i = 0; i < 3; i++)
    await rows.nth(i).locator('[data-test="status-provided"]').click()
  await page.locator('[data-test="step-next"]').click()
  await expect.poll(() => heading.innerText()).toContain('第5步')
  await page.locator('[data-test="outcome-accept"]').click()
  await page.locator('[data-test="intake-done"]').waitFor()
  await page.locator('[data-test="intake-again"]').click()
  await page.locator('[data-test="kind-assisted"]').waitFor()
}
