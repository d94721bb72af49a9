/**
 * Cases at the counter (6.3.2 intake, 6.3.3 帮办, 6.3.4 代办; issue 4 items 4 and 10): the case list and
 * its search, the overdue and due-today cases for the home screen, one case's state, and recording an
 * intake (received + materials checked + accepted / one-time notice / returned), a 补正 check, an acceptance
 * (a 代办 case's with its 委托书 signed in the same transaction) and a return.
 * Every step is checked with the domain's caseTransitionError before anything is written, and the
 * facts of one step are recorded together (one transaction).
 *
 * The list pages from the projection's indexes, most recently active first (issue 5: never the whole table);
 * search looks up keyed search tokens (data/searchTokens.ts: no personal data in index keys, DESIGN §3), the
 * item and the case number through indexes, then checks every hit against the row itself (caseSearch.ts).
 */
import type { Applicant, AssistMode, CaseEventInput, CaseKind, CaseState } from '../../domain/case'
import type { ProvisionalDue, WorkCalendar } from '../../domain/calendar'
import type { DomainEvent } from '../../domain/events'
import type { CatalogItem } from '../catalog/catalogItem'
import type { MissingMaterial } from '../catalog/oneTimeNotice'
import type { CaseFilters } from '../case/caseSearch'
import type { BlobInput, ProjectionRow } from '../data'
import type { EntrustmentDraft } from '../entrustment/entrustmentForm'
import type { MaterialDraft } from '../intake/materialChecklist'
import { acceptHMRUpdate, defineStore } from 'pinia'
import { shallowRef } from 'vue'
import { endOfCstDay } from '../../domain/calendar'
import { CASE_STREAM_KIND, caseTransitionError, foldCase } from '../../domain/case'
import { newEventId, newStreamId } from '../../domain/events'
import { CaseTransitionRefused } from '../case/caseErrors'
import { OPEN_CASE_STATUSES, openCases, searchCases } from '../case/caseSearch'
import { entrustedEvent, nextReceiptNumber } from '../case/documentNumbers'
import { usePagedRecords } from './pagedRecords'
import { casesRepo, eventsRepo, isoWithOffset, normaliseSearchText, recordManyAs, referenceRepo, searchQueryTokens, sha256Hex, workCalendar } from '../data'
import { evaluateChecklist } from '../intake/materialChecklist'
import { entrustedPayload } from '../entrustment/entrustmentForm'
import { useSessionStore } from './session'

/** Open cases read per status for the home screen. */
const OPEN_SCAN = 200

/** Rows per page of the case list. */
export const PAGE_SIZE = 50

/** At most this many hits of one search are read (the most recent); the list says when there were more. */
export const SEARCH_LIMIT = 200

type CaseRow = ProjectionRow<CaseState>

/** The cases a query may mean, through indexes only: search tokens, the items it names, a case number. */
async function findCandidates(query: string): Promise<{ rows: CaseRow[], cut: boolean }> {
  const q = normaliseSearchText(query)
  const plans = searchQueryTokens(query)
  const uuid = /^(?:CASE:)?([0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12})$/.exec(q)?.[1]
  const [byToken, byItem, byId] = await Promise.all([
    plans.length > 0 ? casesRepo.searchByTokens(plans, { limit: SEARCH_LIMIT }) : { rows: [], matched: 0 },
    // The catalog is small: match item names and codes there, then read those items' cases by index.
    q.length >= 2
      ? referenceRepo.list('serviceItems').then((items) => {
          const codes = items.flatMap(i => (typeof i.code === 'string' && (i.code.toUpperCase() === q || (typeof i.name === 'string' && normaliseSearchText(i.name).includes(q))) ? [i.code] : []))
          return codes.length > 0 ? casesRepo.listByItems(codes, { limit: SEARCH_LIMIT }) : []
        })
      : [],
    uuid ? casesRepo.get(`${CASE_STREAM_KIND}:${uuid.toLowerCase()}`) : undefined,
  ])
  const byIdRows = new Map<string, CaseRow>()
  for (const row of [...(byId ? [byId] : []), ...byToken.rows, ...byItem])
    byIdRows.set(row.id, row)
  const rows = [...byIdRows.values()].sort((a, b) => b.lastAt - a.lastAt)
  return { rows, cut: byToken.matched > byToken.rows.length || byItem.length >= SEARCH_LIMIT }
}

export { CaseTransitionRefused, ReceiptNumberUnavailable } from '../case/caseErrors'

/** What the intake decided at its last step. */
export type IntakeOutcome = { type: 'accept', assistMode?: AssistMode | null } | { type: 'notice' } | { type: 'return', reason: string }
/** The decision staff pick on the outcome step. */
export type OutcomeChoice = IntakeOutcome['type']

export interface IntakeSubmission {
  kind: CaseKind
  item: Pick<CatalogItem, 'code' | 'name' | 'department' | 'promisedLimitWorkdays'>
  applicant: Applicant
  checklist: readonly MaterialDraft[]
  outcome: IntakeOutcome
  /** 'appointment:<uuid>' when the citizen booked (appointments come later). */
  appointmentId?: string | null
  /** 6.3.4.2: a 代办 intake is accepted only with the 委托书 signed now (recorded before the acceptance). */
  entrustment?: SignedEntrustment | null
  /** Annex E 帮办方式 of a 帮办 intake, recorded as case.accompanied right after the materials check. */
  assistMode?: AssistMode | null
}

/** A 委托书 filled in and signed by the principal on the tablet, not yet numbered. */
export interface SignedEntrustment { draft: EntrustmentDraft, signature: Blob }

/** What a recorded step left: the case, its receipt number if accepted, and the missing list if a notice is due. */
export interface IntakeResult {
  id: string
  receiptNumber: string | null
  dueAt: string | null
  missing: MissingMaterial[]
}

/** 6.2.1: the promised deadline of a case accepted at `at` (null: the item has no limit); 暂定 where it crosses an unpublished year. */
export function acceptanceDue(promisedLimitWorkdays: number | null, calendar: Pick<WorkCalendar, 'provisionalDueAfterWorkdays'>, at: Date = new Date()): ProvisionalDue | null {
  return promisedLimitWorkdays === null ? null : calendar.provisionalDueAfterWorkdays(at, promisedLimitWorkdays)
}

/** Fold `events` after the stream's stored ones, step by step; throws CaseTransitionRefused at the first the domain refuses. */
function checkSteps(stream: string, stored: readonly DomainEvent[], events: readonly CaseEventInput[], envelope: Omit<DomainEvent, 'id' | 'stream' | 'type' | 'payload' | 'v'>, calendar: WorkCalendar): void {
  const proposed: DomainEvent[] = [...stored]
  let state: CaseState | null = stored.length > 0 ? foldCase(stored, calendar) : null
  for (const ev of events) {
    const refusal = caseTransitionError(state, ev, envelope.occurredAt)
    if (refusal)
      throw CaseTransitionRefused.because(refusal)
    proposed.push({ ...envelope, id: newEventId(), stream, type: ev.type, v: 1, payload: ev.payload })
    state = foldCase(proposed, calendar)
  }
}

export const useCasesStore = defineStore('cases', () => {
  /**
   * The list as far as it is loaded (pages, or a search's hits), most recently active first; `truncated`:
   * the search matched more than SEARCH_LIMIT cases, only the most recent are shown.
   */
  const { rows, truncated, hasMore, shownQuery, shownFilter: shownFilters, loading, find: findRows, loadMore } = usePagedRecords<CaseRow, CaseFilters>({
    async search(query, filters, now) {
      const candidates = await findCandidates(query)
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

  /** The events of an outcome after a materials check. */
  async function outcomeEvents(outcome: IntakeOutcome, promisedLimitWorkdays: number | null, at: Date): Promise<{ events: CaseEventInput[], receipt: string | null, dueAt: string | null }> {
    if (outcome.type === 'return')
      return { events: [{ type: 'case.returned', payload: { reason: outcome.reason.trim() } }], receipt: null, dueAt: null }
    if (outcome.type === 'notice')
      return { events: [], receipt: null, dueAt: null }
    const due = acceptanceDue(promisedLimitWorkdays, workCalendar(), at)
    // Schedule not published: a Monday–Friday due marked provisional; the fold recounts it once the year arrives.
    const dueAt = due?.due ?? null
    const receipt = await nextReceiptNumber(at)
    const payload = { receiptNumber: receipt, dueAt, ...(due?.provisional ? { dueProvisional: true as const } : {}), ...(outcome.assistMode ? { assistMode: outcome.assistMode } : {}) }
    return { events: [{ type: 'case.accepted', payload }], receipt, dueAt }
  }

  /** Check, then record the events of one step together, with the photos of the checklist. */
  async function commit(stream: string, events: CaseEventInput[], blobs: BlobInput[]): Promise<void> {
    const stored = await eventsRepo.byStream(stream)
    checkSteps(stream, stored, events, { stationId: 'check', deviceId: 'check', staffId: null, occurredAt: isoWithOffset() }, workCalendar())
    await recordManyAs(useSessionStore().author, events.map(e => ({ stream, type: e.type, payload: e.payload })), { blobs })
    await Promise.all([load(), loadUrgent()])
    current.value = (await casesRepo.get(stream)) ?? null
  }

  /** Hash the new photos of a checklist (the blobs go with the event). */
  async function photosOf(checklist: readonly MaterialDraft[]): Promise<{ shas: (string | null)[], blobs: BlobInput[] }> {
    const shas = await Promise.all(checklist.map(r => (r.photo ? sha256Hex(r.photo) : Promise.resolve(null))))
    const blobs = checklist.flatMap((r, i) => (r.photo && shas[i] ? [{ sha256: shas[i], blob: r.photo }] : []))
    return { shas, blobs }
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
    const received: CaseEventInput = {
      type: 'case.received',
      payload: {
        kind: sub.kind,
        itemCode: sub.item.code,
        itemName: sub.item.name,
        department: sub.item.department,
        promisedLimitWorkdays: sub.item.promisedLimitWorkdays,
        channel: sub.appointmentId ? 'appointment' : 'walkIn',
        appointmentId: sub.appointmentId ?? null,
        applicant: sub.applicant,
      },
    }
    const checked: CaseEventInput = { type: 'case.materialsChecked', payload: { materials: check.checks, complete: check.complete, ...(check.complete ? {} : { noticeIssued: true }) } }
    // Refuse a 代办 acceptance without a 委托书 before any number is reserved.
    if (sub.outcome.type === 'accept' && sub.kind === 'proxy' && !sub.entrustment)
      throw new CaseTransitionRefused('case.needsEntrustment')
    const entrusted = sub.outcome.type === 'accept' && sub.entrustment ? await entrustedEvent(sub.entrustment.draft, sub.entrustment.signature, at) : null
    const outcome = await outcomeEvents(sub.outcome, sub.item.promisedLimitWorkdays, at)
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

  /** The events of an acceptance (with the 委托书 signed now, if given) as placeholders for precheck. */
  function acceptProbe(entrustment: SignedEntrustment | null): CaseEventInput[] {
    return [
      ...(entrustment ? [{ type: 'case.entrusted', payload: entrustedPayload(entrustment.draft, 'check', '0'.repeat(64)) } satisfies CaseEventInput] : []),
      { type: 'case.accepted', payload: { receiptNumber: 'check', dueAt: null } },
    ]
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
    const checked: CaseEventInput = { type: 'case.materialsChecked', payload: { materials: check.checks, complete: check.complete, ...(check.complete ? {} : { noticeIssued: true }) } }
    const signed = outcome.type === 'accept' ? entrustment : null
    if (outcome.type === 'accept')
      await precheck(id, [checked, ...acceptProbe(signed)])
    const at = new Date()
    const entrusted = signed ? await entrustedEvent(signed.draft, signed.signature, at) : null
    const next = await outcomeEvents(outcome, state.promisedLimitWorkdays, at)
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
    const next = await outcomeEvents({ type: 'accept' }, state.promisedLimitWorkdays, at)
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
