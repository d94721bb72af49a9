/**
 * The 办结 form (issue 14 item 7) as plain data: its draft, what is missing (as i18n keys of `completion.errors`),
 * and the result fields of the `case.completed` payload it becomes. Kept out of the component so it is tested
 * without mounting.
 */
import type { CaseCompletedPayload, CompletionResult } from '../../domain/case'

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
