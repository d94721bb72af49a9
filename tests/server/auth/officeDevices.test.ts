/**
 * A station's tablets for the office (issue 8 item 5): name, enrollment, last sync, app version, clock
 * offset and the unsent count a tablet reported (push body / pull query `unsent`, SYNC-API.md), and who may see it.
 */
import type { App } from '../../../src/server/app'
import type { DeviceListAnswer } from '../../../src/domain/protocol'
import { deviceListAnswerSchema } from '../../../src/domain/protocol'
import type { TestDatabase } from '../helpers/databases'
import type { SignedInOffice } from '../helpers/office'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { appFor } from '../helpers/app'
import { testDatabases } from '../helpers/databases'
import { signInOffice } from '../helpers/office'
import { addStation, bearer, consultation, enrollDevice, pullOk, push, pushOk } from '../helpers/sync'

/** The value, or a failed test when it is missing. */
function must<T>(value: T | null | undefined): T {
  if (value === null || value === undefined)
    throw new Error('expected a value')
  return value
}

describe.each(testDatabases())('office devices on %s', (kind) => {
  let ctx: TestDatabase
  let app: App
  let viewer: SignedInOffice
  let stationId: string
  const list = async (office: SignedInOffice = viewer): Promise<DeviceListAnswer> => {
    const res = await app.request(`/api/office/stations/${stationId}/devices`, { headers: office.headers })
    expect(res.status).toBe(200)
    // Parsed with the wire contract: the office console reads it with the same schema.
    return deviceListAnswerSchema.parse(await res.json())
  }

  beforeAll(async () => {
    ctx = await kind.open()
    app = appFor(ctx)
    viewer = await signInOffice(app, ctx.db, { role: 'viewer', divisionCode: '140105' })
    stationId = await addStation(ctx.db)
  })
  afterAll(() => ctx.close())

  it('lists a new tablet as never synced, then its last sync, version, clock offset and what it left unsent', async () => {
    const before = Date.now()
    const tablet = await enrollDevice(app, ctx.db, stationId, '一号柜台平板')
    let entry = must((await list()).devices.find(d => d.id === tablet.deviceId))
    expect(entry).toMatchObject({ name: '一号柜台平板', slot: 1, revokedAt: null, lastSyncAt: null, appVersion: null, clockOffsetMs: null, unsent: null })
    expect(Date.parse(entry.enrolledAt)).toBeGreaterThanOrEqual(before - 1000)

    // 5 in the outbox, 2 sent in this batch: 3 are left once the server answered both.
    const sentAt = new Date(Date.now() - 120_000).toISOString()
    await pushOk(app, tablet, [consultation(tablet), consultation(tablet)], { unsent: 5, sentAt })
    entry = must((await list()).devices.find(d => d.id === tablet.deviceId))
    expect(entry.unsent).toBe(3)
    expect(entry.appVersion).toBe('0.1.0')
    expect(entry.clockOffsetMs).toBeGreaterThan(110_000)
    expect(entry.lastPushAt).not.toBeNull()
    expect(entry.lastSyncAt).toBe(entry.lastPushAt)
    expect(entry.lastPullAt).toBeNull()

    await pullOk(app, tablet, { unsent: 0 })
    entry = must((await list()).devices.find(d => d.id === tablet.deviceId))
    expect(entry.unsent).toBe(0)
    expect(entry.lastPullAt).not.toBeNull()
    expect(Date.parse(must(entry.lastSyncAt))).toBeGreaterThanOrEqual(Date.parse(must(entry.lastPushAt)))
  })

  it('keeps old clients working: a push and a pull without `unsent` leave the last report as it was', async () => {
    const tablet = await enrollDevice(app, ctx.db, stationId, '二号柜台平板')
    await pushOk(app, tablet, [consultation(tablet)], { unsent: 4 })
    await pushOk(app, tablet, [consultation(tablet)])
    await pullOk(app, tablet)
    const entry = must((await list()).devices.find(d => d.id === tablet.deviceId))
    expect(entry.unsent).toBe(3)
    expect(entry.lastPullAt).not.toBeNull()
  })

  it('answers 400 to a bad `unsent`', async () => {
    const tablet = await enrollDevice(app, ctx.db, stationId, '三号柜台平板')
    const res = await push(app, tablet, [], { unsent: -1 })
    expect(res.status).toBe(400)
    expect((await res.json() as { fields: { path: string }[] }).fields.map(f => f.path)).toEqual(['unsent'])
    expect((await app.request('/api/sync/pull?unsent=many', bearer(tablet.token))).status).toBe(400)
    expect((await push(app, tablet, [], { unsent: 1.5 })).status).toBe(400)
  })

  it('shows a revoked tablet as revoked', async () => {
    const tablet = await enrollDevice(app, ctx.db, stationId, '旧平板')
    const admin = await signInOffice(app, ctx.db, { role: 'admin', divisionCode: '14' })
    const res = await app.request(`/api/office/devices/${tablet.deviceId}/revoke`, { method: 'POST', headers: admin.headers })
    expect(res.status).toBe(200)
    expect(must((await list(admin)).devices.find(d => d.id === tablet.deviceId)).revokedAt).not.toBeNull()
  })

  it('answers 401 without a session or with a device token, 200 to every role, 404 outside the division', async () => {
    const path = `/api/office/stations/${stationId}/devices`
    const tablet = await enrollDevice(app, ctx.db, stationId)
    expect((await app.request(path)).status).toBe(401)
    expect((await app.request(path, bearer(tablet.token))).status).toBe(401)
    for (const role of ['admin', 'reviewer', 'viewer'] as const) {
      const office = await signInOffice(app, ctx.db, { role, divisionCode: '1401' })
      expect((await app.request(path, { headers: office.headers })).status).toBe(200)
    }
    const elsewhere = await signInOffice(app, ctx.db, { role: 'admin', divisionCode: '1405' })
    expect((await app.request(path, { headers: elsewhere.headers })).status).toBe(404)
    expect((await app.request('/api/office/stations/nope/devices', { headers: viewer.headers })).status).toBe(404)
  })
})
