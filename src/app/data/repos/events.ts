/** Stored events (rows as stored: crypto/openedRepos.ts opens them for the app). */
import type { DomainEvent } from '../../../domain/events'
import { orderedUnique } from '../../../domain/events'
import { database } from '../db'

/** Stored events. */
export const eventsRepo = {
  async get(id: string): Promise<DomainEvent | undefined> {
    return database().events.get(id)
  },
  /** One stream's events in fold order (occurredAt, id). */
  async byStream(stream: string): Promise<DomainEvent[]> {
    return orderedUnique(await database().events.where('stream').equals(stream).toArray())
  },
  /** Several streams' events, grouped by stream in fold order; one indexed `anyOf` per 500 streams (ledger 满意度 for a month's cases). */
  async byStreams(streams: readonly string[]): Promise<Map<string, DomainEvent[]>> {
    const wanted = [...new Set(streams)]
    const grouped = new Map<string, DomainEvent[]>(wanted.map(s => [s, []]))
    for (let start = 0; start < wanted.length; start += 500) {
      const events = await database().events.where('stream').anyOf(wanted.slice(start, start + 500)).toArray()
      for (const e of events)
        grouped.get(e.stream)?.push(e)
    }
    for (const [stream, events] of grouped)
      grouped.set(stream, orderedUnique(events))
    return grouped
  },
  async count(): Promise<number> {
    return database().events.count()
  },
  /**
   * Events of one type that occurred in [fromMs, toMs) (e.g. 'rating.given' for the 6.2.3 complaint rate and
   * the satisfaction dashboard). There is no [type+occurredAt] index yet (occurredAt strings keep their
   * offsets and do not sort as instants), so this reads only the `type` index's primary keys — UUIDv7 ids,
   * which carry the instant they were made on the recording device — and fetches rows only for ids within a
   * day of the range, then checks occurredAt itself.
   */
  async listOfTypeBetween(type: string, fromMs: number, toMs: number): Promise<DomainEvent[]> {
    const slack = 86_400_000
    const ids = (await database().events.where('type').equals(type).primaryKeys())
      .filter((id) => {
        const made = uuidV7Ms(id)
        return made === null || (made >= fromMs - slack && made < toMs + slack)
      })
    const rows = await database().events.bulkGet(ids)
    return rows.filter((e): e is DomainEvent => {
      if (!e)
        return false
      const at = Date.parse(e.occurredAt)
      return at >= fromMs && at < toMs
    })
  },
}

/** The Unix ms a UUIDv7 was made at (its first 48 bits); null for an id that is not a UUIDv7. */
function uuidV7Ms(id: string): number | null {
  if (id.length !== 36 || id[14] !== '7')
    return null
  const ms = Number.parseInt(id.slice(0, 8) + id.slice(9, 13), 16)
  return Number.isFinite(ms) ? ms : null
}
