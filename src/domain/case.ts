/**
 * Cases (办件): intake (收件), 帮办 (assisted) and 代办 (proxy), as events folded into a CaseState
 * (DESIGN §3; standard 6.3.2–6.3.4). Personal data lives only in `applicant` and `recipient`.
 *
 * Glossary: 收件 receive an application · 材料核验 completeness check · 一次性告知 one-time notice of
 * what is missing · 补正 supplement · 受理 accept (收件回执 = acceptance receipt) · 退件 return /
 * refuse with a reason · 工作日志 work log · 办结 complete · 交付 hand over the result · 帮办 assisted ·
 * 代办 proxy (by entrustment).
 */
import type { DomainEvent } from './events'
import { z } from 'zod'
import { orderedUnique } from './events'

/** The stream kind of cases: stream ids are 'case:<uuid>'. */
export const CASE_STREAM_KIND = 'case'

/** 6.1: the case event types of payload version 1. */
export const caseEventTypes = [
  'case.received',
  'case.materialsChecked',
  'case.accepted',
  'case.returned',
  'case.logged',
  'case.completed',
  'case.handedOver',
] as const
export type CaseEventType = typeof caseEventTypes[number]

const sha256Schema = z.string().regex(/^[0-9a-f]{64}$/, '应为 64 位小写十六进制 SHA-256')
const instantSchema = z.iso.datetime({ offset: true, error: '应为带时区的 ISO 8601 时间' })
const text = (max: number) => z.string().min(1, '不能为空').max(max, `不能超过 ${max} 个字符`).regex(/\S/, '不能为空')
const optionalText = (max: number) => z.string().max(max, `不能超过 ${max} 个字符`).nullable().optional()

/** 6.1: 帮办 (assisted), 代办 (proxy) or a plain intake (收件). */
export const caseKindSchema = z.enum(['assisted', 'proxy', 'intake'])
export type CaseKind = z.infer<typeof caseKindSchema>
export const caseKindLabels: Record<CaseKind, string> = { assisted: '帮办', proxy: '代办', intake: '收件' }

/** Annex E 特殊群体 (optional, sensitive: kept inside `applicant`). */
export const specialGroupSchema = z.enum(['elderly', 'disabled', 'pregnant', 'veteran', 'other'])

/** 6.3.2 PERSONAL DATA: a natural-person applicant. */
export const personApplicantSchema = z.object({
  type: z.literal('person'),
  name: text(64),
  /** 'idCard' (居民身份证, the default) or another certificate kind (Annex F 证件类型). */
  idType: z.enum(['idCard', 'passport', 'hkMacaoPermit', 'taiwanPermit', 'foreignPermanentResidence', 'other']).optional(),
  idNumber: text(32),
  mobile: text(32),
  specialGroups: z.array(specialGroupSchema).max(5).optional(),
}).strict()

/** 6.3.2 PERSONAL DATA: an organisation applicant (统一社会信用代码, contact person). */
export const organisationApplicantSchema = z.object({
  type: z.literal('organisation'),
  name: text(128),
  uscc: text(18),
  /** Staff overrode a failed USCC checksum (DOMAIN.md: a warning, never a hard block). */
  usccWarningOverridden: z.boolean().optional(),
  contactName: text(64),
  contactPhone: text(32),
}).strict()

/** 6.3.2 PERSONAL DATA: the applicant, exactly as received. */
export const applicantSchema = z.discriminatedUnion('type', [personApplicantSchema, organisationApplicantSchema])
export type Applicant = z.infer<typeof applicantSchema>

/** 6.3.2, 6.3.1: a case is received at the counter, from a walk-in or an online appointment. */
export const caseReceivedPayloadSchema = z.object({
  kind: caseKindSchema,
  itemCode: text(64),
  itemName: text(200),
  department: text(200),
  /** The item's promised limit in working days (0 = 即办, same day); null when the catalog has none. */
  promisedLimitWorkdays: z.number().int().min(0).max(365).nullable(),
  channel: z.enum(['walkIn', 'appointment']),
  /** 'appointment:<uuid>' when the citizen booked online (6.3.1). */
  appointmentId: z.string().min(1).max(80).nullable().optional(),
  applicant: applicantSchema,
}).strict().refine(p => p.channel !== 'appointment' || !!p.appointmentId, { message: '来自预约的收件必须关联预约编号', path: ['appointmentId'] })
export type CaseReceivedPayload = z.infer<typeof caseReceivedPayloadSchema>

/** One row of the material checklist (6.3.2; form and copies as on the one-time notice). */
export const materialCheckSchema = z.object({
  name: text(200),
  required: z.boolean(),
  /** provided at intake, missing (goes on the one-time notice), or supplemented on the spot. */
  status: z.enum(['provided', 'missing', 'supplemented']),
  form: z.enum(['原件', '复印件', '原件及复印件', '电子件']),
  copies: z.number().int().min(0).max(99),
  /** How to supply a missing material (一次性告知 art. 32). */
  howToSupply: optionalText(500),
  /** PERSONAL DATA by reference: photo of the material, a blob keyed by SHA-256. */
  photoSha256: sha256Schema.nullable().optional(),
  note: optionalText(500),
}).strict()
export type MaterialCheck = z.infer<typeof materialCheckSchema>

/** 6.3.2, 6.3.3.2.2: the whole checklist at one check; a later check supersedes it. */
export const caseMaterialsCheckedPayloadSchema = z.object({
  materials: z.array(materialCheckSchema).max(100),
  /** Every required material provided or supplemented. */
  complete: z.boolean(),
  /** A one-time notice (一次性告知单) of the missing materials was printed or given. */
  noticeIssued: z.boolean().optional(),
}).strict().superRefine((p, ctx) => {
  const missing = p.materials.some(m => m.required && m.status === 'missing')
  if (p.complete && missing)
    ctx.addIssue({ code: 'custom', path: ['complete'], message: '仍有缺少的必需材料，不能标记为齐全' })
  if (!p.complete && !missing)
    ctx.addIssue({ code: 'custom', path: ['complete'], message: '没有缺少的必需材料，应标记为齐全' })
})
export type CaseMaterialsCheckedPayload = z.infer<typeof caseMaterialsCheckedPayloadSchema>

/** 帮办方式 (Annex E). */
export const assistModeSchema = z.enum(['guidance', 'formFilling', 'materialPreparation', 'accompany', 'onlineFiling'])
export type AssistMode = z.infer<typeof assistModeSchema>
export const assistModeLabels: Record<AssistMode, string> = { guidance: '咨询指导', formFilling: '填表', materialPreparation: '材料准备', accompany: '陪同办理', onlineFiling: '线上申报' }

/** 6.3.2: accepted, with the acceptance receipt (收件回执) number and the due instant. */
export const caseAcceptedPayloadSchema = z.object({
  /** station + year + serial, unique across the station's tablets. */
  receiptNumber: text(64),
  /** End of the promised limit's last working day (calendar `dueAfterWorkdays`), or null when the item has no limit. */
  dueAt: instantSchema.nullable(),
  /** 6.3.3.2.1: how a 帮办 case is helped (e.g. 陪同办理). */
  assistMode: assistModeSchema.nullable().optional(),
}).strict()
export type CaseAcceptedPayload = z.infer<typeof caseAcceptedPayloadSchema>

/** 6.3.2, Annex D 退件原因: returned (not accepted) with a reason. */
export const caseReturnedPayloadSchema = z.object({
  reason: text(500),
}).strict()
export type CaseReturnedPayload = z.infer<typeof caseReturnedPayloadSchema>

/** 6.3.3.2.3: a work-log entry (note, or liaison with a department). */
export const caseLoggedPayloadSchema = z.object({
  kind: z.enum(['note', 'liaison']),
  department: optionalText(200),
  text: text(2000),
}).strict().refine(p => p.kind !== 'liaison' || !!p.department, { message: '与部门联络须填写部门', path: ['department'] })
export type CaseLoggedPayload = z.infer<typeof caseLoggedPayloadSchema>

/** 6.2.1: completed (办结) at `completedAt` (may be earlier than when it was recorded). */
export const caseCompletedPayloadSchema = z.object({
  completedAt: instantSchema,
  resultNote: optionalText(500),
}).strict()
export type CaseCompletedPayload = z.infer<typeof caseCompletedPayloadSchema>

/** 6.3.3.3: PERSONAL DATA of whoever collects the result in person. */
export const inPersonRecipientSchema = z.object({
  name: text(64),
  idNumber: optionalText(32),
  /** The recipient's identity document was checked. */
  identityChecked: z.boolean(),
  /** Signature on the tablet, a blob keyed by SHA-256. */
  signatureSha256: sha256Schema.nullable().optional(),
}).strict()

/** 6.3.3.3: PERSONAL DATA of the addressee of a posted result. */
export const postRecipientSchema = z.object({
  name: text(64),
  phone: text(32),
  address: text(300),
}).strict()

/** 6.3.3.3, 6.3.4.5: the result handed over in person or by post; the e-licence hint told. */
export const caseHandedOverPayloadSchema = z.discriminatedUnion('method', [
  z.object({
    method: z.literal('inPerson'),
    recipient: inPersonRecipientSchema,
    eLicenceHintGiven: z.boolean(),
  }).strict(),
  z.object({
    method: z.literal('post'),
    carrier: text(64),
    waybillNumber: text(64),
    recipient: postRecipientSchema,
    eLicenceHintGiven: z.boolean(),
  }).strict(),
])
export type CaseHandedOverPayload = z.infer<typeof caseHandedOverPayloadSchema>

export interface CaseEventPayloads {
  'case.received': CaseReceivedPayload
  'case.materialsChecked': CaseMaterialsCheckedPayload
  'case.accepted': CaseAcceptedPayload
  'case.returned': CaseReturnedPayload
  'case.logged': CaseLoggedPayload
  'case.completed': CaseCompletedPayload
  'case.handedOver': CaseHandedOverPayload
}

/** A case event as the UI proposes it: a type and its typed payload. */
export type CaseEventInput = { [K in CaseEventType]: { type: K, payload: CaseEventPayloads[K] } }[CaseEventType]

/** DESIGN §3: version-1 payload schema of each case event type. */
export const caseEventSchemas: Record<CaseEventType, z.ZodType> = {
  'case.received': caseReceivedPayloadSchema,
  'case.materialsChecked': caseMaterialsCheckedPayloadSchema,
  'case.accepted': caseAcceptedPayloadSchema,
  'case.returned': caseReturnedPayloadSchema,
  'case.logged': caseLoggedPayloadSchema,
  'case.completed': caseCompletedPayloadSchema,
  'case.handedOver': caseHandedOverPayloadSchema,
}

/** Chinese names of the case event types (timeline, attention reasons). */
export const caseEventLabels: Record<CaseEventType, string> = {
  'case.received': '收件',
  'case.materialsChecked': '材料核验',
  'case.accepted': '受理',
  'case.returned': '退件',
  'case.logged': '工作日志',
  'case.completed': '办结',
  'case.handedOver': '交付',
}

/**
 * Where a case stands. 'awaitingSupplement': the last check found required materials missing
 * (a one-time notice is due) and the case waits for supplements; 'materialsComplete': ready to accept.
 */
export type CaseStatus = 'received' | 'awaitingSupplement' | 'materialsComplete' | 'accepted' | 'returned' | 'completed' | 'handedOver'

export const caseStatusLabels: Record<CaseStatus, string> = {
  received: '已收件',
  awaitingSupplement: '待补正',
  materialsComplete: '材料齐全',
  accepted: '已受理',
  returned: '已退件',
  completed: '已办结',
  handedOver: '已交付',
}

/** One line of the case timeline (工作日志): every event, applied or not. */
export interface CaseLogEntry {
  eventId: string
  type: string
  occurredAt: string
  staffId: string | null
  deviceId: string
  /** Chinese one-liner without personal data, e.g. '受理：回执 TY01-2026-0001'. */
  summary: string
  /** False when the fold refused the event (illegal transition, conflict, unreadable). */
  applied: boolean
  /** Why it was refused, in Chinese; null when applied. */
  rejection: string | null
  /** The payload without its personal-data parts (`applicant`, `recipient` live only in the state); null when unreadable. */
  details: Record<string, unknown> | null
}

/** The projection of a case stream (Dexie `cases`, server table), rebuilt by foldCase. */
export interface CaseState {
  /** The stream id, 'case:<uuid>'. */
  id: string
  stationId: string
  /** Who received it. */
  staffId: string | null
  deviceId: string
  kind: CaseKind
  status: CaseStatus
  itemCode: string
  itemName: string
  department: string
  promisedLimitWorkdays: number | null
  channel: CaseReceivedPayload['channel']
  appointmentId: string | null
  /** PERSONAL DATA, as received. */
  applicant: Applicant
  /** The latest applied checklist; null before any check. */
  materials: MaterialCheck[] | null
  /** Names of the required materials still missing at the latest check. */
  missingMaterials: string[]
  noticeIssued: boolean
  assistMode: AssistMode | null
  receiptNumber: string | null
  receivedAt: string
  acceptedAt: string | null
  dueAt: string | null
  completedAt: string | null
  /** 6.2.1: fixed at completion, completedAt ≤ dueAt; null until completed or when there is no due. */
  onTime: boolean | null
  returnReason: string | null
  returnedAt: string | null
  /** The applied handover (PERSONAL DATA in `recipient`). */
  handover: CaseHandedOverPayload | null
  handedOverAt: string | null
  log: CaseLogEntry[]
  needsAttention: boolean
  attentionReasons: string[]
  lastOccurredAt: string
  eventCount: number
}

/** The facts that can contradict each other between tablets. */
type Fact = 'received' | 'accepted' | 'returned' | 'completed' | 'handedOver'

interface Verdict {
  reason: string
  /** Set when the event contradicts an earlier fact (rather than merely coming too early). */
  contradicts?: { fact: Fact, what: string }
}

const refused = (type: CaseEventType, why: string): Verdict => ({ reason: `${caseEventLabels[type]}未生效：${why}` })
const contradiction = (fact: Fact, what: string): Verdict => ({ reason: `记录了相互矛盾的事实：${what}`, contradicts: { fact, what } })

function judge(state: CaseState | null, ev: CaseEventInput): Verdict | null {
  if (ev.type === 'case.received')
    return state ? contradiction('received', '同一办件有两条收件记录') : null
  if (!state)
    return refused(ev.type, '尚无收件记录（记录时间早于收件，可能是设备时钟不准）')
  const s = state.status
  switch (ev.type) {
    case 'case.logged':
      return null
    case 'case.materialsChecked':
      if (s === 'returned')
        return refused(ev.type, '办件已退件')
      if (s === 'accepted' || s === 'completed' || s === 'handedOver')
        return refused(ev.type, '办件已受理，收件材料不能再核验')
      return null
    case 'case.accepted':
      if (s === 'returned')
        return contradiction('returned', '退件与受理')
      if (state.receiptNumber !== null) {
        if (state.receiptNumber === ev.payload.receiptNumber && state.dueAt === ev.payload.dueAt)
          return null
        return contradiction('accepted', `两次受理的回执编号或期限不同（${state.receiptNumber}、${ev.payload.receiptNumber}）`)
      }
      if (s === 'received')
        return refused(ev.type, '尚未核验材料')
      if (s === 'awaitingSupplement')
        return refused(ev.type, `材料不齐全，缺少：${state.missingMaterials.join('、')}（应出具一次性告知单并等待补正）`)
      return null
    case 'case.returned':
      if (state.receiptNumber !== null)
        return contradiction('accepted', '受理与退件')
      if (s === 'returned')
        return state.returnReason === ev.payload.reason ? null : contradiction('returned', '两次退件的原因不同')
      return null
    case 'case.completed':
      if (state.completedAt !== null)
        return state.completedAt === ev.payload.completedAt ? null : contradiction('completed', '两次办结的时间不同')
      if (s === 'returned')
        return refused(ev.type, '办件已退件')
      if (s !== 'accepted')
        return refused(ev.type, '办件尚未受理')
      return null
    case 'case.handedOver':
      if (s === 'handedOver')
        return contradiction('handedOver', '同一结果交付了两次')
      if (s !== 'completed')
        return refused(ev.type, '办件尚未办结')
      return null
  }
}

/** 6.3.2–6.3.4: why the UI must not record `event` on a case in `state` now (Chinese), or null when it may. */
export function caseTransitionError(state: CaseState | null, event: CaseEventInput): string | null {
  // A repeat of a fact already recorded is harmless in a fold but pointless to record again.
  if (state && event.type === 'case.accepted' && state.receiptNumber !== null)
    return `${caseEventLabels[event.type]}未生效：办件已受理（回执 ${state.receiptNumber}）`
  if (state && event.type === 'case.returned' && state.status === 'returned')
    return `${caseEventLabels[event.type]}未生效：办件已退件`
  if (state && event.type === 'case.completed' && state.completedAt !== null)
    return `${caseEventLabels[event.type]}未生效：办件已办结`
  return judge(state, event)?.reason ?? null
}

function summarize(ev: CaseEventInput): string {
  const label = caseEventLabels[ev.type]
  switch (ev.type) {
    case 'case.received':
      return `${label}（${caseKindLabels[ev.payload.kind]}）：${ev.payload.itemName}`
    case 'case.materialsChecked': {
      const missing = ev.payload.materials.filter(m => m.required && m.status === 'missing').map(m => m.name)
      return missing.length ? `${label}：缺少 ${missing.length} 项（${missing.join('、')}）` : `${label}：材料齐全`
    }
    case 'case.accepted':
      return `${label}：回执 ${ev.payload.receiptNumber}`
    case 'case.returned':
      return `${label}：${ev.payload.reason}`
    case 'case.logged':
      return ev.payload.kind === 'liaison' ? `${label}（联络 ${ev.payload.department ?? ''}）：${ev.payload.text}` : `${label}：${ev.payload.text}`
    case 'case.completed':
      return label
    case 'case.handedOver':
      return ev.payload.method === 'post' ? `${label}：邮寄（${ev.payload.carrier} ${ev.payload.waybillNumber}）` : `${label}：当面领取`
  }
}

function apply(state: CaseState | null, e: DomainEvent, ev: CaseEventInput): CaseState | null {
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
      completedAt: null,
      onTime: null,
      returnReason: null,
      returnedAt: null,
      handover: null,
      handedOverAt: null,
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
      return { ...state, status: 'accepted', receiptNumber: ev.payload.receiptNumber, acceptedAt: e.occurredAt, dueAt: ev.payload.dueAt, assistMode: ev.payload.assistMode ?? null }
    case 'case.returned':
      if (state.status === 'returned')
        return state
      return { ...state, status: 'returned', returnReason: ev.payload.reason, returnedAt: e.occurredAt }
    case 'case.completed': {
      if (state.completedAt !== null)
        return state
      const onTime = state.dueAt === null ? null : Date.parse(ev.payload.completedAt) <= Date.parse(state.dueAt)
      return { ...state, status: 'completed', completedAt: ev.payload.completedAt, onTime }
    }
    case 'case.handedOver':
      return { ...state, status: 'handedOver', handover: ev.payload, handedOverAt: e.occurredAt }
  }
}

/** DESIGN §3: the marked personal-data parts stay out of the timeline, so masking and purges wrap only the state's. */
function withoutPersonalData(payload: CaseEventInput['payload']): Record<string, unknown> {
  const { applicant: _a, recipient: _r, ...rest } = payload as Record<string, unknown>
  return rest
}

function isCaseEventType(type: string): type is CaseEventType {
  return (caseEventTypes as readonly string[]).includes(type)
}

/** Reads a stored event as a typed case event, or says in Chinese why it cannot. */
function readCaseEvent(e: DomainEvent): { ok: true, input: CaseEventInput } | { ok: false, reason: string } {
  if (!isCaseEventType(e.type))
    return { ok: false, reason: `无法识别的记录类型 ${e.type}（可能需要更新应用）` }
  if (e.v !== 1)
    return { ok: false, reason: `${caseEventLabels[e.type]}记录的版本 v${e.v} 无法识别（可能需要更新应用）` }
  const parsed = caseEventSchemas[e.type].safeParse(e.payload)
  if (!parsed.success)
    return { ok: false, reason: `${caseEventLabels[e.type]}记录的内容不符合格式，未生效` }
  return { ok: true, input: { type: e.type, payload: parsed.data } as CaseEventInput }
}

const factOf: Partial<Record<CaseEventType, Fact>> = {
  'case.received': 'received',
  'case.accepted': 'accepted',
  'case.returned': 'returned',
  'case.completed': 'completed',
  'case.handedOver': 'handedOver',
}

/**
 * DESIGN §3, 6.3.2–6.3.4: the state of one case from its events, in (occurredAt, id) order, each id once.
 * Null when the stream has no readable `case.received`. Illegal steps stay in the log, are not applied,
 * and set needsAttention; of two contradicting facts the earlier in fold order wins.
 */
export function foldCase(events: readonly DomainEvent[]): CaseState | null {
  const ordered = orderedUnique(events)
  const first = ordered.find(e => e.type === 'case.received')
  if (!first)
    return null
  // One stream per fold: events of other streams are not part of this case.
  const mine = ordered.filter(e => e.stream === first.stream)
  let state: CaseState | null = null
  const log: CaseLogEntry[] = []
  const reasons: string[] = []
  const factDevice = new Map<Fact, string>()
  for (const e of mine) {
    const read = readCaseEvent(e)
    if (!read.ok) {
      log.push({ eventId: e.id, type: e.type, occurredAt: e.occurredAt, staffId: e.staffId, deviceId: e.deviceId, summary: read.reason, applied: false, rejection: read.reason, details: null })
      reasons.push(read.reason)
      continue
    }
    const verdict = judge(state, read.input)
    const summary = summarize(read.input)
    if (verdict) {
      const earlierDevice = verdict.contradicts ? factDevice.get(verdict.contradicts.fact) : undefined
      const reason = verdict.contradicts
        ? `${earlierDevice !== undefined && earlierDevice !== e.deviceId ? '两台设备' : ''}记录了相互矛盾的事实：${verdict.contradicts.what}（以时间在先的记录为准）`
        : verdict.reason
      log.push({ eventId: e.id, type: e.type, occurredAt: e.occurredAt, staffId: e.staffId, deviceId: e.deviceId, summary, applied: false, rejection: reason, details: withoutPersonalData(read.input.payload) })
      reasons.push(reason)
      continue
    }
    state = apply(state, e, read.input)
    const fact = factOf[read.input.type]
    if (fact && !factDevice.has(fact))
      factDevice.set(fact, e.deviceId)
    log.push({ eventId: e.id, type: e.type, occurredAt: e.occurredAt, staffId: e.staffId, deviceId: e.deviceId, summary, applied: true, rejection: null, details: withoutPersonalData(read.input.payload) })
  }
  if (!state)
    return null
  if (state.receiptNumber !== null && state.dueAt === null && state.promisedLimitWorkdays !== null)
    reasons.push('已受理但未能计算承诺办结时间（节假日安排可能未发布）')
  const attentionReasons = [...new Set(reasons)]
  const last = mine[mine.length - 1]
  return {
    ...state,
    log,
    needsAttention: attentionReasons.length > 0,
    attentionReasons,
    lastOccurredAt: last ? last.occurredAt : state.receivedAt,
    eventCount: mine.length,
  }
}
