/** Read access to one projection table (cases, consultations): recent, needing attention, due, paged, searched. */
import type { ProjectionRow, ProjectionState } from '../rows'
import type { ProjectionKind } from '../schema'
import type { TokenSearch } from './tokenSearch'
import { Dexie } from 'dexie'
import { database } from '../db'
import { isSettled } from './settled'
import { tokenSearch } from './tokenSearch'

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

/** Read access to one projection table. */
export interface ProjectionRepo<S extends ProjectionState = ProjectionState> extends TokenSearch<S> {
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
    ...tokenSearch<S>(kind),
  }
}
