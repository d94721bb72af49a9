/** Index-range queries of the projections: cases and consultations by date, cases by service item. */
import type { LedgerCaseRow } from '../ledgerCases'
import type { ProjectionRow, ProjectionState } from '../rows'
import { Dexie } from 'dexie'
import { database } from '../db'

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
