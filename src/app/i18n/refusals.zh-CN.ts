/**
 * zh-CN words of the domain's reasons (src/domain/reason.ts), by code: the domain's own Chinese templates, so
 * the Chinese UI reads exactly what the server, the ledgers and a projection's attention reasons say.
 * `reasonStep` names the step a reason is about, as the domain's event labels do (a test keeps them equal;
 * they are written out here so the first screen does not load the event schemas). `reasonList` joins a list.
 */
import type { AppealEventType } from '../../domain/appeal'
import type { CaseEventType } from '../../domain/case/payloads'
import type { ConsultationEventType } from '../../domain/consultation'
import type { RatingEventType } from '../../domain/rating/payloads'
import type { RectificationEventType } from '../../domain/rectification/payloads'
import { reasonTemplates } from '../../domain/reason'
import { nestMessages } from './nestMessages'

/** Every event type a reason can name as its step. */
export type ReasonStepEvent = CaseEventType | ConsultationEventType | RatingEventType | RectificationEventType | AppealEventType

export const reasonStepsZh = {
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
  'consultation.recorded': '咨询登记',
  'consultation.referred': '转交部门',
  'consultation.replied': '答复',
  'consultation.attentionResolved': '处理提示',
  'rating.prompted': '邀请评价',
  'rating.tokenMinted': '生成评价二维码',
  'rating.given': '评价',
  'rating.declined': '不评价',
  'rectification.opened': '整改任务',
  'rectification.assigned': '指定整改负责人',
  'rectification.progressed': '整改进展',
  'rectification.rechecked': '复查',
  'appeal.filed': '申诉复核',
  'appeal.decided': '申诉复核结论',
} satisfies Record<ReasonStepEvent, string>

export default {
  reason: nestMessages(reasonTemplates),
  reasonStep: nestMessages(reasonStepsZh),
  reasonList: { separator: '、' },
}
