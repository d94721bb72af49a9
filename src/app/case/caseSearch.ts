/**
 * Issue 4 item 10: finding a case at the counter by what the citizen says — name, mobile, the last 4 of
 * an ID number, the case or receipt number, the item — and filtering by kind, state and deadline.
 * Pure, over folded case states; personal data is matched here and never shown unmasked.
 */
import type { CaseKind, CaseState, CaseStatus } from '../../domain/case'
import type { WorkCalendar } from '../../domain/calendar'
import type { DueStatus } from '../../domain/dueStatus'
import { caseDueStatus } from '../../domain/dueStatus'

export type DueFilter = 'overdue' | 'dueToday'

export interface CaseFilters {
  kind?: CaseKind | null
  status?: CaseStatus | null
  due?: DueFilter | null
}

type Searchable = Pick<CaseState, 'id' | 'kind' | 'status' | 'itemName' | 'itemCode' | 'applicant' | 'receiptNumber' | 'dueAt' | 'completedAt'>

const digitsOf = (s: string) => s.replace(/\D/g, '')

/** Full-width to ASCII, no blanks, upper case (an ID's x, a receipt's letters). */
function normalise(query: string): string {
  return query.normalize('NFKC').replace(/\s+/g, '').toUpperCase()
}

/** Whether `c` matches the query typed in the search box (empty matches everything). */
export function matchesQuery(c: Searchable, query: string): boolean {
  const q = normalise(query)
  if (q === '')
    return true
  const a = c.applicant
  const names = a.type === 'person' ? [a.name] : [a.name, a.contactName]
  if (names.some(n => n.includes(q)))
    return true
  if (c.itemName.toUpperCase().includes(q) || c.itemCode.toUpperCase() === q)
    return true
  if (c.receiptNumber?.toUpperCase().includes(q) || c.id.toUpperCase().includes(q))
    return true
  const id = a.type === 'person' ? a.idNumber.toUpperCase() : a.uscc.toUpperCase()
  // The last 4 of an ID (or USCC); the whole number also finds it.
  if (/^[0-9A-Z]{4}$/.test(q) ? id.endsWith(q) : q.length >= 6 && id === q)
    return true
  if (!/^\+?\d{4,}$/.test(q))
    return false
  // A mobile by its last 4 or more digits (people remember the end), or any 7+ digits of it.
  const digits = q.replace(/^(?:\+86|0086)/, '').replace(/\D/g, '')
  const phone = digitsOf(a.type === 'person' ? a.mobile : a.contactPhone)
  return phone.endsWith(digits) || (digits.length >= 7 && phone.includes(digits))
}

/** Whether `c` passes the filters at `now` (deadline filters use caseDueStatus, CST days). */
export function matchesFilters(c: Searchable, filters: CaseFilters, now: Date, calendar: Pick<WorkCalendar, 'addWorkdays'>): boolean {
  if (filters.kind && c.kind !== filters.kind)
    return false
  if (filters.status && c.status !== filters.status)
    return false
  if (filters.due) {
    const due: DueStatus = caseDueStatus(c, now, { calendar })
    if (due !== filters.due)
      return false
  }
  return true
}

/** The cases matching query and filters, in the order given (most recent first from the store). */
export function searchCases<C extends Searchable>(rows: readonly C[], query: string, filters: CaseFilters, now: Date, calendar: Pick<WorkCalendar, 'addWorkdays'>): C[] {
  return rows.filter(c => matchesFilters(c, filters, now, calendar) && matchesQuery(c, query))
}

/** Home screen: accepted, not yet done, overdue or due today; overdue first, then by deadline. */
export function urgentCases<C extends Searchable>(rows: readonly C[], now: Date, calendar: Pick<WorkCalendar, 'addWorkdays'>): C[] {
  const rank = (c: C) => (caseDueStatus(c, now, { calendar }) === 'overdue' ? 0 : 1)
  return rows
    .filter((c) => {
      const s = caseDueStatus(c, now, { calendar })
      return s === 'overdue' || s === 'dueToday'
    })
    .sort((a, b) => rank(a) - rank(b) || Date.parse(a.dueAt as string) - Date.parse(b.dueAt as string))
}

/** Statuses of work still open at the counter (not completed, handed over, returned or terminated). */
export const OPEN_CASE_STATUSES: readonly CaseStatus[] = ['received', 'materialsComplete', 'awaitingSupplement', 'accepted', 'inProgress', 'supplementRequested', 'suspended']

/**
 * Home screen (issue 14): every open case, most urgent first — overdue, due today, waiting for the citizen's
 * materials, due later (by deadline), then the rest; ties by deadline.
 */
export function openCases<C extends Searchable>(rows: readonly C[], now: Date, calendar: Pick<WorkCalendar, 'addWorkdays'>): C[] {
  const rank = (c: C): number => {
    const s = caseDueStatus(c, now, { calendar })
    if (s === 'overdue')
      return 0
    if (s === 'dueToday')
      return 1
    if (c.status === 'awaitingSupplement' || c.status === 'supplementRequested')
      return 2
    return c.dueAt ? 3 : 4
  }
  const due = (c: C) => (c.dueAt ? Date.parse(c.dueAt) : Infinity)
  const seen = new Set<string>()
  return rows
    .filter(c => OPEN_CASE_STATUSES.includes(c.status) && c.completedAt === null && !seen.has(c.id) && seen.add(c.id))
    .sort((a, b) => rank(a) - rank(b) || due(a) - due(b))
}
