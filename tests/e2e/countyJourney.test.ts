// Issue 8's browser journey, in Chromium, from an EMPTY database (SEED_DEMO=0): the first admin is created
// with the real CLI → the office signs in at /office → opens a station through an Annex A application and
// approves it → adds two assessed staff → imports catalog items from a real .xlsx and offers one at the
// station → mints an enrollment code; a tablet (its own browser context) enrolls with it, signs in by PIN,
// takes in a case and syncs → the office's cross-station view counts it. Then the station lead drafts an
// Annex B change offline on the tablet → syncs → the office approves → the tablet shows the new values
// after its next pull; an Annex C closing while the tablet holds unsynced work warns in the office.
// One server, one office and one tablet for the file: the steps build on each other and run in order.
import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import officeZh from '../../src/app/i18n/office.zh-CN'
import zhCN from '../../src/app/i18n/zh-CN'
import { catalogWorkbookRows } from '../../src/domain/catalogSheet'
import type { AttachedBrowser } from './support/browser'
import { attachBrowser } from './support/browser'
import { connectivityShown, goOffline, headerBack, signIn } from './support/counter'
import type { EmptyServer } from './support/emptyServer'
import { startEmptyServer } from './support/emptyServer'
import { readMetaRow } from './support/indexeddb'
import { officeSignIn } from './support/office'
import { waitForAppRendered } from './support/page'
import { readAllRows } from './support/seededServer'

const ADMIN = { username: 'county-admin', password: 'Jincheng-2026-admin', divisionCode: '14' }
const STATION = { name: '城区凤台街道便民服务站', county: '140502', address: '晋城市城区凤台西街 88 号', hostType: 'bank', hostUnit: '晋城银行凤台支行', contactPhone: '0356-2031234', conditions: '银行网点大厅，设独立服务窗口' }
const LEAD = { name: '王建华', mobile: '13935610001', pin: '274851' }
const CLERK = { name: '李秀英', mobile: '13935610002', pin: '390617' }
const CHANGE = { address: '晋城市城区凤台西街 90 号', functions: '增加社保卡补换领' }

const OFFERED = {
  code: 'county-senior-card',
  name: '老年人优待证办理',
  department: '民政部门',
  legalBasis: ['《中华人民共和国老年人权益保障法》'],
  conditions: ['年满60周岁'],
  process: ['申请', '审核', '发证'],
  promisedLimitWorkdays: 5,
  fee: '不收费',
  contact: '0356-7654321',
  materials: [{ name: '居民身份证', form: '原件', copies: 1, required: true }],
}
const NOT_OFFERED = {
  code: 'county-disability-subsidy',
  name: '困难残疾人生活补贴申请',
  department: '残联',
  legalBasis: ['《国务院关于全面建立困难残疾人生活补贴和重度残疾人护理补贴制度的意见》'],
  conditions: ['持有第二代残疾人证'],
  process: ['申请', '审核', '发放'],
  promisedLimitWorkdays: 10,
  fee: '不收费',
  contact: '0356-7650000',
  materials: [{ name: '残疾人证', form: '原件', copies: 1, required: true }],
}
const APPLICANT = { name: '赵桂芳', idNumber: '11010519491231002X', mobile: '13935620001' }
const OFFLINE_QUESTION = '注销前离线咨询：高龄津贴什么时候发放？'

async function catalogXlsx(): Promise<Buffer> {
  const rows = catalogWorkbookRows([OFFERED, NOT_OFFERED])
  const { default: writeExcelFile } = await import('write-excel-file/node')
  const toSheet = (data: typeof rows.items) => data.map(r => r.map(v => (v === null ? null : { value: v })))
  return writeExcelFile([{ sheet: '事项', data: toSheet(rows.items) }, { sheet: '材料', data: toSheet(rows.materials) }]).toBuffer()
}

describe('a county from an empty database: office, station, staff, catalog, tablet, sync, change, closing', () => {
  let browser: AttachedBrowser
  let server: EmptyServer
  let officeContext: BrowserContext
  let tabletContext: BrowserContext
  let office: Page
  let tablet: Page
  const pageErrors: string[] = []
  let stationId = ''
  let stationCode = ''
  let enrollmentCode = ''
  let deviceId = ''
  let lead = { id: '', pin: LEAD.pin }
  let receiptNumber = ''

  beforeAll(async () => {
    browser = await attachBrowser()
    server = await startEmptyServer('county-journey', ADMIN)
    officeContext = await browser.browser.newContext({ viewport: { width: 1280, height: 800 } })
    tabletContext = await browser.browser.newContext({ viewport: { width: 1280, height: 800 } })
    office = await officeContext.newPage()
    tablet = await tabletContext.newPage()
    office.on('pageerror', error => pageErrors.push(`office: ${error.message}`))
    tablet.on('pageerror', error => pageErrors.push(`tablet: ${error.message}`))
  })

  afterAll(async () => {
    await officeContext?.close().catch(() => undefined)
    await tabletContext?.close().catch(() => undefined)
    await browser?.detach()
    await server?.close()
  })

  it('starts from nothing: the CLI made the only account, there is no station, no staff, no item', async () => {
    expect(server.cliOutput).toContain(`已创建主管机构账号 Office account created: ${ADMIN.username}`)
    const accounts = await server.db.selectFrom('office_accounts').select(['username', 'role', 'division_code']).execute()
    expect(accounts).toEqual([{ username: ADMIN.username, role: 'admin', division_code: ADMIN.divisionCode }])
    for (const table of ['stations', 'staff', 'service_items', 'devices', 'events'] as const)
      expect(await server.db.selectFrom(table).selectAll().execute(), table).toEqual([])
  }, 60_000)

  it('signs in at /office, opens a station by its Annex A application and approves it: 运行', async () => {
    await officeSignIn(office, server.origin, ADMIN)

    await office.locator('[data-test="office-nav-office-stations"]').click()
    await office.locator('[data-test="stations-empty"]').waitFor({ timeout: 15_000 })
    await office.locator('[data-test="station-create"]').click()
    const form = office.locator('[data-test="station-create-form"]')
    await form.locator('[data-test="create-name"] input').fill(STATION.name)
    await form.locator('[data-test="create-county"]').selectOption(STATION.county)
    await form.locator('[data-test="create-address"] input').fill(STATION.address)
    await form.locator('[data-test="create-hostType"]').selectOption(STATION.hostType)
    await form.locator('[data-test="create-hostUnit"] input').fill(STATION.hostUnit)
    await form.locator('[data-test="create-contactPhone"] input').fill(STATION.contactPhone)
    await form.locator('[data-test="create-conditions"] textarea').fill(STATION.conditions)
    await form.locator('[data-test="create-save"]').click()
    await office.waitForURL(url => url.pathname.startsWith('/office/stations/'), { timeout: 15_000 })
    stationId = decodeURIComponent(new URL(office.url()).pathname.slice('/office/stations/'.length))
    const created = await server.db.selectFrom('stations').select(['code', 'state', 'name', 'county_code']).where('id', '=', stationId).executeTakeFirstOrThrow()
    expect(created).toMatchObject({ state: 'applying', name: STATION.name, county_code: STATION.county })
    stationCode = created.code

    // The review queue holds the Annex A application; the office approves it with an opinion and a date.
    await office.locator('[data-test="office-nav-office-applications"]').click()
    await office.waitForURL(url => url.pathname === '/office/applications')
    const row = office.locator('[data-test="applications-table"] [data-test="application-row"]')
    await expect.poll(async () => (await row.locator('[data-col="kind"]').allInnerTexts()).map(text => text.trim()), { timeout: 15_000 }).toEqual([zhCN.stations.kind.open])
    await row.locator('[data-test="application-review"]').click()
    const dialog = office.locator('[data-test="review-dialog"]')
    await dialog.locator('[data-test="review-approve"]').click()
    await dialog.locator('[data-test="review-save"]').click()
    await office.locator('[data-test="applications-empty"]').waitFor({ timeout: 15_000 })

    await office.locator('[data-test="office-nav-office-stations"]').click()
    const stationRow = office.locator(`[data-test="station-row"][data-id="${stationId}"]`)
    await expect.poll(() => stationRow.locator('[data-col="state"]').innerText(), { timeout: 15_000 }).toBe(zhCN.stations.state.open)
    expect((await server.db.selectFrom('stations').select('state').where('id', '=', stationId).executeTakeFirstOrThrow()).state).toBe('open')
    expect(pageErrors).toEqual([])
  })

  it('adds two staff with passed assessments and PINs on the station page', async () => {
    await office.locator(`[data-test="station-row"][data-id="${stationId}"] [data-test="station-link"]`).click()
    await office.waitForURL(url => decodeURIComponent(url.pathname) === `/office/stations/${stationId}`)
    const panel = office.locator('[data-test="station-staff-panel"]')
    await panel.locator('[data-test="staff-empty"]').waitFor({ timeout: 15_000 })
    for (const [i, person] of [LEAD, CLERK].entries()) {
      await panel.locator('[data-test="staff-add"]').click()
      const form = panel.locator('[data-test="staff-add-form"]')
      await form.locator('[data-test="staff-add-name"] input').fill(person.name)
      await form.locator('[data-test="staff-add-mobile"] input').fill(person.mobile)
      await form.locator('[data-test="staff-add-pin"] input').fill(person.pin)
      if (person === LEAD)
        await form.locator('[data-test="staff-add-role-lead"]').click()
      expect(await form.locator('[data-test="staff-add-assessed"]').getAttribute('aria-checked')).toBe('true')
      await form.locator('[data-test="staff-add-assessor"] input').fill('城区政务服务中心')
      await form.locator('[data-test="staff-add-submit"]').click()
      await form.waitFor({ state: 'detached', timeout: 15_000 })
      await expect.poll(() => panel.locator('.staff-card').count(), { timeout: 15_000 }).toBe(i + 1)
    }
    const staff = await server.db.selectFrom('staff').select(['id', 'name', 'role', 'assessment_passed', 'active', 'pin_verifier']).where('station_id', '=', stationId).orderBy('name').execute()
    expect(staff.map(s => ({ name: s.name, role: s.role, assessed: s.assessment_passed, active: s.active, pin: s.pin_verifier !== null })).sort((a, b) => a.role.localeCompare(b.role))).toEqual([
      { name: LEAD.name, role: 'lead', assessed: true, active: true, pin: true },
      { name: CLERK.name, role: 'staff', assessed: true, active: true, pin: true },
    ])
    lead = { id: staff.find(s => s.role === 'lead')?.id ?? '', pin: LEAD.pin }
    // Two assessed staff: the 1–2 staff rule is met, no warning.
    expect(await panel.locator('[data-test="staff-warning"]').count()).toBe(0)
    expect(pageErrors).toEqual([])
  })

  it('imports the catalog from a real .xlsx and offers one item at the station', async () => {
    await office.locator('[data-test="office-nav-office-catalog"]').click()
    await office.locator('[data-test="catalog-empty"]').waitFor({ timeout: 15_000 })
    await office.locator('[data-test="import-file"]').setInputFiles({ name: '事项.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await catalogXlsx() })
    const preview = office.locator('[data-test="import-row"]')
    await expect.poll(() => preview.count(), { timeout: 15_000 }).toBe(2)
    await office.locator('[data-test="import-confirm"]').click()
    await expect.poll(() => office.locator('[data-test="catalog-notice"]').textContent(), { timeout: 15_000 }).toBe('已导入 2 个事项')
    await expect.poll(() => office.locator('[data-test="catalog-row"]').count()).toBe(2)
    expect((await server.db.selectFrom('service_items').select('code').orderBy('code').execute()).map(r => r.code)).toEqual([NOT_OFFERED.code, OFFERED.code].sort())

    await office.locator(`[data-code="${OFFERED.code}"]`).click()
    await office.waitForURL(url => url.pathname === `/office/catalog/${OFFERED.code}`)
    await office.locator(`[data-test="offer-${stationId}"]`).check()
    await expect.poll(async () => (await server.db.selectFrom('station_items').select('offered').where('station_id', '=', stationId).where('item_code', '=', OFFERED.code).executeTakeFirst())?.offered, { timeout: 15_000 }).toBe(true)
    await office.locator('[data-test="catalog-back"]').click()
    await expect.poll(() => office.locator(`[data-code="${OFFERED.code}"] [data-field="offered"]`).textContent(), { timeout: 15_000 }).toBe('1 个站点提供')
    expect(pageErrors).toEqual([])
  })

  it('mints an enrollment code on the station\'s tablets panel, shown with its QR code', async () => {
    await office.goto(`${server.origin}/office/stations/${encodeURIComponent(stationId)}`)
    const devices = office.locator('[data-test="station-devices-panel"]')
    await devices.locator('[data-test="devices-empty"]').waitFor({ timeout: 15_000 })
    await devices.locator('[data-test="devices-mint"]').click()
    const card = devices.locator('[data-test="enroll-code-card"]')
    await card.waitFor({ timeout: 15_000 })
    enrollmentCode = (await card.locator('[data-test="enroll-code-value"]').innerText()).trim()
    expect(enrollmentCode).toMatch(/^[A-Z0-9-]{6,}$/)
    const url = new URL((await card.locator('[data-test="enroll-code-url"]').innerText()).trim())
    expect(url.pathname).toBe('/device/enroll')
    expect(url.searchParams.get('code')).toBe(enrollmentCode)
    await card.locator('[data-test="enroll-code-qr"]').waitFor()
    expect(await card.locator('[data-test="enroll-code-qr"]').getAttribute('src')).toMatch(/^data:image\/png;base64,/)
    expect(pageErrors).toEqual([])
  })

  it('enrolls the tablet with that code, signs in the lead by PIN and takes in a case for the imported item', async () => {
    await tablet.goto(`${server.origin}/`)
    await waitForAppRendered(tablet)
    await tablet.locator('[data-test="enroll-code"] input').fill(enrollmentCode)
    await tablet.locator('[data-test="enroll-submit"]').click()
    await tablet.locator(`[data-test="staff-${lead.id}"]`).waitFor({ timeout: 60_000 })
    expect((await readMetaRow(tablet, 'stationId'))?.value).toBe(stationId)
    deviceId = String((await readMetaRow(tablet, 'deviceId'))?.value)
    await signIn(tablet, lead)
    await tablet.locator('[data-test="tile-intake"]').click()
    await tablet.locator('[data-test="kind-assisted"]').click({ timeout: 15_000 })
    await tablet.locator('[data-test="assist-mode-guidance"]').click()
    // Only the item offered at this station is listed.
    await tablet.locator(`[data-code="${OFFERED.code}"]`).waitFor({ timeout: 15_000 })
    expect(await tablet.locator(`[data-code="${NOT_OFFERED.code}"]`).count()).toBe(0)
    await tablet.locator('[data-test="catalog-search"] input').fill('优待证')
    await tablet.locator(`[data-code="${OFFERED.code}"]`).click()
    await tablet.locator('[data-test="applicant-name"] input').fill(APPLICANT.name)
    await tablet.locator('[data-test="applicant-id"] input').fill(APPLICANT.idNumber)
    await tablet.locator('[data-test="applicant-mobile"] input').fill(APPLICANT.mobile)
    await tablet.locator('[data-test="step-next"]').click()
    const rows = tablet.locator('[data-test="material-row"]')
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(1)
    await rows.first().locator('[data-test="status-provided"]').click()
    await tablet.locator('[data-test="step-next"]').click()
    await tablet.locator('[data-test="outcome-accept"]').click()
    await tablet.locator('[data-test="intake-done"]').waitFor({ timeout: 15_000 })
    receiptNumber = (await tablet.locator('[data-test="receipt-number"] strong').innerText()).trim()
    expect(receiptNumber.startsWith(`${stationCode.toUpperCase()}-`)).toBe(true)
    expect(pageErrors).toEqual([])
  })

  it('syncs, and the office\'s cross-station view counts the case for the new station (the server holds it once)', async () => {
    await syncNow(tablet)
    const received = await server.db.selectFrom('events').select(['id', 'station_id', 'staff_id', 'payload']).where('device_id', '=', deviceId).where('type', '=', 'case.received').execute()
    expect(received).toHaveLength(1)
    expect(received[0]).toMatchObject({ station_id: stationId, staff_id: lead.id })
    const local = (await readAllRows<{ id: string, type: string, deviceId: string }>(tablet, 'events')).filter(e => e.deviceId === deviceId)
    expect(local.filter(e => e.type === 'case.received').map(e => e.id)).toEqual([received[0]?.id])
    // Every event this tablet recorded is on the server exactly once.
    const stored = (await server.db.selectFrom('events').select('id').where('device_id', '=', deviceId).execute()).map(r => r.id)
    expect(stored.length).toBe(new Set(stored).size)
    expect(stored.sort()).toEqual(local.map(e => e.id).sort())

    await office.locator('[data-test="office-nav-office-metrics"]').click()
    await office.waitForURL(url => url.pathname === '/office/metrics')
    // Cases count by their deadline: ask for the month ahead, where this case's 5 working days end.
    const today = cstToday()
    await office.locator('[data-test="office-from"]').fill(today)
    await office.locator('[data-test="office-to"]').fill(addDays(today, 30))
    await office.locator('[data-test="office-query"]').click()
    const row = office.locator('[data-test="office-station-row"]').filter({ hasText: STATION.name })
    await row.waitFor({ timeout: 15_000 })
    expect(await row.locator('td').first().innerText()).toContain('城区')
    // The case is accepted and not yet due: 未到期 1 — only there because the tablet's sync brought it.
    await expect.poll(() => row.locator('small').first().innerText(), { timeout: 15_000 }).toBe(zhCN.office.rateCounts.replace('{due}', '0').replace('{onTime}', '0').replace('{late}', '0').replace('{pending}', '1'))
    await row.locator('[data-test="office-drill-ontime"]').click()
    const drill = office.locator('[data-test="office-drill"] [data-test="office-drill-row"]')
    await expect.poll(() => drill.count(), { timeout: 15_000 }).toBe(1)
    const cells = (await drill.first().locator('td').allInnerTexts()).map(s => s.trim())
    expect(cells[0]).toBe(receiptNumber)
    expect(cells[1]).toBe(OFFERED.name)
    expect(cells[2]).not.toContain(APPLICANT.name.slice(1))
    // The tablets panel shows the tablet's last sync with nothing unsent.
    await office.goto(`${server.origin}/office/stations/${encodeURIComponent(stationId)}`)
    const device = office.locator(`[data-test="device-${deviceId}"]`)
    await expect.poll(() => device.locator('[data-test="device-unsent"]').innerText(), { timeout: 15_000 }).toBe(officeZh.officePeople.devices.unsentValue.replace('{n}', '0'))
    expect(await device.locator('[data-test="device-last-sync"]').innerText()).not.toBe(officeZh.officePeople.devices.neverSynced)
    expect(pageErrors).toEqual([])
  })

  it('the station lead drafts an Annex B change offline; it reaches the office by the next sync', async () => {
    await goHomeOnTablet(tablet)
    await tablet.locator('[data-test="tile-settings"]').click()
    await tablet.locator('[data-test="settings-station-applications"]').click()
    await expect.poll(() => tablet.locator('[data-test="tablet-station-state"]').innerText(), { timeout: 15_000 }).toBe(zhCN.stations.state.open)
    await goOffline(tablet, tabletContext)

    await tablet.locator('[data-test="tablet-draft-change"]').click()
    const form = tablet.locator('[data-test="application-form-change"]')
    expect(await form.locator('[data-test="field-address"] input').inputValue()).toBe(STATION.address)
    await form.locator('[data-test="field-address"] input').fill(CHANGE.address)
    await form.locator('[data-test="field-functions"] textarea').fill(CHANGE.functions)
    await form.locator('[data-test="application-submit"]').click()
    const drafted = tablet.locator('[data-test="tablet-application"]')
    await expect.poll(() => drafted.count(), { timeout: 15_000 }).toBe(1)
    await expect.poll(() => drafted.first().locator('.van-cell__value').innerText()).toBe(zhCN.stations.tablet.pending)
    expect(await server.db.selectFrom('station_applications').select('id').where('station_id', '=', stationId).where('kind', '=', 'change').execute()).toEqual([])

    await tabletContext.setOffline(false)
    await expect.poll(() => connectivityShown(tablet), { timeout: 30_000 }).toBe('online')
    await syncNow(tablet)
    await expect.poll(() => drafted.first().locator('.van-cell__value').innerText(), { timeout: 30_000 }).toBe(zhCN.stations.tablet.submitted)
    expect((await server.db.selectFrom('stations').select('state').where('id', '=', stationId).executeTakeFirstOrThrow()).state).toBe('changing')
    expect(pageErrors).toEqual([])
  })

  it('the office approves the change; after its next pull the tablet shows 运行 with the new address', async () => {
    await office.locator('[data-test="office-nav-office-applications"]').click()
    await office.waitForURL(url => url.pathname === '/office/applications')
    const row = office.locator('[data-test="applications-table"] [data-test="application-row"]')
    await expect.poll(async () => (await row.locator('[data-col="kind"]').allInnerTexts()).map(text => text.trim()), { timeout: 15_000 }).toEqual([zhCN.stations.kind.change])
    expect((await row.locator('[data-col="draftedBy"]').innerText()).trim()).toBe(zhCN.stations.applications.byTablet)
    await row.locator('[data-test="application-review"]').click()
    const dialog = office.locator('[data-test="review-dialog"]')
    await dialog.locator('[data-test="review-approve"]').click()
    await dialog.locator('[data-test="review-opinion"] textarea').fill('同意变更')
    await dialog.locator('[data-test="review-save"]').click()
    await office.locator('[data-test="applications-empty"]').waitFor({ timeout: 15_000 })
    expect(await server.db.selectFrom('stations').select(['state', 'address', 'functions']).where('id', '=', stationId).executeTakeFirstOrThrow()).toEqual({ state: 'open', address: CHANGE.address, functions: CHANGE.functions })

    await syncNow(tablet)
    await expect.poll(() => tablet.locator('[data-test="tablet-station-record"]').innerText(), { timeout: 30_000 }).toContain(CHANGE.address)
    expect(await tablet.locator('[data-test="tablet-station-state"]').innerText()).toBe(zhCN.stations.state.open)
    expect(await tablet.locator('[data-test="tablet-station"]').innerText()).toContain(CHANGE.functions)
    const today = (await server.db.selectFrom('station_applications').select('review_date').where('station_id', '=', stationId).where('kind', '=', 'change').executeTakeFirstOrThrow()).review_date
    await expect.poll(() => tablet.locator('[data-test="tablet-application"] .van-cell__value').first().innerText(), { timeout: 15_000 })
      .toBe(zhCN.stations.tablet.approved.replace('{date}', String(today)).replace('{opinion}', '同意变更'))
    expect(pageErrors).toEqual([])
  })

  it('an Annex C closing while the tablet holds unsynced work warns in the office', async () => {
    // The tablet records a consultation offline: work the server has not seen.
    await goOffline(tablet, tabletContext)
    await headerBack(tablet)
    await goHomeOnTablet(tablet)
    await tablet.locator('[data-test="tile-consultations"]').click()
    await tablet.locator('[data-test="new-consultation"]').click()
    await tablet.locator('[data-test="channel-visit"]').click()
    await tablet.locator('[data-test="name"] input').fill('孙建国')
    await tablet.locator('[data-test="phone"] input').fill('13935620002')
    await tablet.locator('[data-test="question"] textarea').fill(OFFLINE_QUESTION)
    await tablet.locator('[data-test="outcome-pending"]').click()
    await tablet.locator('[data-test="save"]').click()
    await tablet.waitForURL(url => /^\/consultations\/(?!new$)[^/]+$/.test(url.pathname))
    await expect.poll(async () => (await readAllRows<unknown>(tablet, 'outbox')).length, { timeout: 15_000 }).toBeGreaterThan(0)

    // The office drafts the closing on the station page and submits it.
    await office.goto(`${server.origin}/office/stations/${encodeURIComponent(stationId)}`)
    await office.locator('[data-test="draft-close"]').click({ timeout: 15_000 })
    const form = office.locator('[data-test="application-form-close"]')
    await form.locator('[data-test="field-applicantName"] input').fill(LEAD.name)
    await form.locator('[data-test="field-reason"] textarea').fill('所在银行网点撤并')
    await form.locator('[data-test="application-submit"]').click()
    await form.waitFor({ state: 'detached', timeout: 15_000 })

    const tabletName = (await server.db.selectFrom('devices').select('name').where('id', '=', deviceId).executeTakeFirstOrThrow()).name
    const warning = zhCN.stations.closure.warning.replace('{devices}', tabletName)
    const closureWarning = office.locator('[data-test="closure-warning"]')
    await expect.poll(() => closureWarning.innerText(), { timeout: 15_000 }).toBe(warning)

    // The reviewer sees the same warning before deciding.
    await office.locator('[data-test="station-panel-applications"] [data-test="application-review"]').click()
    const reviewWarning = office.locator('[data-test="review-dialog"] [data-test="review-unsynced-warning"]')
    await expect.poll(() => reviewWarning.innerText(), { timeout: 15_000 }).toBe(warning)
    // Nothing of the offline work has reached the server.
    expect(await offlineQuestionsOnServer(server, deviceId)).toEqual([])
    expect(pageErrors).toEqual([])
  })

  it('approved despite the warning: 撤销; the tablet\'s last sync stores its offline work, then the tablet is revoked', async () => {
    const dialog = office.locator('[data-test="review-dialog"]')
    await dialog.locator('[data-test="review-approve"]').click()
    await dialog.locator('[data-test="review-opinion"] textarea').fill('同意注销')
    await dialog.locator('[data-test="review-save"]').click()
    await dialog.waitFor({ state: 'detached', timeout: 15_000 })
    await expect.poll(async () => (await server.db.selectFrom('stations').select('state').where('id', '=', stationId).executeTakeFirstOrThrow()).state, { timeout: 15_000 }).toBe('closed')
    // Closed, but the tablet is not revoked before its last sync: the panel still warns and waits for it.
    const device = office.locator('[data-test="closure-device"]')
    await expect.poll(() => device.locator('[data-col="device-state"]').innerText(), { timeout: 15_000 }).toBe(zhCN.stations.closure.awaiting)
    expect(await office.locator('[data-test="closure-warning"]').count()).toBe(1)
    expect((await server.db.selectFrom('devices').select('revoked_at').where('id', '=', deviceId).executeTakeFirstOrThrow()).revoked_at).toBeNull()

    // Back online, the tablet syncs: its offline consultation is stored exactly once, and the tablet is revoked.
    await tabletContext.setOffline(false)
    await expect.poll(() => connectivityShown(tablet), { timeout: 30_000 }).toBe('online')
    await tablet.locator('[data-test="sync-now"]').click()
    await expect.poll(() => offlineQuestionsOnServer(server, deviceId), { timeout: 60_000 }).toEqual([OFFLINE_QUESTION])
    await expect.poll(async () => (await server.db.selectFrom('devices').select('revoked_at').where('id', '=', deviceId).executeTakeFirstOrThrow()).revoked_at, { timeout: 30_000 }).not.toBeNull()
    await expect.poll(() => tablet.locator('.sync-indicator [data-test="sync-state"]').getAttribute('data-state'), { timeout: 30_000 }).toBe('unauthorized')

    await office.reload()
    await expect.poll(() => device.locator('[data-col="device-state"]').innerText(), { timeout: 15_000 }).toBe(zhCN.stations.closure.revoked)
    expect(await office.locator('[data-test="closure-warning"]').count()).toBe(0)
    expect(pageErrors).toEqual([])
  })
})

/** The questions of the consultations the server holds from one tablet (one entry per stored event). */
async function offlineQuestionsOnServer(server: EmptyServer, deviceId: string): Promise<string[]> {
  const rows = await server.db.selectFrom('events').select('payload').where('device_id', '=', deviceId).where('type', '=', 'consultation.recorded').execute()
  return rows.map(r => String((r.payload as { question?: unknown }).question))
}

/** Presses 立即同步 in the header and waits until the outbox is empty and the engine is idle again. */
async function syncNow(page: Page): Promise<void> {
  await page.locator('[data-test="sync-now"]').click()
  await expect.poll(async () => (await readAllRows<unknown>(page, 'outbox')).length, { timeout: 60_000 }).toBe(0)
  await expect.poll(() => page.locator('.sync-indicator [data-test="sync-state"]').getAttribute('data-state'), { timeout: 60_000 }).toBe('idle')
}

/** Today's civil date in China Standard Time (the tests run in another zone on purpose). */
function cstToday(): string {
  return new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10)
}

function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10)
}

/** Back arrows until the counter home shows its tiles. */
async function goHomeOnTablet(page: Page): Promise<void> {
  const tile = page.locator('[data-test="tile-intake"]')
  for (let i = 0; i < 4 && !(await tile.isVisible()); i++)
    await headerBack(page)
  await tile.waitFor({ timeout: 15_000 })
}
