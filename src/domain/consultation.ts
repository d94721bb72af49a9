/**
 * Consultations (咨询): calls and visits (6.3.3.1, 6.3.4.1), as events folded into a ConsultationState.
 * Answered on the spot (当场答复), or referred to a department (转交) and replied within 1 working day
 * (6.3.3.1.3). Personal data lives only in `contact` and `personContacted`.
 *
 * Rules the fold holds (decided here, the standard is silent):
 * - A consultation recorded with an answer is closed: referring or replying to it is refused.
 * - A consultation recorded without an answer is 'open' until it is referred or replied. Replying to an
 *   open one without referring is allowed (staff found the answer without contacting a department);
 *   no department clock was started, so it has no dueAt and repliedOnTime stays null.
 * - Referring again (e.g. the first department points to another) is allowed before a reply; the due
 *   time stays the first referral's (it runs from when the consultation was recorded).
 * - A second reply with the same text is the same fact; with another text it is a conflict (first wins).
 */
import type { DomainEvent } from './events'
import type { FoldLogEntry } from './foldSupport'
import type { Reason } from './reason'
import { z } from 'zod'
import type { AttentionResolvedPayload } from './attentionResolution'
import { attentionResolutionError, attentionResolvedPayloadSchema, OVERRULED, overruledEvents } from './attentionResolution'
import type { ConsultationFoldCalendar } from './consultationDue'
import { referredDue } from './consultationDue'
import { conflictReason, logEntry, readEvent, streamInFoldOrder, unreadableEntry, withAttention, withoutFields } from './foldSupport'
import { instantSchema, optionalText, text } from './payloadFields'
import { reasonText, step } from './reason'

/** The stream kind of consultations: stream ids are 'consultation:<uuid>'. */
export const CONSULTATION_STREAM_KIND = 'consultation'

export type { ConsultationFoldCalendar } from './consultationDue'
export { CONSULTATION_REPLY_WORKDAYS, referredDue } from './consultationDue'

/** 6.3.3.1: the consultation event types of payload version 1. */
export const consultationEventTypes = ['consultation.recorded', 'consultation.referred', 'consultation.replied', 'consultation.attentionResolved'] as const
export type ConsultationEventType = typeof consultationEventTypes[number]

/** 6.3.3.1.1: 来电 (phone) or 来访 (visit). */
export const consultationChannelSchema = z.enum(['phone', 'visit'])
export type ConsultationChannel = z.infer<typeof consultationChannelSchema>
export const consultationChannelLabels: Record<ConsultationChannel, string> = { phone: '来电', visit: '来访' }

/** 6.3.3.1.4 PERSONAL DATA: who asked, and how to reach them (mobile or landline). */
export const consultationContactSchema = z.object({
  name: text(64),
  phone: text(32),
}).strict()
export type ConsultationContact = z.infer<typeof consultationContactSchema>

/** 6.3.3.1.1–2, 6.3.4.1: a consultation registered; answered on the spot when `answer` is present. */
export const consultationRecordedPayloadSchema = z.object({
  channel: consultationChannelSchema,
  contact: consultationContactSchema,
  itemCode: z.string().min(1).max(64).nullable().optional(),
  itemName: optionalText(200),
  question: text(2000),
  answer: text(2000).nullable().optional(),
  /** 6.3.5: the item's guide was shown or printed for the citizen. */
  guideGiven: z.enum(['shown', 'printed']).nullable().optional(),
}).strict()
export type ConsultationRecordedPayload = z.infer<typeof consultationRecordedPayloadSchema>

/** 6.3.3.1.3: referred to a department; due 1 working day after recording (calendar `dueAfterWorkdays(recordedAt, 1)`). */
export const consultationReferredPayloadSchema = z.object({
  department: text(200),
  /** PERSONAL DATA: the department's person contacted. */
  personContacted: z.object({
    name: text(64),
    phone: optionalText(32),
  }).strict(),
  dueAt: instantSchema,
  /** DOMAIN.md 暂定: the due was counted Monday–Friday through an unpublished year; the fold recounts it. */
  dueProvisional: z.literal(true).optional(),
  note: optionalText(500),
}).strict()
export type ConsultationReferredPayload = z.infer<typeof consultationReferredPayloadSchema>

/** 6.3.3.1.3: the reply given to the citizen at `repliedAt`. */
export const consultationRepliedPayloadSchema = z.object({
  reply: text(2000),
  repliedAt: instantSchema,
  via: z.enum(['phone', 'visit', 'sms', 'other']).nullable().optional(),
}).strict()
export type ConsultationRepliedPayload = z.infer<typeof consultationRepliedPayloadSchema>

export interface ConsultationEventPayloads {
  'consultation.recorded': ConsultationRecordedPayload
  'consultation.referred': ConsultationReferredPayload
  'consultation.replied': ConsultationRepliedPayload
  'consultation.attentionResolved': AttentionResolvedPayload
}

/** A consultation event as the UI proposes it: a type and its typed payload. */
export type ConsultationEventInput = { [K in ConsultationEventType]: { type: K, payload: ConsultationEventPayloads[K] } }[ConsultationEventType]

/** DESIGN §3: version-1 payload schema of each consultation event type. */
export const consultationEventSchemas: Record<ConsultationEventType, z.ZodType> = {
  'consultation.recorded': consultationRecordedPayloadSchema,
  'consultation.referred': consultationReferredPayloadSchema,
  'consultation.replied': consultationRepliedPayloadSchema,
  'consultation.attentionResolved': attentionResolvedPayloadSchema,
}

/** Chinese names of the consultation event types. */
export const consultationEventLabels: Record<ConsultationEventType, string> = {
  'consultation.recorded': '咨询登记',
  'consultation.referred': '转交部门',
  'consultation.replied': '答复',
  'consultation.attentionResolved': '处理提示',
}

/** 'open': recorded without an answer, not yet referred or replied. */
export type ConsultationStatus = 'open' | 'answered' | 'referred' | 'replied'

export const consultationStatusLabels: Record<ConsultationStatus, string> = {
  open: '待处理',
  answered: '已当场答复',
  referred: '已转交待答复',
  replied: '已答复',
}

/** One line of the consultation's timeline: every event, applied or not. */
export interface ConsultationLogEntry extends FoldLogEntry {
  /** A refused event that contradicted an earlier fact: the id of that earlier event (issue 8 item 7). */
  conflictsWith?: string
  /** The payload without its personal-data parts (`contact`, `personContacted`); null when unreadable. */
  details: Record<string, unknown> | null
}

export interface ConsultationReferral {
  department: string
  /** PERSONAL DATA. */
  personContacted: ConsultationReferredPayload['personContacted']
  referredAt: string
  dueAt: string
}

/** The projection of a consultation stream (Dexie `consultations`, server table). */
export interface ConsultationState {
  /** The stream id, 'consultation:<uuid>'. */
  id: string
  stationId: string
  /** Who recorded it. */
  staffId: string | null
  deviceId: string
  channel: ConsultationChannel
  /** PERSONAL DATA. */
  contact: ConsultationContact
  itemCode: string | null
  itemName: string | null
  question: string
  /** The on-the-spot answer, or the reply once replied. */
  answer: string | null
  status: ConsultationStatus
  recordedAt: string
  referrals: ConsultationReferral[]
  /** 6.3.3.1.3: 1 working day after recording, once referred; null otherwise. */
  dueAt: string | null
  /** DOMAIN.md 暂定: dueAt was counted Monday–Friday through an unpublished year (shown 暂定). */
  dueProvisional: boolean
  /** The unpublished years the provisional due went through (empty when final). */
  dueUnpublishedYears: number[]
  repliedAt: string | null
  /** 6.2.3: repliedAt ≤ dueAt; null until replied or when there was no due. */
  repliedOnTime: boolean | null
  log: ConsultationLogEntry[]
  needsAttention: boolean
  attentionReasons: string[]
  /** The same reasons by code (src/domain/reason.ts); absent in projections folded before reasons had codes. */
  attentionCodes?: Reason[]
  lastOccurredAt: string
  eventCount: number
}

interface Verdict {
  reason: Reason
  contradicts?: Reason
}

const notApplied = (type: ConsultationEventType, why: Reason): Reason => ({ code: 'fold.notApplied', params: { step: step(type, consultationEventLabels[type]), why } })
const refused = (type: ConsultationEventType, why: Reason): Verdict => ({ reason: notApplied(type, why) })
const contradiction = (what: Reason): Verdict => ({ reason: { code: 'fold.contradiction', params: { what } }, contradicts: what })

function judge(state: ConsultationState | null, ev: ConsultationEventInput): Verdict | null {
  if (ev.type === 'consultation.recorded')
    return state ? contradiction({ code: 'consultation.duplicateRecord' }) : null
  if (!state)
    return refused(ev.type, { code: 'consultation.notRecorded' })
  switch (ev.type) {
    case 'consultation.attentionResolved':
      return null
    case 'consultation.referred':
      if (state.status === 'answered')
        return refused(ev.type, { code: 'consultation.answered' })
      if (state.status === 'replied')
        return refused(ev.type, { code: 'consultation.replied' })
      return null
    case 'consultation.replied':
      if (state.status === 'answered')
        return refused(ev.type, { code: 'consultation.answered' })
      if (state.status === 'replied') {
        if (state.answer === ev.payload.reply && state.repliedAt === ev.payload.repliedAt)
          return null
        return contradiction({ code: 'consultation.twoReplies' })
      }
      return null
  }
}

/** 6.3.3.1: why the UI must not record `event` on a consultation in `state` now, or null when it may. */
export function consultationTransitionRefusal(state: ConsultationState | null, event: ConsultationEventInput): Reason | null {
  if (state && event.type === 'consultation.replied' && state.status === 'replied')
    return notApplied(event.type, { code: 'consultation.replied' })
  if (state && event.type === 'consultation.attentionResolved') {
    const why = attentionResolutionError(state, event.payload)
    return why ? notApplied(event.type, why) : null
  }
  return judge(state, event)?.reason ?? null
}

/** consultationTransitionRefusal in Chinese. */
export function consultationTransitionError(state: ConsultationState | null, event: ConsultationEventInput): string | null {
  const refusal = consultationTransitionRefusal(state, event)
  return refusal && reasonText(refusal)
}

function summarize(ev: ConsultationEventInput): string {
  const label = consultationEventLabels[ev.type]
  switch (ev.type) {
    case 'consultation.recorded':
      return `${label}（${consultationChannelLabels[ev.payload.channel]}）${ev.payload.itemName ? `：${ev.payload.itemName}` : ''}${ev.payload.answer ? '，已当场答复' : ''}`
    case 'consultation.referred':
      return `${label}：${ev.payload.department}`
    case 'consultation.replied':
      return `${label}：${ev.payload.reply}`
    case 'consultation.attentionResolved':
      return `${label}：${ev.payload.note}`
  }
}

function apply(state: ConsultationState | null, e: DomainEvent, ev: ConsultationEventInput, calendar: ConsultationFoldCalendar): ConsultationState | null {
  if (ev.type === 'consultation.recorded') {
    const p = ev.payload
    const answer = p.answer ?? null
    return {
      id: e.stream,
      stationId: e.stationId,
      staffId: e.staffId,
      deviceId: e.deviceId,
      channel: p.channel,
      contact: p.contact,
      itemCode: p.itemCode ?? null,
      itemName: p.itemName ?? null,
      question: p.question,
      answer,
      status: answer === null ? 'open' : 'answered',
      recordedAt: e.occurredAt,
      referrals: [],
      dueAt: null,
      dueProvisional: false,
      dueUnpublishedYears: [],
      repliedAt: null,
      repliedOnTime: null,
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
    case 'consultation.referred': {
      const due = referredDue(ev.payload, state.recordedAt, calendar)
      const referral: ConsultationReferral = { department: ev.payload.department, personContacted: ev.payload.personContacted, referredAt: e.occurredAt, dueAt: due.dueAt }
      const first = state.dueAt === null ? due : { dueAt: state.dueAt, dueProvisional: state.dueProvisional, dueUnpublishedYears: state.dueUnpublishedYears }
      return { ...state, status: 'referred', referrals: [...state.referrals, referral], ...first }
    }
    case 'consultation.replied': {
      if (state.status === 'replied')
        return state
      const repliedOnTime = state.dueAt === null ? null : Date.parse(ev.payload.repliedAt) <= Date.parse(state.dueAt)
      return { ...state, status: 'replied', answer: ev.payload.reply, repliedAt: ev.payload.repliedAt, repliedOnTime }
    }
    case 'consultation.attentionResolved':
      return state
  }
}

/** DESIGN §3: the marked personal-data parts stay out of the timeline. */
function withoutPersonalData(payload: ConsultationEventInput['payload']): Record<string, unknown> {
  return withoutFields(payload, ['contact', 'personContacted'])
}

const catalogue = { types: consultationEventTypes, schemas: consultationEventSchemas, labels: consultationEventLabels }

/**
 * DESIGN §3, 6.3.3.1: the state of one consultation from its events, in (occurredAt, id) order, each id
 * once. Null when the stream has no readable `consultation.recorded`. Refused steps stay in the log and
 * set needsAttention; of two contradicting facts the earlier in fold order wins.
 * `calendar` counts provisional referral dues (暂定): refold with it once it holds a newly published year.
 */
export function foldConsultation(events: readonly DomainEvent[], calendar: ConsultationFoldCalendar): ConsultationState | null {
  const mine = streamInFoldOrder(events, e => e.type === 'consultation.recorded')
  if (!mine)
    return null
  let state: ConsultationState | null = null
  const log: ConsultationLogEntry[] = []
  let reasons: Reason[] = []
  const factDevice = new Map<ConsultationEventType, string>()
  const factEvent = new Map<ConsultationEventType, string>()
  const overruled = overruledEvents(mine, 'consultation.attentionResolved')
  for (const e of mine) {
    if (overruled.has(e.id)) {
      log.push(logEntry(e, consultationEventLabels[e.type as ConsultationEventType] ?? e.type, OVERRULED, null))
      continue
    }
    const read = readEvent<ConsultationEventType, ConsultationEventInput>(e, catalogue)
    if (!read.ok) {
      log.push(unreadableEntry(e, read.reason))
      reasons.push(read.reason)
      continue
    }
    const verdict = judge(state, read.input)
    const summary = summarize(read.input)
    if (verdict) {
      const reason = verdict.contradicts
        ? conflictReason(verdict.contradicts, factDevice.get(read.input.type), e.deviceId)
        : verdict.reason
      const earlier = verdict.contradicts ? factEvent.get(read.input.type) : undefined
      log.push({ ...logEntry(e, summary, reason, withoutPersonalData(read.input.payload)), ...(earlier ? { conflictsWith: earlier } : {}) })
      reasons.push(reason)
      continue
    }
    state = apply(state, e, read.input, calendar)
    if (read.input.type === 'consultation.attentionResolved') {
      const listed = new Set(read.input.payload.reasons)
      reasons = reasons.filter(r => !listed.has(reasonText(r)))
    }
    if (!factDevice.has(read.input.type)) {
      factDevice.set(read.input.type, e.deviceId)
      factEvent.set(read.input.type, e.id)
    }
    log.push(logEntry(e, summary, null, withoutPersonalData(read.input.payload)))
  }
  if (!state)
    return null
  const dueAts = new Set(state.referrals.map(r => Date.parse(r.dueAt)))
  if (dueAts.size > 1)
    reasons.push({ code: 'consultation.referralDuesDiffer' })
  return withAttention(state, log, reasons, mine, state.recordedAt)
}
