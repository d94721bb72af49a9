/**
 * The case timeline (工作日志): a Chinese one-liner for each event, and the payload details it shows,
 * without the personal-data parts.
 */
import type { CaseEventInput } from './eventSchemas'
import { withoutFields } from '../foldSupport'
import { completionOutcomeOf, completionOutcomeText } from './completionResult'
import { assistModeLabels, caseEventLabels, caseKindLabels, entrustmentPowerLabels, supplementContactMethodLabels, terminationInitiatorLabels } from './labels'

function names(materials: readonly { name: string }[]): string {
  return materials.map(m => m.name).join('、')
}

/** The timeline line of a case event, without personal data. */
export function summarize(ev: CaseEventInput): string {
  const label = caseEventLabels[ev.type]
  switch (ev.type) {
    case 'case.received':
      return `${label}（${caseKindLabels[ev.payload.kind]}）：${ev.payload.itemName}`
    case 'case.materialsChecked': {
      const missing = ev.payload.materials.filter(m => m.required && m.status === 'missing').map(m => m.name)
      return missing.length ? `${label}：缺少 ${missing.length} 项（${missing.join('、')}）` : `${label}：材料齐全`
    }
    case 'case.accepted':
      return `${label}：回执 ${ev.payload.receiptNumber}`
    case 'case.returned':
      return `${label}：${ev.payload.reason}`
    case 'case.logged':
      return ev.payload.kind === 'liaison' ? `${label}（联络 ${ev.payload.department ?? ''}）：${ev.payload.text}` : `${label}：${ev.payload.text}`
    case 'case.completed': {
      const outcome = completionOutcomeOf(ev.payload)
      return outcome ? `${label}：${completionOutcomeText(outcome)}` : label
    }
    case 'case.handedOver':
      return ev.payload.method === 'post' ? `${label}：邮寄（${ev.payload.carrier} ${ev.payload.waybillNumber}）` : `${label}：当面领取`
    case 'case.convertedToProxy':
      return `${label}：${ev.payload.reason}`
    case 'case.accompanied':
      return `${label}（${assistModeLabels[ev.payload.mode]}）${ev.payload.note ? `：${ev.payload.note}` : ''}`
    case 'case.entrusted':
      return `${label}：编号 ${ev.payload.entrustmentNumber}，有效期 ${ev.payload.validFrom} 至 ${ev.payload.validTo}，权限 ${ev.payload.powers.map(p => entrustmentPowerLabels[p]).join('、')}`
    case 'case.inProgress':
      return ev.payload.submittedTo ? `${label}：已向 ${ev.payload.submittedTo} 递交` : label
    case 'case.supplementRequested':
      return `${label}：${ev.payload.materials.length} 项（${names(ev.payload.materials)}），已${supplementContactMethodLabels[ev.payload.contact.method]}联系${ev.payload.contact.reached ? '' : '（未联系上）'}`
    case 'case.supplementReceived':
      return `${label}：${names(ev.payload.materials)}${ev.payload.complete ? '，已补齐' : '，尚未补齐'}`
    case 'case.suspended':
      return `${label}：${ev.payload.reason}`
    case 'case.resumed':
      return ev.payload.note ? `${label}：${ev.payload.note}` : label
    case 'case.terminated':
      return `${label}（${terminationInitiatorLabels[ev.payload.initiatedBy]}）：${ev.payload.reason}`
    case 'case.renewed':
      return `${label}：委托书 ${ev.payload.entrustmentNumber}，有效期至 ${ev.payload.validTo}`
    case 'case.attentionResolved':
      return `${label}：${ev.payload.note}`
  }
}

/** DESIGN §3: the marked personal-data parts stay out of the timeline, so masking and purges wrap only the state's. */
export function withoutPersonalData(payload: CaseEventInput['payload']): Record<string, unknown> {
  return withoutFields(payload, ['applicant', 'recipient', 'principal', 'agent', 'signatureSha256'])
}
