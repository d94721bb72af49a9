// Issue 3's browser journey, in Chromium against the real central endpoint: enroll a new tablet with
// the code `npm start` prints, sign in by PIN, go offline, record consultations, reload while
// offline, record more, go online, close the day. Then the server holds every event exactly once,
// and a second tablet of the same station (a new browser context) pulls them all.
// The steps build on each other (one tablet, one server), so they run in order in one file.
import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DomainEvent } from '../../src/domain/events'
import zhCN from '../../src/app/i18n/zh-CN'
import type { AttachedBrowser } from './support/browser'
import { attachBrowser } from './support/browser'
import { connectivityShown, enterPin, goOffline, headerBack, waitForServiceWorkerControl } from './support/counter'
import { readMetaRow } from './support/indexeddb'
import { waitForAppRendered } from './support/page'
import type { SeededServer } from './support/seededServer'
import { readAllRows, startSeededServer } from './support/seededServer'

interface Consultation {
  channel: 'phone' | 'visit'
  name: string
  phone: string
  /** Unique in this run: how each record is found again on the server and on the second tablet. */
  question: string
  outcome: 'answered' | 'pending'
  answer?: string
  /** Replied to afterwards on the detail screen: a second event in the same stream. */
  reply?: string
}

/** Recorded offline before the reload. */
const BEFORE_RELOAD: Consultation[] = [
  { channel: 'visit', name: '张桂兰', phone: '13935600001', question: '离线咨询甲：城乡居民养老保险待遇资格认证在哪里办？', outcome: 'answered', answer: '可在本站自助认证，或到社区办理。' },
  { channel: 'phone', name: '赵卫东', phone: '0356-2021234', question: '离线咨询乙：个体工商户营业执照变更经营范围需要什么材料？', outcome: 'pending', reply: '已电话告知：带营业执照正副本和身份证到市场监管所办理。' },
  { channel: 'visit', name: '刘小梅', phone: '13935600003', question: '离线咨询丙：灵活就业人员医保怎么缴费？', outcome: 'answered', answer: '可通过手机银行或本站代缴。' },
]

/** Recorded offline after the reload. */
const AFTER_RELOAD: Consultation[] = [
  { channel: 'phone', name: '孙建国', phone: '13935600004', question: '离线咨询丁：不动产登记证明补办要多久？', outcome: 'pending', reply: '已回电：材料齐全的，5个工作日内办结。' },
  { channel: 'visit', name: '周丽娟', phone: '13935600005', question: '离线咨询戊：新生儿户口登记需要带什么？', outcome: 'answered', answer: '出生医学证明、父母户口簿和身份证、结婚证。' },
]

const ALL = [...BEFORE_RELOAD, ...AFTER_RELOAD]
/** Every consultation is one `consultation.recorded` event, plus one `consultation.replied` when replied to. */
const eventsFor = (list: Consultation[]): number => list.length + list.filter(c => c.reply !== undefined).length

interface OutboxRow {
  eventId: string
  stream: string
}

describe('sync journey: enroll, sign in, record offline across a reload, close the day, a second tablet pulls it all', () => {
  let browser: AttachedBrowser
  let server: SeededServer
  let page: Page
  let secondTablet: BrowserContext | undefined
  const pageErrors: string[] = []
  /** The consultation (stream) ids the first tablet showed after each save, in recording order. */
  const recordedStreams: string[] = []
  let deviceId = ''

  beforeAll(async () => {
    browser = await attachBrowser()
    server = await startSeededServer('sync-journey')
    page = await browser.newPage()
    page.on('pageerror', error => pageErrors.push(error.message))
  })

  afterAll(async () => {
    await secondTablet?.close().catch(() => undefined)
    await browser?.detach()
    await server?.close()
  })

  it('enrolls with the printed code and signs in by PIN', async () => {
    const { demo } = server
    await page.goto(`${server.origin}/`)
    await waitForAppRendered(page)
    // A new tablet opens on enrollment; staff type the code `npm start` printed.
    await page.locator('[data-test="enroll-code"] input').fill(demo.enrollmentCode.code)
    await page.locator('[data-test="enroll-submit"]').click()
    const staff = demo.staff[0]
    await page.locator(`[data-test="staff-${staff.id}"]`).waitFor({ timeout: 30_000 })
    expect(new URL(page.url()).pathname).toBe('/signin')

    const identity = await readMetaRow(page, 'deviceId')
    expect(typeof identity?.value).toBe('string')
    deviceId = identity?.value as string
    expect((await readMetaRow(page, 'stationId'))?.value).toBe(demo.station.id)

    // The service worker must control the page before the network goes: the offline reload depends on it.
    await waitForServiceWorkerControl(page)

    await page.locator(`[data-test="staff-${staff.id}"]`).click()
    await enterPin(page, staff.pin)
    await page.locator('[data-test="tile-consultations"]').waitFor()
    expect(pageErrors).toEqual([])
  })

  it('records consultations offline and keeps them across an offline reload', async () => {
    await goOffline(page, browser.context)

    await page.locator('[data-test="tile-consultations"]').click()
    await page.locator('[data-test="new-consultation"]').waitFor()
    for (const c of BEFORE_RELOAD)
      recordedStreams.push(await recordConsultation(page, c))

    const before = await localEventsOfThisTablet(page, deviceId)
    expect(before).toHaveLength(eventsFor(BEFORE_RELOAD))
    await expectOutboxHolds(page, before)
    // Nothing reached the server.
    expect(await serverEventIds(server, deviceId)).toEqual([])

    // Reload with no network: the service worker serves the app; inside the idle window the session is kept.
    await page.reload()
    await waitForAppRendered(page)
    expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true)
    await expect.poll(() => connectivityShown(page), { timeout: 15_000 }).toBe('offline')
    await page.locator('[data-test="staff-name"]').waitFor({ timeout: 15_000 })
    // Back where staff were, the register, with everything recorded before the reload.
    const rows = page.locator('[data-test="consultation-row"]')
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(BEFORE_RELOAD.length)
    expect(new URL(page.url()).pathname).toBe('/consultations')

    const afterReload = await localEventsOfThisTablet(page, deviceId)
    expect(afterReload.map(e => e.id).sort()).toEqual(before.map(e => e.id).sort())
    await expectOutboxHolds(page, afterReload)

    for (const c of AFTER_RELOAD)
      recordedStreams.push(await recordConsultation(page, c))

    const all = await localEventsOfThisTablet(page, deviceId)
    expect(all).toHaveLength(eventsFor(ALL))
    await expectOutboxHolds(page, all)
    expect(new Set(recordedStreams).size).toBe(ALL.length)
    expect(await serverEventIds(server, deviceId)).toEqual([])
    expect(pageErrors).toEqual([])
  })

  it('goes online and closes the day: the server holds every event exactly once', async () => {
    await browser.context.setOffline(false)
    await expect.poll(() => connectivityShown(page), { timeout: 30_000 }).toBe('online')

    await headerBack(page) // consultation list → home
    await page.locator('[data-test="tile-close-day"]').click()
    await page.locator('[data-test="close-day-start"]').click()
    const result = page.locator('[data-test="day-result"]')
    await result.waitFor({ timeout: 60_000 })
    expect(await result.innerText()).toContain(zhCN.sync.closeDayComplete)
    expect(await page.locator('[data-test="unsent-item"]').count()).toBe(0)
    expect(await readAllRows<OutboxRow>(page, 'outbox')).toEqual([])

    // What the tablet recorded, straight from its IndexedDB …
    const local = await localEventsOfThisTablet(page, deviceId)
    expect(local).toHaveLength(eventsFor(ALL))
    // … and what the server's database holds from this tablet: the same ids, each exactly once.
    const rows = await server.db.selectFrom('events')
      .select(['id', 'stream', 'type', 'payload', 'station_id', 'staff_id'])
      .where('device_id', '=', deviceId)
      .orderBy('seq')
      .execute()
    const copies = new Map<string, number>()
    for (const row of rows) copies.set(row.id, (copies.get(row.id) ?? 0) + 1)
    expect([...copies.values()].filter(n => n !== 1)).toEqual([])
    expect(rows.map(r => r.id).sort()).toEqual(local.map(e => e.id).sort())
    expect(rows.every(r => r.station_id === server.demo.station.id && r.staff_id === server.demo.staff[0].id)).toBe(true)

    // Exactly the consultations recorded: one `recorded` per consultation, one `replied` per reply.
    const recorded = rows.filter(r => r.type === 'consultation.recorded')
    expect(recorded.map(r => r.stream).sort()).toEqual([...recordedStreams].sort())
    expect(recorded.map(r => (r.payload as { question: string }).question).sort()).toEqual(ALL.map(c => c.question).sort())
    const replied = rows.filter(r => r.type === 'consultation.replied')
    const repliedStreams = ALL.flatMap((c, i) => c.reply === undefined ? [] : [recordedStreams[i]])
    expect(replied.map(r => r.stream).sort()).toEqual(repliedStreams.sort())
    expect(rows).toHaveLength(recorded.length + replied.length)
    expect(pageErrors).toEqual([])
  })

  it('a second tablet of the station, enrolled with a fresh code, pulls every consultation', async () => {
    const { demo } = server
    // The supervising office signs in with the printed office login and mints a code for the station's second tablet.
    const signIn = await fetch(`${server.origin}/api/office/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: demo.office.username, password: demo.office.password }),
    })
    expect(signIn.status).toBe(200)
    const cookie = /bianmin_office=[^;]+/.exec(signIn.headers.get('set-cookie') ?? '')?.[0] ?? ''
    const minted = await fetch(`${server.origin}/api/office/enrollment-codes`, {
      method: 'POST',
      headers: {
        'cookie': cookie,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ stationId: demo.station.id }),
    })
    expect(minted.status).toBe(201)
    const { code } = await minted.json() as { code: string }

    secondTablet = await browser.browser.newContext()
    const tablet = await secondTablet.newPage()
    const errors: string[] = []
    tablet.on('pageerror', error => errors.push(error.message))
    await tablet.goto(`${server.origin}/`)
    await waitForAppRendered(tablet)
    await tablet.locator('[data-test="enroll-code"] input').fill(code)
    await tablet.locator('[data-test="enroll-submit"]').click()
    const staff = demo.staff[1]
    await tablet.locator(`[data-test="staff-${staff.id}"]`).click({ timeout: 30_000 })
    await enterPin(tablet, staff.pin)
    const secondDeviceId = (await readMetaRow(tablet, 'deviceId'))?.value
    expect(typeof secondDeviceId).toBe('string')
    expect(secondDeviceId).not.toBe(deviceId)

    // Every event the first tablet recorded is in the second tablet's own store … (pulled once someone signed in:
    // the enrollment's first pull, before any sign-in, takes the staff list, events need the data key)
    const firstTabletIds = (await serverEventIds(server, deviceId)).sort()
    const pulledIds = async () => (await readAllRows<DomainEvent>(tablet, 'events')).filter(e => e.deviceId === deviceId).map(e => e.id).sort()
    await expect.poll(pulledIds, { timeout: 30_000 }).toEqual(firstTabletIds)

    // … and its consultation register lists every consultation, once.
    await tablet.locator('[data-test="tile-consultations"]').click()
    const rows = tablet.locator('[data-test="consultation-row"]')
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(ALL.length)
    const texts = await rows.allInnerTexts()
    for (const c of ALL)
      expect(texts.filter(text => text.includes(c.question)), c.question).toHaveLength(1)
    expect(errors).toEqual([])
  })
})

/** From the consultation register: fill in and save a new consultation; returns its id (from the detail URL). */
async function recordConsultation(page: Page, c: Consultation): Promise<string> {
  await page.locator('[data-test="new-consultation"]').click()
  await page.locator('[data-test="question"]').waitFor()
  await page.locator(`[data-test="channel-${c.channel}"]`).click()
  await page.locator('[data-test="name"] input').fill(c.name)
  await page.locator('[data-test="phone"] input').fill(c.phone)
  await page.locator('[data-test="question"] textarea').fill(c.question)
  await page.locator(`[data-test="outcome-${c.outcome}"]`).click()
  if (c.answer !== undefined)
    await page.locator('[data-test="answer"] textarea').fill(c.answer)
  await page.locator('[data-test="save"]').click()
  await page.waitForURL(url => /^\/consultations\/(?!new$)[^/]+$/.test(url.pathname))
  const id = decodeURIComponent(new URL(page.url()).pathname.slice('/consultations/'.length))
  expect(id).toMatch(/^consultation:/)
  const status = page.locator('[data-test="detail-status-text"]')
  await expect.poll(() => status.innerText(), { timeout: 10_000 }).toBe(zhCN.consultation.status[c.outcome === 'answered' ? 'answered' : 'open'])
  // Recorded offline: the record says it is still waiting to be sent (issue 3: lists show each record's state).
  const syncState = page.locator('[data-test="detail-status"] [data-test="sync-state"]')
  await expect.poll(() => syncState.innerText(), { timeout: 10_000 }).toBe(zhCN.sync.recordState.pending)
  if (c.reply !== undefined) {
    await page.locator('[data-test="reply"] textarea').fill(c.reply)
    await page.locator('[data-test="reply-save"]').click()
    await expect.poll(() => status.innerText(), { timeout: 10_000 }).toBe(zhCN.consultation.status.replied)
  }
  await headerBack(page)
  await page.locator('[data-test="new-consultation"]').waitFor()
  return id
}

/** Events recorded on this tablet (not pulled from others), from its own IndexedDB. */
async function localEventsOfThisTablet(page: Page, deviceId: string): Promise<DomainEvent[]> {
  return (await readAllRows<DomainEvent>(page, 'events')).filter(e => e.deviceId === deviceId)
}

/** The outbox holds exactly these events, once each. */
async function expectOutboxHolds(page: Page, events: DomainEvent[]): Promise<void> {
  const outbox = await readAllRows<OutboxRow>(page, 'outbox')
  expect(outbox.map(row => row.eventId).sort()).toEqual(events.map(e => e.id).sort())
}

/** Ids of the events the server holds from one device (one entry per row). */
async function serverEventIds(server: SeededServer, deviceId: string): Promise<string[]> {
  const rows = await server.db.selectFrom('events').select('id').where('device_id', '=', deviceId).execute()
  return rows.map(r => r.id)
}
