/**
 * foldCase: the state of one case from its events (DESIGN §3, 6.3.2–6.3.4). Each readable event is judged
 * by the case rules, applied or refused, and logged; flagged reasons stay until staff resolve them.
 */
import type { WorkCalendar } from '../calendar'
import type { DomainEvent } from '../events'
import type { CaseEventInput } from './eventSchemas'
import type { AssistMode, CaseEventType } from './payloads'
import type { Reason } from '../reason'
import type { CaseLogEntry, CaseState, CaseSupplement, CaseSuspension, CaseRenewal } from './state'
import type { Fact } from './verdict'
import { OVERRULED, overruledEvents } from '../attentionResolution'
import { conflictReason, logEntry, readEvent, streamInFoldOrder, unreadableEntry, withAttention } from '../foldSupport'
import { reasonText } from '../reason'
import { completionOutcomeOf } from './completionResult'
import { caseEventSchemas } from './eventSchemas'
import { caseEventLabels } from './labels'
import { caseEventTypes } from './payloads'
import { summarize, withoutPersonalData } from './timeline'
import { judge } from './transitions'
import { factOf } from './verdict'

const catalogue = { types: caseEventTypes, schemas: caseEventSchemas, labels: caseEventLabels }

function withMode(modes: AssistMode[], mode: AssistMode | null | undefined): AssistMode[] {
  return mode && !modes.includes(mode) ? [...modes, mode] : modes
}

/** The calendar a case fold counts working days with (the caller's: the app's or the server's, holding the years imported there). */
export type CaseFoldCalendar = Pick<WorkCalendar, 'provisionalDueAfterWorkdays'>

function apply(state: CaseState | null, e: DomainEvent, ev: CaseEventInput, calendar: CaseFoldCalendar): CaseState | null {
  if (ev.type === 'case.received') {
    const p = ev.payload
    return {
      id: e.stream,
      stationId: e.stationId,
      staffId: e.staffId,
      deviceId: e.deviceId,
      kind: p.kind,
      status: 'received',
      itemCode: p.itemCode,
      itemName: p.itemName,
      department: p.department,
      promisedLimitWorkdays: p.promisedLimitWorkdays,
      channel: p.channel,
      appointmentId: p.appointmentId ?? null,
      applicant: p.applicant,
      materials: null,
      missingMaterials: [],
      noticeIssued: false,
      assistMode: null,
      receiptNumber: null,
      receivedAt: e.occurredAt,
      acceptedAt: null,
      dueAt: null,
      dueProvisional: false,
      dueUnpublishedYears: [],
      completedAt: null,
      onTime: null,
      completionResult: null,
      returnReason: null,
      returnedAt: null,
      handover: null,
      handedOverAt: null,
      assistModes: [],
      convertedFromAssisted: null,
      entrustment: null,
      entrustmentValidTo: null,
      renewals: [],
      inProgressAt: null,
      supplements: [],
      suspensions: [],
      termination: null,
      attentionResolutions: [],
      log: [],
      needsAttention: false,
      attentionReasons: [],
      lastOccurredAt: e.occurredAt,
      eventCount: 0,
    }
  }
  if (!state)
    return state
  switch (ev.type) {
    case 'case.logged':
    case 'case.attentionResolved':
      return state
    case 'case.materialsChecked': {
      const missing = ev.payload.materials.filter(m => m.required && m.status === 'missing').map(m => m.name)
      return {
        ...state,
        status: ev.payload.complete ? 'materialsComplete' : 'awaitingSupplement',
        materials: ev.payload.materials,
        missingMaterials: missing,
        noticeIssued: state.noticeIssued || ev.payload.noticeIssued === true,
      }
    }
    case 'case.accepted':
      if (state.receiptNumber !== null)
        return state // the same acceptance recorded twice
      return {
        ...state,
        status: 'accepted',
        receiptNumber: ev.payload.receiptNumber,
        acceptedAt: e.occurredAt,
        ...acceptedDue(state.promisedLimitWorkdays, ev.payload, e.occurredAt, calendar),
        assistMode: ev.payload.assistMode ?? state.assistMode,
        assistModes: withMode(state.assistModes, ev.payload.assistMode),
      }
    case 'case.returned':
      if (state.status === 'returned')
        return state
      return { ...state, status: 'returned', returnReason: ev.payload.reason, returnedAt: e.occurredAt }
    case 'case.completed': {
      if (state.completedAt !== null)
        return state
      const onTime = state.dueAt === null ? null : Date.parse(ev.payload.completedAt) <= Date.parse(state.dueAt)
      return { ...state, status: 'completed', completedAt: ev.payload.completedAt, onTime, completionResult: completionOutcomeOf(ev.payload) }
    }
    case 'case.handedOver':
      return { ...state, status: 'handedOver', handover: ev.payload, handedOverAt: e.occurredAt }
    case 'case.convertedToProxy':
      if (state.convertedFromAssisted)
        return state
      return { ...state, kind: 'proxy', convertedFromAssisted: { convertedAt: e.occurredAt, reason: ev.payload.reason } }
    case 'case.accompanied':
      return { ...state, assistMode: state.assistMode ?? ev.payload.mode, assistModes: withMode(state.assistModes, ev.payload.mode) }
    case 'case.entrusted':
      if (state.entrustment)
        return state
      return { ...state, entrustment: { ...ev.payload, entrustedAt: e.occurredAt }, entrustmentValidTo: ev.payload.validTo }
    case 'case.inProgress':
      if (state.status === 'inProgress')
        return state
      return { ...state, status: 'inProgress', inProgressAt: state.inProgressAt ?? e.occurredAt }
    case 'case.supplementRequested': {
      if (state.status === 'supplementRequested')
        return state
      const p = ev.payload
      const supplement: CaseSupplement = { requestedAt: e.occurredAt, requestedBy: p.requestedBy ?? null, materials: p.materials, contact: p.contact, received: [], receivedAt: null, statusBefore: state.status }
      return { ...state, status: 'supplementRequested', supplements: [...state.supplements, supplement] }
    }
    case 'case.supplementReceived': {
      const open = state.supplements[state.supplements.length - 1]
      if (!open)
        return state
      const updated: CaseSupplement = { ...open, received: [...open.received, ...ev.payload.materials], receivedAt: ev.payload.complete ? e.occurredAt : null }
      return { ...state, status: ev.payload.complete ? open.statusBefore : state.status, supplements: [...state.supplements.slice(0, -1), updated] }
    }
    case 'case.suspended': {
      if (state.status === 'suspended')
        return state
      const suspension: CaseSuspension = { suspendedAt: e.occurredAt, reason: ev.payload.reason, expectedResumeDate: ev.payload.expectedResumeDate ?? null, statusBefore: state.status, resumedAt: null, resumeNote: null }
      return { ...state, status: 'suspended', suspensions: [...state.suspensions, suspension] }
    }
    case 'case.resumed': {
      const open = state.suspensions[state.suspensions.length - 1]
      if (!open)
        return state
      const closed: CaseSuspension = { ...open, resumedAt: e.occurredAt, resumeNote: ev.payload.note ?? null }
      return { ...state, status: open.statusBefore, suspensions: [...state.suspensions.slice(0, -1), closed] }
    }
    case 'case.terminated': {
      if (state.status === 'terminated')
        return state
      const p = ev.payload
      return { ...state, status: 'terminated', termination: { terminatedAt: e.occurredAt, reason: p.reason, initiatedBy: p.initiatedBy, materialsReturned: p.materialsReturned, signatureSha256: p.signatureSha256 ?? null } }
    }
    case 'case.renewed': {
      const p = ev.payload
      if (state.renewals.some(r => r.entrustmentNumber === p.entrustmentNumber))
        return state
      const renewal: CaseRenewal = { entrustmentNumber: p.entrustmentNumber, validFrom: p.validFrom, validTo: p.validTo, reason: p.reason ?? null, signatureSha256: p.signatureSha256, renewedAt: e.occurredAt }
      return { ...state, renewals: [...state.renewals, renewal], entrustmentValidTo: p.validTo }
    }
  }
}

/**
 * 6.2.1, DOMAIN.md 暂定: the due of an acceptance. A final due recorded at intake stands; one recorded as
 * provisional (or none at all although the item has a limit: cases accepted before 暂定 existed) is counted
 * again from the acceptance with this calendar, so it becomes final once the years it crosses are published.
 */
export function acceptedDue(promisedLimitWorkdays: number | null, payload: { dueAt: string | null, dueProvisional?: boolean | undefined }, acceptedAt: string, calendar: CaseFoldCalendar): Pick<CaseState, 'dueAt' | 'dueProvisional' | 'dueUnpublishedYears'> {
  const recount = promisedLimitWorkdays !== null && (payload.dueProvisional === true || payload.dueAt === null)
  if (!recount)
    return { dueAt: payload.dueAt, dueProvisional: false, dueUnpublishedYears: [] }
  const due = calendar.provisionalDueAfterWorkdays(acceptedAt, promisedLimitWorkdays)
  return { dueAt: due.due, dueProvisional: due.provisional, dueUnpublishedYears: due.unpublishedYears }
}

/**
 * DESIGN §3, 6.3.2–6.3.4: the state of one case from its events, in (occurredAt, id) order, each id once.
 * Null when the stream has no readable `case.received`. Illegal steps stay in the log, are not applied,
 * and set needsAttention; of two contradicting facts the earlier in fold order wins. A
 * `case.attentionResolved` clears the reasons it lists that were raised before it; later ones flag again.
 * `calendar` counts provisional dues (暂定): refold with it once it holds a newly published year.
 */
export function foldCase(events: readonly DomainEvent[], calendar: CaseFoldCalendar): CaseState | null {
  const mine = streamInFoldOrder(events, e => e.type === 'case.received')
  if (!mine)
    return null
  let state: CaseState | null = null
  const log: CaseLogEntry[] = []
  // Raised reasons, in order, as long as no resolution has cleared them.
  let active: Reason[] = []
  const factDevice = new Map<Fact, string>()
  const factEvent = new Map<Fact, string>()
  const overruled = overruledEvents(mine, 'case.attentionResolved')
  for (const e of mine) {
    if (overruled.has(e.id)) {
      // Staff chose the contradicting fact: this one no longer stands (it stays in the timeline).
      log.push(logEntry(e, caseEventLabels[e.type as CaseEventType] ?? e.type, OVERRULED, null))
      continue
    }
    const read = readEvent<CaseEventType, CaseEventInput>(e, catalogue)
    if (!read.ok) {
      log.push(unreadableEntry(e, read.reason))
      active.push(read.reason)
      continue
    }
    const input = read.input
    const verdict = judge(state, input, e.occurredAt)
    const summary = summarize(input)
    if (verdict) {
      const reason = verdict.contradicts
        ? conflictReason(verdict.contradicts.what, factDevice.get(verdict.contradicts.fact), e.deviceId)
        : verdict.reason
      const earlier = verdict.contradicts ? factEvent.get(verdict.contradicts.fact) : undefined
      log.push({ ...logEntry(e, summary, reason, withoutPersonalData(input.payload)), ...(earlier ? { conflictsWith: earlier } : {}) })
      active.push(reason)
      continue
    }
    state = apply(state, e, input, calendar)
    if (state && input.type === 'case.attentionResolved') {
      const listed = new Set(input.payload.reasons)
      const cleared = [...new Set(active.map(reasonText).filter(r => listed.has(r)))]
      active = active.filter(r => !listed.has(reasonText(r)))
      state = { ...state, attentionResolutions: [...state.attentionResolutions, { resolvedAt: e.occurredAt, staffId: e.staffId, note: input.payload.note, cleared }] }
    }
    const fact = factOf[input.type]
    if (fact && !factDevice.has(fact)) {
      factDevice.set(fact, e.deviceId)
      factEvent.set(fact, e.id)
    }
    log.push(logEntry(e, summary, null, withoutPersonalData(input.payload)))
  }
  if (!state)
    return null
  return withAttention(state, log, active, mine, state.receivedAt)
}
