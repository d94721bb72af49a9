/**
 * Storing a push batch's valid events (issue 10 item 1): one insert and one refold for the whole batch. When
 * the database refuses the data (an event that passed validation and still cannot be stored: SQLSTATE class
 * 22 data exception, 23 integrity, 54 limit, or a fold that overflowed), the push's transaction is rolled
 * back and the push runs again (push.ts) with its events stored one by one, each in its own savepoint: the
 * ones the database takes are applied, each other one is answered `rejected` with the reason. Any other error (a lost
 * connection, a bug) aborts the whole push as before: a 500 the tablet retries, nothing half-written.
 */
import type { Transaction } from 'kysely'
import { sql } from 'kysely'
import type { DomainEvent } from '../../domain/events'
import type { Database, EventRow } from '../db'
import { jsonb } from '../db'
import { projectedStreams, refoldWithRows } from './projections'

export interface EventToStore {
  /** Position in the batch's results. */
  index: number
  event: DomainEvent
  hash: string
}

export interface StoredEvents {
  /** Lowercased ids of the rows this push inserted (another station may have stored an id meanwhile). */
  inserted: Set<string>
  /** By batch index: why the database could not store that event ('invalid: …' reason text). */
  unstorable: Map<number, string>
}

/** Rows per insert statement (a push has at most 1,000 events: one statement). */
const INSERT_CHUNK = 1000

/**
 * Thrown by a `batch` store the database refused as data (nothing can be stored after it in the same
 * transaction): the caller rolls the transaction back and pushes again with `each`.
 */
export class BatchRefusedError extends Error {
  constructor(readonly reason: unknown) {
    super('the database refused a pushed batch as data; retry event by event')
  }
}

/**
 * `batch` (the common case, issue 12 item 2): one insert and one refold, with no savepoint around them (two
 * round trips fewer); a data error throws BatchRefusedError. `each`: every event in its own savepoint, the
 * refused ones answered as unstorable.
 */
export async function storeEvents(trx: Transaction<Database>, stationId: string, items: readonly EventToStore[], receivedAt: Date, mode: 'batch' | 'each'): Promise<StoredEvents> {
  const unstorable = new Map<number, string>()
  if (mode === 'batch') {
    try {
      return { inserted: await insertAndRefold(trx, stationId, items, receivedAt), unstorable }
    }
    catch (error) {
      throw isDataError(error) ? new BatchRefusedError(error) : error
    }
  }
  const inserted = new Set<string>()
  for (const item of items) {
    try {
      for (const id of await inSavepoint(trx, 'push_event', () => insertAndRefold(trx, stationId, [item], receivedAt)))
        inserted.add(id)
    }
    catch (error) {
      if (!isDataError(error))
        throw error
      unstorable.set(item.index, unstorableReason(error))
    }
  }
  return { inserted, unstorable }
}

async function insertAndRefold(trx: Transaction<Database>, stationId: string, items: readonly EventToStore[], receivedAt: Date): Promise<Set<string>> {
  const inserted = new Set<string>()
  const rows: EventRow[] = []
  for (let i = 0; i < items.length; i += INSERT_CHUNK) {
    for (const row of await insertRows(trx, stationId, items.slice(i, i + INSERT_CHUNK), receivedAt)) {
      if (row.fresh)
        inserted.add(row.id.toLowerCase())
      rows.push(row)
    }
  }
  const streams = new Set(items.filter(t => inserted.has(t.event.id.toLowerCase())).map(t => t.event.stream))
  // A chunk's rows read before a later chunk's insert miss that chunk: keep each row once, by id.
  await refoldWithRows(trx, stationId, [...streams], [...new Map(rows.map(r => [r.id, r])).values()])
  return inserted
}

type StoredRow = EventRow & { fresh: boolean }

/**
 * One statement and two parameters for the whole chunk (issue 12 item 2): the rows travel as one JSON array
 * that the database unpacks (jsonb_to_recordset) instead of 12 bind parameters a row. Rows are inserted in
 * batch order (`with ordinality … order by`), so seqs follow the order the tablet recorded them.
 *
 * The same statement answers what the projection refold needs (projections.ts refoldWithRows): the rows it
 * inserted (`fresh`), and the station's earlier events of the batch's case and consultation streams (read
 * in the statement's snapshot, so before the insert). The station's lock is held (push.ts), so together
 * they are what a read after the insert would return, without a second round trip.
 */
async function insertRows(trx: Transaction<Database>, stationId: string, items: readonly EventToStore[], receivedAt: Date): Promise<StoredRow[]> {
  const rows = items.map(({ event: e, hash }) => ({
    id: e.id,
    stream: e.stream,
    type: e.type,
    v: e.v,
    payload: e.payload,
    station_id: e.stationId,
    device_id: e.deviceId,
    staff_id: e.staffId,
    occurred_at: e.occurredAt,
    content_key: hash,
  }))
  const projected = [...new Set(projectedStreams(items.map(t => t.event.stream)))]
  const result = await sql<StoredRow>`
    with earlier as (
      select * from events
      where station_id = ${stationId} and stream in (select jsonb_array_elements_text(${jsonb(projected)}))
    ), added as (
      insert into events (id, stream, type, v, payload, station_id, device_id, staff_id, occurred_at, occurred_at_text, received_at, content_key)
      select r.id, r.stream, r.type, r.v, r.payload, r.station_id, r.device_id, r.staff_id, cast(r.occurred_at as timestamptz), r.occurred_at, cast(${receivedAt.toISOString()} as timestamptz), r.content_key
      from rows from (jsonb_to_recordset(${jsonb(rows)}) as (id uuid, stream text, type text, v integer, payload jsonb, station_id text, device_id text, staff_id text, occurred_at text, content_key text))
        with ordinality as r(id, stream, type, v, payload, station_id, device_id, staff_id, occurred_at, content_key, n)
      order by r.n
      -- Another station may have stored the same id meanwhile (its lock is not ours).
      on conflict (id) do nothing
      returning *
    )
    select true as fresh, added.* from added
    union all
    select false as fresh, earlier.* from earlier`.execute(trx)
  return result.rows
}

async function inSavepoint<T>(trx: Transaction<Database>, name: 'push_event', work: () => Promise<T>): Promise<T> {
  await sql`savepoint ${sql.raw(name)}`.execute(trx)
  let result: T
  try {
    result = await work()
  }
  catch (error) {
    await sql`rollback to savepoint ${sql.raw(name)}`.execute(trx)
    throw error
  }
  await sql`release savepoint ${sql.raw(name)}`.execute(trx)
  return result
}

function sqlState(error: unknown): string | null {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : null
}

/** An error about the data itself (so about one event), not about the database being unavailable. */
export function isDataError(error: unknown): boolean {
  const state = sqlState(error)
  if (state)
    return /^(?:22|23|54)/.test(state)
  // A fold or a serialiser that overflowed its stack, or a date out of range.
  return error instanceof RangeError
}

function unstorableReason(error: unknown): string {
  const state = sqlState(error)
  const detail = error instanceof Error ? error.message.slice(0, 160) : String(error).slice(0, 160)
  return `invalid: 服务器无法保存该记录（${state ? `SQLSTATE ${state}: ` : ''}${detail}），请联系主管机构`
}
