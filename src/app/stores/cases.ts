/**
 * Cases at the counter (6.3.2 intake, 6.3.3 帮办, 6.3.4 代办; issue 4 items 4 and 10): the case list and
 * its search, the overdue and due-today cases for the home screen, one case's state, and recording an
 * intake (received + materials checked + accepted / one-time notice / returned), a 补正 check, an acceptance
 * (a 代办 case's with its 委托书 signed in the same transaction) and a return.
 * Every step is checked with the domain's caseTransitionRefusal before anything is written, and the
 * facts of one step are recorded together (one transaction).
 *
 * The list pages from the projection's indexes, most recently active first (issue 5: never the whole table);
 * search reads its candidates through indexes (case/caseCandidates.ts), then checks every hit against the row
 * itself (case/caseSearch.ts). The steps' events and their checks are in case/caseSteps.ts; dues are counted
 * with the app's working-day calendar (data/workCalendar.ts).
 */
import type { CaseEventInput, CaseState } from '../../domain/case'
import type { CaseFilters } from '../case/caseSearch'
import type { IntakeOutcome, IntakeResult, IntakeSubmission, SignedEntrustment } from '../case/caseSteps'
import type { MaterialDraft } from '../intake/materialChecklist'
import type { BlobInput, ProjectionRow } from '../data'
import { acceptHMRUpdate, defineStore } from 'pinia'
import { shallowRef } from 'vue'
import { endOfCstDay } from '../../domain/calendar'
import { CASE_STREAM_KIND } from '../../domain/case'
import { newStreamId } from '../../domain/events'
import { findCaseCandidates } from '../case/caseCandidates'
import { CaseTransitionRefused } from '../case/caseErrors'
import { OPEN_CASE_STATUSES, openCases, searchCases } from '../case/caseSearch'
import { acceptProbe, checkedEvent, checkSteps, outcomeEvents, photosOf, receivedEvent } from '../case/caseSteps'
import { entrustedEvent, nextReceiptNumber } from '../case/documentNumbers'
import { casesRepo, eventsRepo, isoWithOffset, recordManyAs, workCalendar } from '../data'
import { evaluateChecklist } from '../intake/materialChecklist'
import { usePagedRecords } from './pagedRecords'
import { useSessionStore } from './session'

export { SEARCH_LIMIT } from '../case/caseCandidates'
export { CaseTransitionRefused, ReceiptNumberUnavailable } from '../case/caseErrors'
export { acceptanceDue } from '../case/caseSteps'
export type { IntakeOutcome, IntakeResult, IntakeSubmission, OutcomeChoice, SignedEntrustment } from '../case/caseSteps'

/** Open cases read per status for the home screen. */
const OPEN_SCAN = 200

/** Rows per page of the case list. */
export const PAGE_SIZE = 50

type CaseRow = ProjectionRow<CaseState>

export const useCasesStore = defineStore('cases', () => {
  /**
   * The list as far as it is loaded (pages, or a search's hits), most recently active first; `truncated`:
   * the search matched more than SEARCH_LIMIT cases, only the most recent are shown.
   */
  const { rows, truncated, hasMore, shownQuery, shownFilter: shownFilters, loading, find: findRows, loadMore } = usePagedRecords<CaseRow, CaseFilters>({
    async search(query, filters, now) {
      const candidates = await findCaseCandidates(query)
      return { rows: searchCases(candidates.rows, query, filters, now, workCalendar()), cut: candidates.cut }
    },
    async firstPage(filters, now) {
      if (!filters.due)
        return casesRepo.listPage({ limit: PAGE_SIZE, kind: filters.kind ?? null, status: filters.status ?? null })
      // Overdue and due-today cases come from the deadline index, as on the home screen.
      const due = await casesRepo.listDueBefore(new Date(Date.parse(endOfCstDay(now)) + 1))
      return { rows: searchCases(due, '', filters, now, workCalendar()).sort((a, b) => b.lastAt - a.lastAt), next: null }
    },
    nextPage: (filters, after) => casesRepo.listPage({ limit: PAGE_SIZE, after, kind: filters.kind ?? null, status: filters.status ?? null }),
  }, {})
  /** Open cases, most urgent first (the home screen's to-do). */
  const urgent = shallowRef<CaseState[]>([])
  /** The case open in the detail view. */
  const current = shallowRef<CaseState | null>(null)

  /** Show the cases matching `query` and `filters` (the first page when there is no query). */
  async function find(query: string = '', filters: CaseFilters = {}, now: Date = new Date()): Promise<void> {
    await findRows(query, filters, now)
  }

  /** Reload what the list shows (after a write). */
  async function load(): Promise<void> {
    await find(shownQuery.value, shownFilters.value)
  }

  /** Issue 14: every open case for the home screen, most urgent first (overdue, due today, 待补正, later). */
  async function loadUrgent(now: Date = new Date()): Promise<void> {
    const pages = await Promise.all(OPEN_CASE_STATUSES.map(status => casesRepo.listPage({ status, limit: OPEN_SCAN })))
    urgent.value = openCases(pages.flatMap(p => p.rows), now, workCalendar())
  }

  async function open(id: string): Promise<CaseState | null> {
    current.value = (await casesRepo.get(id)) ?? null
    return current.value
  }

  /** Check, then record the events of one step together, with the photos of the checklist. */
  async function commit(stream: string, events: CaseEventInput[], blobs: BlobInput[]): Promise<void> {
    const stored = await eventsRepo.byStream(stream)
    checkSteps(stream, stored, events, { stationId: 'check', deviceId: 'check', staffId: null, occurredAt: isoWithOffset() }, workCalendar())
    await recordManyAs(useSessionStore().author, events.map(e => ({ stream, type: e.type, payload: e.payload })), { blobs })
    await Promise.all([load(), loadUrgent()])
    current.value = (await casesRepo.get(stream)) ?? null
  }

  /**
   * 6.3.2: record an intake in one transaction — case.received, case.materialsChecked, and case.accepted
   * (receipt number, due) or case.returned; with an incomplete checklist and no return, the one-time
   * notice is issued and the case waits for supplements.
   */
  async function intake(sub: IntakeSubmission): Promise<IntakeResult> {
    const stream = newStreamId(CASE_STREAM_KIND)
    const at = new Date()
    const { shas, blobs } = await photosOf(sub.checklist)
    const check = evaluateChecklist(sub.checklist, shas)
    if (sub.outcome.type === 'accept' && !check.complete)
      throw new CaseTransitionRefused('case.incomplete', { missing: check.missing.map(m => m.name).join('、') })
    const received = receivedEvent(sub)
    const checked = checkedEvent(check)
    // Refuse a 代办 acceptance without a 委托书 before any number is reserved.
    if (sub.outcome.type === 'accept' && sub.kind === 'proxy' && !sub.entrustment)
      throw new CaseTransitionRefused('case.needsEntrustment')
    const entrusted = sub.outcome.type === 'accept' && sub.entrustment ? await entrustedEvent(sub.entrustment.draft, sub.entrustment.signature, at) : null
    const outcome = await outcomeEvents(sub.outcome, sub.item.promisedLimitWorkdays, at, workCalendar())
    const helped: CaseEventInput[] = sub.kind === 'assisted' && sub.assistMode ? [{ type: 'case.accompanied', payload: { mode: sub.assistMode } }] : []
    await commit(stream, [received, checked, ...helped, ...(entrusted ? [entrusted.event] : []), ...outcome.events], entrusted ? [...blobs, entrusted.blob] : blobs)
    return { id: stream, receiptNumber: outcome.receipt, dueAt: outcome.dueAt, missing: check.complete ? [] : check.missing }
  }

  /**
   * Refuse what the domain would refuse before any receipt or 委托书 number is reserved: `events` are
   * placeholders of the step's events (numbers and hashes not yet made), folded after the stored ones.
   */
  async function precheck(id: string, events: readonly CaseEventInput[]): Promise<void> {
    checkSteps(id, await eventsRepo.byStream(id), events, { stationId: 'check', deviceId: 'check', staffId: null, occurredAt: isoWithOffset() }, workCalendar())
  }

  /**
   * 补正: check the materials again on a case waiting for supplements, then accept, issue a new notice, or
   * return. 6.3.4.2: a 代办 case without a 委托书 is accepted only with `entrustment` signed now — recorded
   * in the same transaction, before the acceptance, as in the intake.
   */
  async function supplement(id: string, checklist: readonly MaterialDraft[], outcome: IntakeOutcome, entrustment: SignedEntrustment | null = null): Promise<IntakeResult> {
    const state = (await casesRepo.get(id)) ?? null
    if (!state)
      throw new CaseTransitionRefused('case.notFound')
    const { shas, blobs } = await photosOf(checklist)
    const check = evaluateChecklist(checklist, shas)
    if (outcome.type === 'accept' && !check.complete)
      throw new CaseTransitionRefused('case.incomplete', { missing: check.missing.map(m => m.name).join('、') })
    const checked = checkedEvent(check)
    const signed = outcome.type === 'accept' ? entrustment : null
    if (outcome.type === 'accept')
      await precheck(id, [checked, ...acceptProbe(signed)])
    const at = new Date()
    const entrusted = signed ? await entrustedEvent(signed.draft, signed.signature, at) : null
    const next = await outcomeEvents(outcome, state.promisedLimitWorkdays, at, workCalendar())
    await commit(id, [checked, ...(entrusted ? [entrusted.event] : []), ...next.events], entrusted ? [...blobs, entrusted.blob] : blobs)
    return { id, receiptNumber: next.receipt, dueAt: next.dueAt, missing: check.complete ? [] : check.missing }
  }

  /**
   * Accept a case whose materials are complete (refused with the domain's reason otherwise). A 代办 case
   * without a 委托书 takes `entrustment` signed now: entrusted + accepted in one transaction.
   */
  async function accept(id: string, entrustment: SignedEntrustment | null = null): Promise<IntakeResult> {
    const state = (await casesRepo.get(id)) ?? null
    if (!state)
      throw new CaseTransitionRefused('case.notFound')
    // Refuse before a receipt number is reserved.
    await precheck(id, acceptProbe(entrustment))
    const at = new Date()
    const entrusted = entrustment ? await entrustedEvent(entrustment.draft, entrustment.signature, at) : null
    const next = await outcomeEvents({ type: 'accept' }, state.promisedLimitWorkdays, at, workCalendar())
    await commit(id, [...(entrusted ? [entrusted.event] : []), ...next.events], entrusted ? [entrusted.blob] : [])
    return { id, receiptNumber: next.receipt, dueAt: next.dueAt, missing: [] }
  }

  /** 退件 with the reason (Annex D). */
  async function returnCase(id: string, reason: string): Promise<void> {
    await commit(id, [{ type: 'case.returned', payload: { reason: reason.trim() } }], [])
  }

  /**
   * DESIGN §3 / issue 8 item 7: clear flagged reasons with a note; for a conflict, `overrules` names the
   * earlier events that no longer stand when staff choose the later fact (the fold then applies it).
   */
  async function resolveAttention(id: string, resolution: { reasons: string[], note: string, overrules?: string[] }): Promise<void> {
    const payload = { reasons: [...resolution.reasons], note: resolution.note.trim(), ...(resolution.overrules && resolution.overrules.length > 0 ? { overrules: [...resolution.overrules] } : {}) }
    await commit(id, [{ type: 'case.attentionResolved', payload }], [])
  }

  return { rows, truncated, hasMore, shownQuery, shownFilters, urgent, current, loading, find, loadMore, load, loadUrgent, open, nextReceiptNumber, intake, supplement, accept, returnCase, resolveAttention }
})

if (import.meta.hot)
  import.meta.hot.accept(acceptHMRUpdate(useCasesStore, import.meta.hot))
