/**
 * The result 办结 records (issue 14 item 7): 准予 with the result document, or 不予 with the reason. What the
 * handover hands over, the timeline line, and the ledgers' wording (D 办件状态/备注, E 结果, F 备注) all read it
 * from here, so a result is worded the same everywhere.
 */
import type { CaseCompletedPayload, CompletionResult } from './payloads'

/** Chinese names of the two results. */
export const completionResultLabels: Record<CompletionResult, string> = { approved: '准予', notApproved: '不予' }

/** The recorded result of a completed case (CaseState.completionResult). */
export interface CaseCompletionOutcome {
  result: CompletionResult
  /** 结果文书名称 (approved), or null. */
  document: string | null
  /** 文号 or 编号 of the document or decision, or null. */
  documentNumber: string | null
  /** 不予 reason, or null. */
  reason: string | null
}

function trimmed(value: string | null | undefined): string | null {
  const t = value?.trim()
  return t ? t : null
}

/** The outcome a completion payload records; null for completions recorded before results were (no `result`). */
export function completionOutcomeOf(payload: CaseCompletedPayload): CaseCompletionOutcome | null {
  if (payload.result === undefined)
    return null
  return {
    result: payload.result,
    document: trimmed(payload.resultDocument),
    documentNumber: trimmed(payload.resultDocumentNumber),
    reason: trimmed(payload.resultReason),
  }
}

/** Whether two completions record the same result (an absent result agrees with any). */
export function sameOutcome(a: CaseCompletionOutcome | null, b: CaseCompletionOutcome | null): boolean {
  if (a === null || b === null)
    return true
  return a.result === b.result && a.document === b.document && a.documentNumber === b.documentNumber && a.reason === b.reason
}

/** The document with its number: '居民身份证（编号 X）', or just the name; '' when none. */
export function completionDocumentText(outcome: CaseCompletionOutcome): string {
  const name = outcome.document ?? ''
  if (!outcome.documentNumber)
    return name
  return name ? `${name}（${outcome.documentNumber}）` : outcome.documentNumber
}

/** The details after the decision: '结果文书：居民身份证（X）' or '不予理由：…（X）'; '' when none were recorded. */
export function completionDetailsText(outcome: CaseCompletionOutcome): string {
  if (outcome.result === 'approved') {
    const doc = completionDocumentText(outcome)
    return doc ? `结果文书：${doc}` : ''
  }
  const number = outcome.documentNumber ? `（${outcome.documentNumber}）` : ''
  return outcome.reason ? `不予理由：${outcome.reason}${number}` : number
}

/** One line for ledgers and the timeline: '准予，结果文书：居民身份证（X）' or '不予，不予理由：…'. */
export function completionOutcomeText(outcome: CaseCompletionOutcome): string {
  const details = completionDetailsText(outcome)
  const label = completionResultLabels[outcome.result]
  return details ? `${label}，${details}` : label
}
