/** Repositories: plain objects of async functions over the tables. Writes that span tables are one transaction. */
import type { PushResult } from '../../domain/protocol'
import type { CaseStatus } from '../../domain/case'
import type { ConsultationStatus } from '../../domain/consultation'
import type { DomainEvent } from '../../domain/events'
import type { LedgerCaseRow } from './ledgerCases'
import type { OutboxRow, StoredBlobRow, ProjectionKind, ProjectionRow, ProjectionState, RejectedRow } from './db'
import type { SearchTokenKind } from './searchTokens'
import { Dexie } from 'dexie'
import { orderedUnique } from '../../domain/events'
import { sha256Hex } from './blobHash'
import { database, TABLES } from './db'
import { guarded } from './errors'
import { normaliseSearchText, phoneDigits, prepareSearchTokens } from './searchTokens'

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
  /** The stored row (from v8 its bytes encrypted: index.ts hands out blobsRepo opened). */
  async get(sha256: string): Promise<StoredBlobRow | undefined> {
    return database().blobs.get(sha256)
  },
  /** Attachments the server does not hold yet, oldest first. */
  async pendingUploads(limit = Infinity): Promise<StoredBlobRow[]> {
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

/** Where a page of a most-recent-first list ended: the next page starts after this row. */
export interface PageCursor {
  lastAt: number
  id: string
}

export interface PageOptions {
  /** Rows per page (default 50). */
  limit?: number
  /** Continue after this row (from the previous page's `next`). */
  after?: PageCursor | null
  /** Only rows of this status (indexed `[status+lastAt]`). */
  status?: string | null
  /** Only cases of this kind (indexed `[kind+lastAt]`; with `status` too, filtered in code). */
  kind?: string | null
}

/** One page of a list, and where the next one starts (null: no more rows). */
export interface Page<R> {
  rows: R[]
  next: PageCursor | null
}

/** Rows found through search tokens: the most recently created `limit` of them, and how many matched in all. */
export interface TokenSearchResult<R> {
  rows: R[]
  /** Ids matched before the limit (more than rows.length: the search was cut). */
  matched: number
}

export interface TokenSearchOptions {
  /** At most this many rows are read (default 200). */
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
  /** Those with a deadline in [fromMs, toMs), earliest first (index `dueAtMs`). */
  listDueBetween: (fromMs: number, toMs: number, options?: { openOnly?: boolean }) => Promise<ProjectionRow<S>[]>
  /** Most recently active first, one page at a time from the `lastAt` indexes (never the whole table). */
  listPage: (options?: PageOptions) => Promise<Page<ProjectionRow<S>>>
  /** Rows whose `kind` token of `value` matches (e.g. 'm', '13800138000'), via the searchTokens index. */
  searchByToken: (kind: SearchTokenKind, value: string, options?: TokenSearchOptions) => Promise<TokenSearchResult<ProjectionRow<S>>>
  /**
   * Rows matching any of the plans, each a list of plain tokens that must all match (searchQueryTokens).
   * Only primary keys are read per token; rows are read for the most recently created `limit` ids alone.
   */
  searchByTokens: (plans: readonly (readonly string[])[], options?: TokenSearchOptions) => Promise<TokenSearchResult<ProjectionRow<S>>>
}

/** Normalise a value as its token kind stores it. */
function tokenValue(kind: SearchTokenKind, value: string): string {
  return kind === 'm' || kind === 'm4' ? phoneDigits(value) : normaliseSearchText(value)
}

/** Up to this many candidates, a multi-token search checks the rows' own tokens instead of reading more index keys. */
const VERIFY_BY_ROW_LIMIT = 400

/** A repository over the projection of one stream kind. */
export function projectionRepo<S extends ProjectionState = ProjectionState>(kind: ProjectionKind): ProjectionRepo<S> {
  const table = () => database().projection(kind)
  const attention = () => table().where('[attention+lastAt]').between([1, Dexie.minKey], [1, Dexie.maxKey])
  /** Ids of rows carrying every one of `hashes`; rows read on the way are kept in `seen`. */
  const planMatches = async (hashes: readonly string[], seen: Map<string, ProjectionRow>): Promise<string[]> => {
    const keysOf = (hash: string) => table().where('searchTokens').equals(hash).primaryKeys() as Promise<string[]>
    const [only] = hashes
    if (hashes.length === 1 && only !== undefined)
      return keysOf(only)
    // Rarest token first: a common name piece (小明 in thousands of cases) must not cost a read of all its keys.
    const counts = await Promise.all(hashes.map(h => table().where('searchTokens').equals(h).count()))
    const order = hashes.map((hash, i) => ({ hash, count: counts[i] ?? 0 })).sort((a, b) => a.count - b.count)
    const [rarest, ...rest] = order
    if (!rarest || rarest.count === 0)
      return []
    let hit = await keysOf(rarest.hash)
    if (hit.length <= VERIFY_BY_ROW_LIMIT) {
      // Few candidates: their rows carry their tokens, so one bulk read settles the rest of the plan.
      const rows = (await table().bulkGet(hit)).filter((r): r is ProjectionRow => r !== undefined)
      const matched = rows.filter((r) => {
        const tokens = (r as ProjectionRow & { searchTokens?: readonly string[] }).searchTokens ?? []
        return rest.every(o => tokens.includes(o.hash))
      })
      for (const r of matched)
        seen.set(r.id, r)
      return matched.map(r => r.id)
    }
    for (const { hash } of rest) {
      const keys = new Set(await keysOf(hash))
      hit = hit.filter(k => keys.has(k))
      if (hit.length === 0)
        break
    }
    return hit
  }
  const searchByTokens: ProjectionRepo<S>['searchByTokens'] = async (plans, { limit = 200 } = {}) => {
    const tokenizer = await prepareSearchTokens(database())
    const ids = new Set<string>()
    const seen = new Map<string, ProjectionRow>()
    for (const plan of plans) {
      for (const id of await planMatches([...new Set(plan)].map(p => tokenizer.hash(p)), seen))
        ids.add(id)
    }
    // Stream ids end in a UUIDv7, time-ordered: the highest ids are the most recently created records.
    const top = [...ids].sort().reverse().slice(0, limit)
    const unread = top.filter(id => !seen.has(id))
    const fetched = unread.length > 0 ? (await table().bulkGet(unread)).filter((r): r is ProjectionRow => r !== undefined) : []
    for (const r of fetched)
      seen.set(r.id, r)
    const rows = top.flatMap(id => seen.get(id) ?? []) as ProjectionRow<S>[]
    return { rows: rows.sort((a, b) => b.lastAt - a.lastAt), matched: ids.size }
  }
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
    async listDueBetween(fromMs, toMs, { openOnly = false } = {}) {
      const rows = await table().where('dueAtMs').between(fromMs, toMs, true, false).toArray() as ProjectionRow<S>[]
      return openOnly ? rows.filter(row => !isSettled(kind, row.status)) : rows
    },
    async listPage({ limit = 50, after = null, status = null, kind: caseKind = null } = {}) {
      const top = after ? after.lastAt : Dexie.maxKey
      const collection = status !== null
        ? table().where('[status+lastAt]').between([status, Dexie.minKey], [status, top], true, true)
        : caseKind !== null
          ? table().where('[kind+lastAt]').between([caseKind, Dexie.minKey], [caseKind, top], true, true)
          : after ? table().where('lastAt').belowOrEqual(after.lastAt) : table().orderBy('lastAt')
      // Rows of one lastAt come in primary-key order: on the cursor's instant, only ids below the cursor's are new.
      const fresh = (row: ProjectionRow) => !after || row.lastAt < after.lastAt || row.id < after.id
      const wanted = (row: ProjectionRow) => fresh(row) && (status === null || caseKind === null || (row as ProjectionRow & { kind?: string }).kind === caseKind)
      const rows = await collection.reverse().filter(wanted).limit(limit).toArray() as ProjectionRow<S>[]
      const last = rows[rows.length - 1]
      return { rows, next: rows.length === limit && last ? { lastAt: last.lastAt, id: last.id } : null }
    },
    searchByToken: (tokenKind, value, options) => searchByTokens([[`${tokenKind}:${tokenValue(tokenKind, value)}`]], options),
    searchByTokens,
  }
}

export interface KindRangeOptions {
  /** Only cases of this kind ('assisted' 帮办, 'proxy' 代办, 'intake' 收件). */
  kind?: string | null
}

/** Index-range queries only cases have: ledgers D/E/F and metrics by date, cases of an item. All [fromMs, toMs). */
export interface CaseQueries<S extends ProjectionState> {
  /** The ledgers' slim rows (v7 `ledgerCases`) received in the range; complete only once no projection rebuild is pending. */
  listLedgerCasesReceivedBetween: (fromMs: number, toMs: number, options?: KindRangeOptions) => Promise<LedgerCaseRow[]>
  listReceivedBetween: (fromMs: number, toMs: number, options?: KindRangeOptions) => Promise<ProjectionRow<S>[]>
  listAcceptedBetween: (fromMs: number, toMs: number) => Promise<ProjectionRow<S>[]>
  listCompletedBetween: (fromMs: number, toMs: number, options?: KindRangeOptions) => Promise<ProjectionRow<S>[]>
  /** The most recently active cases of these items (index `[itemCode+lastAt]`), at most `limit`. */
  listByItems: (itemCodes: readonly string[], options?: { limit?: number }) => Promise<ProjectionRow<S>[]>
}

/** Cases' date-range and item queries, each answered from one index range. */
export function caseQueries<S extends ProjectionState>(): CaseQueries<S> {
  const table = () => database().projection('case')
  // Half-open ranges: a month is [its first day 00:00 CST, the next month's first day).
  const byInstant = (field: 'receivedAtMs' | 'completedAtMs' | 'acceptedAtMs', fromMs: number, toMs: number, caseKind?: string | null) => (caseKind
    ? table().where(`[kind+${field}]`).between([caseKind, fromMs], [caseKind, toMs], true, false)
    : table().where(field).between(fromMs, toMs, true, false)).toArray() as unknown as Promise<ProjectionRow<S>[]>
  return {
    listLedgerCasesReceivedBetween: (fromMs, toMs, { kind = null } = {}) => (kind
      ? database().ledgerCases.where('[kind+receivedAtMs]').between([kind, fromMs], [kind, toMs], true, false)
      : database().ledgerCases.where('receivedAtMs').between(fromMs, toMs, true, false)).toArray(),
    listReceivedBetween: (fromMs, toMs, { kind = null } = {}) => byInstant('receivedAtMs', fromMs, toMs, kind),
    listAcceptedBetween: (fromMs, toMs) => byInstant('acceptedAtMs', fromMs, toMs),
    listCompletedBetween: (fromMs, toMs, { kind = null } = {}) => byInstant('completedAtMs', fromMs, toMs, kind),
    async listByItems(itemCodes, { limit = 200 } = {}) {
      const lists = await Promise.all([...new Set(itemCodes)].map(code =>
        table().where('[itemCode+lastAt]').between([code, Dexie.minKey], [code, Dexie.maxKey]).reverse().limit(limit).toArray()))
      return (lists.flat() as ProjectionRow<S>[]).sort((a, b) => b.lastAt - a.lastAt).slice(0, limit)
    },
  }
}

/** Consultations' date-range queries (the consultation register by recording or reply date), [fromMs, toMs). */
export interface ConsultationQueries<S extends ProjectionState> {
  listRecordedBetween: (fromMs: number, toMs: number) => Promise<ProjectionRow<S>[]>
  listRepliedBetween: (fromMs: number, toMs: number) => Promise<ProjectionRow<S>[]>
}

export function consultationQueries<S extends ProjectionState>(): ConsultationQueries<S> {
  const table = () => database().projection('consultation')
  const between = (field: 'recordedAtMs' | 'repliedAtMs', fromMs: number, toMs: number) =>
    table().where(field).between(fromMs, toMs, true, false).toArray() as unknown as Promise<ProjectionRow<S>[]>
  return {
    listRecordedBetween: (fromMs, toMs) => between('recordedAtMs', fromMs, toMs),
    listRepliedBetween: (fromMs, toMs) => between('repliedAtMs', fromMs, toMs),
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
