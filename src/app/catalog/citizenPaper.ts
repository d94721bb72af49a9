/**
 * What a citizen's paper may say (issue 14): the catalog carries research notes for staff (which county's
 * guide a line came from, 来源及说明); those never print. And the one-time notice of a case says whose case
 * it is, its number, and by when to come back.
 */
import type { CaseState } from '../../domain/case'
import type { WorkCalendar } from '../../domain/calendar'
import { toCivilDate } from '../../domain/calendar'
import { maskName } from '../../domain/identity'

/** A citation of a source guide: "(都昌县指南'服务表格')", "（舒城县指南）". */
const CITATION = /[（(][^（）()]*指南[^（）()]*[）)]/g
/** A clause that still names a source guide after citations are cut: "施甸县指南列为换领材料". */
const GUIDE_CLAUSE = /[县市区省州旗]指南|指南未注明/

/** `text` without citations of source guides; a clause that is itself a research note goes whole. */
export function citizenText(text: string): string {
  const cut = text.replace(CITATION, '')
  return cut.split(/(?<=[；;。])/).filter(clause => !GUIDE_CLAUSE.test(clause)).join('').replace(/[；;，,]\s*$/, '').trim()
}

/** Working days a citizen is given to bring what is missing, printed as a date on the case's notice. */
export const SUPPLEMENT_WORKDAYS = 10

/** The lines a case's one-time notice carries: the applicant (masked), the case number, the come-back date. */
export interface NoticeCaseLines {
  applicant: string
  caseNumber: string
  comeBackBy: string
}

/** The number staff and citizen quote for a case: its receipt number, else the last 8 of its id. */
export function caseNumberOf(state: Pick<CaseState, 'id' | 'receiptNumber'>): string {
  return state.receiptNumber ?? state.id.slice(state.id.indexOf(':') + 1).slice(-8).toUpperCase()
}

export function noticeCaseLines(state: Pick<CaseState, 'id' | 'receiptNumber' | 'applicant'>, issuedAt: Date, calendar: Pick<WorkCalendar, 'provisionalDueAfterWorkdays'>): NoticeCaseLines {
  const applicant = state.applicant.type === 'person' ? maskName(state.applicant.name) : `${state.applicant.name}（${maskName(state.applicant.contactName)}）`
  return {
    applicant,
    caseNumber: caseNumberOf(state),
    comeBackBy: toCivilDate(calendar.provisionalDueAfterWorkdays(issuedAt, SUPPLEMENT_WORKDAYS).due),
  }
}
