/**
 * Reads the event streams of one kind for a set of stations, folded on demand (follow-ups, complaints,
 * ratings have no SQL projection): the streams that had an event of `types` since `since`, all their events.
 */
import type { Kysely, SelectQueryBuilder } from 'kysely'
import type { DomainEvent } from '../../domain/events'
import type { Database } from '../db'
import { groupByStream } from '../db/streamPages'
import { rowToEvent } from '../sync/eventRows'

/** A subquery selecting stream ids from events (the streams a caller wants). */
export type WantedStreams = SelectQueryBuilder<Database, 'events', { stream: string }>

export async function streamsOf(db: Kysely<Database>, stationIds: readonly string[], kind: string, types: readonly string[], since: Date | null): Promise<DomainEvent[][]> {
  if (stationIds.length === 0)
    return []
  const wanted = db.selectFrom('events').select('stream')
    .where('station_id', 'in', stationIds)
    .where('type', 'in', types)
    .$if(since !== null, qb => qb.where('occurred_at', '>=', since ?? new Date(0)))
  return eventsOfStreams(db, kind, wanted, stationIds)
}

/**
 * All events (seq order) of the `kind` streams that `wanted` selects, at `stationIds` only (every station when
 * null), one array a stream in the order the streams first appear.
 */
export async function eventsOfStreams(db: Kysely<Database>, kind: string, wanted: WantedStreams, stationIds: readonly string[] | null): Promise<DomainEvent[][]> {
  const rows = await db.selectFrom('events').selectAll()
    .$if(stationIds !== null, qb => qb.where('station_id', 'in', stationIds ?? []))
    .where('stream', 'like', `${kind}:%`)
    .where('stream', 'in', wanted)
    .orderBy('seq')
    .execute()
  return [...groupByStream(rows).values()].map(streamRows => streamRows.map(rowToEvent))
}
