/**
 * Annex E 帮办登记表 (6.3.3.5, 6.2.4): one row per 帮办 case, including those later converted to 代办
 * (6.3.3.2.4: their 帮办 part happened; 备注 notes the conversion and they appear in F too). Columns as in
 * DOMAIN.md "Annex E and F".
 *
 * Derived cells:
 * - 日期时间: CST 'YYYY-MM-DD HH:mm' the case was received.
 * - 服务对象姓名 / 证件号码 / 联系电话: the applicant, masked by default (an organisation: name and contact
 *   person; its 统一社会信用代码 in full); the certificate type prefixes a number that is not 居民身份证.
 * - 特殊群体: the groups recorded with the applicant (老年人、残疾人…), '' when none.
 * - 帮办方式: every mode recorded (acceptance and 帮办 steps), in order.
 * - 结果: 不予受理：<原因> / 办结 (with its result: 办结：准予，结果文书：… or 办结：不予，不予理由：…) / 受理 / 终止 (after conversion) / 一次性告知 (missing materials told in
 *   writing) / 待补正 (missing, no notice yet) / 待受理.
 * - 帮办人员: who received, accepted or helped (帮办 steps), each once.
 * - 服务对象确认: 已签字（领取结果） when the result was collected in person with a signature; no other
 *   confirmation is recorded yet, so otherwise ''.
 * - 满意度: the case's 好差评 (context.ratings): the level, 不评价, 待评价, or '' when never prompted.
 * - 备注: the conversion to 代办 (date, reason), then D's remarks without the kind.
 */
import type { CaseState } from './case'
import type { LedgerCase, LedgerColumn, LedgerContext, LedgerRowBase, LedgerRowContext } from './ledger'
import type { RatingState } from './rating'
import { assistModeLabels, completionOutcomeText } from './case'
import { applicantIdCell, applicantNameCell, applicantPhoneCell, cstDateCell, cstDateTimeCell, isMasked, itemCells, specialGroupLabels, staffNameCell } from './ledger'
import { caseRemarks } from './ledgerD'
import { ratingLevelLabels, ratingStatusLabels } from './rating'

/** Annex E (DOMAIN.md): the columns of 帮办登记表, in order. */
export const LEDGER_E_COLUMNS = [
  { key: 'seq', title: '序号', titleEn: 'No.', width: 5 },
  { key: 'dateTime', title: '日期时间', titleEn: 'Date and time', width: 16 },
  { key: 'stationName', title: '便民服务站', titleEn: 'Station', width: 16 },
  { key: 'clientName', title: '服务对象姓名', titleEn: 'Client', width: 10 },
  { key: 'idNumber', title: '证件号码', titleEn: 'ID number', width: 20 },
  { key: 'phone', title: '联系电话', titleEn: 'Phone', width: 13 },
  { key: 'specialGroups', title: '特殊群体', titleEn: 'Special group', width: 8 },
  { key: 'itemName', title: '帮办事项', titleEn: 'Service item', width: 20 },
  { key: 'department', title: '事项所属部门', titleEn: 'Department', width: 14 },
  { key: 'assistModes', title: '帮办方式', titleEn: 'Assistance', width: 12 },
  { key: 'result', title: '结果', titleEn: 'Result', width: 14 },
  { key: 'assistants', title: '帮办人员', titleEn: 'Assisted by', width: 10 },
  { key: 'clientConfirmation', title: '服务对象确认', titleEn: 'Client confirmation', width: 10 },
  { key: 'satisfaction', title: '满意度', titleEn: 'Satisfaction', width: 8 },
  { key: 'remarks', title: '备注', titleEn: 'Remarks', width: 24 },
] as const satisfies readonly LedgerColumn[]

/** The row keys of ledger E, in column order. */
export type LedgerEKey = typeof LEDGER_E_COLUMNS[number]['key']

/** Annex E: one row of 帮办登记表; every cell but 序号 is text ('' when empty). */
export type LedgerERow = LedgerRowBase & { seq: number } & { [K in Exclude<LedgerEKey, 'seq'>]: string }

/** Annex E 结果 of a 帮办 case. */
export function assistResultCell(state: Pick<CaseState, 'status' | 'returnReason' | 'completedAt' | 'receiptNumber' | 'noticeIssued' | 'completionResult'>): string {
  if (state.status === 'returned')
    return `不予受理：${state.returnReason ?? ''}`
  if (state.completedAt !== null)
    return state.completionResult ? `办结：${completionOutcomeText(state.completionResult)}` : '办结'
  if (state.status === 'terminated')
    return '终止'
  if (state.receiptNumber !== null)
    return '受理'
  if (state.status === 'awaitingSupplement')
    return state.noticeIssued ? '一次性告知' : '待补正'
  return '待受理'
}

/** Annex E 满意度 (6.3.3.4): the rating level, 不评价, 待评价, or '' when the citizen was never asked. */
export function satisfactionCell(rating: RatingState | undefined): string {
  if (!rating || rating.status === 'none')
    return ''
  if (rating.status === 'rated' && rating.level !== null)
    return ratingLevelLabels[rating.level]
  return ratingStatusLabels[rating.status]
}

/** Staff ids who received, accepted or helped with a case, each once, in order. */
function assistantIds(state: LedgerCase): string[] {
  const ids = [state.staffId, ...state.log.filter(e => e.applied && (e.type === 'case.accepted' || e.type === 'case.accompanied')).map(e => e.staffId)]
  return [...new Set(ids.filter((id): id is string => !!id))]
}

/** Annex E: which cases the 帮办登记表 lists — 帮办 cases, and 帮办 cases later converted to 代办. */
export function inLedgerE(state: Pick<CaseState, 'kind' | 'convertedFromAssisted'>): boolean {
  return state.kind === 'assisted' || state.convertedFromAssisted !== null
}

/** Annex E, 6.3.3.5: the 帮办登记表 row of one 帮办 case, personal data masked unless context.masked is false. */
export function ledgerERow(state: LedgerCase, context: LedgerRowContext): LedgerERow {
  const masked = isMasked(context)
  const item = itemCells(state, context)
  const applicant = state.applicant
  const groups = applicant.type === 'person' ? applicant.specialGroups ?? [] : []
  const signed = state.handover?.method === 'inPerson' && !!state.handover.recipient.signatureSha256
  const conversion = state.convertedFromAssisted
  const remarks = [
    ...(conversion ? [`已于 ${cstDateCell(conversion.convertedAt)} 转为代办：${conversion.reason}（见代办登记表）`] : []),
    ...caseRemarks(state, { kind: false, result: false }),
  ]
  return {
    caseId: state.id,
    receiptNumber: state.receiptNumber,
    seq: context.rowNumber,
    dateTime: cstDateTimeCell(state.receivedAt),
    stationName: context.stationName,
    clientName: applicantNameCell(applicant, masked),
    idNumber: applicantIdCell(applicant, masked),
    phone: applicantPhoneCell(applicant, masked),
    specialGroups: groups.map(g => specialGroupLabels[g]).join('、'),
    itemName: item.itemName,
    department: item.department,
    assistModes: state.assistModes.map(m => assistModeLabels[m]).join('、'),
    result: assistResultCell(state),
    assistants: assistantIds(state).map(id => staffNameCell(context, id)).join('、'),
    clientConfirmation: signed ? '已签字（领取结果）' : '',
    satisfaction: satisfactionCell(ratingOf(state, context)),
    remarks: remarks.join('；'),
  }
}

function ratingOf(state: Pick<CaseState, 'id'>, context: Pick<LedgerContext, 'ratings'>): RatingState | undefined {
  return context.ratings?.get(state.id)
}
