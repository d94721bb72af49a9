/** POST /api/sync/push (DESIGN §4): idempotency, scope, validation, limits, version gate, clock offset. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'kysely'
import type { App } from '../../../src/server/app'
import { jsonb } from '../../../src/server/db'
import { appFor } from '../helpers/app'
import { testDatabases } from '../helpers/databases'
import type { TestDatabase } from '../helpers/databases'
import { addStation, consultation, countEvents, enrollDevice, json, push, pushOk } from '../helpers/sync'
import type { TestDevice } from '../helpers/sync'

describe.each(testDatabases())('push on %s', (kind) => {
  let ctx: TestDatabase
  let app: App

  beforeAll(async () => {
    ctx = await kind.open()
    app = appFor(ctx)
  })
  afterAll(() => ctx.close())

  async function newDevice(): Promise<TestDevice> {
    return enrollDevice(app, ctx.db, await addStation(ctx.db))
  }

  it('applies a batch once: the same batch pushed again is all duplicate, no double rows', async () => {
    const device = await newDevice()
    const batch = [consultation(device), consultation(device), consultation(device)]
    const first = await pushOk(app, device, batch)
    expect(first.results).toEqual(batch.map(e => ({ id: e.id, status: 'applied' })))
    const second = await pushOk(app, device, batch)
    expect(second.results).toEqual(batch.map(e => ({ id: e.id, status: 'duplicate' })))
    expect(await countEvents(ctx.db, device.stationId)).toBe(3)
  })

  it('rejects the same id with other content as id-reuse and keeps the first', async () => {
    const device = await newDevice()
    const original = consultation(device)
    await pushOk(app, device, [original])
    const altered = { ...original, payload: { ...(original.payload as object), question: '另一个问题' } }
    const answer = await pushOk(app, device, [altered])
    expect(answer.results).toEqual([{ id: original.id, status: 'rejected', reason: 'id-reuse' }])
    const stored = await ctx.db.selectFrom('events').select('payload').where('id', '=', original.id).executeTakeFirstOrThrow()
    expect(stored.payload).toEqual(original.payload)
  })

  it('treats a repeated id inside one batch like a repeat across batches', async () => {
    const device = await newDevice()
    const e = consultation(device)
    const other = { ...e, occurredAt: '2026-03-02T11:00:00+08:00' }
    const answer = await pushOk(app, device, [e, e, other])
    expect(answer.results.map(r => r.status)).toEqual(['applied', 'duplicate', 'rejected'])
    expect(answer.results[2]?.reason).toBe('id-reuse')
    expect(await countEvents(ctx.db, device.stationId)).toBe(1)
  })

  it('survives a connection dropped after commit: the retry answers duplicate, one row', async () => {
    const device = await newDevice()
    const batch = [consultation(device), consultation(device)]
    // The server commits, then the tablet never reads the answer (the response is discarded unread).
    const lost = await push(app, device, batch)
    expect(lost.status).toBe(200)
    await lost.body?.cancel()
    const retry = await pushOk(app, device, batch)
    expect(retry.results.map(r => r.status)).toEqual(['duplicate', 'duplicate'])
    expect(await countEvents(ctx.db, device.stationId)).toBe(2)
  })

  it('assigns increasing seq and receivedAt to applied events', async () => {
    const device = await newDevice()
    const batch = [consultation(device), consultation(device)]
    await pushOk(app, device, batch)
    const rows = await ctx.db.selectFrom('events').select(['id', 'seq', 'received_at']).where('station_id', '=', device.stationId).orderBy('seq').execute()
    expect(rows.map(r => r.id)).toEqual(batch.map(e => e.id))
    const [first, second] = rows
    expect(second?.seq).toBeGreaterThan(first?.seq ?? Infinity)
    expect(first?.received_at).toBeInstanceOf(Date)
  })

  it('rejects events naming another station or device (scope) and stores nothing of them', async () => {
    const device = await newDevice()
    const otherStation = await addStation(ctx.db)
    const answer = await pushOk(app, device, [
      consultation(device, { stationId: otherStation }),
      consultation(device, { deviceId: 'someone-else' }),
      consultation(device),
    ])
    expect(answer.results.map(r => [r.status, r.reason])).toEqual([['rejected', 'scope'], ['rejected', 'scope'], ['applied', undefined]])
    expect(await countEvents(ctx.db, otherStation)).toBe(0)
    expect(await countEvents(ctx.db, device.stationId)).toBe(1)
  })

  it('rejects invalid events one by one with the reason, applying the valid ones', async () => {
    const device = await newDevice()
    const good = consultation(device)
    const badPayload = consultation(device, { payload: { channel: 'fax', question: '' } })
    const unknownType = consultation(device, { type: 'consultation.teleported' })
    const answer = await pushOk(app, device, [badPayload, good, unknownType])
    expect(answer.results[0]).toMatchObject({ id: badPayload.id, status: 'rejected' })
    expect(answer.results[0]?.reason).toMatch(/^invalid: .*payload\.channel/)
    expect(answer.results[1]).toEqual({ id: good.id, status: 'applied' })
    expect(answer.results[2]?.reason).toMatch(/^invalid: type/)
    expect(await countEvents(ctx.db, device.stationId)).toBe(1)
  })

  it('accepts a 1,000-event batch in one transaction', async () => {
    const device = await newDevice()
    const batch = Array.from({ length: 1000 }, () => consultation(device))
    const answer = await pushOk(app, device, batch)
    expect(answer.results).toHaveLength(1000)
    expect(answer.results.every(r => r.status === 'applied')).toBe(true)
    expect(await countEvents(ctx.db, device.stationId)).toBe(1000)
    const projections = await ctx.db.selectFrom('consultation_projections').select(eb => eb.fn.countAll<number>().as('n')).where('station_id', '=', device.stationId).executeTakeFirstOrThrow()
    expect(Number(projections.n)).toBe(1000)
  })

  it('answers 413 to more than 1,000 events and to a 2.5 MB body, storing nothing', async () => {
    const device = await newDevice()
    const tooMany = await push(app, device, Array.from({ length: 1001 }, () => consultation(device)))
    expect(tooMany.status).toBe(413)
    expect(await tooMany.json()).toMatchObject({ error: 'too-many-events' })

    const big = consultation(device, { payload: { channel: 'visit', contact: { name: '张', phone: '13812345678' }, question: 'x'.repeat(2.5 * 1024 * 1024) } })
    const tooLarge = await push(app, device, [big])
    expect(tooLarge.status).toBe(413)
    expect(await tooLarge.json()).toMatchObject({ error: 'payload-too-large' })
    expect(await countEvents(ctx.db, device.stationId)).toBe(0)
  })

  it('answers 400 with field errors to malformed bodies', async () => {
    const device = await newDevice()
    const cases: [unknown, string[]][] = [
      [{ protocol: 2, appVersion: '0.1.0', events: [] }, ['protocol']],
      [{ protocol: 1, events: [] }, ['appVersion']],
      [{ protocol: 1, appVersion: 'latest', events: [] }, ['appVersion']],
      [{ protocol: 1, appVersion: '0.1.0', events: 'many' }, ['events']],
      [{ protocol: 1, appVersion: '0.1.0', events: [{ type: 'consultation.recorded' }] }, ['events.0.id']],
      [{ protocol: 1, appVersion: '0.1.0', events: [], sentAt: 'yesterday' }, ['sentAt']],
    ]
    for (const [body, paths] of cases) {
      const res = await app.request('/api/sync/push', json(body, device.token))
      expect(res.status, JSON.stringify(body)).toBe(400)
      const answer = await res.json() as { error: string, fields: { path: string }[] }
      expect(answer.error).toBe('invalid-body')
      expect(answer.fields.map(f => f.path)).toEqual(paths)
    }
    const notJson = await app.request('/api/sync/push', json('{"protocol":1,', device.token))
    expect(notJson.status).toBe(400)
  })

  it('answers 426 with minAppVersion to an app older than the setting, storing nothing', async () => {
    const device = await newDevice()
    await ctx.db.updateTable('settings').set({ value: jsonb('0.3.0') }).where('key', '=', 'minAppVersion').execute()
    try {
      const old = await push(app, device, [consultation(device)], { appVersion: '0.2.9' })
      expect(old.status).toBe(426)
      expect(await old.json()).toMatchObject({ error: 'version-not-supported', minAppVersion: '0.3.0' })
      expect(await countEvents(ctx.db, device.stationId)).toBe(0)
      const current = await push(app, device, [consultation(device)], { appVersion: '0.10.0' })
      expect(current.status).toBe(200)
    }
    finally {
      await ctx.db.updateTable('settings').set({ value: jsonb('0.1.0') }).where('key', '=', 'minAppVersion').execute()
    }
  })

  it('accepts data from a device whose clock is a day wrong and records the offset', async () => {
    const device = await newDevice()
    const deviceNow = new Date(Date.now() - 24 * 3600_000)
    const e = consultation(device, { occurredAt: deviceNow.toISOString() })
    const answer = await pushOk(app, device, [e], { sentAt: deviceNow.toISOString() })
    expect(answer.results).toEqual([{ id: e.id, status: 'applied' }])
    const offset = Date.parse(answer.serverTime) - deviceNow.getTime()
    expect(offset).toBeGreaterThan(23.9 * 3600_000)
    const row = await ctx.db.selectFrom('devices').select(['last_clock_offset_ms', 'last_seen_at', 'app_version']).where('id', '=', device.deviceId).executeTakeFirstOrThrow()
    expect(Number(row.last_clock_offset_ms)).toBeGreaterThan(23.9 * 3600_000)
    expect(Number(row.last_clock_offset_ms)).toBeLessThanOrEqual(offset)
    expect(row.app_version).toBe('0.1.0')
    expect(row.last_seen_at).not.toBeNull()
  })

  it('accepts a batch all or nothing: a failure while storing it leaves no event and no projection behind', async () => {
    const device = await newDevice()
    const batch = [consultation(device), consultation(device), consultation(device)]
    const poisoned = batch[2]?.stream ?? ''
    // A database fault after the events were inserted: while folding the third one's projection.
    await sql.raw(`create function fail_poisoned() returns trigger language plpgsql as $$ begin
      if new.id = '${poisoned}' then raise exception 'disk full'; end if; return new; end $$`).execute(ctx.db)
    await sql`create trigger fail_poisoned before insert on consultation_projections for each row execute function fail_poisoned()`.execute(ctx.db)
    try {
      const res = await push(app, device, batch)
      expect(res.status).toBe(500)
      expect(await countEvents(ctx.db, device.stationId)).toBe(0)
      const projections = await ctx.db.selectFrom('consultation_projections').select('id').where('station_id', '=', device.stationId).execute()
      expect(projections).toEqual([])
    }
    finally {
      await sql`drop trigger fail_poisoned on consultation_projections`.execute(ctx.db)
      await sql`drop function fail_poisoned()`.execute(ctx.db)
    }
    // The tablet kept its outbox and retries: everything applies once.
    const retry = await pushOk(app, device, batch)
    expect(retry.results.map(r => r.status)).toEqual(['applied', 'applied', 'applied'])
  })

  it('answers 401 without a token', async () => {
    const res = await app.request('/api/sync/push', json({ protocol: 1, appVersion: '0.1.0', events: [] }))
    expect(res.status).toBe(401)
    expect(await res.json()).toMatchObject({ error: 'unauthorized' })
  })

  it('stores every event of concurrent pushes from one station exactly once', async () => {
    const device = await newDevice()
    const batches = Array.from({ length: 5 }, () => Array.from({ length: 20 }, () => consultation(device)))
    await Promise.all(batches.map(b => pushOk(app, device, b)))
    const rows = await sql<{ n: number | string }>`select count(*) as n from events where station_id = ${device.stationId}`.execute(ctx.db)
    expect(Number(rows.rows[0]?.n)).toBe(100)
  })
})
