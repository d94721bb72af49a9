import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { jsonb } from '../../../src/server/db'
import type { NewEventRow } from '../../../src/server/db'
import type { TestDatabase } from '../helpers/databases'
import { testDatabases } from '../helpers/databases'

let n = 0
function eventRow(): NewEventRow {
  n += 1
  return {
    id: `0193a4b2-7c1d-7e00-8000-${String(n).padStart(12, '0')}`,
    stream: 'case:0193a4b2-7c1d-7e00-8000-00000000ca5e',
    type: 'case.received',
    v: 1,
    payload: jsonb({ n }),
    station_id: 'station-1',
    device_id: 'device-1',
    staff_id: 'staff-1',
    occurred_at: new Date(),
    content_key: `k${n}`,
  }
}

// One batch of pushed events is one transaction (DESIGN §4): all or nothing.
describe.each(testDatabases())('transactions on %s', (kind) => {
  let ctx: TestDatabase
  beforeAll(async () => {
    ctx = await kind.open()
  })
  afterAll(() => ctx.close())
  beforeEach(async () => {
    await ctx.db.deleteFrom('events').execute()
  })

  const count = async () => (await ctx.db.selectFrom('events').select(eb => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n

  it('a failing transaction leaves nothing behind', async () => {
    await expect(ctx.db.transaction().execute(async (trx) => {
      await trx.insertInto('events').values([eventRow(), eventRow()]).execute()
      expect(await trx.selectFrom('events').select(eb => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).toEqual({ n: 2 })
      throw new Error('the third event was invalid')
    })).rejects.toThrow('the third event was invalid')
    expect(await count()).toBe(0)
  })

  it('a database error mid-batch rolls the whole batch back', async () => {
    const duplicate = eventRow()
    await expect(ctx.db.transaction().execute(async (trx) => {
      await trx.insertInto('events').values(duplicate).execute()
      await trx.insertInto('events').values(eventRow()).execute()
      await trx.insertInto('events').values(duplicate).execute()
    })).rejects.toThrow()
    expect(await count()).toBe(0)
    // The connection is usable afterwards (PGlite has only one).
    await ctx.db.insertInto('events').values(eventRow()).execute()
    expect(await count()).toBe(1)
  })

  it('a query outside a transaction neither sees nor joins it, and survives its rollback', async () => {
    let release!: () => void
    const gate = new Promise<void>((resolve) => {
      release = resolve
    })
    let inserted!: () => void
    const insertedInTx = new Promise<void>((resolve) => {
      inserted = resolve
    })
    const failing = ctx.db.transaction().execute(async (trx) => {
      await trx.insertInto('events').values(eventRow()).execute()
      inserted()
      await gate
      throw new Error('rollback')
    })
    await insertedInTx
    // Issued while the transaction is open: on PGlite it must wait for it, not run inside it.
    const outside = ctx.db.insertInto('events').values(eventRow()).execute()
    const outsideCount = outside.then(count)
    setTimeout(release, 50)
    await expect(failing).rejects.toThrow('rollback')
    await outside
    expect(await outsideCount).toBe(1)
    expect(await count()).toBe(1)
  })

  it('a committed transaction keeps everything', async () => {
    await ctx.db.transaction().execute(async (trx) => {
      await trx.insertInto('events').values([eventRow(), eventRow(), eventRow()]).execute()
    })
    expect(await count()).toBe(3)
  })
})
