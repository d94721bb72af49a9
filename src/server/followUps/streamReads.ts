/**
 * Reads the event streams of one kind for a set of stations, folded on demand (follow-ups, complaints,
 * ratings have no SQL projection): the streams that had an event of `types` since `since`, all their events.
 */
import type { Kysely } from 'kysely'
import type { DomainEvent } from '../../domain/events'
import type { Database } from '../db'
import { rowToEvent } from '../sync/eventRows'

export async function streamsOf(db: Kysely<Database>, stationIds: readonly string[], kind: string, types: readonly string[], since: Date | null): Promise<DomainEvent[][]> {
  if (stationIds.length === 0)
    return []
  const wanted = db.selectFrom('events').select('stream')
    .where('station_id', 'in', stationIds)
    .where('type', 'in', types)
    .$if(since !== null, qb => qb.where('occurred_at', '>=', since ?? new Date(0)))
  const rows = await db.selectFrom('events').selectAll()
    .where('station_id', 'in', stationIds)
    .where('stream', 'like', `${kind}:%`)
    .where('stream', 'in', wanted)
    .orderBy('seq')
    .execute()
  const byStream = new Map<string, DomainEvent[]>()
  for (const row of rows)
    byStream.set(row.stream, [...(byStream.get(row.stream) ?? []), rowToEvent(row)])
  return [...byStream.values()]
}
