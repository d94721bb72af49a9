/**
 * The slim case rows the ledgers read (Dexie v7 `ledgerCases`, issue 12 item 4). A month's ledger D reads
 * thousands of cases; the full projection rows carry the materials checklist and every log entry's summary and
 * details, which no ledger cell shows. These rows keep what ledgers D/E/F read (src/domain `LedgerCase`) and
 * the index fields of their date ranges, written with each case's projection row in the same transaction.
 *
 * Personal data: only what ledger cells print (applicant, and the entrustment and handover parties that E/F
 * and full-value exports show) — the same fields, no more, as the case row. Every row is built by
 * toLedgerCaseRow alone, so whatever protects personal fields at rest can be applied in this one place.
 */
import type { CaseState } from '../../domain/case'
import type { LedgerCase } from '../../domain/ledger'
import type { ProjectionRow } from './rows'

/** A stored ledger row: the slim case and the epoch-ms receipt time its indexes range over. */
export type LedgerCaseRow = LedgerCase & {
  /** Epoch ms of receivedAt (absent when unreadable: then in no date range, as in `cases`). */
  receivedAtMs?: number
}

/** The ledger row of a case's projection row. */
export function toLedgerCaseRow(row: ProjectionRow<CaseState>): LedgerCaseRow {
  // Dropped: the checklist, log texts, and the projection's own index fields.
  const { materials: _materials, log, searchTokens: _tokens, attention: _attention, lastAt: _lastAt, dueAtMs: _dueAtMs, acceptedAtMs: _accepted, completedAtMs: _completed, recordedAtMs: _recorded, repliedAtMs: _replied, ...state } = row
  return { ...state, log: log.map(e => ({ type: e.type, applied: e.applied, staffId: e.staffId })) }
}
