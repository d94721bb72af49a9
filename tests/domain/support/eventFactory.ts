/**
 * Small builders of domain events for fold tables: readable defaults, deterministic ids, and a way to
 * say "tablet B recorded this at 10:05" in one line.
 */
import type { CaseEventPayloads, CaseEventType } from '../../../src/domain/case'
import type { ConsultationEventPayloads, ConsultationEventType } from '../../../src/domain/consultation'
import type { DomainEvent } from '../../../src/domain/events'
import type { RatingEventPayloads, RatingEventType } from '../../../src/domain/rating'
import { ratingStreamFor } from '../../../src/domain/rating'

export const CASE_STREAM = 'case:01950000-0000-7000-8000-00000000ca5e'
export const OTHER_CASE_STREAM = 'case:01950000-0000-7000-8000-0000000000ff'
export const CONSULTATION_STREAM = 'consultation:01950000-0000-7000-8000-00000000c0de'
/** The rating stream of CASE_STREAM (one rating per subject). */
export const RATING_STREAM = ratingStreamFor(CASE_STREAM)

let serial = 0

/** A valid UUIDv7 whose order follows `n` (for tie-breaks at equal occurredAt). */
export function eventId(n: number): string {
  return `01950000-0000-7000-8000-${n.toString(16).padStart(12, '0')}`
}

export interface EventOptions {
  /** The device that recorded it; 'tablet-A' unless said. */
  device?: string
  staff?: string | null
  id?: string
  stream?: string
  v?: number
}

/** Any event, with envelope defaults. `at` is an ISO instant; a bare 'HH:MM' means 2026-03-02 (a Monday) in CST. */
export function makeEvent(type: string, at: string, payload: unknown, opts: EventOptions = {}): DomainEvent {
  serial += 1
  return {
    id: opts.id ?? eventId(serial),
    stream: opts.stream ?? (type.startsWith('consultation.') ? CONSULTATION_STREAM : type.startsWith('rating.') ? RATING_STREAM : CASE_STREAM),
    type,
    v: opts.v ?? 1,
    payload,
    stationId: 'station-TY01',
    deviceId: opts.device ?? 'tablet-A',
    staffId: opts.staff === undefined ? 'staff-wang' : opts.staff,
    occurredAt: instant(at),
  }
}

/** 'HH:MM' → that time on Monday 2026-03-02 in CST; anything else is taken as an ISO instant. */
export function instant(at: string): string {
  return /^\d\d:\d\d$/.test(at) ? `2026-03-02T${at}:00+08:00` : at
}

export const DUE_AT = '2026-03-23T23:59:59.999+08:00'

export const defaultCasePayloads: CaseEventPayloads = {
  'case.received': {
    kind: 'assisted',
    itemCode: 'hukou-idcard-renew',
    itemName: '居民身份证换领(有效期满)',
    department: '公安机关',
    promisedLimitWorkdays: 15,
    channel: 'walkIn',
    applicant: { type: 'person', name: '张小明', idNumber: '11010519491231002X', mobile: '13812345678' },
  },
  'case.materialsChecked': {
    materials: [
      { name: '原居民身份证', required: true, status: 'provided', form: '原件', copies: 1 },
      { name: '居民户口簿', required: true, status: 'provided', form: '原件', copies: 1 },
    ],
    complete: true,
  },
  'case.accepted': { receiptNumber: 'TY01-2026-000001', dueAt: DUE_AT, assistMode: 'accompany' },
  'case.returned': { reason: '不属于本站受理范围' },
  'case.logged': { kind: 'liaison', department: '公安机关', text: '已电话联系派出所确认材料' },
  'case.completed': { completedAt: '2026-03-20T15:00:00+08:00' },
  'case.handedOver': { method: 'inPerson', recipient: { name: '张小明', identityChecked: true, signatureSha256: 'a'.repeat(64) }, eLicenceHintGiven: true },
  'case.convertedToProxy': { reason: '群众行动不便，申请改为代办' },
  'case.accompanied': { mode: 'accompany', department: '公安机关' },
  'case.entrusted': {
    entrustmentNumber: 'TY01-WT-2026-A-0001',
    principal: { type: 'person', name: '张小明', idNumber: '11010519491231002X', mobile: '13812345678' },
    agent: { staffId: 'staff-wang', name: '王芳' },
    items: [{ itemCode: 'hukou-idcard-renew', itemName: '居民身份证换领(有效期满)' }],
    powers: ['submit', 'sign', 'collectResult'],
    validFrom: '2026-03-02',
    validTo: '2026-04-30',
    materials: [{ name: '原居民身份证', copies: 1, form: '原件' }, { name: '居民户口簿', copies: 1, form: '原件' }],
    signatureSha256: 'b'.repeat(64),
  },
  'case.inProgress': { submittedTo: '小店区公安分局户政科' },
  'case.supplementRequested': {
    materials: [{ name: '近期免冠照片', howToSupply: '到照相馆拍摄后交站' }],
    requestedBy: '公安机关',
    contact: { method: 'phone', contactedAt: '2026-03-05T10:00:00+08:00', reached: true },
  },
  'case.supplementReceived': { materials: [{ name: '近期免冠照片', copies: 2, form: '原件' }], complete: true },
  'case.suspended': { reason: '委托人住院，暂无法到场' },
  'case.resumed': { note: '委托人已出院' },
  'case.terminated': { reason: '委托人撤回委托', initiatedBy: 'principal', materialsReturned: [{ name: '原居民身份证', copies: 1, form: '原件' }], signatureSha256: 'c'.repeat(64) },
  'case.renewed': { entrustmentNumber: 'TY01-WT-2026-A-0002', validFrom: '2026-05-01', validTo: '2026-06-30', reason: '部门办理时间延长', signatureSha256: 'd'.repeat(64) },
  'case.attentionResolved': { note: '已与同事核实，以在先的记录为准', reasons: ['两台设备记录了相互矛盾的事实：受理与退件（以时间在先的记录为准）'] },
}

/** The checklist with 居民户口簿 missing (a one-time notice is due). */
export const INCOMPLETE_CHECK: CaseEventPayloads['case.materialsChecked'] = {
  materials: [
    { name: '原居民身份证', required: true, status: 'provided', form: '原件', copies: 1 },
    { name: '居民户口簿', required: true, status: 'missing', form: '原件', copies: 1, howToSupply: '携带户口簿原件到站补交' },
  ],
  complete: false,
  noticeIssued: true,
}

/** The same checklist after the applicant brought the 户口簿. */
export const SUPPLEMENTED_CHECK: CaseEventPayloads['case.materialsChecked'] = {
  materials: [
    { name: '原居民身份证', required: true, status: 'provided', form: '原件', copies: 1 },
    { name: '居民户口簿', required: true, status: 'supplemented', form: '原件', copies: 1 },
  ],
  complete: true,
}

/** A case event; the payload defaults to a valid one, `patch` overrides top-level fields. */
export function caseEvent<K extends CaseEventType>(type: K, at: string, patch: Partial<CaseEventPayloads[K]> = {}, opts: EventOptions = {}): DomainEvent {
  return makeEvent(type, at, { ...defaultCasePayloads[type], ...patch }, opts)
}

export const REFERRAL_DUE_AT = '2026-03-03T23:59:59.999+08:00'

export const defaultConsultationPayloads: ConsultationEventPayloads = {
  'consultation.recorded': {
    channel: 'phone',
    contact: { name: '李华', phone: '0351-1234567' },
    itemCode: 'sicard-lost-replace',
    itemName: '社会保障卡挂失补办',
    question: '外地户口能在本站补办社保卡吗？',
  },
  'consultation.referred': { department: '市人社局', personContacted: { name: '赵科员', phone: '0351-7654321' }, dueAt: REFERRAL_DUE_AT },
  'consultation.replied': { reply: '可以，携带身份证原件到站办理', repliedAt: '2026-03-03T10:00:00+08:00', via: 'phone' },
  'consultation.attentionResolved': { note: '已核实', reasons: ['记录了相互矛盾的事实：两次答复的内容不同'] },
}

/** A consultation event; the payload defaults to a valid one, `patch` overrides top-level fields. */
export function consultationEvent<K extends ConsultationEventType>(type: K, at: string, patch: Partial<ConsultationEventPayloads[K]> = {}, opts: EventOptions = {}): DomainEvent {
  return makeEvent(type, at, { ...defaultConsultationPayloads[type], ...patch }, opts)
}

export const TOKEN_SHA256 = 'e'.repeat(64)
export const FOLLOW_UP_DUE_AT = '2026-04-10T23:59:59.999+08:00'

export const defaultRatingPayloads: RatingEventPayloads = {
  'rating.prompted': { subject: CASE_STREAM, staffId: 'staff-wang' },
  'rating.tokenMinted': { subject: CASE_STREAM, staffId: 'staff-wang', tokenSha256: TOKEN_SHA256, expiresAt: '2026-03-09T09:00:00+08:00' },
  'rating.given': {
    subject: CASE_STREAM,
    staffId: 'staff-wang',
    channel: 'counter',
    enteredBy: 'citizen',
    level: 5,
    dimensions: { attitude: 5, quality: 5, efficiency: 4 },
    reasons: ['warmService', 'doneInOneVisit'],
    comment: '王老师很耐心',
  },
  'rating.declined': { subject: CASE_STREAM, staffId: 'staff-wang', channel: 'counter', enteredBy: 'citizen' },
}

/** A rating event; the payload defaults to a valid one, `patch` overrides top-level fields. */
export function ratingEvent<K extends RatingEventType>(type: K, at: string, patch: Partial<RatingEventPayloads[K]> = {}, opts: EventOptions = {}): DomainEvent {
  return makeEvent(type, at, { ...defaultRatingPayloads[type], ...patch }, opts)
}

/** Deterministic shuffle (reverse + rotate), to prove folds do not depend on delivery order. */
export function scrambled<T>(items: readonly T[]): T[] {
  const reversed = [...items].reverse()
  const k = Math.floor(reversed.length / 2)
  return [...reversed.slice(k), ...reversed.slice(0, k)]
}
