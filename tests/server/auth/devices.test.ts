/** Enrollment codes, device tokens, revocation and the office admin API (issue 3 item 3). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { App } from '../../../src/server/app'
import { mintEnrollmentCode, revokeDevice } from '../../../src/server/auth/devices'
import { hashSecret } from '../../../src/server/auth/secrets'
import { appFor } from '../helpers/app'
import { testDatabases } from '../helpers/databases'
import { signInOffice } from '../helpers/office'
import type { SignedInOffice } from '../helpers/office'
import type { TestDatabase } from '../helpers/databases'
import { addStation, bearer, consultation, enrollDevice, json, push } from '../helpers/sync'

const HOUR = 3600_000

describe.each(testDatabases())('devices on %s', (kind) => {
  let ctx: TestDatabase
  let app: App
  let office: SignedInOffice['headers']
  beforeAll(async () => {
    ctx = await kind.open()
    app = appFor(ctx)
    office = (await signInOffice(app, ctx.db, { username: 'office-test' })).headers
  })
  afterAll(() => ctx.close())

  it('enrolls with a one-time code: a 256-bit token stored only as its hash', async () => {
    const station = await addStation(ctx.db)
    const { code } = await mintEnrollmentCode(ctx.db, station)
    const res = await app.request('/api/devices/enroll', json({ code: code.toLowerCase().replace(/-/g, ' '), deviceName: '一号平板' }))
    expect(res.status).toBe(200)
    const body = await res.json() as { deviceId: string, token: string, stationId: string, serverTime: string }
    expect(Object.keys(body).sort()).toEqual(['deviceId', 'deviceSlot', 'serverTime', 'stationId', 'token'])
    expect(body.stationId).toBe(station)
    expect(Buffer.from(body.token, 'base64url')).toHaveLength(32)
    const row = await ctx.db.selectFrom('devices').selectAll().where('id', '=', body.deviceId).executeTakeFirstOrThrow()
    expect(row.token_hash).toBe(hashSecret(body.token))
    expect(JSON.stringify(row)).not.toContain(body.token)
    const codes = await ctx.db.selectFrom('enrollment_codes').selectAll().where('station_id', '=', station).execute()
    expect(JSON.stringify(codes)).not.toContain(code)
    expect(codes[0]?.used_by_device).toBe(body.deviceId)
  })

  it('refuses a code used twice, an expired code and an unknown code', async () => {
    const station = await addStation(ctx.db)
    const { code } = await mintEnrollmentCode(ctx.db, station)
    expect((await app.request('/api/devices/enroll', json({ code, deviceName: 'A' }))).status).toBe(200)
    const reuse = await app.request('/api/devices/enroll', json({ code, deviceName: 'B' }))
    expect(reuse.status).toBe(403)
    expect(await reuse.json()).toMatchObject({ error: 'enrollment-code-used' })

    const old = await mintEnrollmentCode(ctx.db, station, { now: new Date(Date.now() - 25 * HOUR) })
    const expired = await app.request('/api/devices/enroll', json({ code: old.code, deviceName: 'C' }))
    expect(expired.status).toBe(403)
    expect(await expired.json()).toMatchObject({ error: 'enrollment-code-expired' })

    const unknown = await app.request('/api/devices/enroll', json({ code: 'ABCD-EFGH-JK', deviceName: 'D' }))
    expect(unknown.status).toBe(403)
    expect(await unknown.json()).toMatchObject({ error: 'enrollment-code-invalid' })
    const devices = await ctx.db.selectFrom('devices').select('id').where('station_id', '=', station).execute()
    expect(devices).toHaveLength(1)
  })

  it('lets two tablets race for one code: exactly one gets in', async () => {
    const station = await addStation(ctx.db)
    const { code } = await mintEnrollmentCode(ctx.db, station)
    const answers = await Promise.all(['A', 'B', 'C'].map(name => app.request('/api/devices/enroll', json({ code, deviceName: name }))))
    expect(answers.map(r => r.status).sort()).toEqual([200, 403, 403])
  })

  it('answers 400 with field errors to a malformed enroll body', async () => {
    const res = await app.request('/api/devices/enroll', json({ code: 7 }))
    expect(res.status).toBe(400)
    const body = await res.json() as { fields: { path: string }[] }
    expect(body.fields.map(f => f.path).sort()).toEqual(['code', 'deviceName'])
  })

  it('gives a revoked device 401 on every call, and an unknown token too', async () => {
    const device = await enrollDevice(app, ctx.db, await addStation(ctx.db))
    // The 8-byte PNG signature: the smallest body the blob route takes (JPEG, PNG, WebP only).
    const png = new Uint8Array([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
    const sha = '4c4b6a3be1314ab86138bef4314dde022e600960d8689a2c8f8631802d20dab6'
    // One after the other: the GET must find the blob the PUT stored.
    const calls = async () => [
      await push(app, device, [consultation(device)]),
      await app.request('/api/sync/pull?cursor=0', bearer(device.token)),
      await app.request(`/api/blobs/${sha}`, { method: 'PUT', body: png, headers: { Authorization: `Bearer ${device.token}` } }),
      await app.request(`/api/blobs/${sha}`, bearer(device.token)),
    ]
    expect((await calls()).map(r => r.status)).toEqual([200, 200, 201, 200])

    expect(await revokeDevice(ctx.db, device.deviceId)).not.toBeNull()
    const after = await calls()
    expect(after.map(r => r.status)).toEqual([401, 401, 401, 401])
    for (const res of after)
      expect(await res.json()).toMatchObject({ error: 'device-revoked' })

    const forged = await app.request('/api/sync/pull', bearer('A'.repeat(43)))
    expect(forged.status).toBe(401)
    expect(await forged.json()).toMatchObject({ error: 'unauthorized' })
    const malformed = await app.request('/api/sync/pull', { headers: { Authorization: 'Token abc' } })
    expect(malformed.status).toBe(401)
  })

  it('office API: mints a code behind office login and revokes a device', async () => {
    const station = await addStation(ctx.db)
    const denied = await app.request('/api/office/enrollment-codes', json({ stationId: station }))
    expect(denied.status).toBe(401)
    const forgedCookie = await app.request('/api/office/enrollment-codes', { ...json({ stationId: station }), headers: { 'Content-Type': 'application/json', 'cookie': 'bianmin_office=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' } })
    expect(forgedCookie.status).toBe(401)
    expect(forgedCookie.headers.get('www-authenticate')).toBeNull()

    const minted = await app.request('/api/office/enrollment-codes', { method: 'POST', body: JSON.stringify({ stationId: station, ttlHours: 2 }), headers: { 'Content-Type': 'application/json', ...office } })
    expect(minted.status).toBe(201)
    const { code, expiresAt } = await minted.json() as { code: string, expiresAt: string }
    expect(Date.parse(expiresAt) - Date.now()).toBeLessThanOrEqual(2 * HOUR)
    const enrolled = await app.request('/api/devices/enroll', json({ code, deviceName: '二号平板' }))
    const { deviceId, token } = await enrolled.json() as { deviceId: string, token: string }

    const revoked = await app.request(`/api/office/devices/${deviceId}/revoke`, { method: 'POST', headers: office })
    expect(revoked.status).toBe(200)
    expect((await app.request('/api/sync/pull', bearer(token))).status).toBe(401)
    expect((await app.request('/api/office/devices/no-such-device/revoke', { method: 'POST', headers: office })).status).toBe(404)
    const unknownStation = await app.request('/api/office/enrollment-codes', { method: 'POST', body: JSON.stringify({ stationId: 'nope' }), headers: { 'Content-Type': 'application/json', ...office } })
    expect(unknownStation.status).toBe(404)
  })
})
