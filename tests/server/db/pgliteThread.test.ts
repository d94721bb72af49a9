/**
 * PGlite in its worker thread (issue 10 item 3) behaves like the built-in dialect on the main thread:
 * int8 as numbers, jsonb parsed, timestamps as Dates, bytea as bytes, errors with their SQLSTATE,
 * transactions that roll back, and a ping that answers while queries are queued.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'kysely'
import { jsonb, migrateToLatest, openDatabase } from '../../../src/server/db'
import type { DatabaseHandle } from '../../../src/server/db'

describe('PGlite in a worker thread', () => {
  let handle: DatabaseHandle
  beforeAll(async () => {
    handle = await openDatabase({ dataDir: 'memory://', pgliteThread: 'worker' })
    await migrateToLatest(handle.db)
  })
  afterAll(() => handle.close())

  it('returns int8 as numbers, jsonb parsed, timestamptz as Date and bytea as bytes', async () => {
    const row = await sql<{ n: number, j: unknown, t: Date, b: Uint8Array }>`select (select count(*) from meta where key = 'none') as n, ${jsonb({ a: [1, '二'] })} as j, now() as t, ${new Uint8Array([0, 1, 255])}::bytea as b`.execute(handle.db)
    const got = row.rows[0]
    expect(got?.n).toBe(0)
    expect(got?.j).toEqual({ a: [1, '二'] })
    expect(got?.t).toBeInstanceOf(Date)
    expect([...(got?.b ?? [])]).toEqual([0, 1, 255])
  })

  it('keeps the SQLSTATE of a database error and rolls the transaction back', async () => {
    const now = new Date().toISOString()
    const error = await handle.db.transaction().execute(async (trx) => {
      await trx.insertInto('meta').values({ key: 'k1', value: jsonb(1), updated_at: now }).execute()
      await trx.insertInto('meta').values({ key: 'k1', value: jsonb(2), updated_at: now }).execute()
    }).then(() => null, (e: unknown) => e as Error & { code?: string })
    expect(error).toBeInstanceOf(Error)
    expect(error?.code).toBe('23505')
    const rows = await handle.db.selectFrom('meta').select('key').where('key', '=', 'k1').execute()
    expect(rows).toEqual([])
  })

  it('runs concurrent transactions one after another (no interleaving on the one connection)', async () => {
    const now = new Date().toISOString()
    await Promise.all(Array.from({ length: 10 }, (_, i) => handle.db.transaction().execute(async (trx) => {
      const before = await trx.selectFrom('meta').select(sql<number>`count(*)`.as('n')).where('key', 'like', 'c-%').executeTakeFirstOrThrow()
      await trx.insertInto('meta').values({ key: `c-${i}`, value: jsonb(before.n), updated_at: now }).execute()
    })))
    const values = await handle.db.selectFrom('meta').select('value').where('key', 'like', 'c-%').execute()
    expect(values.map(v => v.value).sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
  })

  it('answers a ping while queries are queued', async () => {
    const queued = Array.from({ length: 20 }, () => sql`select pg_sleep(0.01)`.execute(handle.db))
    let pingedBeforeLast = false
    const last = Promise.all(queued).then(() => pingedBeforeLast)
    await handle.ping().then(() => (pingedBeforeLast = true))
    expect(await last).toBe(true)
  })

  it('fails the ping and queries once closed', async () => {
    const other = await openDatabase({ dataDir: 'memory://', pgliteThread: 'worker' })
    await other.close()
    await expect(other.ping()).rejects.toThrow()
    await expect(sql`select 1`.execute(other.db)).rejects.toThrow()
  })
})
