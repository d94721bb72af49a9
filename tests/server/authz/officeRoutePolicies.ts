/**
 * The catalog, accounts, audit, inspection and calendar routes of the office console in the authorization
 * matrix (issue 8 items 1, 4, 6, 8 and the calendar). Items and calendar years are the province's (any
 * admin writes them); accounts, audit entries and stations are scoped to the office's division. Every
 * mutating call gets its own target, so each caller meets the same case.
 */
import { appealStreamFor } from '../../../src/domain/appeal'
import { newEventId, newStreamId, streamUuid } from '../../../src/domain/events'
import { createOfficeAccount } from '../../../src/server/auth/officeAccounts'
import { openRectification } from '../../../src/server/rectifications/open'
import { appendServerEvent, lockStation } from '../../../src/server/sync/serverEvents'
import { catalogWorkbookRows } from '../../../src/domain/catalogSheet'
import { checklistFor } from '../../../src/domain/inspection/checklist'
import { jsonb } from '../../../src/server/db'
import { loadSeedCatalog } from '../../../src/server/seed/catalog'
import { caseEvent, caseReceived, consultation, pushOk } from '../helpers/sync'
import type { Fixture, RoutePolicy } from './routePolicies'

const anyOffice = { anonymous: 401, device: 401, viewer: 200, reviewer: 200, admin: 200, otherDivision: 200 }
const anyAdmin = (ok: number) => ({ anonymous: 401, device: 401, viewer: 403, reviewer: 403, admin: ok, otherDivision: ok })
const adminInDivision = (ok: number, other: number) => ({ anonymous: 401, device: 401, viewer: 403, reviewer: 403, admin: ok, otherDivision: other })

let serial = 0
const next = () => `${process.pid}${++serial}`
const seedItem = () => {
  const item = loadSeedCatalog()[0]
  if (!item)
    throw new Error('the seed catalog is empty')
  return item
}

/** A fresh catalog item (each mutating call gets its own); returns its code. */
async function freshItem(fx: Fixture): Promise<string> {
  const code = `authz-item-${next()}`
  await fx.db.insertInto('service_items').values({ code, item: jsonb({ ...seedItem(), code }) }).execute()
  return code
}

/** A fresh account of 太原市 (1401, inside the province admin's division, outside 1405's). */
async function freshAccount(fx: Fixture): Promise<string> {
  const username = `authz-account-${next()}`
  await createOfficeAccount(fx.db, { username, password: 'matrix-password-1', role: 'viewer', divisionCode: '1401', displayName: '矩阵测试账号' })
  return username
}

/** A case pushed by the fixture's tablet (its station is in every caller's division but otherDivision's). */
async function freshCase(fx: Fixture): Promise<string> {
  const stream = newStreamId('case')
  await pushOk(fx.app, fx.device, [caseEvent(fx.device, stream, 'case.received', caseReceived, '2026-03-02T09:00:00+08:00')])
  return stream
}

function noticeBody(code?: string): Record<string, unknown> {
  const { code: _seedCode, ...rest } = seedItem() as Record<string, unknown>
  const notice = Object.fromEntries(Object.entries(rest).filter(([k]) => ['name', 'department', 'itemType', 'legalBasis', 'conditions', 'materials', 'process', 'promisedLimitWorkdays', 'legalLimitWorkdays', 'limitNote', 'fee', 'resultDelivery', 'eLicence', 'place', 'contact', 'remarks', 'aliases'].includes(k)))
  return code ? { code, ...notice } : notice
}

/** A fresh rectification task of the fixture station (for a 差评 of a new case); returns its uuid. */
async function freshTask(fx: Fixture): Promise<string> {
  const now = new Date()
  const source = { kind: 'rating' as const, subject: newStreamId('rating') }
  const { id } = await fx.db.transaction().execute(async (trx) => {
    await lockStation(trx, fx.stationId)
    return openRectification(trx, { stationId: fx.stationId, source, ownerStaffId: null }, now)
  })
  return streamUuid(id)
}

/** A fresh appeal of the fixture station, filed by its tablet; returns its uuid. */
async function freshAppeal(fx: Fixture): Promise<string> {
  const now = new Date()
  const rating = newStreamId('rating')
  const stream = appealStreamFor(rating)
  await fx.db.transaction().execute(async (trx) => {
    await lockStation(trx, fx.stationId)
    await appendServerEvent(trx, { id: newEventId(), stream, type: 'appeal.filed', v: 1, payload: { rating, ground: 'mistaken', reason: '矩阵测试申诉' }, stationId: fx.stationId, deviceId: fx.device.deviceId, staffId: null, occurredAt: now.toISOString() }, now)
  })
  return streamUuid(stream)
}

/** A fresh consultation of the fixture station (pushed by its tablet), the subject of a call-back. */
async function freshConsultation(fx: Fixture): Promise<string> {
  const event = consultation(fx.device)
  await pushOk(fx.app, fx.device, [event])
  return event.stream
}

/** A fresh open complaint of the fixture station (pushed by its tablet); returns its uuid. */
async function freshComplaint(fx: Fixture): Promise<string> {
  const stream = newStreamId('complaint')
  await pushOk(fx.app, fx.device, [{ id: newEventId(), stream, type: 'complaint.recorded', v: 1, payload: { channel: 'phone', content: '矩阵测试投诉', dueAt: '2026-12-31T23:59:59.999+08:00' }, stationId: fx.device.stationId, deviceId: fx.device.deviceId, staffId: null, occurredAt: '2026-12-24T10:00:00+08:00' }])
  return stream.slice('complaint:'.length)
}

const reviewerInDivision = (ok: number) => ({ anonymous: 401, device: 401, viewer: 403, reviewer: ok, admin: ok, otherDivision: 404 })

export const officeRoutePolicies: RoutePolicy[] = [
  // Rectification and appeals (issue 9 item 6): every role reads its division; reviewers and admins decide.
  { route: 'GET /api/office/rectifications', request: () => ({ path: '/api/office/rectifications' }), expect: anyOffice },
  {
    route: 'POST /api/office/rectifications/:id/recheck',
    request: async fx => ({ path: `/api/office/rectifications/${await freshTask(fx)}/recheck`, body: { result: 'closed', reason: '矩阵测试复查' } }),
    expect: { anonymous: 401, device: 401, viewer: 403, reviewer: 200, admin: 200, otherDivision: 404 },
  },
  { route: 'GET /api/office/appeals', request: () => ({ path: '/api/office/appeals' }), expect: anyOffice },
  {
    route: 'POST /api/office/appeals/:id/decision',
    request: async fx => ({ path: `/api/office/appeals/${await freshAppeal(fx)}/decision`, body: { decision: 'rejected', reason: '矩阵测试复核' } }),
    expect: { anonymous: 401, device: 401, viewer: 403, reviewer: 200, admin: 200, otherDivision: 404 },
  },
  // Follow-ups and complaints (issue 9 items 4, 5): every role reads its division; reviewers and admins record.
  { route: 'GET /api/office/follow-ups', request: () => ({ path: '/api/office/follow-ups' }), expect: anyOffice },
  { route: 'POST /api/office/stations/:id/follow-ups', request: async fx => ({ path: `/api/office/stations/${fx.stationId}/follow-ups`, body: { subject: await freshConsultation(fx), reached: false } }), expect: reviewerInDivision(201) },
  { route: 'GET /api/office/complaints', request: () => ({ path: '/api/office/complaints' }), expect: anyOffice },
  { route: 'POST /api/office/stations/:id/complaints', request: fx => ({ path: `/api/office/stations/${fx.stationId}/complaints`, body: { channel: 'visit', content: '矩阵测试' } }), expect: reviewerInDivision(201) },
  { route: 'POST /api/office/complaints/:uuid/handle', request: async fx => ({ path: `/api/office/complaints/${await freshComplaint(fx)}/handle`, body: { result: '已处理' } }), expect: reviewerInDivision(200) },
  { route: 'GET /api/office/settings/follow-ups', request: () => ({ path: '/api/office/settings/follow-ups' }), expect: anyOffice },
  { route: 'PUT /api/office/settings/follow-ups', request: () => ({ path: '/api/office/settings/follow-ups', body: { samplePercent: 10, complaintDueWorkdays: 5 } }), expect: anyAdmin(200) },

  // Catalog (item 4): every role reads; any admin writes items; offers only for stations in the division.
  { route: 'GET /api/office/catalog', request: () => ({ path: '/api/office/catalog' }), expect: anyOffice },
  { route: 'GET /api/office/catalog/:code', request: async fx => ({ path: `/api/office/catalog/${await freshItem(fx)}` }), expect: anyOffice },
  { route: 'POST /api/office/catalog', request: () => ({ path: '/api/office/catalog', body: noticeBody(`authz-new-${next()}`) }), expect: anyAdmin(201) },
  { route: 'PUT /api/office/catalog/:code', request: async fx => ({ path: `/api/office/catalog/${await freshItem(fx)}`, body: noticeBody() }), expect: anyAdmin(200) },
  { route: 'POST /api/office/catalog/:code/deactivate', request: async fx => ({ path: `/api/office/catalog/${await freshItem(fx)}/deactivate` }), expect: anyAdmin(200) },
  { route: 'POST /api/office/catalog/:code/activate', request: async fx => ({ path: `/api/office/catalog/${await freshItem(fx)}/activate` }), expect: anyAdmin(200) },
  { route: 'PUT /api/office/catalog/:code/stations', request: async fx => ({ path: `/api/office/catalog/${await freshItem(fx)}/stations`, body: { stationIds: [fx.stationId], offered: true } }), expect: adminInDivision(200, 404) },
  {
    route: 'POST /api/office/catalog/import',
    request: () => {
      const rows = catalogWorkbookRows([{ ...seedItem(), code: `authz-import-${next()}` }] as never)
      return { path: '/api/office/catalog/import', body: { ...rows, dryRun: true } }
    },
    expect: anyAdmin(200),
  },
  // Accounts and audit (items 1, 8): admins only, inside their division (1405 cannot reach 1401's accounts).
  { route: 'GET /api/office/accounts', request: () => ({ path: '/api/office/accounts' }), expect: anyAdmin(200) },
  { route: 'POST /api/office/accounts', request: () => ({ path: '/api/office/accounts', body: { username: `authz-created-${next()}`, password: 'matrix-password-1', role: 'viewer', divisionCode: '1401', displayName: '新建账号' } }), expect: adminInDivision(201, 403) },
  { route: 'PATCH /api/office/accounts/:username', request: async fx => ({ path: `/api/office/accounts/${await freshAccount(fx)}`, body: { displayName: '改名' } }), expect: adminInDivision(200, 404) },
  { route: 'POST /api/office/accounts/:username/password', request: async fx => ({ path: `/api/office/accounts/${await freshAccount(fx)}/password`, body: { password: 'another-password-2' } }), expect: adminInDivision(200, 404) },
  { route: 'GET /api/office/audit', request: () => ({ path: '/api/office/audit' }), expect: anyAdmin(200) },
  { route: 'GET /api/office/audit/access', request: () => ({ path: '/api/office/audit/access' }), expect: anyAdmin(200) },
  // Inspections (item 6): every role reads its division; reviewers and admins record a 巡查.
  { route: 'GET /api/office/inspections', request: () => ({ path: '/api/office/inspections' }), expect: anyOffice },
  { route: 'GET /api/office/stations/:id/inspections', request: fx => ({ path: `/api/office/stations/${fx.stationId}/inspections` }), expect: { ...anyOffice, otherDivision: 404 } },
  {
    route: 'POST /api/office/stations/:id/inspections',
    request: fx => ({ path: `/api/office/stations/${fx.stationId}/inspections`, body: { checks: checklistFor('basic').map(check => ({ id: check.id, result: 'ok' })) } }),
    expect: { anonymous: 401, device: 401, viewer: 403, reviewer: 201, admin: 201, otherDivision: 404 },
  },
  // Issue 11: a citizen's full value, revealed with a reason (audited), by admins and reviewers of the division.
  {
    route: 'POST /api/office/personal/reveal',
    request: async fx => ({ path: '/api/office/personal/reveal', body: { subject: await freshCase(fx), field: 'name', reason: '核对' } }),
    expect: { anonymous: 401, device: 401, viewer: 403, reviewer: 200, admin: 200, otherDivision: 404 },
  },
  // Calendar years: the State Council's schedule is national; any admin imports (a new year answers 201).
  { route: 'GET /api/office/calendar-years', request: () => ({ path: '/api/office/calendar-years' }), expect: anyOffice },
  {
    route: 'POST /api/office/calendar-years',
    request: () => {
      const year = 2100 + (++serial % 90)
      return { path: '/api/office/calendar-years', body: { year, holidays: [`${year}-01-01`], workdays: [], source: '矩阵测试' } }
    },
    expect: anyAdmin(201),
  },
]
