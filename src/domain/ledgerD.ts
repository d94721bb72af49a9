/**
 * Annex D 工作台账 (6.2.4): one row per case received at the station — plain intakes (收件), 帮办 and 代办
 * alike, returned ones included, since the annex records 受理与否 and 退件原因 — with exactly the annex's
 * 16 columns in its order.
 *
 * Derived cells (the annex names the columns only; these are our readings):
 * - 序号: the row's number in the listing (ledgerRows numbers them after sorting).
 * - 时间: the CST date the case was received; 接件时间: its CST time 'HH:mm' that day.
 * - 窗口: the receiving tablet's window (context.windowByDevice), else the station's (context.window).
 * - 事项所属: the department recorded with the case; 申请事项: the item name recorded with the case.
 * - 姓名 / 联系方式: the applicant (an organisation: its name and contact person), masked by default.
 * - 受理与否: 受理 once accepted (a receipt number exists); 不予受理（退件）; 待补正 while required materials
 *   are missing; 未受理（已终止） for a 代办 terminated before acceptance; 待受理 otherwise.
 * - 办理时限: only once accepted: 'N个工作日（至 YYYY-MM-DD）' (即办 for 0), 无承诺时限 when the item has none,
 *   '（到期日未能计算）' when the holiday schedule was missing at acceptance.
 * - 办件状态: the case status label, with the 办结 result（准予/不予） once recorded; '（超期）' when completed after
 *   its due, '（已超期）' when still open past its due at context.asOf.
 * - 退件原因: the return reason, else ''.
 * - 当日办结时间: the completion's CST 'HH:mm' only when completed on the CST day of receipt, else ''.
 * - 受理人员: who accepted it; for a returned case who returned it; before either, who received it.
 * - 备注: 帮办 (with its modes) / 代办 / 帮办转代办, 网上预约, the missing materials, 中止/终止 reasons, the 办结
 *   result's document or 不予 reason, how the result was handed over, and every reason the case needs attention (conflicts between tablets).
 */
import type { CaseState } from './case'
import type { LedgerCase, LedgerColumn, LedgerRowBase, LedgerRowContext } from './ledger'
import { assistModeLabels, caseStatusLabels, completionDetailsText, completionOutcomeText, completionResultLabels } from './case'
import { applicantNameCell, applicantPhoneCell, cstDateCell, cstTimeCell, isMasked, isOverdueAt, itemCells, promisedLimitText, staffNameCell, staffOfEvent, windowCell } from './ledger'

/** Annex D: the 16 columns of 工作台账, in the annex's order. */
export const LEDGER_D_COLUMNS = [
  { key: 'seq', title: '序号', titleEn: 'No.', width: 5 },
  { key: 'date', title: '时间', titleEn: 'Date', width: 11 },
  { key: 'stationName', title: '便民服务站名称', titleEn: 'Station', width: 16 },
  { key: 'window', title: '窗口', titleEn: 'Window', width: 8 },
  { key: 'department', title: '事项所属', titleEn: 'Department', width: 14 },
  { key: 'applicantName', title: '姓名', titleEn: 'Name', width: 10 },
  { key: 'contact', title: '联系方式', titleEn: 'Contact', width: 13 },
  { key: 'itemName', title: '申请事项', titleEn: 'Service item', width: 20 },
  { key: 'acceptance', title: '受理与否', titleEn: 'Accepted?', width: 10 },
  { key: 'timeLimit', title: '办理时限', titleEn: 'Time limit', width: 16 },
  { key: 'caseStatus', title: '办件状态', titleEn: 'Status', width: 10 },
  { key: 'returnReason', title: '退件原因', titleEn: 'Return reason', width: 16 },
  { key: 'receivedTime', title: '接件时间', titleEn: 'Received at', width: 8 },
  { key: 'sameDayCompletedTime', title: '当日办结时间', titleEn: 'Completed same day at', width: 8 },
  { key: 'handler', title: '受理人员', titleEn: 'Handled by', width: 8 },
  { key: 'remarks', title: '备注', titleEn: 'Remarks', width: 24 },
] as const satisfies readonly LedgerColumn[]

/** The row keys of ledger D, in column order. */
export type LedgerDKey = typeof LEDGER_D_COLUMNS[number]['key']

/** Annex D: one row of 工作台账; every cell but 序号 is text ('' when empty). */
export type LedgerDRow = LedgerRowBase & { seq: number } & { [K in Exclude<LedgerDKey, 'seq'>]: string }

/** Annex D 受理与否 values. */
export const ledgerDAcceptanceLabels = {
  accepted: '受理',
  returned: '不予受理（退件）',
  awaitingSupplement: '待补正',
  terminated: '未受理（已终止）',
  pending: '待受理',
} as const

/** Annex D 受理与否 of a case. */
export function acceptanceCell(state: Pick<CaseState, 'receiptNumber' | 'status'>): string {
  if (state.receiptNumber !== null)
    return ledgerDAcceptanceLabels.accepted
  if (state.status === 'returned')
    return ledgerDAcceptanceLabels.returned
  if (state.status === 'terminated')
    return ledgerDAcceptanceLabels.terminated
  if (state.status === 'awaitingSupplement')
    return ledgerDAcceptanceLabels.awaitingSupplement
  return ledgerDAcceptanceLabels.pending
}

/** Annex D 办理时限 of an accepted case; '' before acceptance. */
export function timeLimitCell(state: Pick<CaseState, 'receiptNumber' | 'promisedLimitWorkdays' | 'dueAt'> & Partial<Pick<CaseState, 'dueProvisional'>>): string {
  if (state.receiptNumber === null)
    return ''
  if (state.promisedLimitWorkdays === null)
    return '无承诺时限'
  const limit = promisedLimitText(state.promisedLimitWorkdays)
  if (state.dueAt === null)
    return `${limit}（到期日未能计算）`
  // DOMAIN.md 暂定: counted Monday–Friday until the year's schedule is imported.
  return state.dueProvisional === true ? `${limit}（至 ${cstDateCell(state.dueAt)}，暂定）` : `${limit}（至 ${cstDateCell(state.dueAt)}）`
}

/** Annex D 办件状态: the status label with the 办结 result, marked when completed late or open past its due at `asOf`. */
export function caseStatusCell(state: Pick<CaseState, 'status' | 'onTime' | 'dueAt' | 'completedAt' | 'completionResult'>, asOf?: string | Date): string {
  const outcome = state.completionResult ?? null
  const label = outcome ? `${caseStatusLabels[state.status]}（${completionResultLabels[outcome.result]}）` : caseStatusLabels[state.status]
  if (state.completedAt !== null && state.onTime === false)
    return `${label}（超期）`
  return isOverdueAt(state, asOf) ? `${label}（已超期）` : label
}

/** Annex D 当日办结时间: the completion's CST time when on the CST day of receipt, else ''. */
export function sameDayCompletedCell(state: Pick<CaseState, 'receivedAt' | 'completedAt'>): string {
  if (state.completedAt === null || cstDateCell(state.completedAt) !== cstDateCell(state.receivedAt))
    return ''
  return cstTimeCell(state.completedAt)
}

/** Which 备注 parts to leave out (a ledger with a column of its own for them). */
export interface CaseRemarksOptions {
  kind?: boolean
  stops?: boolean
  handover?: boolean
  /** The 办结 result: its details after the decision (D, whose 办件状态 says the decision), in full (F), or left out (E). */
  result?: 'details' | 'full' | false
}

/** Annex D 备注 parts shared with E and F: kind, channel, missing materials, suspension, termination, result, handover, attention. */
export function caseRemarks(state: LedgerCase, options: CaseRemarksOptions = {}): string[] {
  const parts: string[] = []
  if (options.kind !== false) {
    const modes = state.assistModes.map(m => assistModeLabels[m]).join('、')
    if (state.convertedFromAssisted)
      parts.push(`帮办转代办（${cstDateCell(state.convertedFromAssisted.convertedAt)}）`)
    else if (state.kind === 'assisted')
      parts.push(modes ? `帮办（${modes}）` : '帮办')
    else if (state.kind === 'proxy')
      parts.push('代办')
  }
  if (state.channel === 'appointment')
    parts.push('网上预约')
  if (state.status === 'awaitingSupplement' && state.missingMaterials.length > 0)
    parts.push(`缺：${state.missingMaterials.join('、')}${state.noticeIssued ? '（已一次性告知）' : '（未出具一次性告知单）'}`)
  const open = state.suspensions[state.suspensions.length - 1]
  if (options.stops !== false && state.status === 'suspended' && open)
    parts.push(`中止：${open.reason}`)
  if (options.stops !== false && state.termination)
    parts.push(`终止：${state.termination.reason}`)
  const outcome = state.completionResult ?? null
  const result = options.result ?? 'details'
  if (outcome && result === 'details' && completionDetailsText(outcome))
    parts.push(completionDetailsText(outcome))
  if (outcome && result === 'full')
    parts.push(`办结结果：${completionOutcomeText(outcome)}`)
  if (options.handover !== false && state.handover)
    parts.push(state.handover.method === 'post' ? `邮寄送达（${state.handover.carrier} ${state.handover.waybillNumber}）` : '当面交付')
  if (state.needsAttention)
    parts.push(`需处理：${state.attentionReasons.join('；')}`)
  return parts
}

/** Annex D 受理人员: who accepted the case (or returned it), else who received it. */
export function handlerStaffId(state: LedgerCase): string | null {
  if (state.receiptNumber !== null)
    return staffOfEvent(state, 'case.accepted') ?? state.staffId
  if (state.status === 'returned')
    return staffOfEvent(state, 'case.returned') ?? state.staffId
  return state.staffId
}

/** Annex D, 6.2.4: the 工作台账 row of one received case (any kind), personal data masked unless context.masked is false. */
export function ledgerDRow(state: LedgerCase, context: LedgerRowContext): LedgerDRow {
  const masked = isMasked(context)
  const item = itemCells(state, context)
  return {
    caseId: state.id,
    receiptNumber: state.receiptNumber,
    seq: context.rowNumber,
    date: cstDateCell(state.receivedAt),
    stationName: context.stationName,
    window: windowCell(context, state.deviceId),
    department: item.department,
    applicantName: applicantNameCell(state.applicant, masked),
    contact: applicantPhoneCell(state.applicant, masked),
    itemName: item.itemName,
    acceptance: acceptanceCell(state),
    timeLimit: timeLimitCell(state),
    caseStatus: caseStatusCell(state, context.asOf),
    returnReason: state.returnReason ?? '',
    receivedTime: cstTimeCell(state.receivedAt),
    sameDayCompletedTime: sameDayCompletedCell(state),
    handler: staffNameCell(context, handlerStaffId(state)),
    remarks: caseRemarks(state).join('；'),
  }
}

/** Annex D: which cases the 工作台账 lists — every received case, whatever its kind or state. */
export function inLedgerD(_state: LedgerCase): boolean {
  return true
}
