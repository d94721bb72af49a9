/**
 * The 办结 form (issue 14 item 7) as plain data: its draft, what is missing (as i18n keys of `completion.errors`),
 * and the result fields of the `case.completed` payload it becomes. Kept out of the component so it is tested
 * without mounting.
 */
import type { CaseCompletedPayload, CaseCompletionOutcome, CompletionResult } from '../../domain/case'
import { isPurged } from '../../domain/personalFields'

export interface CompletionFormDraft {
  /** null until staff choose 准予 or 不予. */
  result: CompletionResult | null
  document: string
  documentNumber: string
  reason: string
}

/** The result fields of a completion (everything of its payload but the instant). */
export type CompletionResultFields = Pick<CaseCompletedPayload, 'result' | 'resultDocument' | 'resultDocumentNumber' | 'resultReason'> & { result: CompletionResult }

export function emptyCompletionDraft(): CompletionFormDraft {
  return { result: null, document: '', documentNumber: '', reason: '' }
}

/** Field → i18n key (under `completion.errors`) for each required thing missing; empty when it can be recorded. */
export function completionErrors(d: CompletionFormDraft): Partial<Record<'result' | 'document' | 'reason', string>> {
  if (d.result === null)
    return { result: 'completion.errors.result' }
  if (d.result === 'approved' && d.document.trim() === '')
    return { document: 'completion.errors.document' }
  if (d.result === 'notApproved' && d.reason.trim() === '')
    return { reason: 'completion.errors.reason' }
  return {}
}

/** The payload's result fields of a complete draft (blank optional fields left out). */
export function completionFields(d: CompletionFormDraft & { result: CompletionResult }): CompletionResultFields {
  const number = d.documentNumber.trim()
  if (d.result === 'approved')
    return { result: 'approved', resultDocument: d.document.trim(), ...(number ? { resultDocumentNumber: number } : {}) }
  return { result: 'notApproved', resultReason: d.reason.trim(), ...(number ? { resultDocumentNumber: number } : {}) }
}

type Translate = (key: string, params?: Record<string, unknown>) => string

/** A recorded result as one line for staff and the 办结单: '准予：居民身份证' / '不予：<理由>', or that none was recorded. */
export function completionLine(outcome: CaseCompletionOutcome | null | undefined, t: Translate): { line: string, number: string | null } {
  if (!outcome)
    return { line: t('completion.summary.none'), number: null }
  const line = outcome.result === 'approved' ? t('completion.summary.approved', { document: outcome.document ?? '' }) : t('completion.summary.notApproved', { reason: outcome.reason ?? '' })
  // A purged number (retention) shows the translated tombstone.
  const number = outcome.documentNumber === null ? null : t('completion.summary.number', { number: isPurged(outcome.documentNumber) ? t('privacy.purged') : outcome.documentNumber })
  return { line, number }
}
