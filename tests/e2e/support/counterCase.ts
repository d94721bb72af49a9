// Counter steps after check-in that the loop journeys share: accept the intake the appointment prefilled,
// open the case, 办结, hand over in person with the recipient's signature, and scan the rating QR the
// tablet shows (decoded from the image's pixels with jsqr, as a phone camera would).
import type { Page } from 'playwright-core'
import jsQR from 'jsqr'
import { expect } from 'vitest'
import zhCN from '../../../src/app/i18n/zh-CN'
import { drawSignature, headerBack } from './counter'

export interface PrefilledApplicant {
  name: string
  mobile: string
  idNumber: string
}

/** In the intake the check-in opened: 帮办 (导办), the prefilled name and mobile checked, every material provided, accepted. Ends on the done step. */
export async function acceptPrefilledIntake(page: Page, applicant: PrefilledApplicant): Promise<void> {
  await page.locator('[data-test="kind-assisted"]').click()
  await page.locator('[data-test="assist-mode-guidance"]').click()
  await page.locator('[data-test="step-next"]').click()
  expect(await page.locator('[data-test="applicant-name"] input').inputValue()).toBe(applicant.name)
  expect(await page.locator('[data-test="applicant-mobile"] input').inputValue()).toBe(applicant.mobile)
  await page.locator('[data-test="applicant-id"] input').fill(applicant.idNumber)
  await page.locator('[data-test="step-next"]').click()
  const rows = page.locator('[data-test="material-row"]')
  await expect.poll(() => rows.count()).toBeGreaterThan(0)
  const n = await rows.count()
  for (let i = 0; i < n; i++)
    await rows.nth(i).locator('[data-test="status-provided"]').click()
  await page.locator('[data-test="step-next"]').click()
  await page.locator('[data-test="outcome-accept"]').click()
  await page.locator('[data-test="intake-done"]').waitFor()
}

/** The done step's 查看办件: returns the case id from the detail URL. */
export async function openCaseFromDone(page: Page): Promise<string> {
  await page.locator('[data-test="open-case"]').click()
  await page.waitForURL(url => /^\/cases\/[^/]+$/.test(url.pathname))
  const id = decodeURIComponent(new URL(page.url()).pathname.slice('/cases/'.length))
  expect(id).toMatch(/^case:/)
  await page.locator('[data-test="detail-status"]').waitFor()
  return id
}

export async function expectCaseStatus(page: Page, status: string): Promise<void> {
  await expect.poll(() => page.locator('[data-test="detail-status"]').getAttribute('data-status'), { timeout: 10_000 }).toBe(status)
}

/** The 办结 result a journey records (issue 14 item 7). */
export type JourneyResult = { result: 'approved', document: string, number?: string } | { result: 'notApproved', reason: string }

/**
 * On the case detail: 办结 with its result — 准予 and the result document, or 不予 and the reason — confirmed on the
 * summary; ends when the case is completed and shows the result.
 */
export async function completeWithResult(page: Page, result: JourneyResult = { result: 'approved', document: '居民身份证' }): Promise<void> {
  await page.locator('[data-test="action-complete"]').click()
  const form = page.locator('[data-test="completion-form"]')
  await form.locator(`[data-test="completion-${result.result}"]`).click()
  if (result.result === 'approved') {
    await form.locator('[data-test="completion-document"] input').fill(result.document)
    if (result.number)
      await form.locator('[data-test="completion-document-number"] input').fill(result.number)
  }
  else {
    await form.locator('[data-test="completion-reason"] textarea').fill(result.reason)
  }
  await form.locator('[data-test="completion-next"]').click()
  await expect.poll(() => form.locator('[data-test="completion-summary"]').innerText()).toContain(result.result === 'approved' ? result.document : result.reason)
  await form.locator('[data-test="completion-confirm"]').click()
  await expectCaseStatus(page, 'completed')
  await expect.poll(() => page.locator('[data-test="completion-result"]').getAttribute('data-result')).toBe(result.result)
}

/** On the case detail: 办结 (准予), then handed over in person to the applicant (identity checked, signed). */
export async function completeAndHandOverInPerson(page: Page, recipient: string): Promise<void> {
  await completeWithResult(page)
  await page.locator('[data-test="action-handover"]').click()
  const form = '[data-test="handover-form"]'
  expect(await page.locator(`${form} [data-test="recipient-name"] input`).inputValue()).toBe(recipient)
  await page.locator(`${form} [data-test="identity-checked"]`).click()
  await drawSignature(page, form, zhCN.handover.signed)
  await page.locator(`${form} [data-test="elicence-told"]`).click()
  await page.locator(`${form} [data-test="handover-submit"]`).click()
  await expectCaseStatus(page, 'handedOver')
}

/** On the handed-over case: 扫码评价 shows the QR; returns the link it encodes (read from its pixels). */
export async function scanRatingQr(page: Page): Promise<string> {
  await page.locator('[data-test="rating-qr"]').click()
  const image = page.locator('[data-test="rating-qr-image"]')
  await image.waitFor()
  await expect.poll(() => image.evaluate(el => (el as HTMLImageElement).complete && (el as HTMLImageElement).naturalWidth > 0)).toBe(true)
  const pixels = await image.evaluate((el) => {
    const img = el as HTMLImageElement
    const canvas = document.createElement('canvas')
    canvas.width = img.naturalWidth
    canvas.height = img.naturalHeight
    const context = canvas.getContext('2d')
    if (context === null) throw new Error('no 2d canvas')
    context.drawImage(img, 0, 0)
    const data = context.getImageData(0, 0, canvas.width, canvas.height)
    return { width: data.width, height: data.height, rgba: Array.from(data.data) }
  })
  const code = jsQR(Uint8ClampedArray.from(pixels.rgba), pixels.width, pixels.height)
  expect(code, 'the rating QR decodes').not.toBeNull()
  return code?.data ?? ''
}

/** Back by the header's arrow until the home tiles show (case detail → case list → home). */
export async function goHome(page: Page): Promise<void> {
  const tile = page.locator('[data-test="tile-intake"]')
  for (let i = 0; i < 4 && !(await tile.isVisible()); i++) {
    await headerBack(page)
    await page.waitForURL(url => !url.pathname.startsWith('/cases/'))
  }
  await tile.waitFor()
}
