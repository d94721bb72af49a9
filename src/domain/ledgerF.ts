/**
 * Annex F 代办登记表 (6.3.4.4, 6.2.4): one row per 代办 case, including 帮办 cases converted to 代办
 * (6.3.3.2.4). Columns as in DOMAIN.md "Annex E and F".
 *
 * Derived cells:
 * - 委托日期: the CST date the 委托书 was signed; '' before it is.
 * - 委托人: name (or organisation), 证件类型+号码 (or 统一社会信用代码) and phone, in one cell, masked by
 *   default; from the 委托书, else the applicant as received.
 * - 代办事项: the items of the 委托书, else the case's item.
 * - 委托书编号: the 委托书's number, then each 续办委托书 with its new validity.
 * - 材料交接清单: the 委托书's handover list ('名称 N份（原件）'), then supplements received after acceptance.
 * - 代办人员: the agent named in the 委托书, else who received the case.
 * - 承诺办结日期: the due date once accepted (无承诺时限 / 未能计算 when there is none), '' before.
 * - 状态: 受理 / 办理中 (待补充材料) / 中止 / 终止 / 办结, before acceptance 待受理 / 待补正 / 不予受理; an
 *   open case with a 续办委托书 reads '续办（<状态>）'.
 * - 办结日期: the CST completion date. 送达方式: 当面, or 邮寄（承运人 运单号）; '' until handed over.
 * - 领取人签字: 签字已存 (collected in person, signature stored), 无 (in person without one), 无（邮寄）.
 * - 中止或终止原因: each suspension (date, reason, resumption) and the termination (date, who, reason).
 * - 回访日期及结果: the call-backs (context.followUps) as 'YYYY-MM-DD：结果'; without any, the citizen's own
 *   rating (context.ratings) as 'YYYY-MM-DD 评价：<等级>', a 差评 noting its call-back due; else ''.
 * - 备注: the conversion from 帮办, no 委托书 yet, the 委托书's validity, the appointment, missing materials,
 *   the 办结 result (办结结果：准予，结果文书：… / 不予，不予理由：…) and attention reasons.
 */
import type { Applicant, CaseState, MaterialHandover } from './case'
import type { FollowUpRecord } from './followUp'
import type { LedgerCase, LedgerColumn, LedgerRowBase, LedgerRowContext } from './ledger'
import type { RatingState } from './rating'
import { terminationInitiatorLabels } from './case'
import { applicantIdCell, applicantNameCell, applicantPhoneCell, cstDateCell, isMasked, itemCells, staffNameCell } from './ledger'
import { caseRemarks } from './ledgerD'
import { ratingLevelLabels } from './rating'

/** Annex F (DOMAIN.md): the columns of 代办登记表, in order. */
export const LEDGER_F_COLUMNS = [
  { key: 'seq', title: '序号', titleEn: 'No.', width: 5 },
  { key: 'entrustedDate', title: '委托日期', titleEn: 'Entrusted on', width: 11 },
  { key: 'principal', title: '委托人', titleEn: 'Principal', width: 30 },
  { key: 'itemNames', title: '代办事项', titleEn: 'Service items', width: 20 },
  { key: 'entrustmentNumber', title: '委托书编号', titleEn: 'Entrustment no.', width: 22 },
  { key: 'materials', title: '材料交接清单', titleEn: 'Materials handed over', width: 26 },
  { key: 'agent', title: '代办人员', titleEn: 'Agent', width: 8 },
  { key: 'promisedDate', title: '承诺办结日期', titleEn: 'Promised by', width: 11 },
  { key: 'status', title: '状态', titleEn: 'Status', width: 10 },
  { key: 'completedDate', title: '办结日期', titleEn: 'Completed on', width: 11 },
  { key: 'delivery', title: '送达方式', titleEn: 'Delivery', width: 16 },
  { key: 'recipientSignature', title: '领取人签字', titleEn: 'Recipient signature', width: 8 },
  { key: 'stopReason', title: '中止或终止原因', titleEn: 'Suspension / termination', width: 20 },
  { key: 'followUp', title: '回访日期及结果', titleEn: 'Follow-up', width: 18 },
  { key: 'remarks', title: '备注', titleEn: 'Remarks', width: 20 },
] as const satisfies readonly LedgerColumn[]

/** The row keys of ledger F, in column order. */
export type LedgerFKey = typeof LEDGER_F_COLUMNS[number]['key']

/** Annex F: one row of 代办登记表; every cell but 序号 is text ('' when empty). */
export type LedgerFRow = LedgerRowBase & { seq: number } & { [K in Exclude<LedgerFKey, 'seq'>]: string }

/** Annex F 状态 values (续办 wraps an open status: '续办（办理中）'). */
export const ledgerFStatusLabels = {
  pending: '待受理',
  awaitingSupplement: '待补正',
  returned: '不予受理',
  accepted: '受理',
  inProgress: '办理中',
  supplementRequested: '办理中（待补充材料）',
  suspended: '中止',
  terminated: '终止',
  completed: '办结',
} as const

/** Annex F 状态 of a 代办 case. */
export function proxyStatusCell(state: Pick<CaseState, 'status' | 'completedAt' | 'renewals'>): string {
  const s = state.status
  if (state.completedAt !== null)
    return ledgerFStatusLabels.completed
  if (s === 'terminated' || s === 'returned')
    return ledgerFStatusLabels[s]
  const base = s === 'received' || s === 'materialsComplete'
    ? ledgerFStatusLabels.pending
    : s === 'completed' || s === 'handedOver'
      ? ledgerFStatusLabels.completed
      : ledgerFStatusLabels[s]
  return state.renewals.length > 0 ? `续办（${base}）` : base
}

/** Annex F 材料交接清单 wording of handed-over materials: '名称 N份（原件）', joined by '；'. */
export function materialListCell(materials: readonly MaterialHandover[]): string {
  return materials.map(m => `${m.name} ${m.copies}份（${m.form}）`).join('；')
}

/** Annex F 委托人: name, certificate and phone in one cell. */
export function principalCell(principal: Applicant, masked: boolean): string {
  return `${applicantNameCell(principal, masked)}（${applicantIdCell(principal, masked)}，电话 ${applicantPhoneCell(principal, masked)}）`
}

/** Annex F 承诺办结日期: the due date once accepted. */
export function promisedDateCell(state: Pick<CaseState, 'receiptNumber' | 'dueAt' | 'promisedLimitWorkdays'> & Partial<Pick<CaseState, 'dueProvisional'>>): string {
  if (state.receiptNumber === null)
    return ''
  if (state.dueAt !== null)
    return state.dueProvisional === true ? `${cstDateCell(state.dueAt)}（暂定）` : cstDateCell(state.dueAt)
  return state.promisedLimitWorkdays === null ? '无承诺时限' : '未能计算'
}

/** Annex F 中止或终止原因: each suspension and the termination, with their dates. */
export function stopReasonCell(state: Pick<CaseState, 'suspensions' | 'termination'>): string {
  const parts = state.suspensions.map(s => `中止（${cstDateCell(s.suspendedAt)}）：${s.reason}${s.resumedAt ? `，${cstDateCell(s.resumedAt)} 恢复办理` : ''}`)
  const t = state.termination
  if (t)
    parts.push(`终止（${cstDateCell(t.terminatedAt)}，${terminationInitiatorLabels[t.initiatedBy]}提出）：${t.reason}`)
  return parts.join('；')
}

/** DOMAIN.md 申诉复核: the note a rating of an upheld appeal carries in the ledgers. */
export const APPEAL_UPHELD_NOTE = '（申诉成立，不计入统计）'

/** Annex F 回访日期及结果: the call-backs, else the citizen's rating (with a 差评's call-back due), else ''; an upheld appeal is noted. */
export function followUpCell(followUps: readonly FollowUpRecord[] | undefined, rating: RatingState | undefined, appealUpheld = false): string {
  const cell = followUpText(followUps, rating)
  return appealUpheld && cell ? `${cell}${APPEAL_UPHELD_NOTE}` : cell
}

function followUpText(followUps: readonly FollowUpRecord[] | undefined, rating: RatingState | undefined): string {
  if (followUps && followUps.length > 0)
    return followUps.map(f => `${cstDateCell(f.at)}：${f.result}`).join('；')
  if (rating?.status === 'rated' && rating.level !== null) {
    const due = rating.isBad ? (rating.followUpDueAt ? `（差评，应于 ${cstDateCell(rating.followUpDueAt)} 前回访）` : '（差评，待回访）') : ''
    return `${cstDateCell(rating.ratedAt)} 评价：${ratingLevelLabels[rating.level]}${due}`
  }
  return ''
}

/** Annex F: which cases the 代办登记表 lists — 代办 cases, converted ones included. */
export function inLedgerF(state: Pick<CaseState, 'kind'>): boolean {
  return state.kind === 'proxy'
}

function upheld(context: LedgerRowContext, caseId: string): boolean {
  const rating = context.ratings?.get(caseId)
  return rating !== undefined && (context.upheldRatings?.has(rating.id) ?? false)
}

/** Annex F, 6.3.4.4: the 代办登记表 row of one 代办 case, personal data masked unless context.masked is false. */
export function ledgerFRow(state: LedgerCase, context: LedgerRowContext): LedgerFRow {
  const masked = isMasked(context)
  const item = itemCells(state, context)
  const e = state.entrustment
  const handover = state.handover
  const supplied = state.supplements.flatMap(s => s.received)
  const materials = [materialListCell(e?.materials ?? []), supplied.length ? `补充：${materialListCell(supplied)}` : ''].filter(Boolean).join('；')
  const remarks = [
    ...(state.convertedFromAssisted ? [`由帮办转为代办（${cstDateCell(state.convertedFromAssisted.convertedAt)}）：${state.convertedFromAssisted.reason}`] : []),
    ...(e ? [] : ['尚未签订委托书']),
    ...(state.entrustmentValidTo ? [`委托书有效期至 ${state.entrustmentValidTo}`] : []),
    ...caseRemarks(state, { kind: false, stops: false, handover: false, result: 'full' }),
  ]
  return {
    caseId: state.id,
    receiptNumber: state.receiptNumber,
    seq: context.rowNumber,
    entrustedDate: cstDateCell(e?.entrustedAt),
    principal: principalCell(e?.principal ?? state.applicant, masked),
    itemNames: e ? e.items.map(i => i.itemName).join('、') : item.itemName,
    entrustmentNumber: e ? [e.entrustmentNumber, ...state.renewals.map(r => `续办 ${r.entrustmentNumber}（至 ${r.validTo}）`)].join('；') : '',
    materials,
    agent: e ? e.agent.name : staffNameCell(context, state.staffId),
    promisedDate: promisedDateCell(state),
    status: proxyStatusCell(state),
    completedDate: cstDateCell(state.completedAt),
    delivery: !handover ? '' : handover.method === 'post' ? `邮寄（${handover.carrier} ${handover.waybillNumber}）` : '当面',
    recipientSignature: !handover ? '' : handover.method === 'post' ? '无（邮寄）' : handover.recipient.signatureSha256 ? '签字已存' : '无',
    stopReason: stopReasonCell(state),
    followUp: followUpCell(context.followUps?.get(state.id), context.ratings?.get(state.id), upheld(context, state.id)),
    remarks: remarks.join('；'),
  }
}
