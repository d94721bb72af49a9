// Issue 8 item 2 in Chromium: the office signs in at /office, creates a station (its Annex A application,
// through the API the page itself calls), opens the review queue and presses 打印 on the application;
// under print media the Annex A sheet shows its title and the application's values, and none of the app's
// chrome. `window.print` is stubbed in the page (the browser's dialog is not what is tested, the sheet is).
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { officeSignIn } from './support/office'
import { printCalls } from './support/counter'
import { closeSeededPage, openSeededPage } from './support/seededPage'
import type { SeededPage } from './support/seededPage'
import type { SeededServer } from './support/seededServer'

const STATION = { name: '城区邮政便民服务站', divisionCode: '140502', address: '晋城市城区凤台东街 1 号', hostType: 'post', contactPhone: '0356-2020202', application: { conditions: '邮政营业厅，人流量稳定', remarks: '试点' } }

describe('an Annex A application in print (A4)', () => {
  let opened: SeededPage | undefined
  let server: SeededServer
  let page: Page
  const pageErrors: string[] = []

  beforeAll(async () => {
    opened = await openSeededPage('station-print', { pageErrors, stubPrint: true })
    server = opened.server
    page = opened.page
  })

  afterAll(() => closeSeededPage(opened))

  it('signs in at /office and creates a station with its Annex A application', async () => {
    await officeSignIn(page, server.origin, server.demo.office)
    const status = await page.evaluate(async (body) => {
      const res = await fetch('/api/office/stations', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
      return res.status
    }, STATION)
    expect(status).toBe(201)
    await page.locator('[data-test="office-nav-office-applications"]').click()
    await page.waitForURL(url => url.pathname === '/office/applications')
    await expect.poll(() => page.locator('[data-test="application-row"]').count(), { timeout: 15_000 }).toBe(1)
    expect(pageErrors).toEqual([])
  })

  it('prints the Annex A sheet: its title and values, no app chrome', async () => {
    await page.locator('[data-test="application-print"]').click()
    await expect.poll(() => printCalls(page)).toBe(1)
    const sheet = page.locator('.bm-print-root [data-test="print-station-application"]')
    await sheet.waitFor({ state: 'attached', timeout: 10_000 })
    expect(await sheet.isVisible(), 'the sheet stays out of sight on screen').toBe(false)

    await page.emulateMedia({ media: 'print' })
    try {
      expect(await sheet.isVisible()).toBe(true)
      expect((await sheet.locator('h1').innerText()).trim()).toBe('政务服务便民服务站开设申请表')
      const value = async (field: string): Promise<string> => (await sheet.locator(`[data-field="${field}"]`).innerText()).trim()
      expect(await value('applicantUnit')).toBe(STATION.name)
      expect(await value('contactPhone')).toBe(STATION.contactPhone)
      expect(await value('countyCode')).toBe('山西省晋城市城区')
      expect(await value('site')).toBe(STATION.address)
      expect(await value('conditions')).toBe(STATION.application.conditions)
      expect(await value('remarks')).toBe(STATION.application.remarks)
      expect(await page.locator('#app').isVisible(), 'app chrome hidden in print').toBe(false)
      expect(await page.locator('[data-test="office-nav"]').isVisible()).toBe(false)
      expect(await page.locator('[data-test="applications-table"]').isVisible()).toBe(false)
    }
    finally {
      await page.emulateMedia({ media: 'screen' })
    }
    const pdf = await page.pdf({ format: 'A4', printBackground: true })
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-')
    expect(pageErrors).toEqual([])
  })
})
