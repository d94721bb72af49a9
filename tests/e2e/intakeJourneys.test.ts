// Issue 4's browser journeys, in Chromium, offline from just after sign-in to the end: (a) 帮办 with a
// missing material → one-time notice printed → 补正 → accepted → 陪同办理 → 办结 → handed over in person
// with a signature → the citizen rates on the counter screen; (b) 代办 with a 委托书 signed on the
// tablet → supplement requested and received → 办结 → handed over by post → a one-time QR token;
// (c) a 代办 case terminated (终止单). Every printed sheet (一次性告知单, 收件回执, 委托书, 办结单, 终止单)
// is checked under print media: all its fields filled, the app hidden. What the tablet stored is read
// from its IndexedDB with the raw API; nothing may come from the network while offline.
// One tablet and one server for the file, so the steps run in order.
import { createHash } from 'node:crypto'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SeededPage } from './support/seededPage'
import { closeSeededPage, openSeededPage } from './support/seededPage'
import type { DomainEvent } from '../../src/domain/events'
import { maskName } from '../../src/domain/identity'
import { ratingStreamFor } from '../../src/domain/rating'
import zhCN from '../../src/app/i18n/zh-CN'
import { completeWithResult } from './support/counterCase'
import {
  drawSignature,
  enrollTablet,
  enterPin,
  expectPrintedSheet,
  goOffline,
  headerBack,
  printCalls,
  readBlobs,
  signIn,
  streamEventsInRecordingOrder,
  trackNetworkResponses,
  waitForServiceWorkerControl,
} from './support/counter'
import type { SeededServer } from './support/seededServer'
import { readAllRows } from './support/seededServer'

/** 居民身份证换领: three required materials (原身份证, 户口簿, 申领登记表) and one optional. */
const ITEM = { code: 'hukou-idcard-renew', search: '身份证换领' }
/** A sealed personal value as IndexedDB holds it (src/app/data/crypto/handles.ts). */
const SEALED = expect.stringMatching(/^\uE000[A-Z2-7]{8}$/)
const MISSING = ['居民户口簿', '《居民身份证申领登记表》']
const RECEIPT_NUMBER = /^JC01-\d{4}-[A-Z]{1,2}-\d{4,}$/

const NOTICE_FIELDS = ['itemName', 'department', 'legalBasis', 'conditions', 'missing', 'materials', 'process', 'timeLimit', 'fee', 'resultDelivery', 'place', 'contact', 'issuedBy', 'issuedAt']
const RECEIPT_FIELDS = ['number', 'item', 'applicant', 'contact', 'handler', 'receivedAt', 'limit', 'materials', 'progress', 'delivery']
const ENTRUSTMENT_FIELDS = ['number', 'principal', 'agent', 'items', 'powers', 'validity', 'materials', 'signature', 'agentSign', 'date']
const COMPLETION_FIELDS = ['number', 'principal', 'agent', 'items', 'acceptedAt', 'completedAt', 'result', 'delivery', 'principalSign', 'agentSign']
const TERMINATION_FIELDS = ['number', 'principal', 'agent', 'items', 'initiatedBy', 'reason', 'terminatedAt', 'materials', 'signature', 'date']

interface Applicant {
  name: string
  idNumber: string
  mobile: string
}

const sha256Hex = (text: string): string => createHash('sha256').update(text).digest('hex')

describe('intake journeys at the counter, offline throughout', () => {
  let opened: SeededPage | undefined
  let server: SeededServer
  let page: Page
  let network: ReturnType<typeof trackNetworkResponses>
  const pageErrors: string[] = []

  beforeAll(async () => {
    opened = await openSeededPage('intake-journeys', { pageErrors, stubPrint: true })
    server = opened.server
    page = opened.page
  })

  afterAll(() => closeSeededPage(opened))

  it('enrolls with the printed code, signs in by PIN and goes offline', async () => {
    const staff = server.demo.staff[0]
    await enrollTablet(page, server, staff.id)
    // The service worker must control the page before the network goes.
    await waitForServiceWorkerControl(page)
    await signIn(page, staff)
    await page.locator('[data-test="tile-intake"]').waitFor()
    await goOffline(page, page.context())
    network = trackNetworkResponses(page)
    expect(pageErrors).toEqual([])
  })

  it('(a) 帮办: missing material → notice printed → 补正 → accepted → 办结 → handed over in person → the citizen rates', async () => {
    const applicant: Applicant = { name: '张桂兰', idNumber: '11010519491231002X', mobile: '13935600001' }
    await startIntake(page, 'assisted', applicant, ['provided', 'missing', 'missing', '-'])
    // Incomplete: no acceptance offered; the notice lists every missing material.
    expect(await page.locator('[data-test="outcome-accept"]').count()).toBe(0)
    const missingShown = await page.locator('[data-test="outcome-missing"]').innerText()
    for (const name of MISSING) expect(missingShown).toContain(name)
    await page.locator('[data-test="outcome-notice"]').click()
    await page.locator('[data-test="intake-done"]').waitFor()
    const doneMissing = await page.locator('[data-test="done-missing"]').innerText()
    for (const name of MISSING) expect(doneMissing).toContain(name)

    // 一次性告知单, printed from the done step.
    await page.locator('[data-test="intake-done"] [data-test="print"]').click()
    await expect.poll(() => printCalls(page)).toBe(1)
    const notice = await expectPrintedSheet(page, 'one-time-notice', NOTICE_FIELDS)
    for (const name of MISSING) expect(notice.missing).toContain(name)
    expect(await page.locator('.bm-print-root [data-test="one-time-notice"] [data-field="missing"] tbody tr').count()).toBe(MISSING.length)

    const id = await openCaseFromDone(page)
    await expectStatus(page, 'awaitingSupplement')

    // 补正: the citizen brings both; the checklist is run again and the case accepted.
    await page.locator('[data-test="action-supplement"]').click()
    const rows = page.locator('[data-test="supplement-panel"] [data-test="material-row"]')
    await rows.nth(1).locator('[data-test="status-supplemented"]').click()
    await rows.nth(2).locator('[data-test="status-supplemented"]').click()
    await page.locator('[data-test="supplement-panel"] [data-test="outcome-accept"]').click()
    await page.locator('[data-test="supplement-submit"]').click()
    await expectStatus(page, 'accepted')
    const receiptNumber = (await page.locator('[data-test="detail-receipt"]').innerText()).trim()
    expect(receiptNumber).toMatch(RECEIPT_NUMBER)

    // 收件回执.
    await page.locator('[data-test="action-print-receipt"]').click()
    await expect.poll(() => printCalls(page)).toBe(2)
    const receipt = await expectPrintedSheet(page, 'acceptance-receipt', RECEIPT_FIELDS)
    expect(receipt.number).toContain(receiptNumber)
    expect(receipt.applicant).toContain('110105********002X')
    expect(receipt.handler).toContain(server.demo.staff[0].name)

    // 帮办: staff accompany the citizen (帮办方式 recorded).
    await page.locator('[data-test="proxy-panel"] [data-test="action-accompany"]').click()
    await page.locator('[data-test="field-department"] input').fill('城区公安分局西街派出所')
    await page.locator('[data-test="field-text"] textarea').fill('陪同到派出所窗口采集人像')
    await page.locator('[data-test="proxy-submit"]').click()
    await page.locator('[data-test="action-form-accompany"]').waitFor({ state: 'detached' })

    // 办结 with its result (准予, the new card), confirmed; then handed over in person: identity checked, the recipient signs.
    await completeWithResult(page, { result: 'approved', document: '居民身份证', number: '身份证受理单 0012' })
    await page.locator('[data-test="action-handover"]').click()
    const form = '[data-test="handover-form"]'
    // The handover screen shows what is handed over.
    expect(await page.locator('[data-test="completion-result"]').innerText()).toContain('准予：居民身份证')
    expect(await page.locator(`${form} [data-test="recipient-name"] input`).inputValue()).toBe(applicant.name)
    await page.locator(`${form} [data-test="identity-checked"]`).click()
    await drawSignature(page, form, zhCN.handover.signed)
    await page.locator(`${form} [data-test="elicence-told"]`).click()
    await page.locator(`${form} [data-test="handover-submit"]`).click()
    await expectStatus(page, 'handedOver')

    // The citizen's own screen: a level, the three dimensions, a reason, a comment.
    await page.locator('[data-test="rating-counter"]').click()
    await page.waitForURL(url => url.pathname.startsWith('/rate/'))
    await page.locator('[data-test="level-5"]').click()
    for (const dimension of ['attitude', 'quality', 'efficiency'])
      await page.locator(`[data-test="dimension-${dimension}-5"]`).click()
    await page.locator('[data-test^="reason-"]').first().click()
    await page.locator('[data-test="rating-comment"] textarea').fill('工作人员全程陪同，很耐心。')
    await page.locator('[data-test="rating-submit"]').click()
    await page.locator('[data-test="rating-thanks"]').waitFor()
    // Handing the tablet back locks the counter: only a staff PIN opens the case again.
    await page.locator('[data-test="rating-hand-back"]').click()
    await enterPin(page, server.demo.staff[0].pin)
    await page.waitForURL(url => decodeURIComponent(url.pathname) === `/cases/${id}`)
    await expect.poll(() => page.locator('[data-test="rating-status"]').innerText(), { timeout: 10_000 }).toContain('已评价')

    // Every step is an event of the case stream, in order.
    const events = await streamEventsInRecordingOrder(page, id)
    expect(events.map(e => e.type)).toEqual([
      'case.received',
      'case.materialsChecked',
      'case.accompanied',
      'case.materialsChecked',
      'case.accepted',
      'case.accompanied',
      'case.completed',
      'case.handedOver',
    ])
    expect(events.find(e => e.type === 'case.accepted')?.payload).toMatchObject({ receiptNumber })
    expect(payloadOf(events, 'case.completed')).toMatchObject({ result: 'approved', resultDocument: '居民身份证', resultDocumentNumber: SEALED })
    const handedOver = payloadOf(events, 'case.handedOver')
    // Personal values are stored sealed (encryption at rest): a handle stands where the name was typed.
    expect(handedOver).toMatchObject({ method: 'inPerson', recipient: { name: SEALED, identityChecked: true }, eLicenceHintGiven: true })
    await expectSignatureBlob(page, (handedOver.recipient as { signatureSha256?: unknown } | undefined)?.signatureSha256)

    const rating = await streamEventsInRecordingOrder(page, ratingStreamFor(id))
    expect(rating.map(e => e.type)).toEqual(['rating.prompted', 'rating.given'])
    expect(payloadOf(rating, 'rating.given')).toMatchObject({ subject: id, channel: 'counter', enteredBy: 'citizen', level: 5, dimensions: { attitude: 5, quality: 5, efficiency: 5 }, comment: SEALED })
    expect(pageErrors).toEqual([])
  })

  it('(b) 代办: 委托书 signed → supplement requested → 办结 → handed over by post → a one-time QR token', async () => {
    await goHome(page)
    const applicant: Applicant = { name: '赵卫东', idNumber: '11010519491231002X', mobile: '13935600002' }
    const id = await proxyIntakeAccepted(page, applicant)

    // 委托书, printed from the case with the signature stored on the tablet.
    await page.locator('[data-test="entrustment-summary"]').waitFor()
    const before = await printCalls(page)
    await page.locator('[data-test="action-print-entrustment"]').click()
    await expect.poll(() => printCalls(page)).toBe(before + 1)
    const entrustment = await expectPrintedSheet(page, 'print-entrustment', ENTRUSTMENT_FIELDS)
    // Names are masked on paper too (issue 11): 赵*东.
    expect(entrustment.principal).toContain(maskName(applicant.name))
    expect(entrustment.principal).not.toContain(applicant.name)
    expect(entrustment.agent).toContain(server.demo.staff[0].name)
    await expectSignatureImageShown(page, 'print-entrustment')

    // The department asks for more: the citizen is phoned, brings it, the case goes on.
    await page.locator('[data-test="action-requestSupplement"]').click()
    await page.locator('[data-test="field-materials"] textarea').fill('户口簿本人页复印件')
    await page.locator('[data-test="proxy-submit"]').click()
    await expectStatus(page, 'supplementRequested')
    await page.locator('[data-test="action-receiveSupplement"]').click()
    expect(await page.locator('[data-test="field-materials"] textarea').inputValue()).toBe('户口簿本人页复印件')
    await page.locator('[data-test="proxy-submit"]').click()
    await page.locator('[data-test="action-form-receiveSupplement"]').waitFor({ state: 'detached' })

    await completeWithResult(page, { result: 'approved', document: '居民户口簿', number: '晋城城区户〔2026〕88号' })

    // Handed over by post: the handover screen shows the result.
    await page.locator('[data-test="action-handover"]').click()
    const form = '[data-test="handover-form"]'
    await page.locator(`${form} [data-test="handover-post"]`).click()
    await page.locator(`${form} [data-test="post-carrier"] input`).fill('中国邮政EMS')
    await page.locator(`${form} [data-test="post-waybill"] input`).fill('1172345678901')
    expect(await page.locator(`${form} [data-test="post-name"] input`).inputValue()).toBe(applicant.name)
    await page.locator(`${form} [data-test="post-address"] textarea`).fill('山西省晋城市城区凤台西街1号')
    await page.locator(`${form} [data-test="elicence-told"]`).click()
    await page.locator(`${form} [data-test="handover-submit"]`).click()
    await expectStatus(page, 'handedOver')

    // 办结单.
    const printed = await printCalls(page)
    await page.locator('[data-test="action-print-completion"]').click()
    await expect.poll(() => printCalls(page)).toBe(printed + 1)
    const completion = await expectPrintedSheet(page, 'print-completion', COMPLETION_FIELDS)
    expect(completion.number).toMatch(/JC01-\d{4}-[A-Z]{1,2}-\d{4,}/)
    expect(completion.delivery).toContain('1172345678901')
    expect(completion.result).toContain('准予：居民户口簿')
    expect(completion.result).toContain('晋城城区户〔2026〕88号')

    // The QR: the token exists only in the image; the tablet stores its hash.
    await page.evaluate(() => {
      const w = window as unknown as { __tokenBytes: number[][] }
      w.__tokenBytes = []
      const original = crypto.getRandomValues.bind(crypto) as (array: Uint8Array) => Uint8Array
      crypto.getRandomValues = ((array: Uint8Array): Uint8Array => {
        const result = original(array)
        if (array instanceof Uint8Array && array.length === 32) w.__tokenBytes.push([...array])
        return result
      }) as unknown as typeof crypto.getRandomValues
    })
    await page.locator('[data-test="rating-qr"]').click()
    const image = page.locator('[data-test="rating-qr-image"]')
    await image.waitFor()
    expect(await image.evaluate(el => el.tagName)).toBe('IMG')
    expect(await image.getAttribute('src')).toMatch(/^data:image\/png;base64,/)
    expect(await image.evaluate(el => (el as HTMLImageElement).complete && (el as HTMLImageElement).naturalWidth > 0)).toBe(true)
    const tokenBytes = await page.evaluate(() => (window as unknown as { __tokenBytes: number[][] }).__tokenBytes)
    expect(tokenBytes).toHaveLength(1)
    const token = Buffer.from(tokenBytes[0] ?? []).toString('base64url')
    await expect.poll(() => page.locator('[data-test="rating-status"]').innerText(), { timeout: 10_000 }).toContain('待扫码评价')

    const events = await streamEventsInRecordingOrder(page, id)
    expect(events.map(e => e.type)).toEqual([
      'case.received',
      'case.materialsChecked',
      'case.entrusted',
      'case.accepted',
      'case.supplementRequested',
      'case.supplementReceived',
      'case.completed',
      'case.handedOver',
    ])
    expect(payloadOf(events, 'case.handedOver')).toMatchObject({ method: 'post', carrier: '中国邮政EMS', waybillNumber: '1172345678901', recipient: { name: SEALED }, eLicenceHintGiven: true })
    await expectSignatureBlob(page, payloadOf(events, 'case.entrusted').signatureSha256)

    const rating = await streamEventsInRecordingOrder(page, ratingStreamFor(id))
    expect(rating.map(e => e.type)).toEqual(['rating.tokenMinted'])
    expect(payloadOf(rating, 'rating.tokenMinted').tokenSha256).toBe(sha256Hex(token))
    // Only the hash: the token is nowhere in the tablet's database.
    const stored = JSON.stringify(await Promise.all(['events', 'outbox', 'meta', 'cases'].map(store => readAllRows<unknown>(page, store))))
    expect(stored).not.toContain(token)
    expect(stored).toContain(sha256Hex(token))
    expect(pageErrors).toEqual([])
  })

  it('(c) 代办 terminated at the principal\'s request: the 终止单 prints every field', async () => {
    await goHome(page)
    const id = await proxyIntakeAccepted(page, { name: '孙建国', idNumber: '11010519491231002X', mobile: '13935600004' })
    await page.locator('[data-test="action-terminate"]').click()
    await page.locator('[data-test="initiator-principal"]').check()
    await page.locator('[data-test="field-text"] textarea').fill('委托人已自行到派出所办理，撤回委托')
    await page.locator('[data-test="proxy-submit"]').click()
    await expectStatus(page, 'terminated')

    const before = await printCalls(page)
    await page.locator('[data-test="action-print-termination"]').click()
    await expect.poll(() => printCalls(page)).toBe(before + 1)
    const termination = await expectPrintedSheet(page, 'print-termination', TERMINATION_FIELDS)
    expect(termination.reason).toContain('撤回委托')
    expect(termination.principal).toContain('孙*国')

    const events = await streamEventsInRecordingOrder(page, id)
    expect(events.map(e => e.type)).toEqual(['case.received', 'case.materialsChecked', 'case.entrusted', 'case.accepted', 'case.terminated'])
    expect(pageErrors).toEqual([])
  })

  it('fetched nothing from the network while offline', async () => {
    expect(await network.stop()).toEqual([])
  })
})

/** From home: a walk-in intake of ITEM for `applicant`, materials decided as given ('-' leaves a row undecided); ends on the decision step. */
async function startIntake(page: Page, kind: 'assisted' | 'proxy', applicant: Applicant, statuses: string[]): Promise<void> {
  await page.locator('[data-test="tile-intake"]').click()
  const heading = page.locator('[data-test="step-heading"]')
  // Kind (and a 帮办's 帮办方式) go on by themselves; the source (walk-in) is not asked.
  await page.locator(`[data-test="kind-${kind}"]`).click()
  if (kind === 'assisted')
    await page.locator('[data-test="assist-mode-guidance"]').click()
  await page.locator('[data-test="catalog-search"] input').fill(ITEM.search)
  await page.locator(`[data-code="${ITEM.code}"]`).click()
  // Choosing the item goes on by itself.
  await page.locator('[data-test="applicant-name"] input').fill(applicant.name)
  await page.locator('[data-test="applicant-id"] input').fill(applicant.idNumber)
  await page.locator('[data-test="applicant-mobile"] input').fill(applicant.mobile)
  await page.locator('[data-test="step-next"]').click()
  const rows = page.locator('[data-test="material-row"]')
  await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(statuses.length)
  for (const [i, status] of statuses.entries()) {
    if (status !== '-')
      await rows.nth(i).locator(`[data-test="status-${status}"]`).click()
  }
  await page.locator('[data-test="step-next"]').click()
  await expect.poll(() => heading.innerText()).toContain('第5步')
}

/** A 代办 intake with every required material, accepted with the 委托书 signed on the tablet; returns the case id, on its detail. */
async function proxyIntakeAccepted(page: Page, applicant: Applicant): Promise<string> {
  await startIntake(page, 'proxy', applicant, ['provided', 'provided', 'provided', '-'])
  await page.locator('[data-test="outcome-accept"]').click()
  const form = '[data-test="entrustment-form"]'
  await page.locator(form).waitFor()
  expect(await page.locator(`${form} [data-test="entrustment-principal"]`).innerText()).toContain(applicant.name)
  await drawSignature(page, form, zhCN.entrustment.signed)
  await page.locator('[data-test="step-submit"]').click()
  await page.locator('[data-test="intake-done"]').waitFor()
  expect((await page.locator('[data-test="receipt-number"]').innerText()).match(/JC01-\d{4}-[A-Z]{1,2}-\d{4,}/)?.[0]).toMatch(RECEIPT_NUMBER)
  const id = await openCaseFromDone(page)
  await expectStatus(page, 'accepted')
  return id
}

/** The done step's "open the case": returns the case id from the detail URL. */
async function openCaseFromDone(page: Page): Promise<string> {
  await page.locator('[data-test="open-case"]').click()
  await page.waitForURL(url => /^\/cases\/[^/]+$/.test(url.pathname))
  const id = decodeURIComponent(new URL(page.url()).pathname.slice('/cases/'.length))
  expect(id).toMatch(/^case:/)
  await page.locator('[data-test="detail-status"]').waitFor()
  return id
}

async function expectStatus(page: Page, status: string): Promise<void> {
  await expect.poll(() => page.locator('[data-test="detail-status"]').getAttribute('data-status'), { timeout: 10_000 }).toBe(status)
}

/** Case detail → case list → home, by the header's back arrow. */
async function goHome(page: Page): Promise<void> {
  const tile = page.locator('[data-test="tile-intake"]')
  for (let i = 0; i < 3 && !(await tile.isVisible()); i++) {
    await headerBack(page)
    await page.waitForURL(url => !url.pathname.startsWith('/cases/'))
  }
  await tile.waitFor()
}

function payloadOf(events: DomainEvent[], type: string): Record<string, unknown> {
  const event = events.find(e => e.type === type)
  expect(event, type).toBeDefined()
  return (event?.payload ?? {}) as Record<string, unknown>
}

/** The signature the event references is a PNG in the blobs table, keyed by the SHA-256 of its bytes. */
async function expectSignatureBlob(page: Page, sha: unknown): Promise<void> {
  expect(sha).toMatch(/^[0-9a-f]{64}$/)
  const blob = (await readBlobs(page)).find(b => b.sha256 === sha)
  expect(blob, 'signature blob stored').toBeDefined()
  expect(blob?.type).toBe('image/png')
  expect(blob?.size).toBeGreaterThan(0)
  // Encrypted at rest: the stored bytes are ciphertext, not the PNG its SHA-256 names (the print shows it decrypted).
  expect(blob?.encrypted).toBe(true)
  expect(blob?.contentSha256).not.toBe(sha)
}

/** The signature on a printed sheet is an image that actually loaded. */
async function expectSignatureImageShown(page: Page, sheet: string): Promise<void> {
  const img = page.locator(`.bm-print-root [data-test="${sheet}"] [data-field="signature"] img`)
  await expect.poll(() => img.evaluate(el => (el as HTMLImageElement).complete && (el as HTMLImageElement).naturalWidth > 0), { timeout: 10_000 }).toBe(true)
}
