/**
 * Device slots (migration 0004): the server hands each enrolled tablet a slot at its station (1, 2, …),
 * the letters of its offline document numbers (src/domain/receipt.ts). Unique per station, never reused
 * (a revoked device keeps its slot), safe when tablets enroll at the same moment, refused past the maximum
 * the number format can spell; devices enrolled before 0004 get slots in enrollment order.
 */
import { sql } from 'kysely'
import { Migrator } from 'kysely/migration'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { App } from '../../../src/server/app'
import { mintEnrollmentCode, revokeDevice } from '../../../src/server/auth/devices'
import { migrateToLatest } from '../../../src/server/db'
import { staticMigrationProvider } from '../../../src/server/db/migrate'
import { deviceSlotCode, MAX_DEVICE_SLOT, receiptNumber } from '../../../src/domain/receipt'
import { appFor } from '../helpers/app'
import { testDatabases } from '../helpers/databases'
import type { TestDatabase } from '../helpers/databases'
import { addStation, json } from '../helpers/sync'

interface Enrolled { deviceId: string, token: string, stationId: string, serverTime: string, deviceSlot: number }

describe.each(testDatabases())('device slots on %s', (kind) => {
  let ctx: TestDatabase
  let app: App
  beforeAll(async () => {
    ctx = await kind.open()
    app = appFor(ctx)
  })
  afterAll(() => ctx.close())

  async function enroll(stationId: string, deviceName = '柜台平板'): Promise<Response> {
    const { code } = await mintEnrollmentCode(ctx.db, stationId)
    return app.request('/api/devices/enroll', json({ code, deviceName }))
  }

  async function enrolled(stationId: string, deviceName?: string): Promise<Enrolled> {
    const res = await enroll(stationId, deviceName)
    expect(res.status).toBe(200)
    return await res.json() as Enrolled
  }

  it('answers the contract fields plus deviceSlot; two tablets of a station get 1 and 2, another station starts at 1', async () => {
    const station = await addStation(ctx.db)
    const a = await enrolled(station, '平板甲')
    const b = await enrolled(station, '平板乙')
    expect(Object.keys(a).sort()).toEqual(['deviceId', 'deviceSlot', 'serverTime', 'stationId', 'token'])
    expect([a.deviceSlot, b.deviceSlot]).toEqual([1, 2])
    expect((await enrolled(await addStation(ctx.db))).deviceSlot).toBe(1)
    const rows = await ctx.db.selectFrom('devices').select(['id', 'slot']).where('station_id', '=', station).orderBy('slot').execute()
    expect(rows).toEqual([{ id: a.deviceId, slot: 1 }, { id: b.deviceId, slot: 2 }])
    // The same serial on both tablets still makes two different receipt numbers.
    const at = { stationCode: 'JC0001', year: 2026, serial: 7 }
    expect(receiptNumber({ ...at, deviceSlot: a.deviceSlot })).not.toBe(receiptNumber({ ...at, deviceSlot: b.deviceSlot }))
  })

  it('never hands out a revoked device\'s slot again', async () => {
    const station = await addStation(ctx.db)
    const a = await enrolled(station)
    const b = await enrolled(station)
    await revokeDevice(ctx.db, b.deviceId)
    await revokeDevice(ctx.db, a.deviceId)
    const c = await enrolled(station)
    expect(c.deviceSlot).toBe(3)
  })

  it('gives tablets enrolling at the same moment (each with its own code) different slots', async () => {
    const station = await addStation(ctx.db)
    const codes = await Promise.all(Array.from({ length: 6 }, () => mintEnrollmentCode(ctx.db, station)))
    const answers = await Promise.all(codes.map(({ code }, i) => app.request('/api/devices/enroll', json({ code, deviceName: `平板${i}` }))))
    expect(answers.map(r => r.status)).toEqual([200, 200, 200, 200, 200, 200])
    const slots = await Promise.all(answers.map(async r => (await r.json() as Enrolled).deviceSlot))
    expect([...slots].sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5, 6])
  })

  it('refuses a tablet past the last slot the numbers can spell, in Chinese, leaving the code unused', async () => {
    const station = await addStation(ctx.db)
    const last = await enrolled(station)
    // As if 599 tablets had come and gone: the next slot would be past MAX_DEVICE_SLOT ('ZZ').
    await ctx.db.updateTable('devices').set({ slot: MAX_DEVICE_SLOT }).where('id', '=', last.deviceId).execute()
    expect(deviceSlotCode(MAX_DEVICE_SLOT)).toBe('ZZ')
    const { code } = await mintEnrollmentCode(ctx.db, station)
    const res = await app.request('/api/devices/enroll', json({ code, deviceName: '多余的平板' }))
    expect(res.status).toBe(403)
    const body = await res.json() as { error: string, message: string }
    expect(body.error).toBe('device-slots-exhausted')
    expect(body.message).toMatch(/上限/)
    expect(body.message).toContain(String(MAX_DEVICE_SLOT))
    const row = await ctx.db.selectFrom('enrollment_codes').select('used_at').where('station_id', '=', station).where('used_at', 'is', null).execute()
    expect(row).toHaveLength(1)
    const devices = await ctx.db.selectFrom('devices').select('id').where('station_id', '=', station).execute()
    expect(devices).toHaveLength(1)
  })

  it('refuses two devices of one station with the same slot (constraint)', async () => {
    const station = await addStation(ctx.db)
    const a = await enrolled(station)
    const b = await enrolled(station)
    await expect(ctx.db.updateTable('devices').set({ slot: a.deviceSlot }).where('id', '=', b.deviceId).execute()).rejects.toThrow()
  })
})

describe.each(testDatabases())('migration 0004 on %s', (kind) => {
  let ctx: TestDatabase
  beforeAll(async () => {
    ctx = await kind.open({ migrate: false })
  })
  afterAll(() => ctx.close())

  it('gives devices enrolled before it slots in enrollment order, per station', async () => {
    const migrator = new Migrator({ db: ctx.db, provider: staticMigrationProvider })
    const { error } = await migrator.migrateTo('0003_event_occurred_at_text')
    expect(error).toBeUndefined()
    const s1 = await addStation(ctx.db)
    const s2 = await addStation(ctx.db)
    const devices: [string, string, string][] = [
      ['d-late', s1, '2026-03-03T09:00:00Z'],
      ['d-early', s1, '2026-03-01T09:00:00Z'],
      ['d-revoked', s1, '2026-03-02T09:00:00Z'],
      ['d-other', s2, '2026-03-05T09:00:00Z'],
    ]
    for (const [id, station, createdAt] of devices)
      await sql`insert into devices (id, station_id, name, token_hash, created_at) values (${id}, ${station}, '平板', ${`hash-${id}`}, ${createdAt})`.execute(ctx.db)
    await sql`update devices set revoked_at = now() where id = 'd-revoked'`.execute(ctx.db)

    await migrateToLatest(ctx.db)
    const rows = await ctx.db.selectFrom('devices').select(['id', 'slot']).orderBy('id').execute()
    expect(rows).toEqual([
      { id: 'd-early', slot: 1 },
      { id: 'd-late', slot: 3 },
      { id: 'd-other', slot: 1 },
      { id: 'd-revoked', slot: 2 },
    ])
    // Enrollment carries on after the backfilled slots.
    const app = appFor(ctx)
    const { code } = await mintEnrollmentCode(ctx.db, s1)
    const res = await app.request('/api/devices/enroll', json({ code, deviceName: '新平板' }))
    expect(await res.json()).toMatchObject({ deviceSlot: 4 })
  })
})
