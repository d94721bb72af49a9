/**
 * Consultations at the counter (6.3.3.1, 6.3.4.1): the register (most recent first), the ones whose
 * reply is overdue or due today (home screen), one consultation's state, and recording: a new
 * consultation (answered on the spot, referred with its 1-working-day due time, or pending), a
 * referral and a reply. Transitions are checked with the domain before anything is written.
 *
 * Issue 5: the register pages from the projection's indexes, most recently active first (`lastAt`, or
 * `[status+lastAt]` with a status filter), never the whole table. Search looks up keyed search tokens (name,
 * a 2-character piece of it, mobile, its last 4: data/searchTokens.ts), and, for item and question text (not
 * indexed: no personal data in index keys), the most recent TEXT_SCAN_LIMIT rows, as the register always did;
 * every hit is checked against the row itself (filterConsultations).
 */
import type { ConsultationEventInput, ConsultationRepliedPayload, ConsultationState, ConsultationStatus } from '../../domain/consultation'
import type { ProvisionalDue, WorkCalendar } from '../../domain/calendar'
import type { Reason } from '../../domain/reason'
import type { ConsultationDraft } from '../consultation/consultationForm'
import type { ProjectionRow } from '../data'
import { acceptHMRUpdate, defineStore } from 'pinia'
import { shallowRef } from 'vue'
import { CONSULTATION_REPLY_WORKDAYS, CONSULTATION_STREAM_KIND, consultationTransitionRefusal } from '../../domain/consultation'
import { newStreamId } from '../../domain/events'
import { reasonText } from '../../domain/reason'
import { AppError } from '../appError'
import { usePagedRecords } from './pagedRecords'
import { urgentConsultations } from '../consultation/consultationDue'
import { recordedPayload, referredPayload } from '../consultation/consultationForm'
import { filterConsultations } from '../consultation/consultationSearch'
import { consultationsRepo, isoWithOffset, recordAs, recordManyAs, searchQueryTokens, workCalendar } from '../data'
import { useSessionStore } from './session'

/** Rows per page of the register. */
export const PAGE_SIZE = 50

/** At most this many token hits of one search are read (the most recent); the list says when there were more. */
export const SEARCH_LIMIT = 200

/** Item and question text are not indexed: a search reads this many of the most recent rows for them. */
export const TEXT_SCAN_LIMIT = 500

type ConsultationRow = ProjectionRow<ConsultationState>

/** The consultations matching `query` (non-empty) and `status`, most recently active first; `cut` when not all were read. */
async function searchConsultations(query: string, status: ConsultationStatus | null): Promise<{ rows: ConsultationRow[], cut: boolean }> {
  const plans = searchQueryTokens(query)
  const [byToken, recent] = await Promise.all([
    plans.length > 0 ? consultationsRepo.searchByTokens(plans, { limit: SEARCH_LIMIT }) : { rows: [], matched: 0 },
    consultationsRepo.listPage({ limit: TEXT_SCAN_LIMIT, status }),
  ])
  const byId = new Map<string, ConsultationRow>()
  for (const row of [...byToken.rows, ...recent.rows])
    byId.set(row.id, row)
  // Token hits may be chance collisions, and the recent rows are unfiltered: the row itself decides.
  const rows = filterConsultations([...byId.values()], query, status).sort((a, b) => b.lastAt - a.lastAt || (a.id < b.id ? 1 : -1))
  return { rows, cut: byToken.matched > byToken.rows.length }
}

/** The domain refused a step (e.g. replying to one answered on the spot), worded from its reason's code. */
export class ConsultationTransitionRefused extends AppError {
  override readonly name = 'ConsultationTransitionRefused'
  static because(reason: Reason): ConsultationTransitionRefused {
    return new ConsultationTransitionRefused('refused', { reason: reasonText(reason) }, { domainReason: reason })
  }
}

/** The holiday schedule for the due date's year is not published: no due time can be computed (no longer thrown: 暂定). */
export class DueNotComputable extends Error {
  override readonly name = 'DueNotComputable'
}

/**
 * 6.3.3.1.3: the reply deadline of a consultation recorded at `recordedAt` (1 working day); DOMAIN.md 暂定:
 * counted Monday–Friday and `provisional` when it crosses into an unpublished year (the fold recounts it).
 */
export function referralDue(recordedAt: Date | string, calendar: Pick<WorkCalendar, 'provisionalDueAfterWorkdays'>): ProvisionalDue & { ok: true } {
  return { ok: true, ...calendar.provisionalDueAfterWorkdays(recordedAt, CONSULTATION_REPLY_WORKDAYS) }
}

/** A bound past any deadline: listDueBefore with it lists every open record with a deadline. */
const FAR_FUTURE_MS = 8.64e15

export const useConsultationsStore = defineStore('consultations', () => {
  /**
   * The register as far as it is loaded (pages, or a search's hits), most recently active first;
   * `truncated`: the search matched more than SEARCH_LIMIT consultations by name or mobile, only the most
   * recent are shown.
   */
  const { rows, truncated, hasMore, shownQuery, shownFilter: shownStatus, loading, find: findRows, loadMore } = usePagedRecords<ConsultationRow, ConsultationStatus | null>({
    search: (query, status) => searchConsultations(query, status),
    firstPage: status => consultationsRepo.listPage({ limit: PAGE_SIZE, status }),
    nextPage: (status, after) => consultationsRepo.listPage({ limit: PAGE_SIZE, after, status }),
  }, null)
  /** Overdue and due-today referrals, overdue first (see urgentConsultations). */
  const urgent = shallowRef<ConsultationState[]>([])
  /** The consultation open in the detail view. */
  const current = shallowRef<ConsultationState | null>(null)

  /** Show the consultations matching `query` and `status` (the first page when there is no query). */
  async function find(query: string = '', status: ConsultationStatus | null = null): Promise<void> {
    await findRows(query, status)
  }

  /** Reload what the register shows (after a write). */
  async function load(): Promise<void> {
    await find(shownQuery.value, shownStatus.value)
  }

  /** Reload the overdue and due-today list as of `now`. */
  async function loadUrgent(now: Date = new Date()): Promise<void> {
    // Issue 14: every referral still awaiting its reply, due later ones too (most urgent first).
    const due = await consultationsRepo.listDueBefore(new Date(FAR_FUTURE_MS))
    urgent.value = urgentConsultations(due, now)
  }

  async function open(id: string): Promise<ConsultationState | null> {
    current.value = (await consultationsRepo.get(id)) ?? null
    return current.value
  }

  async function refreshAfterWrite(stream: string): Promise<void> {
    const [state] = await Promise.all([consultationsRepo.get(stream), load(), loadUrgent()])
    if (current.value?.id === stream || !current.value)
      current.value = state ?? null
  }

  /**
   * Record a validated draft: `consultation.recorded`, plus `consultation.referred` due 1 working day
   * after it when referred (暂定 when it crosses into an unpublished year) — in one transaction. Returns the new stream id.
   */
  async function recordNew(draft: ConsultationDraft): Promise<string> {
    const stream = newStreamId(CONSULTATION_STREAM_KIND)
    const events: ConsultationEventInput[] = [{ type: 'consultation.recorded', payload: recordedPayload(draft) }]
    if (draft.outcome === 'referred') {
      // Both events share one occurredAt (the recorder's): the due runs from the day it is recorded.
      const due = referralDue(new Date(), workCalendar())
      events.push({ type: 'consultation.referred', payload: referredPayload(draft, due.due, due.provisional) })
    }
    await recordManyAs(useSessionStore().author, events.map(e => ({ stream, type: e.type, payload: e.payload })))
    await refreshAfterWrite(stream)
    return stream
  }

  async function recordStep(id: string, event: ConsultationEventInput): Promise<void> {
    const state = (await consultationsRepo.get(id)) ?? null
    const refusal = consultationTransitionRefusal(state, event)
    if (refusal)
      throw ConsultationTransitionRefused.because(refusal)
    await recordAs(useSessionStore().author, { stream: id, type: event.type, payload: event.payload })
    await refreshAfterWrite(id)
  }

  /** 6.3.3.1.3: refer a pending consultation to a department; due 1 working day after it was recorded. */
  async function refer(id: string, referral: Pick<ConsultationDraft, 'department' | 'personName' | 'personPhone'>): Promise<void> {
    const state = await consultationsRepo.get(id)
    const due = referralDue(state?.recordedAt ?? new Date(), workCalendar())
    await recordStep(id, { type: 'consultation.referred', payload: referredPayload(referral, due.due, due.provisional) })
  }

  /** 6.3.3.1.3: the reply given to the citizen now. */
  async function reply(id: string, text: string, via: ConsultationRepliedPayload['via'] = null): Promise<void> {
    await recordStep(id, { type: 'consultation.replied', payload: { reply: text.trim(), repliedAt: isoWithOffset(), via } })
  }

  /** DESIGN §3 / issue 8 item 7: clear flagged reasons with a note; `overrules` sets aside the earlier of two contradicting records. */
  async function resolveAttention(id: string, resolution: { reasons: string[], note: string, overrules?: string[] }): Promise<void> {
    const payload = { reasons: [...resolution.reasons], note: resolution.note.trim(), ...(resolution.overrules && resolution.overrules.length > 0 ? { overrules: [...resolution.overrules] } : {}) }
    await recordStep(id, { type: 'consultation.attentionResolved', payload })
  }

  return { rows, truncated, hasMore, shownQuery, shownStatus, urgent, current, loading, find, loadMore, load, loadUrgent, open, recordNew, refer, reply, resolveAttention }
})

if (import.meta.hot)
  import.meta.hot.accept(acceptHMRUpdate(useConsultationsStore, import.meta.hot))
