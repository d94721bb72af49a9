/**
 * Issue 11 items 3–4 on the server: a tablet's audit.revealed (recorded offline, pushed later) arrives and the
 * office reads and filters it by station, staff, kind, field and CST days, inside its division only; the server's
 * own retention purge turns old personal values into tombstones (events and projections), leaving recent ones.
 */
import type { App } from '../../../src/server/app'
import type { AccessLogPageAnswer } from '../../../src/domain/protocol'
import type { TestDatabase } from '../helpers/databases'
import type { TestDevice } from '../helpers/sync'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { newEventId, newStreamId } from '../../../src/domain/events'
import { accessLogPageAnswerSchema, personalRevealAnswerSchema } from '../../../src/domain/protocol'
import { expectContract } from '../helpers/contract'
import { PURGED_VALUE, SERVER_RETENTION_SETTING, TABLET_RETENTION_SETTING } from '../../../src/domain/personalFields'
import { runAdmin } from '../../../src/server/cli/admin'
import { purgeServerPersonalData } from '../../../src/server/privacy/serverPurge'
import { appFor } from '../helpers/app'
import { testDatabases } from '../helpers/databases'
import { signInOffice } from '../helpers/office'
import { addStation, caseEvent, caseReceived, enrollDevice, pullOk, pushOk } from '../helpers/sync'

type Page = AccessLogPageAnswer

function audit(device: TestDevice, type: 'audit.revealed' | 'audit.exported', payload: unknown, occurredAt: string, staffId = 'staff-1') {
  return { id: newEventId(), stream: newStreamId('audit'), type, v: 1, payload, stationId: device.stationId, deviceId: device.deviceId, staffId, occurredAt }
}

describe.each(testDatabases())('privacy on %s', (kind) => {
  let ctx: TestDatabase
  let app: App
  let device: TestDevice
  let other: TestDevice
  let admin: { cookie: string }
  let outsider: { cookie: string }
  const subject = newStreamId('case')

  beforeAll(async () => {
    ctx = await kind.open()
    app = appFor(ctx)
    device = await enrollDevice(app, ctx.db, await addStation(ctx.db, '一号站'))
    other = await enrollDevice(app, ctx.db, await addStation(ctx.db, '二号站'))
    admin = await signInOffice(app, ctx.db, { username: 'ty-privacy-admin', role: 'admin', divisionCode: '1401' })
    outsider = await signInOffice(app, ctx.db, { username: 'jc-privacy-admin', role: 'admin', divisionCode: '1405' })
  })
  afterAll(() => ctx.close())

  async function read(query: string, cookie = admin.cookie): Promise<Page> {
    const res = await app.request(`/api/office/audit/access${query}`, { headers: { cookie } })
    expect(res.status).toBe(200)
    return expectContract(accessLogPageAnswerSchema, await res.json())
  }

  it('an offline reveal, pushed later, arrives and the office filters it', async () => {
    const revealed = audit(device, 'audit.revealed', { subject, field: 'idNumber', reason: '核对身份' }, '2026-03-02T23:30:00+08:00')
    const phone = audit(device, 'audit.revealed', { subject, field: 'mobile', reason: '回访联系' }, '2026-03-03T09:00:00+08:00', 'staff-2')
    const exported = audit(other, 'audit.exported', { ledger: 'D', format: 'xlsx', filter: { from: '2026-03-01', to: '2026-03-31' }, rowCount: 3, masked: false, reason: '上报月报' }, '2026-03-04T09:00:00+08:00')
    expect((await pushOk(app, device, [revealed, phone])).results.map(r => r.status)).toEqual(['applied', 'applied'])
    expect((await pushOk(app, other, [exported])).results.map(r => r.status)).toEqual(['applied'])
    // Synced: other tablets of the station pull it like any event.
    expect((await pullOk(app, device)).events.map(e => e.id)).toEqual(expect.arrayContaining([revealed.id, phone.id]))

    const all = await read('')
    expect(all.entries.map(e => e.eventId)).toEqual([exported.id, phone.id, revealed.id])
    expect(all.entries[2]).toMatchObject({ kind: 'revealed', stationId: device.stationId, stationName: '一号站', staffId: 'staff-1', occurredAt: '2026-03-02T23:30:00+08:00', details: { subject, field: 'idNumber', reason: '核对身份' } })
    expect((await read(`?stationId=${device.stationId}`)).entries.map(e => e.eventId)).toEqual([phone.id, revealed.id])
    expect((await read('?staffId=staff-2')).entries.map(e => e.eventId)).toEqual([phone.id])
    expect((await read('?kind=exported')).entries.map(e => e.eventId)).toEqual([exported.id])
    expect((await read('?kind=revealed&field=idNumber')).entries.map(e => e.eventId)).toEqual([revealed.id])
    // 23:30 CST on the 2nd is the 2nd in China.
    expect((await read('?from=2026-03-02&to=2026-03-02')).entries.map(e => e.eventId)).toEqual([revealed.id])
    const first = await read('?limit=2')
    expect(first.entries).toHaveLength(2)
    expect((await read(`?limit=2&before=${first.nextBefore}`)).entries.map(e => e.eventId)).toEqual([revealed.id])
  })

  it('shows another division nothing, and answers bad queries with field errors', async () => {
    expect((await read('', outsider.cookie)).entries).toEqual([])
    const res = await app.request('/api/office/audit/access?kind=looked&field=password&from=2026-13-01', { headers: { cookie: admin.cookie } })
    expect(res.status).toBe(400)
    const body = await res.json() as { fields: { path: string }[] }
    expect(body.fields.map(f => f.path).sort()).toEqual(['field', 'from', 'kind'])
  })

  it('refuses a reveal pushed without a reason', async () => {
    const bad = audit(device, 'audit.revealed', { subject, field: 'name', reason: ' ' }, '2026-03-05T09:00:00+08:00')
    const answer = await pushOk(app, device, [bad])
    expect(answer.results).toEqual([expect.objectContaining({ id: bad.id, status: 'rejected' })])
    expect((await read('')).entries.map(e => e.eventId)).not.toContain(bad.id)
  })

  it('ships the retention settings, and purges only streams past the server\'s', async () => {
    const settings = await ctx.db.selectFrom('settings').select(['key', 'value']).where('key', 'in', [TABLET_RETENTION_SETTING, SERVER_RETENTION_SETTING]).execute()
    expect(Object.fromEntries(settings.map(s => [s.key, Number(s.value)]))).toEqual({ [TABLET_RETENTION_SETTING]: 90, [SERVER_RETENTION_SETTING]: 1095 })

    const oldCase = newStreamId('case')
    const newCase = newStreamId('case')
    await pushOk(app, device, [
      caseEvent(device, oldCase, 'case.received', caseReceived, '2022-03-02T09:00:00+08:00'),
      caseEvent(device, newCase, 'case.received', caseReceived, '2026-03-02T09:00:00+08:00'),
    ])
    const result = await purgeServerPersonalData(ctx.db, { now: new Date('2026-03-10T00:00:00+08:00') })
    expect(result).toMatchObject({ retentionDays: 1095, streams: 1, events: 1 })

    const payloads = await ctx.db.selectFrom('events').select(['stream', 'payload']).where('stream', 'in', [oldCase, newCase]).execute()
    const byStream = Object.fromEntries(payloads.map(p => [p.stream, p.payload as { applicant: Record<string, string>, itemName: string }]))
    expect(byStream[oldCase]?.applicant).toMatchObject({ name: PURGED_VALUE, idNumber: PURGED_VALUE, mobile: PURGED_VALUE })
    expect(byStream[oldCase]?.itemName).toBe(caseReceived.itemName)
    expect(byStream[newCase]?.applicant).toMatchObject({ name: '张小明' })
    const projections = await ctx.db.selectFrom('case_projections').selectAll().where('id', 'in', [oldCase, newCase]).execute()
    const text = JSON.stringify(projections.find(p => p.id === oldCase))
    expect(projections).toHaveLength(2)
    expect(text).not.toContain('张小明')
    expect(text).not.toContain('11010519491231002X')
    expect(JSON.stringify(projections.find(p => p.id === newCase))).toContain('张小明')

    // Idempotent: nothing left to change.
    expect((await purgeServerPersonalData(ctx.db, { now: new Date('2026-03-10T00:00:00+08:00') })).events).toBe(0)

    // The CLI runs the same purge on demand and says what it did.
    const out: string[] = []
    const code = await runAdmin(['purge-personal-data'], { readStdin: async () => '', out: l => out.push(l), err: l => out.push(l), env: {}, open: async () => ({ ...ctx, close: async () => {} }) })
    expect(code).toBe(0)
    expect(out.join('\n')).toMatch(/Personal data purged: 0 events in \d+ streams older than 1095 days/)
  })
  it('reveals a full value in the office console only with a reason, recorded in the access log and the office log', async () => {
    const stream = newStreamId('case')
    await pushOk(app, device, [caseEvent(device, stream, 'case.received', caseReceived, '2026-03-02T09:00:00+08:00')])
    const reveal = (body: unknown, cookie = admin.cookie) => app.request('/api/office/personal/reveal', { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify(body) })

    const refused = await reveal({ subject: stream, field: 'idNumber', reason: '  ' })
    expect(refused.status).toBe(400)
    expect(JSON.stringify(await refused.json())).toContain('请填写查看完整信息的原因')
    expect((await reveal({ subject: stream, field: 'idNumber' })).status).toBe(400)
    expect((await reveal({ subject: stream, field: 'idNumber', reason: '核对' }, outsider.cookie)).status).toBe(404)
    const before = (await read('?field=idNumber')).entries.length

    const ok = await reveal({ subject: stream, field: 'idNumber', reason: '复核办件' })
    expect(ok.status).toBe(200)
    expect(expectContract(personalRevealAnswerSchema, await ok.json())).toEqual({ value: '11010519491231002X' })
    const log = await read('?field=idNumber')
    expect(log.entries).toHaveLength(before + 1)
    expect(log.entries[0]).toMatchObject({ kind: 'revealed', stationId: device.stationId, deviceId: 'office:ty-privacy-admin', staffId: null, details: { subject: stream, field: 'idNumber', reason: '复核办件' } })
    const office = await app.request('/api/office/audit?action=personal.revealed', { headers: { cookie: admin.cookie } })
    expect((await office.json() as { entries: { targetId: string, details: unknown }[] }).entries[0]).toMatchObject({ targetId: stream, details: { field: 'idNumber', reason: '复核办件' } })
    expect((await reveal({ subject: stream, field: 'mobile', reason: '回访' })).status).toBe(200)
  })
})
