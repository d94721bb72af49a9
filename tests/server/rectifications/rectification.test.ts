/**
 * Rectification and appeals end to end on the server (issue 9 items 6-7; 7.2, 7.1.1), on PGlite and
 * PostgreSQL: a 差评 from the phone opens a rectification task the station pulls; a counter 差评's task pushed
 * by the tablet is projected too; the office re-checks (sent back, then closed) and the tablet pulls each
 * decision; the station appeals and the office upholds: the rating leaves the office metrics and the
 * published results, which say how many were excluded. Bad bodies 400 with fields, 413 oversize, 409 twice.
 */
import { createHash, randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DomainEvent } from '../../../src/domain/events'
import { appealStreamFor } from '../../../src/domain/appeal'
import { newEventId, newStreamId, streamUuid } from '../../../src/domain/events'
import { ratingStreamFor } from '../../../src/domain/rating'
import { RECTIFICATION_WORKDAYS, rectificationDueFields, rectificationStreamFor } from '../../../src/domain/rectification'
import type { App } from '../../../src/server/app'
import { jsonb } from '../../../src/server/db'
import { officeAppealsAnswerSchema, officeRectificationsAnswerSchema } from '../../../src/domain/protocol'
import { appFor } from '../helpers/app'
import { expectContract } from '../helpers/contract'
import { testDatabases } from '../helpers/databases'
import type { TestDatabase } from '../helpers/databases'
import { signInOffice } from '../helpers/office'
import type { TestDevice } from '../helpers/sync'
import { addStation, enrollDevice, json, pullAll, pushOk } from '../helpers/sync'
import { builtinWorkCalendar } from '../../../src/domain/calendar'

const NOW = new Date('2026-12-03T10:00:00+08:00')
const bad = { level: 2, dimensions: { attitude: 2, quality: 3, efficiency: 2 }, reasons: ['poorAttitude'], comment: '等了很久' }

describe.each(testDatabases())('rectification and appeals on %s', (kind) => {
  let ctx: TestDatabase
  let app: App
  let device: TestDevice
  let stationId: string
  let reviewer: { headers: { cookie: string } }

  beforeAll(async () => {
    ctx = await kind.open()
    app = appFor(ctx, { now: () => NOW })
    stationId = await addStation(ctx.db, '整改测试便民服务站')
    await ctx.db.insertInto('staff').values({ id: 'staff-r1', station_id: stationId, name: '王晓燕', role: 'lead', assessment_passed: true, assessment_date: '2026-11-02', active: true, pin_verifier: jsonb(null) }).execute()
    device = await enrollDevice(app, ctx.db, stationId)
    reviewer = await signInOffice(app, ctx.db, { role: 'reviewer', divisionCode: '14' })
  })
  afterAll(() => ctx.close())

  /** A QR rating of a new case, as the phone page sends it; returns the rating stream. */
  async function phoneRating(answers: typeof bad = bad): Promise<string> {
    const subject = newStreamId('case')
    const token = randomBytes(32).toString('base64url')
    const minted: DomainEvent = { id: newEventId(), stream: ratingStreamFor(subject), type: 'rating.tokenMinted', v: 1, payload: { subject, staffId: 'staff-r1', tokenSha256: createHash('sha256').update(token).digest('hex'), expiresAt: '2026-12-10T10:00:00+08:00' }, stationId, deviceId: device.deviceId, staffId: 'staff-r1', occurredAt: '2026-12-03T09:30:00+08:00' }
    await pushOk(app, device, [minted])
    const res = await app.request(`/api/public/ratings/${token}`, json(answers))
    expect(res.status).toBe(201)
    return minted.stream
  }

  const recheck = (uuid: string, body: unknown) => app.request(`/api/office/rectifications/${uuid}/recheck`, { method: 'POST', headers: { ...reviewer.headers, 'content-type': 'application/json' }, body: JSON.stringify(body) })
  const decide = (uuid: string, body: unknown) => app.request(`/api/office/appeals/${uuid}/decision`, { method: 'POST', headers: { ...reviewer.headers, 'content-type': 'application/json' }, body: JSON.stringify(body) })

  it('a 差评 from the phone opens a task owned by the staff member rated, due in 15 working days, pulled by the tablet', async () => {
    const rating = await phoneRating()
    const task = rectificationStreamFor(rating)
    const events = await pullAll(app, device)
    const opened = events.find(e => e.stream === task)
    expect(opened).toMatchObject({ type: 'rectification.opened', deviceId: 'server:rectification', payload: { source: { kind: 'rating', subject: rating }, ownerStaffId: 'staff-r1', workdays: 15 } })
    // 2026-12-03 (Thu) + 15 working days = 2026-12-24.
    expect((opened?.payload as { dueAt: string }).dueAt).toBe('2026-12-24T23:59:59.999+08:00')
    const list = expectContract(officeRectificationsAnswerSchema, await (await app.request('/api/office/rectifications', { headers: reviewer.headers })).json())
    expect(list.tasks.find(t => t.id === task)).toMatchObject({ status: 'open', ownerName: '王晓燕', rating: { level: 2 } })
  })

  it('a good rating opens nothing', async () => {
    const rating = await phoneRating({ level: 5, dimensions: { attitude: 5, quality: 5, efficiency: 5 }, reasons: [], comment: '' })
    const row = await ctx.db.selectFrom('rectification_projections').select('id').where('id', '=', rectificationStreamFor(rating)).executeTakeFirst()
    expect(row).toBeUndefined()
  })

  it('re-check: sent back with a reason, then closed; each reaches the tablet; a closed task answers 409', async () => {
    const rating = await phoneRating()
    const task = rectificationStreamFor(rating)
    const uuid = streamUuid(task)
    const progressed: DomainEvent = { id: newEventId(), stream: task, type: 'rectification.progressed', v: 1, payload: { note: '已回访致歉，调整窗口排班', submitted: true }, stationId, deviceId: device.deviceId, staffId: 'staff-r1', occurredAt: '2026-12-03T10:05:00+08:00' }
    await pushOk(app, device, [progressed])
    expect(await ctx.db.selectFrom('rectification_projections').select('status').where('id', '=', task).executeTakeFirst()).toEqual({ status: 'submitted' })

    const empty = await recheck(uuid, { result: 'closed', reason: '   ' })
    expect(empty.status).toBe(400)
    expect((await empty.json() as { fields: { path: string }[] }).fields.map(f => f.path)).toContain('reason')
    expect((await recheck(uuid, { result: 'maybe', reason: 'x' })).status).toBe(400)
    expect((await recheck(uuid, { result: 'closed', reason: 'x'.repeat(20_000) })).status).toBe(413)
    expect((await recheck('not-a-uuid', { result: 'closed', reason: '好' })).status).toBe(400)
    expect((await recheck(streamUuid(newStreamId('rectification')), { result: 'closed', reason: '好' })).status).toBe(404)

    expect((await recheck(uuid, { result: 'sentBack', reason: '未见整改记录' })).status).toBe(200)
    let pulled = (await pullAll(app, device)).filter(e => e.stream === task && e.type === 'rectification.rechecked')
    expect(pulled.map(e => (e.payload as { result: string }).result)).toEqual(['sentBack'])
    expect((await recheck(uuid, { result: 'closed', reason: '整改到位' })).status).toBe(200)
    pulled = (await pullAll(app, device)).filter(e => e.stream === task && e.type === 'rectification.rechecked')
    expect(pulled.map(e => (e.payload as { result: string }).result)).toEqual(['sentBack', 'closed'])
    expect(await ctx.db.selectFrom('rectification_projections').select(['status']).where('id', '=', task).executeTakeFirst()).toEqual({ status: 'closed' })
    expect((await recheck(uuid, { result: 'closed', reason: '再次' })).status).toBe(409)
  })

  it('a counter 差评\'s task pushed by the tablet is projected, and a tablet cannot re-check it itself', async () => {
    const source = { kind: 'rating' as const, subject: ratingStreamFor(newStreamId('case')) }
    const task = rectificationStreamFor(source)
    const opened: DomainEvent = { id: newEventId(), stream: task, type: 'rectification.opened', v: 1, payload: { source, ownerStaffId: 'staff-r1', ...rectificationDueFields('2026-12-03T09:00:00+08:00', RECTIFICATION_WORKDAYS, builtinWorkCalendar()) }, stationId, deviceId: device.deviceId, staffId: 'staff-r1', occurredAt: '2026-12-03T09:00:00+08:00' }
    const selfCheck: DomainEvent = { id: newEventId(), stream: task, type: 'rectification.rechecked', v: 1, payload: { result: 'closed', reason: '自己通过', by: '站长' }, stationId, deviceId: device.deviceId, staffId: 'staff-r1', occurredAt: '2026-12-03T09:10:00+08:00' }
    await pushOk(app, device, [opened, selfCheck])
    expect(await ctx.db.selectFrom('rectification_projections').select(['status', 'needs_attention']).where('id', '=', task).executeTakeFirst()).toEqual({ status: 'open', needs_attention: true })
  })

  it('an upheld appeal takes the rating out of the office metrics and the published results, and says so', async () => {
    const resultsBefore = await (await app.request(`/api/public/results/${stationId}?from=2026-12-01&to=2026-12-31`)).json() as { summary: { total: number, excluded: number, byLevel: Record<string, number> } }
    const rating = await phoneRating()
    const during = await (await app.request(`/api/public/results/${stationId}?from=2026-12-01&to=2026-12-31`)).json() as { summary: { total: number, excluded: number, byLevel: Record<string, number> }, staff: { name: string, summary: { total: number } }[] }
    expect(during.summary.total).toBe(resultsBefore.summary.total + 1)
    expect(during.summary.byLevel['2']).toBe((resultsBefore.summary.byLevel['2'] ?? 0) + 1)
    expect(during.staff[0]?.name).toBe('王晓燕')

    const appeal = appealStreamFor(rating)
    const filed: DomainEvent = { id: newEventId(), stream: appeal, type: 'appeal.filed', v: 1, payload: { rating, ground: 'malicious', reason: '该群众当日未在本站办理业务' }, stationId, deviceId: device.deviceId, staffId: 'staff-r1', occurredAt: '2026-12-03T09:55:00+08:00' }
    await pushOk(app, device, [filed])
    const appeals = expectContract(officeAppealsAnswerSchema, await (await app.request('/api/office/appeals', { headers: reviewer.headers })).json())
    expect(appeals.appeals.find(a => a.id === appeal)).toMatchObject({ status: 'filed', ratingSummary: { level: 2 } })
    const metricsBefore = await (await app.request(`/api/office/metrics?from=2026-12-01&to=2026-12-31&stationId=${stationId}`, { headers: reviewer.headers })).json() as { overall: { excludedRatings: number, satisfaction: { total: number } } }

    expect((await decide(streamUuid(appeal), { decision: 'perhaps', reason: 'x' })).status).toBe(400)
    expect((await decide(streamUuid(appeal), { decision: 'upheld', reason: '核实为恶意评价' })).status).toBe(200)
    expect((await decide(streamUuid(appeal), { decision: 'rejected', reason: '改判' })).status).toBe(409)
    const decided = (await pullAll(app, device)).find(e => e.stream === appeal && e.type === 'appeal.decided')
    expect(decided?.payload).toMatchObject({ decision: 'upheld', reason: '核实为恶意评价' })

    const after = await (await app.request(`/api/public/results/${stationId}?from=2026-12-01&to=2026-12-31`)).json() as typeof during
    expect(after.summary.total).toBe(during.summary.total - 1)
    expect(after.summary.excluded).toBe(1)
    const metricsAfter = await (await app.request(`/api/office/metrics?from=2026-12-01&to=2026-12-31&stationId=${stationId}`, { headers: reviewer.headers })).json() as typeof metricsBefore
    expect(metricsAfter.overall.excludedRatings).toBe(metricsBefore.overall.excludedRatings + 1)
    expect(metricsAfter.overall.satisfaction.total).toBe(metricsBefore.overall.satisfaction.total - 1)
  })

  it('publishes results publicly: the station list, 400 for a bad period, 404 unknown, masked names when the office says so', async () => {
    const list = await (await app.request('/api/public/results')).json() as { stations: { id: string }[] }
    expect(list.stations.map(s => s.id)).toContain(stationId)
    const badPeriod = await app.request(`/api/public/results/${stationId}?from=2026-13-01`)
    expect(badPeriod.status).toBe(400)
    expect((await badPeriod.json() as { fields: { path: string }[] }).fields[0]?.path).toBe('from')
    expect((await app.request(`/api/public/results/${stationId}?from=2025-01-01&to=2026-12-31`)).status).toBe(400)
    expect((await app.request(`/api/public/results/${stationId}?from=2026-12-31&to=2026-12-01`)).status).toBe(400)
    expect((await app.request('/api/public/results/no-such-station')).status).toBe(404)
    await ctx.db.insertInto('settings').values({ key: 'resultsMaskStaffNames', value: jsonb(true) }).onConflict(oc => oc.column('key').doUpdateSet({ value: jsonb(true) })).execute()
    const masked = await (await app.request(`/api/public/results/${stationId}?from=2026-12-01&to=2026-12-31`)).json() as { namesMasked: boolean, staff: { name: string }[] }
    expect(masked.namesMasked).toBe(true)
    expect(masked.staff[0]?.name).toBe('王*燕')
    const body = JSON.stringify(masked)
    expect(body).not.toContain('等了很久')
  })
})
