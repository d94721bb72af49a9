/** Repositories: plain objects of async functions over the tables. Writes that span tables are one transaction. */
import type { CaseStatus } from '../../domain/case'
import type { ConsultationStatus } from '../../domain/consultation'
import type { DomainEvent } from '../../domain/events'
import type { BlobRow, OutboxRow, ProjectionKind, ProjectionRow, ProjectionState, RejectedRow } from './db'
import { Dexie } from 'dexie'
import { orderedUnique } from '../../domain/events'
import { sha256Hex } from './blobHash'
import { database, TABLES } from './db'
import { guarded } from './errors'

/** Stored events. */
export const eventsRepo = {
  async get(id: string): Promise<DomainEvent | undefined> {
    return database().events.get(id)
  },
  /** One stream's events in fold order (occurredAt, id). */
  async byStream(stream: string): Promise<DomainEvent[]> {
    return orderedUnique(await database().events.where('stream').equals(stream).toArray())
  },
  async count(): Promise<number> {
    return database().events.count()
  },
}

/** An outbox entry with the event it queues. */
export interface OutboxItem extends OutboxRow {
  order: number
  event: DomainEvent
}

/** The server's answer for one pushed event (DESIGN §4). */
export interface PushResult {
  id: string
  status: 'applied' | 'duplicate' | 'rejected'
  reason?: string
}

/** Events waiting to be pushed, in recording order. */
export const outboxRepo = {
  /** The first `limit` entries in order, each with its event. */
  async peek(limit: number): Promise<OutboxItem[]> {
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

/** Attachments, content-addressed by SHA-256. */
export const blobsRepo = {
  /** Store a Blob (if not there yet) and return its SHA-256 hex. */
  async put(blob: Blob): Promise<string> {
    const sha256 = await sha256Hex(blob)
    const db = database()
    await guarded(() => db.transaction('rw', [TABLES.blobs], async () => {
      if (!await db.blobs.get(sha256))
        await db.blobs.add({ sha256, blob, type: blob.type, size: blob.size, createdAt: new Date().toISOString(), uploaded: 0 })
    }))
    return sha256
  },
  async get(sha256: string): Promise<BlobRow | undefined> {
    return database().blobs.get(sha256)
  },
  /** Attachments the server does not hold yet, oldest first. */
  async pendingUploads(limit = Infinity): Promise<BlobRow[]> {
    const rows = await database().blobs.where('uploaded').equals(0).sortBy('createdAt')
    return rows.slice(0, limit)
  },
  async markUploaded(sha256: string): Promise<void> {
    await database().blobs.update(sha256, { uploaded: 1 })
  },
}

/**
 * Statuses whose deadline no longer runs: the case was completed, handed over, returned or terminated; the
 * consultation was answered on the spot or the department's reply came back. Filtered in code, not by an index,
 * so changing these sets needs no schema version.
 */
export const SETTLED_STATUSES = {
  case: new Set<CaseStatus>(['completed', 'handedOver', 'returned', 'terminated']),
  consultation: new Set<ConsultationStatus>(['answered', 'replied']),
} as const satisfies Record<ProjectionKind, ReadonlySet<string>>

/** Is this projection row settled (its deadline no longer runs)? */
export function isSettled(kind: ProjectionKind, status: string): boolean {
  return (SETTLED_STATUSES[kind] as ReadonlySet<string>).has(status)
}

export interface DueBeforeOptions {
  /** Leave out settled records (default true): a completed case or a replied consultation is not "due". */
  openOnly?: boolean
  /** At most this many rows (default all). */
  limit?: number
}

/** Read access to one projection table. */
export interface ProjectionRepo<S extends ProjectionState = ProjectionState> {
  get: (id: string) => Promise<ProjectionRow<S> | undefined>
  /** Most recently active first. */
  listRecent: (limit?: number) => Promise<ProjectionRow<S>[]>
  /** Those whose facts conflict or otherwise need staff, most recent first. */
  listNeedingAttention: (limit?: number) => Promise<ProjectionRow<S>[]>
  countNeedingAttention: () => Promise<number>
  /** Those with a deadline strictly before `before` (an instant), earliest deadline first; only open ones unless `openOnly: false`. */
  listDueBefore: (before: Date | string, options?: DueBeforeOptions) => Promise<ProjectionRow<S>[]>
}

/** A repository over the projection of one stream kind. */
export function projectionRepo<S extends ProjectionState = ProjectionState>(kind: ProjectionKind): ProjectionRepo<S> {
  const table = () => database().projection(kind)
  const attention = () => table().where('[attention+lastAt]').between([1, Dexie.minKey], [1, Dexie.maxKey])
  return {
    async get(id) {
      return await table().get(id) as ProjectionRow<S> | undefined
    },
    async listRecent(limit = 50) {
      return await table().orderBy('lastAt').reverse().limit(limit).toArray() as ProjectionRow<S>[]
    },
    async listNeedingAttention(limit = Infinity) {
      return await attention().reverse().limit(limit).toArray() as ProjectionRow<S>[]
    },
    async countNeedingAttention() {
      return attention().count()
    },
    async listDueBefore(before, { openOnly = true, limit = Infinity } = {}) {
      const ms = typeof before === 'string' ? Date.parse(before) : before.getTime()
      const due = table().where('dueAtMs').below(ms)
      // filter before limit: the limit counts rows that pass the filter.
      const rows = openOnly ? due.filter(row => !isSettled(kind, row.status)) : due
      return await rows.limit(limit).toArray() as ProjectionRow<S>[]
    },
  }
}

/** Events the server rejected: the "needs attention" list (issue 3). */
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
