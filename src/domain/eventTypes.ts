/**
 * The registry of every event type's payload schema by version, the one validator used by the tablet
 * (before writing) and the server (on push), and the folds that rebuild each projection (DESIGN §3).
 */
import type { z } from 'zod'
import type { CaseFoldCalendar, CaseState } from './case'
import type { ConsultationState } from './consultation'
import type { DomainEvent } from './events'
import { zhCN } from 'zod/locales'
import { appointmentEventSchemas } from './appointment'
import { appealEventSchemas } from './appeal'
import { auditEventSchemas } from './audit'
import { caseEventSchemas, foldCase } from './case'
import { complaintEventSchemas } from './complaint'
import { consultationEventSchemas, foldConsultation } from './consultation'
import { isCanonicalUuid, occurredAtProblem, safetyMessages, unsafeValueIssues } from './eventSafety'
import { domainEventSchema, streamKind } from './events'
import { followUpEventSchemas } from './followUp'
import { inspectionEventSchemas } from './inspection'
import { ratingEventSchemas } from './rating'
import { rectificationEventSchemas } from './rectification'
import { stationApplicationEventSchemas, stationApplicationReviewedSchema } from './stationApplication'

/** Payload schemas by event type, then by version (v). A new version is added, never replaced. */
export const eventPayloadSchemas = {
  'case.received': { 1: caseEventSchemas['case.received'] },
  'case.materialsChecked': { 1: caseEventSchemas['case.materialsChecked'] },
  'case.accepted': { 1: caseEventSchemas['case.accepted'] },
  'case.returned': { 1: caseEventSchemas['case.returned'] },
  'case.logged': { 1: caseEventSchemas['case.logged'] },
  'case.completed': { 1: caseEventSchemas['case.completed'] },
  'case.handedOver': { 1: caseEventSchemas['case.handedOver'] },
  'case.convertedToProxy': { 1: caseEventSchemas['case.convertedToProxy'] },
  'case.accompanied': { 1: caseEventSchemas['case.accompanied'] },
  'case.entrusted': { 1: caseEventSchemas['case.entrusted'] },
  'case.inProgress': { 1: caseEventSchemas['case.inProgress'] },
  'case.supplementRequested': { 1: caseEventSchemas['case.supplementRequested'] },
  'case.supplementReceived': { 1: caseEventSchemas['case.supplementReceived'] },
  'case.suspended': { 1: caseEventSchemas['case.suspended'] },
  'case.resumed': { 1: caseEventSchemas['case.resumed'] },
  'case.terminated': { 1: caseEventSchemas['case.terminated'] },
  'case.renewed': { 1: caseEventSchemas['case.renewed'] },
  'case.attentionResolved': { 1: caseEventSchemas['case.attentionResolved'] },
  'consultation.recorded': { 1: consultationEventSchemas['consultation.recorded'] },
  'consultation.referred': { 1: consultationEventSchemas['consultation.referred'] },
  'consultation.replied': { 1: consultationEventSchemas['consultation.replied'] },
  'consultation.attentionResolved': { 1: consultationEventSchemas['consultation.attentionResolved'] },
  'rating.prompted': { 1: ratingEventSchemas['rating.prompted'] },
  'rating.tokenMinted': { 1: ratingEventSchemas['rating.tokenMinted'] },
  'rating.given': { 1: ratingEventSchemas['rating.given'] },
  'rating.declined': { 1: ratingEventSchemas['rating.declined'] },
  'rectification.opened': { 1: rectificationEventSchemas['rectification.opened'] },
  'rectification.assigned': { 1: rectificationEventSchemas['rectification.assigned'] },
  'rectification.progressed': { 1: rectificationEventSchemas['rectification.progressed'] },
  'rectification.rechecked': { 1: rectificationEventSchemas['rectification.rechecked'] },
  'appeal.filed': { 1: appealEventSchemas['appeal.filed'] },
  'appeal.decided': { 1: appealEventSchemas['appeal.decided'] },
  'audit.exported': { 1: auditEventSchemas['audit.exported'] },
  'audit.revealed': { 1: auditEventSchemas['audit.revealed'] },
  'inspection.recorded': { 1: inspectionEventSchemas['inspection.recorded'] },
  'inspection.fixed': { 1: inspectionEventSchemas['inspection.fixed'] },
  'stationApplication.changeRequested': { 1: stationApplicationEventSchemas['stationApplication.changeRequested'] },
  'stationApplication.closeRequested': { 1: stationApplicationEventSchemas['stationApplication.closeRequested'] },
  'stationApplication.reviewed': { 1: stationApplicationReviewedSchema },
  'followUp.recorded': { 1: followUpEventSchemas['followUp.recorded'] },
  'complaint.recorded': { 1: complaintEventSchemas['complaint.recorded'] },
  'complaint.handled': { 1: complaintEventSchemas['complaint.handled'] },
  'appointment.booked': { 1: appointmentEventSchemas['appointment.booked'] },
  'appointment.cancelled': { 1: appointmentEventSchemas['appointment.cancelled'] },
  'appointment.declined': { 1: appointmentEventSchemas['appointment.declined'] },
  'appointment.checkedIn': { 1: appointmentEventSchemas['appointment.checkedIn'] },
  'appointment.noShow': { 1: appointmentEventSchemas['appointment.noShow'] },
} as const satisfies Record<string, Record<number, z.ZodType>>

export type KnownEventType = keyof typeof eventPayloadSchemas

/** The version new events of each type are written with. */
export const currentEventVersions: Record<KnownEventType, number> = {
  'case.received': 1,
  'case.materialsChecked': 1,
  'case.accepted': 1,
  'case.returned': 1,
  'case.logged': 1,
  'case.completed': 1,
  'case.handedOver': 1,
  'case.convertedToProxy': 1,
  'case.accompanied': 1,
  'case.entrusted': 1,
  'case.inProgress': 1,
  'case.supplementRequested': 1,
  'case.supplementReceived': 1,
  'case.suspended': 1,
  'case.resumed': 1,
  'case.terminated': 1,
  'case.renewed': 1,
  'case.attentionResolved': 1,
  'consultation.recorded': 1,
  'consultation.referred': 1,
  'consultation.replied': 1,
  'consultation.attentionResolved': 1,
  'rating.prompted': 1,
  'rating.tokenMinted': 1,
  'rating.given': 1,
  'rating.declined': 1,
  'rectification.opened': 1,
  'rectification.assigned': 1,
  'rectification.progressed': 1,
  'rectification.rechecked': 1,
  'appeal.filed': 1,
  'appeal.decided': 1,
  'audit.exported': 1,
  'audit.revealed': 1,
  'inspection.recorded': 1,
  'inspection.fixed': 1,
  'stationApplication.changeRequested': 1,
  'stationApplication.closeRequested': 1,
  'stationApplication.reviewed': 1,
  'followUp.recorded': 1,
  'complaint.recorded': 1,
  'complaint.handled': 1,
  'appointment.booked': 1,
  'appointment.cancelled': 1,
  'appointment.declined': 1,
  'appointment.checkedIn': 1,
  'appointment.noShow': 1,
}

/** DESIGN §3: whether this build knows the event type. */
export function isKnownEventType(type: string): type is KnownEventType {
  return Object.hasOwn(eventPayloadSchemas, type)
}

/** DESIGN §3: the payload schema of (type, v), or null when this build does not know it. */
export function payloadSchemaFor(type: string, v: number): z.ZodType | null {
  if (!isKnownEventType(type))
    return null
  const versions: Record<number, z.ZodType> = eventPayloadSchemas[type]
  return versions[v] ?? null
}

export interface EventValidationError {
  /** Dotted path into the event, e.g. 'payload.applicant.idNumber'; '' for the whole event. */
  path: string
  /** Chinese first: staff may read it. */
  message: string
}

export type ValidateDomainEventResult
  = | { ok: true, event: DomainEvent }
    | { ok: false, errors: EventValidationError[] }

const zhLocale = zhCN().localeError
// Chinese messages for this parse only (no global zod config); a missing field reads '必填'.
const zhErrors: z.core.$ZodErrorMap = issue => issue.code === 'invalid_type' && issue.input === undefined ? '必填' : zhLocale(issue)

function toErrors(prefix: (string | number)[], issues: readonly z.core.$ZodIssue[]): EventValidationError[] {
  const seen = new Set<string>()
  const errors: EventValidationError[] = []
  for (const issue of issues) {
    const error = { path: [...prefix, ...issue.path.map(String)].join('.'), message: issue.message }
    const key = `${error.path}\u0000${error.message}`
    if (!seen.has(key)) {
      seen.add(key)
      errors.push(error)
    }
  }
  return errors
}

/**
 * DESIGN §3–4: an event as written by a device, checked whole: every value storable (no NUL, no lone
 * surrogate, no non-finite number, nesting at most MAX_VALUE_DEPTH: eventSafety.ts), the envelope (a
 * lowercase UUIDv7 id, occurredAt inside OCCURRED_AT_WINDOW), the payload against its type's schema and
 * version, and a stream of the type's kind ('case.*' only in 'case:…').
 * The event is returned as given (schemas do not transform), so its content key is unchanged.
 */
export function validateDomainEvent(input: unknown): ValidateDomainEventResult {
  // First, without recursion: what no schema may see (too deep) and what no database can store (eventSafety.ts).
  const unsafe = unsafeValueIssues(input)
  if (unsafe.length > 0)
    return { ok: false, errors: unsafe }
  const envelope = domainEventSchema.safeParse(input, { error: zhErrors })
  if (!envelope.success)
    return { ok: false, errors: toErrors([], envelope.error.issues) }
  const event: DomainEvent = envelope.data
  const envelopeErrors: EventValidationError[] = []
  if (!isCanonicalUuid(event.id))
    envelopeErrors.push({ path: 'id', message: safetyMessages.eventIdCase })
  const when = occurredAtProblem(event.occurredAt)
  if (when)
    envelopeErrors.push({ path: 'occurredAt', message: when })
  if (envelopeErrors.length > 0)
    return { ok: false, errors: envelopeErrors }
  if (!isKnownEventType(event.type))
    return { ok: false, errors: [{ path: 'type', message: `未知的记录类型：${event.type}` }] }
  const kind = event.type.slice(0, event.type.indexOf('.'))
  const errors: EventValidationError[] = []
  if (streamKind(event.stream) !== kind)
    errors.push({ path: 'stream', message: `${event.type} 记录只能属于 ${kind}:… 流，不能属于 ${event.stream}` })
  const schema = payloadSchemaFor(event.type, event.v)
  if (!schema) {
    errors.push({ path: 'v', message: `记录类型 ${event.type} 没有版本 v${event.v}（可能需要更新应用）` })
  }
  else {
    const payload = schema.safeParse(event.payload, { error: zhErrors })
    if (!payload.success)
      errors.push(...toErrors(['payload'], payload.error.issues))
  }
  return errors.length ? { ok: false, errors } : { ok: true, event }
}

/**
 * The projection state each stream kind folds to. Ratings ('rating:…', rating.ts `foldRating`) are not a
 * projection kind yet: the data layer keeps a table per kind, and has none for them. Audit facts
 * ('audit:…', audit.ts) are never folded: each is a stream of its own.
 */
export interface ProjectionStates {
  case: CaseState
  consultation: ConsultationState
}

export type ProjectionKind = keyof ProjectionStates

/** A pure fold of one stream's events into its projection (null: nothing to project yet); `calendar` counts 暂定 dues. */
export type ProjectionFold<S> = (events: readonly DomainEvent[], calendar: CaseFoldCalendar) => S | null

/** DESIGN §3: the fold that rebuilds each kind of projection, for the Dexie data layer and the server. */
export const projectionFolds: { readonly [K in ProjectionKind]: ProjectionFold<ProjectionStates[K]> } = {
  case: foldCase,
  consultation: foldConsultation,
}

/** DESIGN §3: whether a stream kind has a projection. */
export function isProjectionKind(kind: string): kind is ProjectionKind {
  return Object.hasOwn(projectionFolds, kind)
}

/** DESIGN §3: fold one stream's events with the fold of its kind; null when the kind has no projection. */
export function foldStream(events: readonly DomainEvent[], calendar: CaseFoldCalendar): { kind: ProjectionKind, state: CaseState | ConsultationState | null } | null {
  const first = events[0]
  if (!first)
    return null
  const kind = streamKind(first.stream)
  if (!isProjectionKind(kind))
    return null
  return { kind, state: projectionFolds[kind](events, calendar) }
}
