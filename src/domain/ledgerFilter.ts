/**
 * Choosing and numbering a ledger's rows (6.2.4; issue 5: filter by date range, staff, item, state).
 *
 * - Date range: the CST day the case was received, both ends inclusive; an open end is unbounded.
 * - Staff: a case matches a staff member who received it, accepted it, returned it or is its 代办 agent.
 * - Item: the case's item code. State: the case's status (CaseStatus). Empty lists do not filter.
 * - Which ledger: D lists every case, E 帮办 cases (converted ones too), F 代办 cases (converted ones too).
 * - Order: by the instant received, then by case id; 序号 counts from 1 in that order.
 */
import type { CivilDate } from './calendar'
import type { CaseState, CaseStatus } from './case'
import type { LedgerCase, LedgerContext, LedgerKind } from './ledger'
import type { LedgerDRow } from './ledgerD'
import type { LedgerERow } from './ledgerE'
import type { LedgerFRow } from './ledgerF'
import { cstDateCell, staffOfEvent } from './ledger'
import { inLedgerD, ledgerDRow } from './ledgerD'
import { inLedgerE, ledgerERow } from './ledgerE'
import { inLedgerF, ledgerFRow } from './ledgerF'

/** 6.2.4: what a ledger listing is narrowed to; every field optional. */
export interface LedgerFilter {
  /** First CST day of receipt, inclusive. */
  from?: CivilDate | null
  /** Last CST day of receipt, inclusive. */
  to?: CivilDate | null
  staffIds?: readonly string[]
  itemCodes?: readonly string[]
  statuses?: readonly CaseStatus[]
}

/** The row type of each ledger. */
export interface LedgerRowByKind {
  D: LedgerDRow
  E: LedgerERow
  F: LedgerFRow
}

/** Any ledger row. */
export type LedgerRow = LedgerRowByKind[LedgerKind]

/** 6.2.4: whether a case belongs in ledger `kind` at all (D every case, E 帮办, F 代办). */
export function inLedger(kind: LedgerKind, state: LedgerCase): boolean {
  return kind === 'D' ? inLedgerD(state) : kind === 'E' ? inLedgerE(state) : inLedgerF(state)
}

/** The staff a ledger staff filter matches: who received, accepted or returned the case, and its 代办 agent. */
export function caseStaffIds(state: LedgerCase): string[] {
  const ids = [state.staffId, staffOfEvent(state, 'case.accepted'), staffOfEvent(state, 'case.returned'), state.entrustment?.agent.staffId ?? null]
  return [...new Set(ids.filter((id): id is string => !!id))]
}

/** 6.2.4: whether a case passes a ledger filter (CST received date, staff, item, status). */
export function matchesLedgerFilter(state: LedgerCase, filter: LedgerFilter): boolean {
  if (filter.from || filter.to) {
    const day = cstDateCell(state.receivedAt)
    if (filter.from && day < filter.from)
      return false
    if (filter.to && day > filter.to)
      return false
  }
  if (filter.itemCodes?.length && !filter.itemCodes.includes(state.itemCode))
    return false
  if (filter.statuses?.length && !filter.statuses.includes(state.status))
    return false
  if (filter.staffIds?.length) {
    const wanted = filter.staffIds
    if (!caseStaffIds(state).some(id => wanted.includes(id)))
      return false
  }
  return true
}

/** Ledger order: by the instant received, then by case id. */
export function compareLedgerCases(a: Pick<CaseState, 'receivedAt' | 'id'>, b: Pick<CaseState, 'receivedAt' | 'id'>): number {
  const byTime = Date.parse(a.receivedAt) - Date.parse(b.receivedAt)
  if (byTime !== 0 && !Number.isNaN(byTime))
    return byTime
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0
}

/** 6.2.4, Annexes D/E/F: the rows of ledger `kind` for the cases passing `filter`, sorted and numbered from 1. */
export function ledgerRows<K extends LedgerKind>(kind: K, cases: readonly LedgerCase[], filter: LedgerFilter, context: LedgerContext): LedgerRowByKind[K][] {
  const chosen = cases.filter(c => inLedger(kind, c) && matchesLedgerFilter(c, filter)).sort(compareLedgerCases)
  const row = (kind === 'D' ? ledgerDRow : kind === 'E' ? ledgerERow : ledgerFRow) as (state: LedgerCase, ctx: LedgerContext & { rowNumber: number }) => LedgerRowByKind[K]
  return chosen.map((c, i) => row(c, { ...context, rowNumber: i + 1 }))
}
