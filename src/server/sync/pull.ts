/** Pulling a station's events after a cursor, in seq order (DESIGN §4), the device's own included. */
import type { Kysely } from 'kysely'
import type { DomainEvent } from '../../domain/events'
import type { Database } from '../db'
import { rowToEvent } from './eventRows'

export interface PulledPage {
  events: DomainEvent[]
  /** The last seq returned, or the given cursor when nothing was. */
  cursor: number
  /** More events wait after `cursor`. */
  more: boolean
}

export async function pullEvents(db: Kysely<Database>, stationId: string, cursor: number, limit: number): Promise<PulledPage> {
  const rows = await db.selectFrom('events').selectAll()
    .where('station_id', '=', stationId)
    .where('seq', '>', cursor)
    .orderBy('seq')
    .limit(limit + 1)
    .execute()
  const more = rows.length > limit
  const events = rows.slice(0, limit).map(rowToEvent)
  return { events, cursor: events.at(-1)?.seq ?? cursor, more }
}
