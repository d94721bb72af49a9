// Issue 8 item 4 in Chromium at 1280×800: the office signs in at /office, opens the catalog, imports a real
// .xlsx file through the file picker (preview, confirm), edits an item (touch targets ≥ 44 px), and prints
// the station's 公示牌: under print media only the sheet shows, with the imported item and no internal note.
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { officeSignIn } from './support/office'
import { printCalls, stubPrintDialog } from './support/counter'
import { closeSeededPage, openSeededPage } from './support/seededPage'
import type { SeededPage } from './support/seededPage'
import { catalogWorkbookRows } from '../../src/domain/catalogSheet'
import type { SeededServer } from './support/seededServer'

const IMPORTED = {
  code: 'e2e-senior-card',
  name: '老年人优待证办理',
  department: '民政部门',
  legalBasis: ['《中华人民共和国老年人权益保障法》'],
  conditions: ['年满60周岁'],
  process: ['申请', '审核', '发证'],
  promisedLimitWorkdays: 0,
  fee: '不收费',
  contact: '0356-7654321',
  remarks: '内部备注：不应出现在公示牌上',
  materials: [{ name: '居民身份证', form: '原件', copies: 1, required: true, note: '内部：核对照片' }],
}

async function xlsxBuffer(): Promise<Buffer> {
  const rows = catalogWorkbookRows([IMPORTED])
  const { default: writeExcelFile } = await import('write-excel-file/node')
  const toSheet = (data: typeof rows.items) => data.map(r => r.map(v => (v === null ? null : { value: v })))
  return writeExcelFile([{ sheet: '事项', data: toSheet(rows.items) }, { sheet: '材料', data: toSheet(rows.materials) }]).toBuffer()
}

/** Height of every visible element matching `selector`, in CSS px. */
async function heights(page: Page, selector: string): Promise<number[]> {
  return page.locator(selector).evaluateAll(els => els.filter(e => (e as HTMLElement).offsetParent !== null).map(e => e.getBoundingClientRect().height))
}

describe('the office catalog in Chromium', () => {
  let opened: SeededPage | undefined
  let server: SeededServer
  let page: Page
  const pageErrors: string[] = []

  beforeAll(async () => {
    opened = await openSeededPage('office-catalog', { pageErrors, viewport: { width: 1280, height: 800 } })
    server = opened.server
    page = opened.page
  })

  afterAll(() => closeSeededPage(opened))

  it('signs in, lists the catalog and imports a real xlsx file through the picker', async () => {
    await officeSignIn(page, server.origin, server.demo.office)
    await page.locator('[data-test="office-nav-office-catalog"]').click()
    const rows = page.locator('[data-test="catalog-row"]')
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(12)
    for (const h of await heights(page, '.office-catalog__toolbar .van-button, .office-catalog__toolbar select, [data-test="catalog-search"], [data-test="catalog-row"]'))
      expect(h).toBeGreaterThanOrEqual(44)

    await page.locator('[data-test="import-file"]').setInputFiles({ name: '事项.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await xlsxBuffer() })
    await page.locator('[data-test="import-row"]').first().waitFor({ timeout: 15_000 })
    expect((await page.locator('[data-test="import-row"] td').allInnerTexts()).map(s => s.trim())).toEqual(['2', IMPORTED.code, IMPORTED.name, '1', '新增'])
    await page.locator('[data-test="import-confirm"]').click()
    await expect.poll(() => page.locator('[data-test="catalog-notice"]').textContent()).toBe('已导入 1 个事项')
    await expect.poll(() => rows.count()).toBe(13)
    const stored = await server.db.selectFrom('service_items').select('item').where('code', '=', IMPORTED.code).executeTakeFirstOrThrow()
    expect(stored.item).toMatchObject({ name: IMPORTED.name, promisedLimitWorkdays: 0, fee: '不收费' })
    expect(pageErrors).toEqual([])
  })

  it('opens the imported item in the editor, offers it at the demo station, with touch targets of 44 px', async () => {
    await page.locator(`[data-code="${IMPORTED.code}"]`).click()
    await page.waitForURL(url => url.pathname === `/office/catalog/${IMPORTED.code}`)
    await expect.poll(() => page.locator('[data-test="field-name"]').inputValue()).toBe(IMPORTED.name)
    for (const h of await heights(page, '[data-test="catalog-form"] input:not([type="checkbox"]), [data-test="catalog-form"] select, [data-test="catalog-form"] textarea, .catalog-item .van-button, [data-test="offer-station"]'))
      expect(h).toBeGreaterThanOrEqual(44)
    await page.locator(`[data-test="offer-${server.demo.station.id}"]`).check()
    await expect.poll(async () => (await server.db.selectFrom('station_items').select('offered').where('item_code', '=', IMPORTED.code).executeTakeFirst())?.offered).toBe(true)
    await page.locator('[data-test="catalog-back"]').click()
    await expect.poll(() => page.locator(`[data-code="${IMPORTED.code}"] [data-field="offered"]`).textContent()).toBe('1 个站点提供')
  })

  it('prints the station\'s 公示牌: only the sheet in print, the imported item with 即办, no internal notes', async () => {
    await stubPrintDialog(page)
    await page.locator('[data-test="print-station"]').selectOption(server.demo.station.id)
    await page.locator('[data-test="print-board"]').click()
    await expect.poll(() => printCalls(page)).toBe(1)
    const sheet = page.locator('.bm-print-root [data-test="print-notice-board"]')
    await sheet.waitFor({ state: 'attached' })
    expect(await sheet.isVisible(), 'the sheet stays out of sight on screen').toBe(false)
    await page.emulateMedia({ media: 'print' })
    try {
      expect(await sheet.isVisible()).toBe(true)
      expect(await page.locator('#app').isVisible()).toBe(false)
      const row = sheet.locator('[data-test="print-row"]').filter({ hasText: IMPORTED.name })
      expect(await row.locator('[data-field="timeLimit"]').innerText()).toBe('即办')
      expect(await row.locator('[data-field="process"]').innerText()).toBe('申请 → 审核 → 发证')
      expect(await row.locator('[data-field="contact"]').innerText()).toBe(IMPORTED.contact)
      const text = await sheet.innerText()
      expect(text).not.toContain(IMPORTED.remarks)
      expect(text).not.toContain('内部：核对照片')
      expect(await sheet.locator('[data-test="print-row"]').count()).toBe(13)
    }
    finally {
      await page.emulateMedia({ media: 'screen' })
    }
    expect(pageErrors).toEqual([])
  })
})
