/** Events the server rejected, kept with its reason until staff deal with them (DESIGN §4: never dropped). */
import type { RejectedRow } from '../rows'
import { database } from '../db'

/** Events the server rejected (issue 3): one half of the sync-problems list, beside the projections whose facts conflict. */
export const rejectedRepo = {
  /** Newest first. */
  async list(): Promise<RejectedRow[]> {
    return database().rejected.orderBy('rejectedAt').reverse().toArray()
  },
  async count(): Promise<number> {
    return database().rejected.count()
  },
  async get(eventId: string): Promise<RejectedRow | undefined> {
    return database().rejected.get(eventId)
  },
  /** Staff dealt with it (e.g. recorded a correcting event): take it off the list. The event itself stays. */
  async dismiss(eventId: string): Promise<void> {
    await database().rejected.delete(eventId)
  },
}
