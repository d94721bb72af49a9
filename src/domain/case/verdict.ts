/**
 * A case rule's verdict on a step: refused (too early, not allowed) or contradicting an earlier fact,
 * which the fold words as a conflict between tablets (DESIGN §3).
 */
import type { Reason } from '../reason'
import type { CaseEventType } from './payloads'
import { step } from '../reason'
import { caseEventLabels } from './labels'

/** The facts that can contradict each other between tablets. */
export type Fact = 'received' | 'accepted' | 'returned' | 'completed' | 'handedOver' | 'entrusted' | 'terminated' | 'renewed'

export interface Verdict {
  reason: Reason
  /** Set when the event contradicts an earlier fact (rather than merely coming too early). */
  contradicts?: { fact: Fact, what: Reason }
}

/** `type` did not apply, and why. */
export const notApplied = (type: CaseEventType, why: Reason): Reason => ({ code: 'fold.notApplied', params: { step: step(type, caseEventLabels[type]), why } })
export const refused = (type: CaseEventType, why: Reason): Verdict => ({ reason: notApplied(type, why) })
export const contradiction = (fact: Fact, what: Reason): Verdict => ({ reason: { code: 'fold.contradiction', params: { what } }, contradicts: { fact, what } })

/** The fact each event type records, for telling which device recorded it first. */
export const factOf: Partial<Record<CaseEventType, Fact>> = {
  'case.received': 'received',
  'case.accepted': 'accepted',
  'case.returned': 'returned',
  'case.completed': 'completed',
  'case.handedOver': 'handedOver',
  'case.entrusted': 'entrusted',
  'case.terminated': 'terminated',
  'case.renewed': 'renewed',
}
