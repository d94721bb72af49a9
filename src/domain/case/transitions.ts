/**
 * The case rules (6.3.2–6.3.4): which step a case in a given state may take, why not otherwise, and which
 * steps contradict an earlier fact. The fold applies them to recorded events; the UI asks
 * `caseTransitionRefusal` before recording one.
 */
import type { CaseEventInput } from './eventSchemas'
import type { CaseEventType } from './payloads'
import type { Reason } from '../reason'
import type { CaseState } from './state'
import type { Verdict } from './verdict'
import { canonicalJson } from '../events'
import { reasonText } from '../reason'
import { completionOutcomeOf, sameOutcome } from './completionResult'
import { cstDay, proxyGate, validityProblem } from './entrustmentValidity'
import { contradiction, notApplied, refused } from './verdict'
import { attentionResolutionError } from '../attentionResolution'

/** Steps that are only left after a termination: notes, resolving flags, and the contradicting facts. */
const AFTER_TERMINATION: ReadonlySet<CaseEventType> = new Set<CaseEventType>(['case.logged', 'case.attentionResolved', 'case.terminated', 'case.completed'])

function sameNames(a: readonly { name: string }[], b: readonly { name: string }[]): boolean {
  return canonicalJson(a.map(m => m.name).sort()) === canonicalJson(b.map(m => m.name).sort())
}

/** 6.3.2–6.3.4: the verdict on `ev` for a case in `state`, recorded at `at`; null when it applies. */
export function judge(state: CaseState | null, ev: CaseEventInput, at: string): Verdict | null {
  if (ev.type === 'case.received')
    return state ? contradiction('received', { code: 'case.duplicateReceipt' }) : null
  if (!state)
    return refused(ev.type, { code: 'case.notReceived' })
  const s = state.status
  if (s === 'terminated' && !AFTER_TERMINATION.has(ev.type))
    return refused(ev.type, { code: 'case.terminatedFinal' })
  switch (ev.type) {
    case 'case.logged':
    case 'case.attentionResolved':
      return null
    case 'case.materialsChecked':
      if (s === 'returned')
        return refused(ev.type, { code: 'case.returned' })
      if (state.receiptNumber !== null)
        return refused(ev.type, { code: 'case.acceptedNoRecheck' })
      return null
    case 'case.accepted': {
      if (s === 'returned')
        return contradiction('returned', { code: 'case.returnedAndAccepted' })
      if (state.receiptNumber !== null) {
        if (state.receiptNumber === ev.payload.receiptNumber && state.dueAt === ev.payload.dueAt)
          return null
        return contradiction('accepted', { code: 'case.twoAcceptances', params: { first: state.receiptNumber, second: ev.payload.receiptNumber } })
      }
      if (s === 'received')
        return refused(ev.type, { code: 'case.materialsNotChecked' })
      if (s === 'awaitingSupplement')
        return refused(ev.type, { code: 'case.materialsMissing', params: { missing: state.missingMaterials } })
      if (state.kind === 'proxy') {
        if (!state.entrustment)
          return refused(ev.type, { code: 'case.needsEntrustment' })
        if (!state.entrustment.powers.includes('submit'))
          return refused(ev.type, { code: 'case.entrustmentNoSubmit' })
        const problem = validityProblem(state, at)
        if (problem)
          return refused(ev.type, problem)
      }
      return null
    }
    case 'case.returned':
      if (state.receiptNumber !== null)
        return contradiction('accepted', { code: 'case.acceptedAndReturned' })
      if (s === 'returned')
        return state.returnReason === ev.payload.reason ? null : contradiction('returned', { code: 'case.twoReturns' })
      return null
    case 'case.completed':
      if (state.completedAt !== null)
        return state.completedAt !== ev.payload.completedAt
          ? contradiction('completed', { code: 'case.twoCompletionTimes' })
          : sameOutcome(state.completionResult ?? null, completionOutcomeOf(ev.payload)) ? null : contradiction('completed', { code: 'case.twoCompletionResults' })
      if (s === 'terminated')
        return contradiction('terminated', { code: 'case.terminatedAndCompleted' })
      if (s === 'returned')
        return refused(ev.type, { code: 'case.returned' })
      if (s === 'suspended')
        return refused(ev.type, { code: 'case.suspendedResumeFirst' })
      if (s === 'supplementRequested')
        return refused(ev.type, { code: 'case.awaitingSupplement' })
      if (s !== 'accepted' && s !== 'inProgress')
        return refused(ev.type, { code: 'case.notAccepted' })
      return null
    case 'case.handedOver':
      if (s === 'handedOver')
        return contradiction('handedOver', { code: 'case.handedOverTwice' })
      if (s !== 'completed')
        return refused(ev.type, { code: 'case.notCompleted' })
      return null
    case 'case.convertedToProxy':
      if (state.convertedFromAssisted)
        return null // the same conversion, recorded on two tablets
      if (state.kind !== 'assisted')
        return refused(ev.type, state.kind === 'proxy' ? { code: 'case.alreadyProxy' } : { code: 'case.onlyAssistedConverts' })
      if (s === 'returned')
        return refused(ev.type, { code: 'case.returned' })
      if (state.completedAt !== null)
        return refused(ev.type, { code: 'case.completed' })
      return null
    case 'case.accompanied':
      if (state.kind !== 'assisted')
        return refused(ev.type, { code: 'case.onlyAssistedModes' })
      if (s === 'returned')
        return refused(ev.type, { code: 'case.returned' })
      if (state.completedAt !== null)
        return refused(ev.type, { code: 'case.completed' })
      if (ev.payload.mode === 'accompany' && (s === 'received' || s === 'awaitingSupplement'))
        return refused(ev.type, { code: 'case.accompanyNeedsMaterials' })
      return null
    case 'case.entrusted': {
      const current = state.entrustment
      if (current) {
        const { entrustedAt: _at, ...signed } = current
        return canonicalJson(signed) === canonicalJson(ev.payload) ? null : contradiction('entrusted', { code: 'case.twoEntrustments', params: { first: current.entrustmentNumber, second: ev.payload.entrustmentNumber } })
      }
      if (state.kind !== 'proxy')
        return refused(ev.type, { code: 'case.onlyProxyEntrusts' })
      if (s === 'returned')
        return refused(ev.type, { code: 'case.returned' })
      if (state.completedAt !== null)
        return refused(ev.type, { code: 'case.completed' })
      if (s === 'received')
        return refused(ev.type, { code: 'case.materialsNotChecked' })
      if (s === 'awaitingSupplement')
        return refused(ev.type, { code: 'case.materialsMissingForEntrustment', params: { missing: state.missingMaterials } })
      if (!ev.payload.items.some(i => i.itemCode === state.itemCode))
        return refused(ev.type, { code: 'case.entrustmentWithoutItem', params: { item: state.itemName } })
      if (cstDay(at) > ev.payload.validTo)
        return refused(ev.type, { code: 'case.entrustmentExpired', params: { validTo: ev.payload.validTo } })
      return null
    }
    case 'case.inProgress': {
      const gate = proxyGate(state, ev.type, at, true)
      if (gate)
        return gate
      if (s === 'inProgress')
        return null
      if (s === 'suspended')
        return refused(ev.type, { code: 'case.suspendedResumeFirst' })
      if (s === 'supplementRequested')
        return refused(ev.type, { code: 'case.awaitingSupplement' })
      if (s !== 'accepted')
        return refused(ev.type, { code: 'case.notAccepted' })
      return null
    }
    case 'case.supplementRequested': {
      const gate = proxyGate(state, ev.type, at, true)
      if (gate)
        return gate
      if (s === 'supplementRequested') {
        const open = state.supplements[state.supplements.length - 1]
        return open && sameNames(open.materials, ev.payload.materials) ? null : refused(ev.type, { code: 'case.supplementStillOpen' })
      }
      if (s === 'suspended')
        return refused(ev.type, { code: 'case.suspendedResumeFirst' })
      if (s !== 'accepted' && s !== 'inProgress')
        return refused(ev.type, { code: 'case.notAccepted' })
      return null
    }
    case 'case.supplementReceived': {
      const gate = proxyGate(state, ev.type, at, false)
      if (gate)
        return gate
      if (s !== 'supplementRequested')
        return refused(ev.type, { code: 'case.noSupplementOpen' })
      return null
    }
    case 'case.suspended': {
      // A lapsed entrustment is a reason to suspend, so validity is not required here.
      const gate = proxyGate(state, ev.type, at, false)
      if (gate)
        return gate
      if (s === 'suspended') {
        const open = state.suspensions[state.suspensions.length - 1]
        return open?.reason === ev.payload.reason ? null : refused(ev.type, { code: 'case.suspended' })
      }
      if (s !== 'accepted' && s !== 'inProgress' && s !== 'supplementRequested')
        return refused(ev.type, { code: 'case.notAccepted' })
      return null
    }
    case 'case.resumed': {
      const gate = proxyGate(state, ev.type, at, true)
      if (gate)
        return gate
      if (s !== 'suspended')
        return refused(ev.type, { code: 'case.notSuspended' })
      return null
    }
    case 'case.terminated':
      if (s === 'terminated') {
        const t = state.termination
        return t && t.reason === ev.payload.reason && t.initiatedBy === ev.payload.initiatedBy ? null : contradiction('terminated', { code: 'case.twoTerminations' })
      }
      if (state.kind !== 'proxy')
        return refused(ev.type, { code: 'case.onlyProxyTerminates' })
      if (state.completedAt !== null)
        return contradiction('completed', { code: 'case.completedAndTerminated' })
      if (s === 'returned')
        return refused(ev.type, { code: 'case.returned' })
      if (!state.entrustment)
        return refused(ev.type, { code: 'case.noEntrustmentToTerminate' })
      return null
    case 'case.renewed': {
      const gate = proxyGate(state, ev.type, at, false)
      if (gate)
        return gate
      const same = state.renewals.find(r => r.entrustmentNumber === ev.payload.entrustmentNumber)
      if (same)
        return same.validFrom === ev.payload.validFrom && same.validTo === ev.payload.validTo ? null : contradiction('renewed', { code: 'case.renewalTwoPeriods', params: { number: same.entrustmentNumber } })
      if (ev.payload.entrustmentNumber === state.entrustment?.entrustmentNumber)
        return refused(ev.type, { code: 'case.renewalSameNumber' })
      if (state.entrustmentValidTo !== null && ev.payload.validTo <= state.entrustmentValidTo)
        return refused(ev.type, { code: 'case.renewalNotLater', params: { validTo: ev.payload.validTo, currentValidTo: state.entrustmentValidTo } })
      return null
    }
  }
}

/** A step that would only repeat what the case already records: harmless in a fold, pointless to record. */
function repeatOf(state: CaseState, event: CaseEventInput): Reason | null {
  switch (event.type) {
    case 'case.accepted':
      return state.receiptNumber !== null ? { code: 'case.alreadyAccepted', params: { receipt: state.receiptNumber } } : null
    case 'case.returned':
      return state.status === 'returned' ? { code: 'case.returned' } : null
    case 'case.completed':
      return state.completedAt !== null ? { code: 'case.completed' } : null
    case 'case.convertedToProxy':
      return state.convertedFromAssisted ? { code: 'case.alreadyConverted' } : null
    case 'case.entrusted':
      return state.entrustment ? { code: 'case.alreadyEntrusted', params: { number: state.entrustment.entrustmentNumber } } : null
    case 'case.inProgress':
      return state.status === 'inProgress' ? { code: 'case.alreadyInProgress' } : null
    case 'case.supplementRequested':
      return state.status === 'supplementRequested' ? { code: 'case.alreadyAwaitingSupplement' } : null
    case 'case.suspended':
      return state.status === 'suspended' ? { code: 'case.suspended' } : null
    case 'case.terminated':
      return state.status === 'terminated' ? { code: 'case.terminated' } : null
    case 'case.renewed':
      return state.renewals.some(r => r.entrustmentNumber === event.payload.entrustmentNumber) ? { code: 'case.renewalRecorded', params: { number: event.payload.entrustmentNumber } } : null
    case 'case.attentionResolved':
      return attentionResolutionError(state, event.payload)
    default:
      return null
  }
}

/**
 * 6.3.2–6.3.4: why the UI must not record `event` on a case in `state` now, or null when it may.
 * `at` is when it would be recorded (default now): the entrustment's validity is judged on its CST day.
 */
export function caseTransitionRefusal(state: CaseState | null, event: CaseEventInput, at: string = new Date().toISOString()): Reason | null {
  const repeat = state ? repeatOf(state, event) : null
  if (repeat)
    return notApplied(event.type, repeat)
  return judge(state, event, at)?.reason ?? null
}

/** caseTransitionRefusal in Chinese (the server's and the ledgers' wording). */
export function caseTransitionError(state: CaseState | null, event: CaseEventInput, at?: string): string | null {
  const refusal = caseTransitionRefusal(state, event, at)
  return refusal && reasonText(refusal)
}
