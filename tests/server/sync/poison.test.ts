/**
 * Issue 10 items 1 and 7: a poison event in a push batch is answered `rejected` with its reason while the
 * rest of the batch is applied; nothing a tablet sends makes the server answer 5xx; a 500 that still
 * happens is logged with the batch's ids; event ids are lowercase UUIDs on both sides.
 */
import { Writable } from 'node:stream'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DomainEvent } from '../../../src/domain/events'
import { safetyMessages } from '../../../src/domain/eventSafety'
import type { App } from '../../../src/server/app'
import { contentHash } from '../../../src/server/sync/push'
import { createLogger } from '../../../src/server/logger'
import { jsonb } from '../../../src/server/db'
import { appFor } from '../helpers/app'
import { testDatabases } from '../helpers/databases'
import type { TestDatabase } from '../helpers/databases'
import { addStation, APP_VERSION, consultation, countEvents, enrollDevice, json, pushOk } from '../helpers/sync'
import type { TestDevice } from '../helpers/sync'

/** A push body as text, with `raw` spliced in verbatim as the events array's middle item (JSON.stringify overflows on 8,000 levels). */
function bodyWithRawEvent(before: DomainEvent, raw: string, after: DomainEvent): string {
  return `{"protocol":1,"appVersion":"${APP_VERSION}","events":[${JSON.stringify(before)},${raw},${JSON.stringify(after)}]}`
}

function uppercaseId(e: DomainEvent): DomainEvent {
  return { ...e, id: e.id.toUpperCase() }
}

describe.each(testDatabases())('poison batches on %s', (kind) => {
  let ctx: TestDatabase
  let app: App
  const logged: Record<string, unknown>[] = []

  beforeAll(async () => {
    ctx = await kind.open()
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logged.push(JSON.parse(chunk.toString()) as Record<string, unknown>)
        done()
      },
    })
    app = appFor(ctx, { logger: createLogger({ level: 'error', destination }) })
  })
  afterAll(() => ctx.close())

  async function newDevice(): Promise<TestDevice> {
    return enrollDevice(app, ctx.db, await addStation(ctx.db))
  }

  async function expectPoisonRejected(device: TestDevice, poison: DomainEvent, reason: RegExp): Promise<void> {
    const good = [consultation(device), consultation(device)]
    const answer = await pushOk(app, device, [good[0], poison, good[1]])
    expect(answer.results.map(r => r.status)).toEqual(['applied', 'rejected', 'applied'])
    expect(answer.results[1]?.reason).toMatch(reason)
    expect(await countEvents(ctx.db, device.stationId)).toBe(2)
  }

  it.each([
    ['NUL in staffId', (d: TestDevice) => consultation(d, { staffId: 'staff\u00001' }), /^invalid: staffId: 不能包含空字符/],
    ['NUL in a payload text', (d: TestDevice) => consultation(d, { payload: { channel: 'visit', contact: { name: '张\u0000', phone: '13812345678' }, question: '问' } }), /^invalid: payload\.contact\.name: 不能包含空字符/],
    ['a lone surrogate in a payload text', (d: TestDevice) => consultation(d, { payload: { channel: 'visit', contact: { name: '张', phone: '13812345678' }, question: '问\udfff' } }), /^invalid: payload\.question: 含有无效字符/],
    ['occurredAt in year 0000', (d: TestDevice) => consultation(d, { occurredAt: '0000-01-01T00:00:00Z' }), /^invalid: occurredAt: 时间超出支持的范围/],
    ['occurredAt in year 9999', (d: TestDevice) => consultation(d, { occurredAt: '9999-12-31T23:59:59Z' }), /^invalid: occurredAt: 时间超出支持的范围/],
    ['an offset of +23:59', (d: TestDevice) => consultation(d, { occurredAt: '2026-03-02T10:00:00+23:59' }), /^invalid: occurredAt: 时区偏移超出范围/],
    ['an uppercase id', (d: TestDevice) => uppercaseId(consultation(d)), /^invalid: id: 记录编号应为小写/],
  ])('%s: rejected with the reason, the rest of the batch applied', async (_, make, reason) => {
    const device = await newDevice()
    await expectPoisonRejected(device, make(device), reason)
  })

  it('a payload nested 8,000 arrays deep (about 16 KB): rejected, the others applied, no stack overflow', async () => {
    const device = await newDevice()
    const [before, poison, after] = [consultation(device), consultation(device), consultation(device)]
    const deep = `${'['.repeat(8000)}1${']'.repeat(8000)}`
    const raw = JSON.stringify({ ...poison, payload: 'DEEP' }).replace('"DEEP"', deep)
    expect(raw.length).toBeGreaterThan(16_000)
    const res = await app.request('/api/sync/push', json(bodyWithRawEvent(before, raw, after), device.token))
    expect(res.status).toBe(200)
    const answer = await res.json() as { results: { id: string, status: string, reason?: string }[] }
    expect(answer.results.map(r => [r.id, r.status])).toEqual([[before.id, 'applied'], [poison.id, 'rejected'], [after.id, 'applied']])
    expect(answer.results[1]?.reason).toContain(safetyMessages.tooDeep)
    expect(await countEvents(ctx.db, device.stationId)).toBe(2)
  })

  it('NUL or a lone surrogate in a relayed deviceId: out of scope, not a database error', async () => {
    const device = await newDevice()
    const answer = await pushOk(app, device, [consultation(device, { deviceId: 'x\u0000' }), consultation(device, { deviceId: '\udfff' }), consultation(device)], { relay: true })
    expect(answer.results.map(r => [r.status, r.reason])).toEqual([['rejected', 'scope'], ['rejected', 'scope'], ['applied', undefined]])
  })

  it('an event the database itself refuses (a check constraint) is rejected with the reason; the rest is applied', async () => {
    const device = await newDevice()
    await sql`alter table events add constraint poison_check check (payload->>'question' is distinct from 'DB-POISON')`.execute(ctx.db)
    try {
      const poison = consultation(device, { payload: { channel: 'visit', contact: { name: '张', phone: '13812345678' }, question: 'DB-POISON' } })
      const good = [consultation(device), consultation(device), consultation(device)]
      const answer = await pushOk(app, device, [good[0], poison, good[1], good[2]])
      expect(answer.results.map(r => r.status)).toEqual(['applied', 'rejected', 'applied', 'applied'])
      expect(answer.results[1]?.reason).toMatch(/^invalid: 服务器无法保存该记录（SQLSTATE 23514/)
      const stored = await ctx.db.selectFrom('events').select('id').where('station_id', '=', device.stationId).orderBy('seq').execute()
      expect(stored.map(r => r.id)).toEqual(good.map(e => e.id))
      // Projections of the stored ones were folded in the same transaction.
      const projected = await ctx.db.selectFrom('consultation_projections').select('id').where('station_id', '=', device.stationId).execute()
      expect(projected.map(r => r.id).sort()).toEqual(good.map(e => e.stream).sort())
      // The same batch again: the good ones are duplicates, the poison one still rejected.
      const again = await pushOk(app, device, [good[0], poison, good[1], good[2]])
      expect(again.results.map(r => r.status)).toEqual(['duplicate', 'rejected', 'duplicate', 'duplicate'])
    }
    finally {
      await sql`alter table events drop constraint poison_check`.execute(ctx.db)
    }
  })

  it('a failure that is not about the data answers 500 (nothing stored) and logs the batch ids', async () => {
    const device = await newDevice()
    await sql.raw(`create function poison_raise() returns trigger language plpgsql as $$ begin if new.payload->>'question' = 'RAISE' then raise exception 'boom'; end if; return new; end $$`).execute(ctx.db)
    await sql`create trigger poison_raise before insert on events for each row execute function poison_raise()`.execute(ctx.db)
    try {
      const batch = [consultation(device), consultation(device, { payload: { channel: 'visit', contact: { name: '张', phone: '13812345678' }, question: 'RAISE' } })]
      const res = await app.request('/api/sync/push', json({ protocol: 1, appVersion: APP_VERSION, events: batch }, device.token))
      expect(res.status).toBe(500)
      expect(await res.json()).toEqual({ error: 'internal', message: '服务器内部错误，请稍后重试' })
      expect(await countEvents(ctx.db, device.stationId)).toBe(0)
      const line = logged.find(l => l.msg === 'push failed' && l.deviceId === device.deviceId)
      expect(line?.eventIds).toEqual(batch.map(e => e.id))
    }
    finally {
      await sql`drop trigger poison_raise on events`.execute(ctx.db)
      await sql`drop function poison_raise()`.execute(ctx.db)
    }
  })

  describe('item 7: event ids', () => {
    it('an uppercase id is never stored; its lowercase form is, and a relayed copy of that is a duplicate', async () => {
      const device = await newDevice()
      const other = await enrollDevice(app, ctx.db, device.stationId, '第二台平板')
      const event = consultation(device)
      const upper = { ...event, id: event.id.toUpperCase() }
      const refused = await pushOk(app, device, [upper])
      expect(refused.results).toEqual([{ id: upper.id, status: 'rejected', reason: `invalid: id: ${safetyMessages.eventIdCase}` }])
      expect(await countEvents(ctx.db, device.stationId)).toBe(0)
      expect((await pushOk(app, device, [event])).results[0]?.status).toBe('applied')
      expect((await pushOk(app, other, [event], { relay: true })).results).toEqual([{ id: event.id, status: 'duplicate' }])
      // The uppercase form, once its lowercase twin is stored, is still refused as non-canonical, not as id-reuse.
      expect((await pushOk(app, device, [upper])).results[0]?.reason).toBe(`invalid: id: ${safetyMessages.eventIdCase}`)
    })

    it('an event an older server stored under an uppercase id is still recognised as a duplicate when retried', async () => {
      const device = await newDevice()
      const event = consultation(device)
      const upper = { ...event, id: event.id.toUpperCase() }
      await ctx.db.insertInto('events').values({
        id: upper.id,
        stream: upper.stream,
        type: upper.type,
        v: upper.v,
        payload: jsonb(upper.payload),
        station_id: upper.stationId,
        device_id: upper.deviceId,
        staff_id: upper.staffId,
        occurred_at: upper.occurredAt,
        occurred_at_text: upper.occurredAt,
        received_at: new Date(),
        content_key: contentHash(upper),
      }).execute()
      expect((await pushOk(app, device, [upper])).results).toEqual([{ id: upper.id, status: 'duplicate' }])
      expect(await countEvents(ctx.db, device.stationId)).toBe(1)
    })
  })
})
