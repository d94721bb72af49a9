/**
 * The steps of a case at the counter as events (6.3.2 intake, 补正, acceptance, return), before they are
 * recorded: what an intake submits, the events of its outcome with the promised due (6.2.1, 暂定 through an
 * unpublished year), and the check of every step against the domain's caseTransitionRefusal.
 */
import type { ProvisionalDue, WorkCalendar } from '../../domain/calendar'
import type { Applicant, AssistMode, CaseEventInput, CaseKind, CaseState } from '../../domain/case'
import type { DomainEvent } from '../../domain/events'
import type { CatalogItem } from '../catalog/catalogItem'
import type { MissingMaterial } from '../catalog/oneTimeNotice'
import type { BlobInput } from '../data'
import type { EntrustmentDraft } from '../entrustment/entrustmentForm'
import type { ChecklistResult, MaterialDraft } from '../intake/materialChecklist'
import { caseTransitionRefusal, foldCase } from '../../domain/case'
import { newEventId } from '../../domain/events'
import { sha256Hex } from '../data'
import { entrustedPayload } from '../entrustment/entrustmentForm'
import { CaseTransitionRefused } from './caseErrors'
import { nextReceiptNumber } from './documentNumbers'

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
export function checkSteps(stream: string, stored: readonly DomainEvent[], events: readonly CaseEventInput[], envelope: Omit<DomainEvent, 'id' | 'stream' | 'type' | 'payload' | 'v'>, calendar: WorkCalendar): void {
  const proposed: DomainEvent[] = [...stored]
  let state: CaseState | null = stored.length > 0 ? foldCase(stored, calendar) : null
  for (const ev of events) {
    const refusal = caseTransitionRefusal(state, ev, envelope.occurredAt)
    if (refusal)
      throw CaseTransitionRefused.because(refusal)
    proposed.push({ ...envelope, id: newEventId(), stream, type: ev.type, v: 1, payload: ev.payload })
    state = foldCase(proposed, calendar)
  }
}

/** The events of an acceptance (with the 委托书 signed now, if given) as placeholders for a precheck. */
export function acceptProbe(entrustment: SignedEntrustment | null): CaseEventInput[] {
  return [
    ...(entrustment ? [{ type: 'case.entrusted', payload: entrustedPayload(entrustment.draft, 'check', '0'.repeat(64)) } satisfies CaseEventInput] : []),
    { type: 'case.accepted', payload: { receiptNumber: 'check', dueAt: null } },
  ]
}

/** The events of an outcome after a materials check; an acceptance reserves its receipt number. */
export async function outcomeEvents(outcome: IntakeOutcome, promisedLimitWorkdays: number | null, at: Date, calendar: WorkCalendar): Promise<{ events: CaseEventInput[], receipt: string | null, dueAt: string | null }> {
  if (outcome.type === 'return')
    return { events: [{ type: 'case.returned', payload: { reason: outcome.reason.trim() } }], receipt: null, dueAt: null }
  if (outcome.type === 'notice')
    return { events: [], receipt: null, dueAt: null }
  const due = acceptanceDue(promisedLimitWorkdays, calendar, at)
  // Schedule not published: a Monday–Friday due marked provisional; the fold recounts it once the year arrives.
  const dueAt = due?.due ?? null
  const receipt = await nextReceiptNumber(at)
  const payload = { receiptNumber: receipt, dueAt, ...(due?.provisional ? { dueProvisional: true as const } : {}), ...(outcome.assistMode ? { assistMode: outcome.assistMode } : {}) }
  return { events: [{ type: 'case.accepted', payload }], receipt, dueAt }
}

/** Hash the new photos of a checklist (the blobs go with the event). */
export async function photosOf(checklist: readonly MaterialDraft[]): Promise<{ shas: (string | null)[], blobs: BlobInput[] }> {
  const shas = await Promise.all(checklist.map(r => (r.photo ? sha256Hex(r.photo) : Promise.resolve(null))))
  const blobs = checklist.flatMap((r, i) => (r.photo && shas[i] ? [{ sha256: shas[i], blob: r.photo }] : []))
  return { shas, blobs }
}

/** 6.3.2: the case.received event of an intake. */
export function receivedEvent(sub: IntakeSubmission): CaseEventInput {
  return {
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
}

/** 6.3.2: the case.materialsChecked event of a check; an incomplete one issues the one-time notice. */
export function checkedEvent(check: Pick<ChecklistResult, 'checks' | 'complete'>): CaseEventInput {
  return { type: 'case.materialsChecked', payload: { materials: check.checks, complete: check.complete, ...(check.complete ? {} : { noticeIssued: true }) } }
}
