/**
 * 代办 gates (6.3.4.2–6.3.4.3): whether a case is a proxy case under an entrustment, and whether the
 * entrustment covers the CST day of a step.
 */
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

export /** 6.3.4.2: whether the entrustment covers the CST day of `at`, as a Chinese problem or null. */
function validityProblem(state: CaseState, at: string): string | null {
  const entrustment = state.entrustment
  if (!entrustment || state.entrustmentValidTo === null)
    return '代办办件须先签订委托书'
  const day = cstDay(at)
  if (day < entrustment.validFrom)
    return `委托书尚未生效（自 ${entrustment.validFrom} 起）`
  if (day > state.entrustmentValidTo)
    return `委托书已过有效期（至 ${state.entrustmentValidTo}），应先续办`
  return null
}

export /** 6.3.4.3: steps only a 代办 case under an entrustment takes (and, for the agent's acts, within its validity). */
function proxyGate(state: CaseState, type: CaseEventType, at: string, checkValidity: boolean): Verdict | null {
  if (state.kind !== 'proxy')
    return refused(type, '只有代办办件有此步骤')
  if (state.status === 'returned')
    return refused(type, '办件已退件')
  if (state.completedAt !== null)
    return refused(type, '办件已办结')
  if (!state.entrustment)
    return refused(type, '代办办件须先签订委托书')
  const problem = checkValidity ? validityProblem(state, at) : null
  return problem ? refused(type, problem) : null
}
