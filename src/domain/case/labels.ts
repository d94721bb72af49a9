/**
 * Chinese names of the case vocabulary: kinds, 帮办方式, 委托书 powers, contact methods, who terminated,
 * event types (timeline, attention reasons) and statuses.
 */
import type { AssistMode, CaseEventType, CaseKind } from './payloads'
import type { CaseTerminatedPayload, EntrustmentPower, SupplementContact } from './proxyPayloads'
import type { CaseStatus } from './state'

export const caseKindLabels: Record<CaseKind, string> = { assisted: '帮办', proxy: '代办', intake: '收件' }
export const assistModeLabels: Record<AssistMode, string> = { guidance: '咨询指导', formFilling: '填表', materialPreparation: '材料准备', accompany: '陪同办理', onlineFiling: '线上申报' }
export const entrustmentPowerLabels: Record<EntrustmentPower, string> = { submit: '递交材料', sign: '签署文书', collectResult: '领取结果' }
export const supplementContactMethodLabels: Record<SupplementContact['method'], string> = { phone: '电话', sms: '短信', visit: '当面', other: '其他方式' }
export const terminationInitiatorLabels: Record<CaseTerminatedPayload['initiatedBy'], string> = { principal: '委托人', agent: '受托人', department: '办理部门' }

/** Chinese names of the case event types (timeline, attention reasons). */
export const caseEventLabels: Record<CaseEventType, string> = {
  'case.received': '收件',
  'case.materialsChecked': '材料核验',
  'case.accepted': '受理',
  'case.returned': '退件',
  'case.logged': '工作日志',
  'case.completed': '办结',
  'case.handedOver': '交付',
  'case.convertedToProxy': '帮办转代办',
  'case.accompanied': '帮办',
  'case.entrusted': '签订委托书',
  'case.inProgress': '代办办理',
  'case.supplementRequested': '通知补充材料',
  'case.supplementReceived': '收到补充材料',
  'case.suspended': '中止',
  'case.resumed': '恢复办理',
  'case.terminated': '终止',
  'case.renewed': '续办',
  'case.attentionResolved': '处理提示',
}

export const caseStatusLabels: Record<CaseStatus, string> = {
  received: '已收件',
  awaitingSupplement: '待补正',
  materialsComplete: '材料齐全',
  accepted: '已受理',
  returned: '已退件',
  completed: '已办结',
  handedOver: '已交付',
  inProgress: '办理中',
  supplementRequested: '待补充材料',
  suspended: '已中止',
  terminated: '已终止',
}
