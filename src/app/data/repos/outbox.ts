/** The outbox: events recorded here waiting to be pushed, and how a push answer settles them. */
import type { PushResult } from '../../../domain/protocol'
import type { DomainEvent } from '../../../domain/events'
import type { OutboxRow, RejectedRow } from '../rows'
import { database } from '../db'
import { TABLES } from '../schema'
import { guarded } from '../errors'

/** An outbox entry with the event it queues. */
export interface OutboxEntry extends OutboxRow {
  order: number
  event: DomainEvent
}

/** Events waiting to be pushed, in recording order. */
export const outboxRepo = {
  /** The first `limit` entries in order, each with its event. */
  async peek(limit: number): Promise<OutboxEntry[]> {
    const db = database()
    return db.transaction('r', [TABLES.outbox, TABLES.events], async () => {
      const rows = await db.outbox.orderBy('order').limit(limit).toArray()
      const events = await db.events.bulkGet(rows.map(r => r.eventId))
      return rows.flatMap((row, i) => {
        const event = events[i]
        return event && row.order !== undefined ? [{ ...row, order: row.order, event }] : []
      })
    })
  },
  /** Pending entries, all or one staff member's (one person's unsent work is never counted as another's). */
  async count(staffId?: string): Promise<number> {
    const outbox = database().outbox
    return staffId === undefined ? outbox.count() : outbox.where('staffId').equals(staffId).count()
  },
  /** Drop entries by event id (only once a server answer names them). */
  async remove(eventIds: readonly string[]): Promise<void> {
    await database().outbox.where('eventId').anyOf([...eventIds]).delete()
  },
  /** Count a push attempt for these entries and keep its error (null on success-less retry without error). */
  async markAttempt(eventIds: readonly string[], error: string | null): Promise<void> {
    const at = new Date().toISOString()
    await guarded(() => database().outbox.where('eventId').anyOf([...eventIds]).modify((row) => {
      row.attempts += 1
      row.lastError = error
      row.lastAttemptAt = at
    }))
  },
  /**
   * Settle a push answer in one transaction: applied and duplicate entries leave the outbox; rejected ones
   * leave it and enter the `rejected` list with the reason, so nothing is retried blindly or dropped silently.
   */
  async settle(results: readonly PushResult[]): Promise<void> {
    const db = database()
    await guarded(() => db.transaction('rw', [TABLES.outbox, TABLES.rejected, TABLES.events], async () => {
      const rejectedAt = new Date().toISOString()
      const rejected = results.filter(r => r.status === 'rejected')
      const events = await db.events.bulkGet(rejected.map(r => r.id))
      await db.rejected.bulkPut(rejected.flatMap((r, i): RejectedRow[] => {
        const e = events[i]
        return e ? [{ eventId: r.id, stream: e.stream, type: e.type, staffId: e.staffId, reason: r.reason ?? 'rejected', rejectedAt }] : []
      }))
      await db.outbox.where('eventId').anyOf(results.map(r => r.id)).delete()
    }))
  },
}
