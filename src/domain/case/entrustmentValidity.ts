/**
 * 代办 gates (6.3.4.2–6.3.4.3): whether a case is a proxy case under an entrustment, and whether the
 * entrustment covers the CST day of a step.
 */
import type { Reason } from '../reason'
import type { CaseEventType } from './payloads'
import type { CaseState } from './state'
import type { Verdict } from './verdict'
import { toCivilDate } from '../calendar'
import { refused } from './verdict'

export /** The CST day of an event instant; a fold never throws, so an odd spelling falls back to its date part. */
function cstDay(at: string): string {
  try {
    return toCivilDate(at)
  }
  catch {
    return at.slice(0, 10)
  }
}

export /** 6.3.4.2: whether the entrustment covers the CST day of `at`: the problem, or null. */
function validityProblem(state: CaseState, at: string): Reason | null {
  const entrustment = state.entrustment
  if (!entrustment || state.entrustmentValidTo === null)
    return { code: 'case.needsEntrustment' }
  const day = cstDay(at)
  if (day < entrustment.validFrom)
    return { code: 'case.entrustmentNotYetValid', params: { validFrom: entrustment.validFrom } }
  if (day > state.entrustmentValidTo)
    return { code: 'case.entrustmentLapsed', params: { validTo: state.entrustmentValidTo } }
  return null
}

export /** 6.3.4.3: steps only a 代办 case under an entrustment takes (and, for the agent's acts, within its validity). */
function proxyGate(state: CaseState, type: CaseEventType, at: string, checkValidity: boolean): Verdict | null {
  if (state.kind !== 'proxy')
    return refused(type, { code: 'case.onlyProxyStep' })
  if (state.status === 'returned')
    return refused(type, { code: 'case.returned' })
  if (state.completedAt !== null)
    return refused(type, { code: 'case.completed' })
  if (!state.entrustment)
    return refused(type, { code: 'case.needsEntrustment' })
  const problem = checkValidity ? validityProblem(state, at) : null
  return problem ? refused(type, problem) : null
}
