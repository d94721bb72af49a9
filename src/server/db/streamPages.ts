/**
 * Reading events stream by stream: a station's events of some streams, a page of streams a query, and rows
 * grouped per stream. The projections refold with it and the metrics fold ratings with it.
 */
import type { Kysely } from 'kysely'
import type { Database, EventRow } from './schema'

/** Streams a query by default: bounds the `stream in (…)` list of one read. */
export const STREAM_PAGE_SIZE = 200

/** Rows grouped per stream, streams in the order they first appear, each stream's rows in input order. */
export function groupByStream<Row extends { stream: string }>(rows: Iterable<Row>): Map<string, Row[]> {
  const byStream = new Map<string, Row[]>()
  for (const row of rows) {
    const list = byStream.get(row.stream)
    if (list)
      list.push(row)
    else
      byStream.set(row.stream, [row])
  }
  return byStream
}

/**
 * The events of `streams` at one station, `pageSize` streams a query (in seq order), yielded page by page
 * grouped per stream. The next page is read only after the caller has handled the one before, so writes it
 * makes between pages are in the same order as a hand-written loop's (and in `db`'s transaction, when it is one).
 */
export async function* streamPages(db: Kysely<Database>, stationId: string, streams: readonly string[], pageSize = STREAM_PAGE_SIZE): AsyncGenerator<Map<string, EventRow[]>, void, undefined> {
  for (let i = 0; i < streams.length; i += pageSize) {
    const rows = await db.selectFrom('events').selectAll()
      .where('station_id', '=', stationId)
      .where('stream', 'in', streams.slice(i, i + pageSize))
      .orderBy('seq')
      .execute()
    yield groupByStream(rows)
  }
}
