/**
 * A case rule's verdict on a step: refused (too early, not allowed) or contradicting an earlier fact,
 * which the fold words as a conflict between tablets (DESIGN §3).
 */
import type { CaseEventType } from './payloads'
import { caseEventLabels } from './labels'

/** The facts that can contradict each other between tablets. */
export type Fact = 'received' | 'accepted' | 'returned' | 'completed' | 'handedOver' | 'entrusted' | 'terminated' | 'renewed'

export interface Verdict {
  reason: string
  /** Set when the event contradicts an earlier fact (rather than merely coming too early). */
  contradicts?: { fact: Fact, what: string }
}

export const refused = (type: CaseEventType, why: string): Verdict => ({ reason: `${caseEventLabels[type]}未生效：${why}` })
export const contradiction = (fact: Fact, what: string): Verdict => ({ reason: `记录了相互矛盾的事实：${what}`, contradicts: { fact, what } })

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
