/**
 * Inspections for the office (issue 8 item 6): a tablet pushes inspection.recorded / inspection.fixed through
 * /api/sync/push; GET /api/office/inspections shows the latest per station of the division with open and
 * overdue fix tasks at the server's `now`, and /stations/:id/inspections the station's history.
 */
import type { App } from '../../../src/server/app'
import type { TestDatabase } from '../helpers/databases'
import type { TestDevice } from '../helpers/sync'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DomainEvent } from '../../../src/domain/events'
import { newEventId, newStreamId } from '../../../src/domain/events'
import { checklistFor } from '../../../src/domain/inspection'
import { officeInspectionsAnswerSchema, officeStationInspectionsAnswerSchema } from '../../../src/domain/protocol'
import { expectContract } from '../helpers/contract'
import { appFor } from '../helpers/app'
import { testDatabases } from '../helpers/databases'
import { signInOffice } from '../helpers/office'
import { addStation, bearer, enrollDevice, json, pullAll, pushOk } from '../helpers/sync'

let now = new Date('2026-03-05T12:00:00+08:00')

function inspectionEvent(device: TestDevice, stream: string, type: string, payload: unknown, occurredAt: string): DomainEvent {
  return { id: newEventId(), stream, type, v: 1, payload, stationId: device.stationId, deviceId: device.deviceId, staffId: 'staff-1', occurredAt }
}

/** A basic checklist with findings on `findings` (id → due). */
function checklist(findings: Record<string, string>) {
  return {
    kind: 'self',
    tier: 'basic',
    checks: checklistFor('basic').map(c => (findings[c.id] ? { id: c.id, result: 'finding', note: '需要整改', dueAt: findings[c.id] } : { id: c.id, result: 'ok' })),
  }
}

describe.each(testDatabases())('office inspections on %s', (kind) => {
  let ctx: TestDatabase
  let app: App
  let device: TestDevice
  let stationA: string
  let stationB: string
  let county: { cookie: string }
  let other: { cookie: string }

  beforeAll(async () => {
    ctx = await kind.open()
    app = appFor(ctx, { now: () => now })
    stationA = await addStation(ctx.db, '小店甲便民服务站')
    stationB = await addStation(ctx.db, '小店乙便民服务站')
    device = await enrollDevice(app, ctx.db, stationA)
    county = (await signInOffice(app, ctx.db, { role: 'viewer', divisionCode: '140105' })).headers
    other = (await signInOffice(app, ctx.db, { role: 'admin', divisionCode: '1405' })).headers
  })
  afterAll(() => ctx.close())

  /** Moves the server's clock; office sessions expire with it, so both offices sign in again. */
  async function at(date: string): Promise<void> {
    now = new Date(date)
    county = (await signInOffice(app, ctx.db, { role: 'viewer', divisionCode: '140105' })).headers
    other = (await signInOffice(app, ctx.db, { role: 'admin', divisionCode: '1405' })).headers
  }

  it('shows every station of the division, none inspected yet', async () => {
    const res = await app.request('/api/office/inspections', { headers: county })
    expect(res.status).toBe(200)
    const body = expectContract(officeInspectionsAnswerSchema, await res.json())
    const rows = body.stations.filter(s => [stationA, stationB].includes(s.stationId))
    expect(rows.map(r => [r.name, r.latest, r.findingsOpen, r.overdue]).sort()).toEqual([
      ['小店乙便民服务站', null, 0, 0],
      ['小店甲便民服务站', null, 0, 0],
    ])
  })

  it('keeps pushed inspections: the latest per station, open findings, and overdue ones as time passes', async () => {
    const older = newStreamId('inspection')
    const latest = newStreamId('inspection')
    const answer = await pushOk(app, device, [
      inspectionEvent(device, older, 'inspection.recorded', checklist({ 'display.logo': '2026-03-03T23:59:59.999+08:00' }), '2026-02-24T09:00:00+08:00'),
      inspectionEvent(device, latest, 'inspection.recorded', checklist({ 'facility.emergency': '2026-03-09T23:59:59.999+08:00', 'environment.clean': '2026-03-09T23:59:59.999+08:00' }), '2026-03-02T09:00:00+08:00'),
      inspectionEvent(device, latest, 'inspection.fixed', { checkId: 'environment.clean', note: '已清扫' }, '2026-03-03T09:00:00+08:00'),
    ])
    expect(answer.results.map(r => r.status)).toEqual(['applied', 'applied', 'applied'])

    await at('2026-03-05T12:00:00+08:00')
    let body = expectContract(officeInspectionsAnswerSchema, await (await app.request('/api/office/inspections', { headers: county })).json())
    let row = body.stations.find(s => s.stationId === stationA)
    expect(row?.latest).toMatchObject({ id: latest, inspectedOn: '2026-03-02', findings: 2, findingsOpen: 1 })
    // The older inspection's logo finding is still open and past 03-03; the emergency one is due 03-09.
    expect([row?.findingsOpen, row?.overdue, row?.nextDueAt]).toEqual([2, 1, '2026-03-03T15:59:59.999Z'])

    await at('2026-03-10T09:00:00+08:00')
    body = expectContract(officeInspectionsAnswerSchema, await (await app.request('/api/office/inspections', { headers: county })).json())
    row = body.stations.find(s => s.stationId === stationA)
    expect([row?.findingsOpen, row?.overdue]).toEqual([2, 2])

    // The tablet fixes the old finding offline and syncs: one task left, still overdue.
    await pushOk(app, device, [inspectionEvent(device, older, 'inspection.fixed', { checkId: 'display.logo', note: '标识已上墙' }, '2026-03-10T08:00:00+08:00')])
    body = expectContract(officeInspectionsAnswerSchema, await (await app.request('/api/office/inspections', { headers: county })).json())
    row = body.stations.find(s => s.stationId === stationA)
    expect([row?.findingsOpen, row?.overdue]).toEqual([1, 1])
    expect(body.stations.find(s => s.stationId === stationB)?.latest).toBeNull()

    const history = await app.request(`/api/office/stations/${stationA}/inspections`, { headers: county })
    expect(history.status).toBe(200)
    const station = expectContract(officeStationInspectionsAnswerSchema, await history.json())
    expect(station.inspections.map(i => [i.id, i.findingsOpen, i.overdue])).toEqual([[latest, 1, 1], [older, 0, 0]])
    const fixed = station.inspections[1]?.checks.find(c => c.id === 'display.logo')
    expect(fixed).toMatchObject({ result: 'finding', fixNote: '标识已上墙', fixedAt: '2026-03-10T08:00:00+08:00' })
  })

  it('refuses an incomplete checklist at push, keeping nothing of it', async () => {
    const stream = newStreamId('inspection')
    const bad = checklist({})
    bad.checks = bad.checks.slice(2)
    const answer = await pushOk(app, device, [inspectionEvent(device, stream, 'inspection.recorded', bad, '2026-03-04T09:00:00+08:00')])
    expect(answer.results[0]?.status).toBe('rejected')
    expect(answer.results[0]?.reason).toContain('缺少检查项')
    const rows = await ctx.db.selectFrom('inspection_projections').select('id').where('id', '=', stream).execute()
    expect(rows).toEqual([])
  })

  it('answers 401 without a session and to a device token; every role may read; another division sees neither station', async () => {
    expect((await app.request('/api/office/inspections')).status).toBe(401)
    expect((await app.request('/api/office/inspections', bearer(device.token))).status).toBe(401)
    expect((await app.request(`/api/office/stations/${stationA}/inspections`)).status).toBe(401)
    expect((await app.request(`/api/office/stations/${stationA}/inspections`, bearer(device.token))).status).toBe(401)
    for (const role of ['viewer', 'reviewer', 'admin'] as const) {
      const office = (await signInOffice(app, ctx.db, { role, divisionCode: '1401' })).headers
      expect((await app.request('/api/office/inspections', { headers: office })).status).toBe(200)
      expect((await app.request(`/api/office/stations/${stationA}/inspections`, { headers: office })).status).toBe(200)
    }
    const elsewhere = expectContract(officeInspectionsAnswerSchema, await (await app.request('/api/office/inspections', { headers: other })).json())
    expect(elsewhere.stations.map(s => s.stationId)).not.toContain(stationA)
    const res = await app.request(`/api/office/stations/${stationA}/inspections`, { headers: other })
    expect(res.status).toBe(404)
    expect((await res.json() as { message: string }).message).toBe('找不到该便民服务站')
    expect((await app.request('/api/office/stations/no-such-station/inspections', { headers: county })).status).toBe(404)
  })

  it('records the office\'s own inspection (巡查): the tablets pull it and its findings are fix tasks; audited', async () => {
    await at('2026-03-11T10:00:00+08:00')
    const reviewer = await signInOffice(app, ctx.db, { role: 'reviewer', divisionCode: '1401', displayName: '太原市行政审批局' })
    const checks = checklistFor('basic').map(c => (c.id === 'display.guides' ? { id: c.id, result: 'finding', note: '指南未按事项分类' } : { id: c.id, result: 'ok' }))
    const res = await app.request(`/api/office/stations/${stationB}/inspections`, { ...json({ checks }), headers: { 'content-type': 'application/json', 'cookie': reviewer.cookie } })
    expect(res.status).toBe(201)
    const { id } = await res.json() as { id: string }
    expect(id).toMatch(/^inspection:/)

    const body = expectContract(officeInspectionsAnswerSchema, await (await app.request('/api/office/inspections', { headers: county })).json())
    const row = body.stations.find(s => s.stationId === stationB)
    // 2026-03-11 (Wednesday) + 5 working days → 2026-03-18.
    expect(row).toMatchObject({ latest: { id, kind: 'office', inspectedOn: '2026-03-11', findings: 1, findingsOpen: 1 }, findingsOpen: 1, overdue: 0, nextDueAt: '2026-03-18T15:59:59.999Z' })

    const tablet = await enrollDevice(app, ctx.db, stationB)
    const pulled = (await pullAll(app, tablet)).filter(e => e.stream === id)
    expect(pulled.map(e => [e.type, e.deviceId, e.staffId])).toEqual([['inspection.recorded', `office:${reviewer.username}`, null]])
    expect(pulled[0]?.payload).toMatchObject({ kind: 'office', tier: 'basic', inspector: '太原市行政审批局' })
    // The station fixes it on its tablet.
    await pushOk(app, tablet, [inspectionEvent(tablet, id, 'inspection.fixed', { checkId: 'display.guides', note: '已分类摆放' }, '2026-03-12T09:00:00+08:00')])
    const after = expectContract(officeInspectionsAnswerSchema, await (await app.request('/api/office/inspections', { headers: county })).json())
    expect(after.stations.find(s => s.stationId === stationB)?.findingsOpen).toBe(0)

    const audit = await ctx.db.selectFrom('office_audit').selectAll().where('action', '=', 'inspection.recorded').where('target_id', '=', id).execute()
    expect(audit.map(a => [a.username, a.station_id, a.details])).toEqual([[reviewer.username, stationB, { kind: 'office', checks: checks.length, findings: 1 }]])
  })

  it('refuses a 巡查 from a viewer (403), outside the division (404), and an incomplete or bad checklist (400)', async () => {
    const checks = checklistFor('basic').map(c => ({ id: c.id, result: 'ok' }))
    const post = (cookie: string, body: unknown, station = stationA) => app.request(`/api/office/stations/${station}/inspections`, { ...json(body), headers: { 'content-type': 'application/json', cookie } })
    const viewer = await signInOffice(app, ctx.db, { role: 'viewer', divisionCode: '1401' })
    expect((await post(viewer.cookie, { checks })).status).toBe(403)
    expect((await post(other.cookie, { checks })).status).toBe(404)
    expect((await app.request(`/api/office/stations/${stationA}/inspections`, json({ checks }))).status).toBe(401)
    expect((await app.request(`/api/office/stations/${stationA}/inspections`, json({ checks }, device.token))).status).toBe(401)
    const admin = await signInOffice(app, ctx.db, { role: 'admin', divisionCode: '1401' })
    const incomplete = await post(admin.cookie, { checks: checks.slice(1) })
    expect(incomplete.status).toBe(400)
    expect((await incomplete.json() as { fields: { path: string, message: string }[] }).fields).toEqual([{ path: 'checks', message: '缺少检查项：办公电话' }])
    const noNote = await post(admin.cookie, { checks: checks.map((c, i) => (i === 0 ? { ...c, result: 'finding' } : c)) })
    expect((await noNote.json() as { fields: { path: string }[] }).fields.map(f => f.path)).toEqual(['checks.0.note'])
    const bad = await post(admin.cookie, { checks: [{ id: 'x', result: 'maybe' }], extra: true })
    expect(bad.status).toBe(400)
    const before = await ctx.db.selectFrom('inspection_projections').select('id').where('station_id', '=', stationA).execute()
    expect(before).toHaveLength(2)
  })
})
