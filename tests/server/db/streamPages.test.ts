/**
 * db/streamPages.ts: the events of some streams of one station, a page of streams a query, grouped per
 * stream in seq order; a page is read only when the caller asks for it (the refolds write between pages).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { jsonb } from '../../../src/server/db'
import type { EventRow, NewEventRow } from '../../../src/server/db'
import { groupByStream, streamPages } from '../../../src/server/db/streamPages'
import type { TestDatabase } from '../helpers/databases'
import { testDatabases } from '../helpers/databases'

let n = 0
function eventRow(stream: string, stationId = 'station-1'): NewEventRow {
  n += 1
  return {
    id: `0193a4b2-7c1d-7e00-8000-${String(n).padStart(12, '0')}`,
    stream,
    type: 'case.received',
    v: 1,
    payload: jsonb({ n }),
    station_id: stationId,
    device_id: 'device-1',
    staff_id: 'staff-1',
    occurred_at: new Date(),
    content_key: `k${n}`,
  }
}

const streams = ['case:a', 'case:b', 'case:c', 'case:d', 'case:e']

describe('groupByStream', () => {
  it('keeps first-appearance order of streams and input order within each', () => {
    const rows = [{ stream: 'x', n: 1 }, { stream: 'y', n: 2 }, { stream: 'x', n: 3 }]
    expect([...groupByStream(rows)]).toEqual([['x', [rows[0], rows[2]]], ['y', [rows[1]]]])
  })
})

describe.each(testDatabases())('streamPages on %s', (kind) => {
  let ctx: TestDatabase
  beforeAll(async () => {
    ctx = await kind.open()
  })
  afterAll(() => ctx.close())
  beforeEach(async () => {
    await ctx.db.deleteFrom('events').execute()
    // Interleaved, so seq order differs from stream order; one stream id also at another station.
    for (const stream of [...streams, ...[...streams].reverse()])
      await ctx.db.insertInto('events').values(eventRow(stream)).execute()
    await ctx.db.insertInto('events').values(eventRow('case:a', 'station-2')).execute()
  })

  it('reads pageSize streams a page, each stream\'s events of this station in seq order', async () => {
    const pages: Map<string, EventRow[]>[] = []
    for await (const page of streamPages(ctx.db, 'station-1', streams, 2))
      pages.push(page)
    expect(pages.map(p => [...p.keys()].sort())).toEqual([['case:a', 'case:b'], ['case:c', 'case:d'], ['case:e']])
    for (const page of pages) {
      for (const rows of page.values()) {
        expect(rows).toHaveLength(2)
        expect(rows.every(r => r.station_id === 'station-1')).toBe(true)
        expect(Number(rows[0]?.seq)).toBeLessThan(Number(rows[1]?.seq))
      }
    }
  })

  it('reads a page only after the caller handled the one before', async () => {
    const seen = new Map<string, number>()
    for await (const page of streamPages(ctx.db, 'station-1', streams, 2)) {
      for (const [stream, rows] of page)
        seen.set(stream, rows.length)
      if (page.has('case:a'))
        await ctx.db.insertInto('events').values(eventRow('case:c')).execute()
    }
    expect(seen.get('case:a')).toBe(2)
    expect(seen.get('case:c')).toBe(3)
  })

  it('yields nothing for no streams', async () => {
    const pages = []
    for await (const page of streamPages(ctx.db, 'station-1', []))
      pages.push(page)
    expect(pages).toEqual([])
  })
})
