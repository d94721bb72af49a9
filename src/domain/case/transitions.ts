/**
 * The case rules (6.3.2–6.3.4): which step a case in a given state may take, why not otherwise, and which
 * steps contradict an earlier fact. The fold applies them to recorded events; the UI asks
 * `caseTransitionError` before recording one.
 */
import type { CaseEventInput } from './eventSchemas'
import type { CaseEventType } from './payloads'
import type { CaseState } from './state'
import type { Verdict } from './verdict'
import { canonicalJson } from '../events'
import { completionOutcomeOf, sameOutcome } from './completionResult'
import { cstDay, proxyGate, validityProblem } from './entrustmentValidity'
import { caseEventLabels } from './labels'
import { contradiction, refused } from './verdict'
import { attentionResolutionError } from '../attentionResolution'

/** Steps that are only left after a termination: notes, resolving flags, and the contradicting facts. */
const AFTER_TERMINATION: ReadonlySet<CaseEventType> = new Set<CaseEventType>(['case.logged', 'case.attentionResolved', 'case.terminated', 'case.completed'])

function sameNames(a: readonly { name: string }[], b: readonly { name: string }[]): boolean {
  return canonicalJson(a.map(m => m.name).sort()) === canonicalJson(b.map(m => m.name).sort())
}

/** 6.3.2–6.3.4: the verdict on `ev` for a case in `state`, recorded at `at`; null when it applies. */
export function judge(state: CaseState | null, ev: CaseEventInput, at: string): Verdict | null {
  if (ev.type === 'case.received')
    return state ? contradiction('received', '同一办件有两条收件记录') : null
  if (!state)
    return refused(ev.type, '尚无收件记录（记录时间早于收件，可能是设备时钟不准）')
  const s = state.status
  if (s === 'terminated' && !AFTER_TERMINATION.has(ev.type))
    return refused(ev.type, '办件已终止（终止为最终状态）')
  switch (ev.type) {
    case 'case.logged':
    case 'case.attentionResolved':
      return null
    case 'case.materialsChecked':
      if (s === 'returned')
        return refused(ev.type, '办件已退件')
      if (state.receiptNumber !== null)
        return refused(ev.type, '办件已受理，收件材料不能再核验')
      return null
    case 'case.accepted': {
      if (s === 'returned')
        return contradiction('returned', '退件与受理')
      if (state.receiptNumber !== null) {
        if (state.receiptNumber === ev.payload.receiptNumber && state.dueAt === ev.payload.dueAt)
          return null
        return contradiction('accepted', `两次受理的回执编号或期限不同（${state.receiptNumber}、${ev.payload.receiptNumber}）`)
      }
      if (s === 'received')
        return refused(ev.type, '尚未核验材料')
      if (s === 'awaitingSupplement')
        return refused(ev.type, `材料不齐全，缺少：${state.missingMaterials.join('、')}（应出具一次性告知单并等待补正）`)
      if (state.kind === 'proxy') {
        if (!state.entrustment)
          return refused(ev.type, '代办办件须先签订委托书')
        if (!state.entrustment.powers.includes('submit'))
          return refused(ev.type, '委托书未授权递交材料')
        const problem = validityProblem(state, at)
        if (problem)
          return refused(ev.type, problem)
      }
      return null
    }
    case 'case.returned':
      if (state.receiptNumber !== null)
        return contradiction('accepted', '受理与退件')
      if (s === 'returned')
        return state.returnReason === ev.payload.reason ? null : contradiction('returned', '两次退件的原因不同')
      return null
    case 'case.completed':
      if (state.completedAt !== null)
        return state.completedAt !== ev.payload.completedAt
          ? contradiction('completed', '两次办结的时间不同')
          : sameOutcome(state.completionResult ?? null, completionOutcomeOf(ev.payload)) ? null : contradiction('completed', '两次办结的结果不同')
      if (s === 'terminated')
        return contradiction('terminated', '终止与办结')
      if (s === 'returned')
        return refused(ev.type, '办件已退件')
      if (s === 'suspended')
        return refused(ev.type, '办件已中止，应先恢复办理')
      if (s === 'supplementRequested')
        return refused(ev.type, '正在等待群众补充材料')
      if (s !== 'accepted' && s !== 'inProgress')
        return refused(ev.type, '办件尚未受理')
      return null
    case 'case.handedOver':
      if (s === 'handedOver')
        return contradiction('handedOver', '同一结果交付了两次')
      if (s !== 'completed')
        return refused(ev.type, '办件尚未办结')
      return null
    case 'case.convertedToProxy':
      if (state.convertedFromAssisted)
        return null // the same conversion, recorded on two tablets
      if (state.kind !== 'assisted')
        return refused(ev.type, state.kind === 'proxy' ? '办件已是代办' : '只有帮办办件可以转为代办')
      if (s === 'returned')
        return refused(ev.type, '办件已退件')
      if (state.completedAt !== null)
        return refused(ev.type, '办件已办结')
      return null
    case 'case.accompanied':
      if (state.kind !== 'assisted')
        return refused(ev.type, '只有帮办办件记录帮办方式')
      if (s === 'returned')
        return refused(ev.type, '办件已退件')
      if (state.completedAt !== null)
        return refused(ev.type, '办件已办结')
      if (ev.payload.mode === 'accompany' && (s === 'received' || s === 'awaitingSupplement'))
        return refused(ev.type, '材料齐全后才能陪同办理')
      return null
    case 'case.entrusted': {
      const current = state.entrustment
      if (current) {
        const { entrustedAt: _at, ...signed } = current
        return canonicalJson(signed) === canonicalJson(ev.payload) ? null : contradiction('entrusted', `两份不同的委托书（${current.entrustmentNumber}、${ev.payload.entrustmentNumber}；变更有效期应续办）`)
      }
      if (state.kind !== 'proxy')
        return refused(ev.type, '只有代办办件签订委托书（帮办办件应先转为代办）')
      if (s === 'returned')
        return refused(ev.type, '办件已退件')
      if (state.completedAt !== null)
        return refused(ev.type, '办件已办结')
      if (s === 'received')
        return refused(ev.type, '尚未核验材料')
      if (s === 'awaitingSupplement')
        return refused(ev.type, `材料不齐全，缺少：${state.missingMaterials.join('、')}（应出具一次性告知单，材料齐全后再签订委托书）`)
      if (!ev.payload.items.some(i => i.itemCode === state.itemCode))
        return refused(ev.type, `委托事项不包含本办件事项（${state.itemName}）`)
      if (cstDay(at) > ev.payload.validTo)
        return refused(ev.type, `委托书有效期（至 ${ev.payload.validTo}）已过`)
      return null
    }
    case 'case.inProgress': {
      const gate = proxyGate(state, ev.type, at, true)
      if (gate)
        return gate
      if (s === 'inProgress')
        return null
      if (s === 'suspended')
        return refused(ev.type, '办件已中止，应先恢复办理')
      if (s === 'supplementRequested')
        return refused(ev.type, '正在等待群众补充材料')
      if (s !== 'accepted')
        return refused(ev.type, '办件尚未受理')
      return null
    }
    case 'case.supplementRequested': {
      const gate = proxyGate(state, ev.type, at, true)
      if (gate)
        return gate
      if (s === 'supplementRequested') {
        const open = state.supplements[state.supplements.length - 1]
        return open && sameNames(open.materials, ev.payload.materials) ? null : refused(ev.type, '已在等待群众补充材料（上一次通知尚未补齐）')
      }
      if (s === 'suspended')
        return refused(ev.type, '办件已中止，应先恢复办理')
      if (s !== 'accepted' && s !== 'inProgress')
        return refused(ev.type, '办件尚未受理')
      return null
    }
    case 'case.supplementReceived': {
      const gate = proxyGate(state, ev.type, at, false)
      if (gate)
        return gate
      if (s !== 'supplementRequested')
        return refused(ev.type, '没有待补充的材料通知')
      return null
    }
    case 'case.suspended': {
      // A lapsed entrustment is a reason to suspend, so validity is not required here.
      const gate = proxyGate(state, ev.type, at, false)
      if (gate)
        return gate
      if (s === 'suspended') {
        const open = state.suspensions[state.suspensions.length - 1]
        return open?.reason === ev.payload.reason ? null : refused(ev.type, '办件已中止')
      }
      if (s !== 'accepted' && s !== 'inProgress' && s !== 'supplementRequested')
        return refused(ev.type, '办件尚未受理')
      return null
    }
    case 'case.resumed': {
      const gate = proxyGate(state, ev.type, at, true)
      if (gate)
        return gate
      if (s !== 'suspended')
        return refused(ev.type, '办件未中止')
      return null
    }
    case 'case.terminated':
      if (s === 'terminated') {
        const t = state.termination
        return t && t.reason === ev.payload.reason && t.initiatedBy === ev.payload.initiatedBy ? null : contradiction('terminated', '两次终止的原因不同')
      }
      if (state.kind !== 'proxy')
        return refused(ev.type, '只有代办办件可以终止（帮办或收件办件应退件）')
      if (state.completedAt !== null)
        return contradiction('completed', '办结与终止')
      if (s === 'returned')
        return refused(ev.type, '办件已退件')
      if (!state.entrustment)
        return refused(ev.type, '尚无委托书（未签订委托书的办件应退件）')
      return null
    case 'case.renewed': {
      const gate = proxyGate(state, ev.type, at, false)
      if (gate)
        return gate
      const same = state.renewals.find(r => r.entrustmentNumber === ev.payload.entrustmentNumber)
      if (same)
        return same.validFrom === ev.payload.validFrom && same.validTo === ev.payload.validTo ? null : contradiction('renewed', `续办委托书 ${same.entrustmentNumber} 记录了两个不同的有效期`)
      if (ev.payload.entrustmentNumber === state.entrustment?.entrustmentNumber)
        return refused(ev.type, '续办委托书应使用新的编号')
      if (state.entrustmentValidTo !== null && ev.payload.validTo <= state.entrustmentValidTo)
        return refused(ev.type, `续办后的有效期（至 ${ev.payload.validTo}）应晚于当前有效期（至 ${state.entrustmentValidTo}）`)
      return null
    }
  }
}

/** A step that would only repeat what the case already records: harmless in a fold, pointless to record. */
function repeatOf(state: CaseState, event: CaseEventInput): string | null {
  switch (event.type) {
    case 'case.accepted':
      return state.receiptNumber !== null ? `办件已受理（回执 ${state.receiptNumber}）` : null
    case 'case.returned':
      return state.status === 'returned' ? '办件已退件' : null
    case 'case.completed':
      return state.completedAt !== null ? '办件已办结' : null
    case 'case.convertedToProxy':
      return state.convertedFromAssisted ? '办件已转为代办' : null
    case 'case.entrusted':
      return state.entrustment ? `已签订委托书（编号 ${state.entrustment.entrustmentNumber}），变更有效期请续办` : null
    case 'case.inProgress':
      return state.status === 'inProgress' ? '办件已在办理中' : null
    case 'case.supplementRequested':
      return state.status === 'supplementRequested' ? '已在等待群众补充材料' : null
    case 'case.suspended':
      return state.status === 'suspended' ? '办件已中止' : null
    case 'case.terminated':
      return state.status === 'terminated' ? '办件已终止' : null
    case 'case.renewed':
      return state.renewals.some(r => r.entrustmentNumber === event.payload.entrustmentNumber) ? `续办委托书 ${event.payload.entrustmentNumber} 已记录` : null
    case 'case.attentionResolved':
      return attentionResolutionError(state, event.payload)
    default:
      return null
  }
}

/**
 * 6.3.2–6.3.4: why the UI must not record `event` on a case in `state` now (Chinese), or null when it may.
 * `at` is when it would be recorded (default now): the entrustment's validity is judged on its CST day.
 */
export function caseTransitionError(state: CaseState | null, event: CaseEventInput, at: string = new Date().toISOString()): string | null {
  const repeat = state ? repeatOf(state, event) : null
  if (repeat)
    return `${caseEventLabels[event.type]}未生效：${repeat}`
  return judge(state, event, at)?.reason ?? null
}
