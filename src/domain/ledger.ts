/**
 * What the three annex ledgers share (6.2.4; Annex D 工作台账, E 帮办登记表, F 代办登记表): the column
 * shape, the context a row is derived in (station, window, staff names, ratings, masking), and the cell
 * spellings of CST times and personal data. Rows are projections of case states, never typed in.
 *
 * Personal data is masked by default (DOMAIN.md masking): names 张*明, mobiles 138****5678, ID numbers
 * 110105********1234. Staff names (受理人员, 帮办人员, 代办人员) are not masked: they are the station's own.
 * An organisation's name and 统一社会信用代码 are public registration facts and are not masked; its contact
 * person's name and phone are.
 */
import type { Applicant, CaseLogEntry, CaseState } from './case'
import type { FollowUpRecord } from './followUp'
import type { RatingState } from './rating'
import { toCivilDate } from './calendar'
import { maskIdCard, maskMobile, maskName } from './identity'

/** 6.2.4: the three ledgers: D 工作台账, E 帮办登记表, F 代办登记表. */
export type LedgerKind = 'D' | 'E' | 'F'

/** One column of a ledger: its row key, the annex's Chinese title and an English title; `width` is a print/xlsx hint in characters. */
export interface LedgerColumn<K extends string = string> {
  key: K
  title: string
  titleEn: string
  width: number
}

/** Annex D/E/F: the title printed above each ledger, and its table number. */
export const ledgerTitles: Readonly<Record<LedgerKind, { title: string, titleEn: string, table: string }>> = {
  D: { title: '政务服务便民服务站工作台账', titleEn: 'Convenience station work ledger', table: '表 D.1' },
  E: { title: '政务服务便民服务站帮办登记表', titleEn: 'Assisted-service register', table: '表 E.1' },
  F: { title: '政务服务便民服务站代办登记表', titleEn: 'Proxy-service register', table: '表 F.1' },
}

/** Fields every ledger row carries besides its columns: which case it came from (never personal data). */
export interface LedgerRowBase {
  /** The case stream id, 'case:<uuid>', for drill-down and links. */
  caseId: string
  receiptNumber: string | null
}

/** 6.2.4: a ledger row's item as the catalog names it, used only to fill a field the case itself lacks. */
export interface LedgerItemInfo {
  name?: string | null
  department?: string | null
}

/** 6.2.4: what a ledger row is derived in, besides the case. */
export interface LedgerContext {
  /** 便民服务站名称. */
  stationName: string
  /** 窗口: the station's window (e.g. '综合窗口'); `windowByDevice` names it per tablet when there are several. */
  window?: string | null
  windowByDevice?: Readonly<Record<string, string>>
  /** Staff display names by staff id; an unknown id is shown as the id itself. */
  staffNames?: Readonly<Record<string, string>>
  /** Catalog lookup by item code; the case's own itemName/department (as received) win when present. */
  itemLookup?: (itemCode: string) => LedgerItemInfo | undefined
  /** DOMAIN.md: personal data masked unless explicitly false (full values need a recorded reason upstream). */
  masked?: boolean
  /** 好差评 states by subject ('case:<uuid>'), see ratingsBySubject. */
  ratings?: ReadonlyMap<string, RatingState>
  /** 回访 records by subject, see followUpsBySubject. */
  followUps?: ReadonlyMap<string, readonly FollowUpRecord[]>
  /** When set, open cases past their due are marked 已超期 in their status cell. */
  asOf?: string | Date
}

/** A ledger context for one row: `rowNumber` is its 序号 (1-based). */
export interface LedgerRowContext extends LedgerContext {
  rowNumber: number
}

/** 6.3.3.4: index rating states by their subject (a case or consultation id), for LedgerContext.ratings. */
export function ratingsBySubject(ratings: readonly RatingState[]): Map<string, RatingState> {
  return new Map(ratings.map(r => [r.subject, r]))
}

const CST_OFFSET_MS = 8 * 60 * 60 * 1000

function cstParts(instant: string): { date: string, time: string } | null {
  const ms = Date.parse(instant)
  if (Number.isNaN(ms))
    return null
  const d = new Date(ms + CST_OFFSET_MS)
  const time = `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`
  return { date: toCivilDate(new Date(ms)), time }
}

/** DOMAIN.md civil time: 'YYYY-MM-DD' of an instant in CST; '' for null or an unreadable instant. */
export function cstDateCell(instant: string | null | undefined): string {
  return instant ? cstParts(instant)?.date ?? '' : ''
}

/** DOMAIN.md civil time: 'HH:mm' of an instant in CST; '' for null or an unreadable instant. */
export function cstTimeCell(instant: string | null | undefined): string {
  return instant ? cstParts(instant)?.time ?? '' : ''
}

/** DOMAIN.md civil time: 'YYYY-MM-DD HH:mm' of an instant in CST; '' for null or an unreadable instant. */
export function cstDateTimeCell(instant: string | null | undefined): string {
  const p = instant ? cstParts(instant) : null
  return p ? `${p.date} ${p.time}` : ''
}

/** Annex E 特殊群体 labels. */
export const specialGroupLabels: Readonly<Record<NonNullable<Extract<Applicant, { type: 'person' }>['specialGroups']>[number], string>> = {
  elderly: '老年人',
  disabled: '残疾人',
  pregnant: '孕妇',
  veteran: '退役军人',
  other: '其他',
}

/** Annex F 证件类型 labels (居民身份证 when none was recorded). */
export const idTypeLabels: Readonly<Record<NonNullable<Extract<Applicant, { type: 'person' }>['idType']>, string>> = {
  idCard: '居民身份证',
  passport: '护照',
  hkMacaoPermit: '港澳居民来往内地通行证',
  taiwanPermit: '台湾居民来往大陆通行证',
  foreignPermanentResidence: '外国人永久居留身份证',
  other: '其他证件',
}

/** Whether a ledger context masks personal data (DOMAIN.md: masked by default). */
export function isMasked(context: Pick<LedgerContext, 'masked'>): boolean {
  return context.masked !== false
}

/** Annex D 姓名 / E 服务对象姓名: a person's name, or an organisation's name with its contact person. */
export function applicantNameCell(applicant: Applicant, masked: boolean): string {
  const name = (n: string): string => masked ? maskName(n) : n
  return applicant.type === 'person' ? name(applicant.name) : `${applicant.name}（经办人 ${name(applicant.contactName)}）`
}

/** Annex D 联系方式 / E 联系电话: the person's mobile or the organisation's contact phone. */
export function applicantPhoneCell(applicant: Applicant, masked: boolean): string {
  const phone = applicant.type === 'person' ? applicant.mobile : applicant.contactPhone
  return masked ? maskMobile(phone) : phone
}

/** Annex E 证件号码 / F 委托人证件: the ID (with its type when not 居民身份证), or the organisation's 统一社会信用代码. */
export function applicantIdCell(applicant: Applicant, masked: boolean): string {
  if (applicant.type === 'organisation')
    return `统一社会信用代码 ${applicant.uscc}`
  const id = masked ? maskIdCard(applicant.idNumber) : applicant.idNumber
  const type = applicant.idType ?? 'idCard'
  return type === 'idCard' ? id : `${idTypeLabels[type]} ${id}`
}

/** Annex D 受理人员 and the like: a staff member's display name, the raw id when unknown, '' for none. */
export function staffNameCell(context: Pick<LedgerContext, 'staffNames'>, staffId: string | null | undefined): string {
  if (!staffId)
    return ''
  return context.staffNames?.[staffId] ?? staffId
}

/** Annex D 窗口: the window of the tablet that received the case, else the station's window, else ''. */
export function windowCell(context: Pick<LedgerContext, 'window' | 'windowByDevice'>, deviceId: string): string {
  return context.windowByDevice?.[deviceId] ?? context.window ?? ''
}

/** The staff who recorded the applied event of `type` (the first), or null. */
/** Of a case's log, what the ledgers read: who applied which event. */
export type LedgerLogEntry = Pick<CaseLogEntry, 'type' | 'applied' | 'staffId'>

/**
 * What the ledgers read of a case: its state without the materials checklist, and with log entries cut to who
 * applied which event (the tablet keeps these slim copies for the ledgers; a full CaseState is one too).
 */
export type LedgerCase = Omit<CaseState, 'log' | 'materials'> & { log: readonly LedgerLogEntry[] }

export function staffOfEvent(state: Pick<LedgerCase, 'log'>, type: string): string | null {
  return state.log.find(entry => entry.applied && entry.type === type)?.staffId ?? null
}

/** The item's name and department as received, a catalog entry filling only what is missing. */
export function itemCells(state: Pick<CaseState, 'itemCode' | 'itemName' | 'department'>, context: Pick<LedgerContext, 'itemLookup'>): { itemName: string, department: string } {
  const info = !state.itemName.trim() || !state.department.trim() ? context.itemLookup?.(state.itemCode) : undefined
  return {
    itemName: state.itemName.trim() || info?.name?.trim() || '',
    department: state.department.trim() || info?.department?.trim() || '',
  }
}

/** 6.2.1: whether an open case is past its due at `asOf` (false without asOf, a due, or once settled). */
export function isOverdueAt(state: Pick<CaseState, 'dueAt' | 'completedAt' | 'status'>, asOf: string | Date | undefined): boolean {
  if (asOf === undefined || state.dueAt === null || state.completedAt !== null || state.status === 'terminated' || state.status === 'returned')
    return false
  const now = asOf instanceof Date ? asOf.getTime() : Date.parse(asOf)
  return now > Date.parse(state.dueAt)
}

/** Annex D 办理时限 / F 承诺办结日期 wording of a promised limit: '即办', 'N个工作日', '' when none. */
export function promisedLimitText(workdays: number | null): string {
  if (workdays === null)
    return ''
  return workdays === 0 ? '即办' : `${workdays}个工作日`
}
