/**
 * The office audit viewer (issue 8 item 8): an admin reads the entries of its division only, newest first,
 * filtered by CST day range, user, action (exact or prefix), station, and paged with limit/before.
 */
import type { App } from '../../../src/server/app'
import type { AuditPageAnswer } from '../../../src/domain/protocol'
import type { TestDatabase } from '../helpers/databases'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { auditPageAnswerSchema } from '../../../src/domain/protocol'
import { recordOfficeAudit } from '../../../src/server/audit/officeAudit'
import { expectContract } from '../helpers/contract'
import { appFor } from '../helpers/app'
import { testDatabases } from '../helpers/databases'
import { signInOffice } from '../helpers/office'
import { addStation, bearer, enrollDevice } from '../helpers/sync'

const NOW = new Date('2026-03-10T10:00:00+08:00')

type Page = AuditPageAnswer

describe.each(testDatabases())('office audit on %s', (kind) => {
  let ctx: TestDatabase
  let app: App
  let admin: { cookie: string }
  let stationId: string

  beforeAll(async () => {
    ctx = await kind.open()
    app = appFor(ctx, { now: () => NOW })
    stationId = await addStation(ctx.db)
    admin = await signInOffice(app, ctx.db, { username: 'jc-auditor', role: 'admin', divisionCode: '1405' })
    const who = { username: 'cq-admin', divisionCode: '140502' }
    // 2026-03-01 23:30 CST is still the 1st in China, though the 1st's UTC day ended before.
    await recordOfficeAudit(ctx.db, who, { action: 'account.created', targetType: 'account', targetId: 'a1' }, new Date('2026-03-01T23:30:00+08:00'))
    await recordOfficeAudit(ctx.db, who, { action: 'device.codeMinted', targetType: 'station', targetId: stationId, stationId, divisionCode: '140525' }, new Date('2026-03-02T00:30:00+08:00'))
    await recordOfficeAudit(ctx.db, who, { action: 'account.updated', targetType: 'account', targetId: 'a1' }, new Date('2026-03-03T09:00:00+08:00'))
    await recordOfficeAudit(ctx.db, { username: 'jc-auditor', divisionCode: '1405' }, { action: 'account.passwordReset', targetType: 'account', targetId: 'a1', divisionCode: '140502' }, new Date('2026-03-04T09:00:00+08:00'))
    // Another city's and the province's entries are not for this admin.
    await recordOfficeAudit(ctx.db, { username: 'ty-admin', divisionCode: '1401' }, { action: 'account.created', targetType: 'account', targetId: 'b1' }, new Date('2026-03-03T10:00:00+08:00'))
    await recordOfficeAudit(ctx.db, { username: 'sx-admin', divisionCode: '14' }, { action: 'account.created', targetType: 'account', targetId: 'c1' }, new Date('2026-03-03T11:00:00+08:00'))
  })
  afterAll(() => ctx.close())

  async function read(query: string, cookie = admin.cookie): Promise<Page> {
    const res = await app.request(`/api/office/audit${query}`, { headers: { cookie } })
    expect(res.status).toBe(200)
    return expectContract(auditPageAnswerSchema, await res.json())
  }

  it('lists only its division\'s entries, newest first', async () => {
    const page = await read('')
    expect(page.entries.map(e => [e.action, e.username, e.divisionCode])).toEqual([
      ['account.passwordReset', 'jc-auditor', '140502'],
      ['account.updated', 'cq-admin', '140502'],
      ['device.codeMinted', 'cq-admin', '140525'],
      ['account.created', 'cq-admin', '140502'],
    ])
    expect(page.nextBefore).toBeNull()
    expect(page.entries[2]).toMatchObject({ targetType: 'station', targetId: stationId, stationId, at: '2026-03-01T16:30:00.000Z' })
  })

  it('filters by CST days, user, action (exact or prefix) and station', async () => {
    expect((await read('?from=2026-03-01&to=2026-03-01')).entries.map(e => e.action)).toEqual(['account.created'])
    expect((await read('?from=2026-03-02&to=2026-03-03')).entries.map(e => e.action)).toEqual(['account.updated', 'device.codeMinted'])
    expect((await read('?username=jc-auditor')).entries.map(e => e.action)).toEqual(['account.passwordReset'])
    expect((await read('?action=account.updated')).entries.map(e => e.action)).toEqual(['account.updated'])
    expect((await read('?action=account.')).entries.map(e => e.action)).toEqual(['account.passwordReset', 'account.updated', 'account.created'])
    expect((await read(`?stationId=${stationId}`)).entries.map(e => e.action)).toEqual(['device.codeMinted'])
    expect((await read('?username=ty-admin')).entries).toEqual([])
  })

  it('pages with limit and before', async () => {
    const first = await read('?limit=3')
    expect(first.entries).toHaveLength(3)
    expect(first.nextBefore).toBe(first.entries[2]?.id)
    const second = await read(`?limit=3&before=${first.nextBefore}`)
    expect(second.entries.map(e => e.action)).toEqual(['account.created'])
    expect(second.nextBefore).toBeNull()
  })

  it('sees writes made through the office routes', async () => {
    const res = await app.request('/api/office/accounts', { method: 'POST', headers: { 'content-type': 'application/json', 'cookie': admin.cookie }, body: JSON.stringify({ username: 'jc-viewer', password: 'a-long-password', role: 'viewer', divisionCode: '1405', displayName: '晋城查看' }) })
    expect(res.status).toBe(201)
    const page = await read('?action=account.created&username=jc-auditor')
    expect(page.entries.map(e => [e.targetId, e.details])).toEqual([['jc-viewer', { role: 'viewer', displayName: '晋城查看' }]])
  })

  it('answers a bad query with 400 and field errors', async () => {
    const res = await app.request('/api/office/audit?from=2026-02-30&limit=0&before=abc&to=2026-01-01&colour=red', { headers: { cookie: admin.cookie } })
    expect(res.status).toBe(400)
    const body = await res.json() as { error: string, fields: { path: string }[] }
    expect(body.error).toBe('invalid-query')
    expect(body.fields.map(f => f.path)).toEqual(expect.arrayContaining(['from', 'limit', 'before']))
    const reversed = await app.request('/api/office/audit?from=2026-03-05&to=2026-03-01', { headers: { cookie: admin.cookie } })
    expect(reversed.status).toBe(400)
    expect((await reversed.json() as { fields: { path: string }[] }).fields.map(f => f.path)).toEqual(['to'])
  })

  it('is for admins only: viewer and reviewer 403, anonymous and a device token 401', async () => {
    for (const role of ['viewer', 'reviewer'] as const) {
      const office = await signInOffice(app, ctx.db, { role, divisionCode: '1405' })
      expect((await app.request('/api/office/audit', { headers: { cookie: office.cookie } })).status).toBe(403)
    }
    const device = await enrollDevice(app, ctx.db, stationId)
    expect((await app.request('/api/office/audit')).status).toBe(401)
    expect((await app.request('/api/office/audit', bearer(device.token))).status).toBe(401)
  })

  it('gives another city\'s admin none of these entries', async () => {
    const other = await signInOffice(app, ctx.db, { role: 'admin', divisionCode: '1401' })
    expect((await read('', other.cookie)).entries.map(e => e.username)).toEqual(['ty-admin'])
  })
})
