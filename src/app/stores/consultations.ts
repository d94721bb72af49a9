/**
 * Consultations at the counter (6.3.3.1, 6.3.4.1): the register (most recent first), the ones whose
 * reply is overdue or due today (home screen), one consultation's state, and recording: a new
 * consultation (answered on the spot, referred with its 1-working-day due time, or pending), a
 * referral and a reply. Transitions are checked with the domain before anything is written.
 */
import type { ConsultationEventInput, ConsultationRepliedPayload, ConsultationState } from '../../domain/consultation'
import type { DueResult } from '../../domain/calendar'
import type { ConsultationDraft } from '../consultation/consultationForm'
import { acceptHMRUpdate, defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import { tryDueAfterWorkdays } from '../../domain/calendar'
import { CONSULTATION_STREAM_KIND, consultationTransitionError } from '../../domain/consultation'
import { newStreamId } from '../../domain/events'
import { isoWithOffset, useEventRecorder } from '../composables/useEventRecorder'
import { endOfCstDay, urgentConsultations } from '../consultation/consultationDue'
import { recordedPayload, referredPayload } from '../consultation/consultationForm'
import { consultationsRepo } from '../data'

/** The domain refused a step (e.g. replying to one answered on the spot); the message is Chinese. */
export class ConsultationTransitionRefused extends Error {
  override readonly name = 'ConsultationTransitionRefused'
}

/** The holiday schedule for the due date's year is not published: no due time can be computed. */
export class DueNotComputable extends Error {
  override readonly name = 'DueNotComputable'
}

/** 6.3.3.1.3: the reply deadline of a consultation recorded at `recordedAt` (1 working day). */
export function referralDue(recordedAt: Date | string): DueResult {
  return tryDueAfterWorkdays(recordedAt, 1)
}

export const useConsultationsStore = defineStore('consultations', () => {
  /** The register, most recently active first. */
  const recent = shallowRef<ConsultationState[]>([])
  /** Overdue and due-today referrals, overdue first (see urgentConsultations). */
  const urgent = shallowRef<ConsultationState[]>([])
  /** The consultation open in the detail view. */
  const current = shallowRef<ConsultationState | null>(null)
  const loading = ref(false)

  /** Reload the register (up to `limit` consultations). */
  async function load(limit = 500): Promise<void> {
    loading.value = true
    try {
      recent.value = await consultationsRepo.listRecent(limit)
    }
    finally {
      loading.value = false
    }
  }

  /** Reload the overdue and due-today list as of `now`. */
  async function loadUrgent(now: Date = new Date()): Promise<void> {
    // listDueBefore is strict: a deadline at the very end of today (23:59:59.999) must be included.
    const due = await consultationsRepo.listDueBefore(new Date(Date.parse(endOfCstDay(now)) + 1))
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
   * after it when referred — in one transaction. Returns the new stream id. Throws DueNotComputable
   * (nothing written) when the calendar cannot give the due time.
   */
  async function recordNew(draft: ConsultationDraft): Promise<string> {
    const stream = newStreamId(CONSULTATION_STREAM_KIND)
    const events: ConsultationEventInput[] = [{ type: 'consultation.recorded', payload: recordedPayload(draft) }]
    if (draft.outcome === 'referred') {
      // Both events share one occurredAt (the recorder's): the due runs from the day it is recorded.
      const due = referralDue(new Date())
      if (!due.ok)
        throw new DueNotComputable(due.message)
      events.push({ type: 'consultation.referred', payload: referredPayload(draft, due.due) })
    }
    await useEventRecorder().recordMany(events.map(e => ({ stream, type: e.type, payload: e.payload })))
    await refreshAfterWrite(stream)
    return stream
  }

  async function recordStep(id: string, event: ConsultationEventInput): Promise<void> {
    const state = (await consultationsRepo.get(id)) ?? null
    const refusal = consultationTransitionError(state, event)
    if (refusal)
      throw new ConsultationTransitionRefused(refusal)
    await useEventRecorder().record({ stream: id, type: event.type, payload: event.payload })
    await refreshAfterWrite(id)
  }

  /** 6.3.3.1.3: refer a pending consultation to a department; due 1 working day after it was recorded. */
  async function refer(id: string, referral: Pick<ConsultationDraft, 'department' | 'personName' | 'personPhone'>): Promise<void> {
    const state = await consultationsRepo.get(id)
    const due = referralDue(state?.recordedAt ?? new Date())
    if (!due.ok)
      throw new DueNotComputable(due.message)
    await recordStep(id, { type: 'consultation.referred', payload: referredPayload(referral, due.due) })
  }

  /** 6.3.3.1.3: the reply given to the citizen now. */
  async function reply(id: string, text: string, via: ConsultationRepliedPayload['via'] = null): Promise<void> {
    await recordStep(id, { type: 'consultation.replied', payload: { reply: text.trim(), repliedAt: isoWithOffset(), via } })
  }

  return { recent, urgent, current, loading, load, loadUrgent, open, recordNew, refer, reply }
})

if (import.meta.hot)
  import.meta.hot.accept(acceptHMRUpdate(useConsultationsStore, import.meta.hot))
