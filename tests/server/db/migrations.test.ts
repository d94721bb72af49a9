import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { jsonb, migrateToLatest, migrations, toCount } from '../../../src/server/db'
import type { EventRow, NewEventRow } from '../../../src/server/db'
import type { TestDatabase } from '../helpers/databases'
import { testDatabases } from '../helpers/databases'

function eventRow(id: string, overrides: Partial<NewEventRow> = {}): NewEventRow {
  return {
    id,
    stream: 'consultation:0193a4b2-7c1d-7e00-8000-000000000001',
    type: 'consultation.recorded',
    v: 1,
    payload: jsonb({ topic: '社保卡补办', tags: ['社保', '补办'] }),
    station_id: 'station-1',
    device_id: 'device-1',
    staff_id: null,
    occurred_at: '2026-03-02T09:30:00+08:00',
    content_key: 'k1',
    ...overrides,
  }
}

describe.each(testDatabases())('migrations on %s', (kind) => {
  let ctx: TestDatabase
  beforeAll(async () => {
    ctx = await kind.open({ migrate: false })
  })
  afterAll(() => ctx.close())

  it('apply every numbered migration on a fresh database, then nothing the second time', async () => {
    const first = await migrateToLatest(ctx.db)
    expect(first.map(r => [r.migrationName, r.status])).toEqual(Object.keys(migrations).map(name => [name, 'Success']))
    expect(await migrateToLatest(ctx.db)).toEqual([])
  })

  it('create the events table: seq as a number, payload as JSON, timestamps as instants', async () => {
    await ctx.db.insertInto('events').values([
      eventRow('0193a4b2-7c1d-7e00-8000-0000000000a1'),
      eventRow('0193a4b2-7c1d-7e00-8000-0000000000a2', { staff_id: 'staff-2', payload: jsonb(['a', 1]) }),
    ]).execute()
    const rows = await ctx.db.selectFrom('events').selectAll().orderBy('seq').execute()
    expect(rows).toHaveLength(2)
    const [a, b] = rows as [EventRow, EventRow]
    expect(typeof a.seq).toBe('number')
    expect(b.seq).toBeGreaterThan(a.seq)
    expect(a.payload).toEqual({ topic: '社保卡补办', tags: ['社保', '补办'] })
    expect(b.payload).toEqual(['a', 1])
    expect(a.occurred_at).toBeInstanceOf(Date)
    expect(a.occurred_at.toISOString()).toBe('2026-03-02T01:30:00.000Z')
    expect(a.received_at).toBeInstanceOf(Date)
    expect(a.staff_id).toBeNull()
  })

  it('return counts as numbers on both dialects', async () => {
    const { n } = await ctx.db.selectFrom('events').select(eb => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()
    expect(n).toBe(2)
    expect(toCount(n)).toBe(2)
    const { total } = await ctx.db.selectFrom('events').select(eb => eb.fn.sum<string>('v').as('total')).executeTakeFirstOrThrow()
    expect(toCount(total)).toBe(2)
  })

  it('refuse a second event with the same id', async () => {
    await expect(ctx.db.insertInto('events').values(eventRow('0193a4b2-7c1d-7e00-8000-0000000000a1', { content_key: 'other' })).execute()).rejects.toThrow()
  })

  it('index events by (station_id, seq) and by stream', async () => {
    const { rows } = await sql<{ indexname: string, indexdef: string }>`select indexname, indexdef from pg_indexes where tablename = 'events'`.execute(ctx.db)
    const defs = rows.map(r => r.indexdef).join('\n')
    expect(defs).toMatch(/\(station_id, seq\)/)
    expect(defs).toMatch(/\(stream\)/)
    expect(defs).toMatch(/UNIQUE INDEX .*\(seq\)/)
  })

  it('create the meta table', async () => {
    await ctx.db.insertInto('meta').values({ key: 'seeded', value: jsonb(true) }).execute()
    const row = await ctx.db.selectFrom('meta').selectAll().where('key', '=', 'seeded').executeTakeFirstOrThrow()
    expect(row.value).toBe(true)
  })
})
