/**
 * Stations for the office (issue 8 item 2): creating a station through its Annex A application, the list
 * and detail scoped to the office's division, and the authorization of every station route.
 */
import type { App } from '../../../src/server/app'
import type { TestDatabase } from '../helpers/databases'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { stationCreatedAnswerSchema, stationDetailAnswerSchema, stationListAnswerSchema } from '../../../src/domain/protocol'
import { appFor } from '../helpers/app'
import { expectContract } from '../helpers/contract'
import { testDatabases } from '../helpers/databases'
import { signInOffice } from '../helpers/office'
import { addStation, bearer, enrollDevice, json } from '../helpers/sync'

const body = { name: '晋城农商银行泽州支行便民服务站', divisionCode: '140525', address: '泽州县金村镇府城村 8 号', hostType: 'bank' }

function withCookie(init: RequestInit, cookie: string): RequestInit {
  return { ...init, headers: { ...(init.headers as Record<string, string>), cookie } }
}

describe.each(testDatabases())('office stations on %s', (kind) => {
  let ctx: TestDatabase
  let app: App
  let admin: string
  let reviewer: string
  let viewer: string
  let otherCity: string

  beforeAll(async () => {
    ctx = await kind.open()
    app = appFor(ctx)
    admin = (await signInOffice(app, ctx.db, { role: 'admin', divisionCode: '1405' })).cookie
    reviewer = (await signInOffice(app, ctx.db, { role: 'reviewer', divisionCode: '1405' })).cookie
    viewer = (await signInOffice(app, ctx.db, { role: 'viewer', divisionCode: '1405' })).cookie
    otherCity = (await signInOffice(app, ctx.db, { role: 'admin', divisionCode: '1401' })).cookie
  })
  afterAll(() => ctx.close())

  it('creates a station 申请中 with its submitted Annex A application and a unique code', async () => {
    const res = await app.request('/api/office/stations', withCookie(json({ ...body, contactPhone: '0356-1234567', application: { conditions: '人流量大，2 名工作人员' } }), admin))
    expect(res.status).toBe(201)
    const created = expectContract(stationCreatedAnswerSchema, await res.json())
    expect(created.code).toBe('S052501')
    const station = await ctx.db.selectFrom('stations').selectAll().where('id', '=', created.id).executeTakeFirstOrThrow()
    expect(station).toMatchObject({ state: 'applying', host_type: 'bank', county_code: '140525', host_unit: body.name, contact_phone: '0356-1234567' })
    const application = await ctx.db.selectFrom('station_applications').selectAll().where('id', '=', created.applicationId).executeTakeFirstOrThrow()
    expect(application).toMatchObject({ kind: 'open', status: 'submitted', drafted_by_type: 'office' })
    expect(application.fields).toEqual({ applicantUnit: body.name, contactPhone: '0356-1234567', countyCode: '140525', site: body.address, conditions: '人流量大，2 名工作人员' })
    const audit = await ctx.db.selectFrom('office_audit').selectAll().where('target_id', '=', created.id).execute()
    expect(audit.map(a => a.action)).toEqual(['station.created'])

    const second = expectContract(stationCreatedAnswerSchema, await (await app.request('/api/office/stations', withCookie(json({ ...body, name: '第二站', hostType: 'office-building' }), admin))).json())
    expect(second.code).toBe('S052502')
  })

  it('answers bad bodies with 400 and the field errors', async () => {
    const res = await app.request('/api/office/stations', withCookie(json({ name: '', divisionCode: '140500', address: 'x', hostType: 'telecom' }), admin))
    expect(res.status).toBe(400)
    const answer = await res.json() as { fields: { path: string }[] }
    expect(answer.fields.map(f => f.path).sort()).toEqual(['divisionCode', 'hostType', 'name'])
    const missing = await app.request('/api/office/stations', withCookie(json({ name: '站' }), admin))
    expect((await missing.json() as { fields: { path: string }[] }).fields.map(f => f.path).sort()).toEqual(['address', 'divisionCode', 'hostType'])
  })

  it('answers 404 for a county outside the office\'s division, 403 for other roles, 401 without a session', async () => {
    expect((await app.request('/api/office/stations', withCookie(json({ ...body, divisionCode: '140105' }), admin))).status).toBe(404)
    expect((await app.request('/api/office/stations', withCookie(json(body), reviewer))).status).toBe(403)
    expect((await app.request('/api/office/stations', withCookie(json(body), viewer))).status).toBe(403)
    expect((await app.request('/api/office/stations', json(body))).status).toBe(401)
    expect((await app.request('/api/office/stations')).status).toBe(401)
    const station = await addStation(ctx.db)
    const device = await enrollDevice(app, ctx.db, station)
    expect((await app.request('/api/office/stations', json(body, device.token))).status).toBe(401)
    expect((await app.request('/api/office/stations', bearer(device.token))).status).toBe(401)
    expect((await app.request(`/api/office/stations/${station}`, bearer(device.token))).status).toBe(401)
  })

  it('lists and shows only the stations of the office\'s division, with filters', async () => {
    const outside = await addStation(ctx.db, '太原的站')
    const list = expectContract(stationListAnswerSchema, await (await app.request('/api/office/stations', { headers: { cookie: viewer } })).json())
    expect(list.stations.length).toBe(2)
    expect(list.stations.every(s => s.countyCode.startsWith('1405'))).toBe(true)
    expect(list.stations[0]).toMatchObject({ state: 'applying', staffCount: 0, pendingApplication: 'open' })
    const filtered = expectContract(stationListAnswerSchema, await (await app.request('/api/office/stations?search=%E7%AC%AC%E4%BA%8C&state=applying', { headers: { cookie: viewer } })).json())
    expect(filtered.stations.map(s => s.name)).toEqual(['第二站'])
    expect((await app.request('/api/office/stations?state=nope', { headers: { cookie: viewer } })).status).toBe(400)
    expect((await app.request(`/api/office/stations/${outside}`, { headers: { cookie: viewer } })).status).toBe(404)
    const theirs = expectContract(stationListAnswerSchema, await (await app.request('/api/office/stations', { headers: { cookie: otherCity } })).json())
    expect(theirs.stations.map(s => s.id)).toContain(outside)
    const [first] = list.stations
    if (!first)
      throw new Error('no station listed')
    const detail = expectContract(stationDetailAnswerSchema, await (await app.request(`/api/office/stations/${first.id}`, { headers: { cookie: viewer } })).json())
    expect(detail.station.countyName).toBe('山西省晋城市泽州县')
    expect(detail.applications).toMatchObject([{ kind: 'open', status: 'submitted' }])
  })
})
