/**
 * Station applications (5.4.1, Annexes A–C): A approved opens the station; a tablet's Annex B event pushed
 * becomes an application, its approval changes the station row and the tablet's next pull carries it; an
 * Annex C closing warns while a tablet has not synced, and the tablets are revoked only after their last push.
 */
import type { App } from '../../../src/server/app'
import type { TestDatabase } from '../helpers/databases'
import type { TestDevice } from '../helpers/sync'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { newEventId, newStreamId } from '../../../src/domain/events'
import { applicationCreatedAnswerSchema, applicationDetailAnswerSchema, applicationListAnswerSchema, revokeRemainingAnswerSchema, stationCreatedAnswerSchema, stationDetailAnswerSchema } from '../../../src/domain/protocol'
import { appFor } from '../helpers/app'
import { expectContract } from '../helpers/contract'
import { testDatabases } from '../helpers/databases'
import { signInOffice } from '../helpers/office'
import { addStation, bearer, consultation, enrollDevice, json, pullOk, push, pushOk } from '../helpers/sync'

function withCookie(init: RequestInit, cookie: string): RequestInit {
  return { ...init, headers: { ...(init.headers as Record<string, string>), cookie } }
}

function requestEvent(device: TestDevice, type: 'stationApplication.changeRequested' | 'stationApplication.closeRequested', payload: unknown) {
  return { id: newEventId(), stream: newStreamId('stationApplication'), type, v: 1, payload, stationId: device.stationId, deviceId: device.deviceId, staffId: 'staff-1', occurredAt: '2026-03-02T10:00:00+08:00' }
}

const change = {
  after: { applicantUnit: '测试银行小店支行', contactPhone: '0351-7654321', address: '太原市小店区新址 9 号', countyCode: '140105', functions: '增加社保卡补办' },
  remarks: '迁址',
}

describe.each(testDatabases())('station applications on %s', (kind) => {
  let ctx: TestDatabase
  let app: App
  let admin: string
  let reviewer: string
  let viewer: string
  let otherCity: string

  beforeAll(async () => {
    ctx = await kind.open()
    app = appFor(ctx)
    admin = (await signInOffice(app, ctx.db, { role: 'admin', divisionCode: '1401' })).cookie
    reviewer = (await signInOffice(app, ctx.db, { role: 'reviewer', divisionCode: '1401' })).cookie
    viewer = (await signInOffice(app, ctx.db, { role: 'viewer', divisionCode: '1401' })).cookie
    otherCity = (await signInOffice(app, ctx.db, { role: 'reviewer', divisionCode: '1405' })).cookie
  })
  afterAll(() => ctx.close())

  const review = (id: string, cookie: string, body: unknown) => app.request(`/api/office/applications/${id}/review`, withCookie(json(body), cookie))

  it('opens a station when its Annex A application is approved, with the opinion, reviewer and date', async () => {
    const created = expectContract(stationCreatedAnswerSchema, await (await app.request('/api/office/stations', withCookie(json({ name: '小店邮政便民服务站', divisionCode: '140105', address: '小店区 1 号', hostType: 'post' }), admin))).json())
    expect((await review(created.applicationId, viewer, { decision: 'approved', opinion: '同意', date: '2026-03-03' })).status).toBe(403)
    expect((await review(created.applicationId, otherCity, { decision: 'approved', opinion: '同意', date: '2026-03-03' })).status).toBe(404)
    expect((await review(created.applicationId, reviewer, { decision: 'maybe', opinion: '', date: '2026-02-30' })).status).toBe(400)
    const res = await review(created.applicationId, reviewer, { decision: 'approved', opinion: '同意设置为政务服务便民服务站', date: '2026-03-03' })
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ stationState: 'open', application: { status: 'approved', decision: 'approved', opinion: '同意设置为政务服务便民服务站', reviewDate: '2026-03-03' } })
    const station = await ctx.db.selectFrom('stations').select('state').where('id', '=', created.id).executeTakeFirstOrThrow()
    expect(station.state).toBe('open')
    expect((await review(created.applicationId, reviewer, { decision: 'approved', opinion: '再次', date: '2026-03-03' })).status).toBe(409)
    const audit = await ctx.db.selectFrom('office_audit').select(['action', 'username']).where('target_id', '=', created.applicationId).execute()
    expect(audit.map(a => a.action)).toEqual(['application.approved'])
    const queue = expectContract(applicationListAnswerSchema, await (await app.request('/api/office/applications?status=approved', { headers: { cookie: viewer } })).json())
    expect(queue.applications.map(a => a.id)).toContain(created.applicationId)
  })

  it('turns a pushed Annex B event into an application; approval changes the station row, pulled next', async () => {
    const stationId = await addStation(ctx.db)
    const device = await enrollDevice(app, ctx.db, stationId)
    const before = await pullOk(app, device)
    const event = requestEvent(device, 'stationApplication.changeRequested', change)
    const pushed = await pushOk(app, device, [event])
    expect(pushed.results).toEqual([{ id: event.id, status: 'applied' }])
    await pushOk(app, device, [event]) // a repeated push is a duplicate, not a second application

    const list = expectContract(applicationListAnswerSchema, await (await app.request(`/api/office/applications?stationId=${stationId}`, { headers: { cookie: viewer } })).json())
    expect(list.applications).toHaveLength(1)
    const [application] = list.applications
    if (!application)
      throw new Error('no application listed')
    expect(application).toMatchObject({ kind: 'change', status: 'submitted', fields: change, draftedBy: { type: 'device', by: device.deviceId } })
    expect(application.id).toBe(event.stream.slice('stationApplication:'.length))
    expect(application.before).toEqual({ applicantUnit: '测试银行', contactPhone: '', address: '山西省太原市小店区', countyCode: '140105' })
    expect((await ctx.db.selectFrom('stations').select('state').where('id', '=', stationId).executeTakeFirstOrThrow()).state).toBe('changing')

    expect((await review(application.id, reviewer, { decision: 'approved', opinion: '同意变更', date: '2026-03-04' })).status).toBe(200)
    const row = await ctx.db.selectFrom('stations').selectAll().where('id', '=', stationId).executeTakeFirstOrThrow()
    expect(row).toMatchObject({ state: 'open', host_unit: '测试银行小店支行', contact_phone: '0351-7654321', address: '太原市小店区新址 9 号', functions: '增加社保卡补办' })

    const next = await pullOk(app, device, { refRevision: before.reference.revision })
    expect(next.reference.stations).toMatchObject([{ id: stationId, state: 'open', hostUnit: '测试银行小店支行', address: '太原市小店区新址 9 号', contactPhone: '0351-7654321', functions: '增加社保卡补办' }])
    // The decision reaches the tablet as an event on its application's stream, recorded by the server.
    const reviewed = next.events.filter(e => e.stream === event.stream && e.type === 'stationApplication.reviewed')
    expect(reviewed).toMatchObject([{ deviceId: 'server:office-review', staffId: null, stationId, payload: { decision: 'approved', opinion: '同意变更', date: '2026-03-04' } }])
  })

  it('rejects an invalid request event in the push, and keeps the push answering', async () => {
    const stationId = await addStation(ctx.db)
    const device = await enrollDevice(app, ctx.db, stationId)
    const bad = requestEvent(device, 'stationApplication.closeRequested', { applicantName: '', contactPhone: 'x', countyCode: '999999', address: 'a', reason: 'b' })
    const answer = await pushOk(app, device, [bad])
    expect(answer.results[0]).toMatchObject({ status: 'rejected' })
    expect(answer.results[0]?.reason).toMatch(/^invalid: /)
    const rows = await ctx.db.selectFrom('station_applications').select('id').where('station_id', '=', stationId).execute()
    expect(rows).toEqual([])
  })

  it('closes a station on an approved Annex C, warns for unsynced tablets, revokes each after its last push', async () => {
    const stationId = await addStation(ctx.db)
    const synced = await enrollDevice(app, ctx.db, stationId, '一号平板')
    const lagging = await enrollDevice(app, ctx.db, stationId, '二号平板')
    const closeFields = { applicantName: '王晓燕', contactPhone: '13800000000', countyCode: '140105', address: '山西省太原市小店区', reason: '网点撤并' }
    const draft = await app.request('/api/office/applications', withCookie(json({ kind: 'close', stationId, fields: closeFields }), admin))
    expect(draft.status).toBe(201)
    const { id } = expectContract(applicationCreatedAnswerSchema, await draft.json())
    expect((await app.request(`/api/office/applications/${id}/review`, withCookie(json({ decision: 'approved', opinion: '同意', date: '2026-03-05' }), reviewer))).status).toBe(409) // still a draft
    expect((await app.request(`/api/office/applications/${id}/submit`, withCookie(json({}), reviewer))).status).toBe(403)
    expect((await app.request(`/api/office/applications/${id}/submit`, withCookie(json({}), admin))).status).toBe(200)

    const pending = expectContract(applicationDetailAnswerSchema, await (await app.request(`/api/office/applications/${id}`, { headers: { cookie: viewer } })).json())
    expect(pending.devices.map(d => d.mayHaveUnsynced)).toEqual([true, true])

    const approved = expectContract(applicationDetailAnswerSchema, await (await review(id, reviewer, { decision: 'approved', opinion: '同意注销', date: '2026-03-05' })).json())
    expect(approved.stationState).toBe('closed')
    expect(approved.devices.map(d => [d.mayHaveUnsynced, d.revokedAt])).toEqual([[true, null], [true, null]])

    // The first tablet syncs its last work: stored, then revoked.
    const last = consultation(synced)
    expect((await pushOk(app, synced, [last])).results).toEqual([{ id: last.id, status: 'applied' }])
    expect((await app.request('/api/sync/pull', bearer(synced.token))).status).toBe(401)
    const detail = expectContract(stationDetailAnswerSchema, await (await app.request(`/api/office/stations/${stationId}`, { headers: { cookie: viewer } })).json())
    expect(detail.station.state).toBe('closed')
    expect(detail.devices.map(d => [d.name, d.mayHaveUnsynced, d.revokedAt !== null])).toEqual([['一号平板', false, true], ['二号平板', true, false]])

    // The office confirms despite the warning: the other tablet is revoked at once.
    expect((await app.request(`/api/office/stations/${stationId}/devices/revoke-remaining`, withCookie(json({}), reviewer))).status).toBe(403)
    const revoked = expectContract(revokeRemainingAnswerSchema, await (await app.request(`/api/office/stations/${stationId}/devices/revoke-remaining`, withCookie(json({}), admin))).json())
    expect(revoked.revoked).toEqual([lagging.deviceId])
    expect((await push(app, lagging, [])).status).toBe(401)
    const audit = await ctx.db.selectFrom('office_audit').select('action').where('station_id', '=', stationId).orderBy('id').execute()
    expect(audit.map(a => a.action)).toEqual(['application.drafted', 'application.submitted', 'application.approved', 'station.devicesRevoked'])
    // A closed station takes no new application.
    expect((await app.request('/api/office/applications', withCookie(json({ kind: 'change', stationId, fields: change, submit: true }), admin))).status).toBe(409)
  })
})
