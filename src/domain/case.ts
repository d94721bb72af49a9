/**
 * Cases (办件): intake (收件), 帮办 (assisted) and 代办 (proxy), as events folded into a CaseState
 * (DESIGN §3; standard 6.3.2–6.3.4). Personal data lives only in the marked payload parts `applicant`,
 * `recipient`, `principal`, `agent` and `signatureSha256` (and the state fields holding them).
 *
 * Glossary: 收件 receive an application · 材料核验 completeness check · 一次性告知 one-time notice of
 * what is missing · 补正 supplement · 受理 accept (收件回执 = acceptance receipt) · 退件 return /
 * refuse with a reason · 工作日志 work log · 办结 complete · 交付 hand over the result · 帮办 assisted ·
 * 代办 proxy (by entrustment).
 */
import type { DomainEvent } from './events'
import { z } from 'zod'
import { isCivilDate, toCivilDate } from './calendar'
import { canonicalJson, orderedUnique } from './events'

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
  'case.convertedToProxy',
  'case.accompanied',
  'case.entrusted',
  'case.inProgress',
  'case.supplementRequested',
  'case.supplementReceived',
  'case.suspended',
  'case.resumed',
  'case.terminated',
  'case.renewed',
  'case.attentionResolved',
] as const
export type CaseEventType = typeof caseEventTypes[number]

const sha256Schema = z.string().regex(/^[0-9a-f]{64}$/, '应为 64 位小写十六进制 SHA-256')
const instantSchema = z.iso.datetime({ offset: true, error: '应为带时区的 ISO 8601 时间' })
const text = (max: number) => z.string().min(1, '不能为空').max(max, `不能超过 ${max} 个字符`).regex(/\S/, '不能为空')
const optionalText = (max: number) => z.string().max(max, `不能超过 ${max} 个字符`).nullable().optional()
const civilDateSchema = z.string().refine(isCivilDate, { message: '日期应为有效的 YYYY-MM-DD' })

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

/** 6.3.5 one-time notice: the form a material is given in (原件 / 复印件 / both / electronic). */
export const materialFormSchema = z.enum(['原件', '复印件', '原件及复印件', '电子件'])
export type MaterialForm = z.infer<typeof materialFormSchema>

/** One row of the material checklist (6.3.2; form and copies as on the one-time notice). */
export const materialCheckSchema = z.object({
  name: text(200),
  required: z.boolean(),
  /** provided at intake, missing (goes on the one-time notice), or supplemented on the spot. */
  status: z.enum(['provided', 'missing', 'supplemented']),
  form: materialFormSchema,
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

/** 6.3.3.2.4: a 帮办 case becomes 代办 at the citizen's request; its history stays. */
export const caseConvertedToProxyPayloadSchema = z.object({
  reason: text(500),
}).strict()
export type CaseConvertedToProxyPayload = z.infer<typeof caseConvertedToProxyPayloadSchema>

/** 6.3.3.2.1–2, Annex E 帮办方式: how a 帮办 case was helped (陪同办理 needs complete materials). */
export const caseAccompaniedPayloadSchema = z.object({
  mode: assistModeSchema,
  department: optionalText(200),
  note: optionalText(500),
}).strict()
export type CaseAccompaniedPayload = z.infer<typeof caseAccompaniedPayloadSchema>

/** Annex F 材料交接清单: one material handed over (name, copies, original or copy). */
export const materialHandoverSchema = z.object({
  name: text(200),
  copies: z.number().int().min(1).max(99),
  form: materialFormSchema,
}).strict()
export type MaterialHandover = z.infer<typeof materialHandoverSchema>

/** 6.3.4.2 委托书 powers: submit materials, sign documents, collect the result. */
export const entrustmentPowerSchema = z.enum(['submit', 'sign', 'collectResult'])
export type EntrustmentPower = z.infer<typeof entrustmentPowerSchema>
export const entrustmentPowerLabels: Record<EntrustmentPower, string> = { submit: '递交材料', sign: '签署文书', collectResult: '领取结果' }

/** 6.3.4.2 PERSONAL DATA: the agent (受托人), a staff member of the station. */
export const entrustmentAgentSchema = z.object({
  staffId: text(64),
  name: text(64),
}).strict()
export type EntrustmentAgent = z.infer<typeof entrustmentAgentSchema>

/** 6.3.4.2, Annex F: the items entrusted (specific items, not "everything"). */
export const entrustedItemSchema = z.object({
  itemCode: text(64),
  itemName: text(200),
}).strict()

const validityRefinement = (p: { validFrom: string, validTo: string }, ctx: z.RefinementCtx): void => {
  if (isCivilDate(p.validFrom) && isCivilDate(p.validTo) && p.validTo < p.validFrom)
    ctx.addIssue({ code: 'custom', path: ['validTo'], message: '有效期截止日期不能早于起始日期' })
}

/**
 * 6.3.4.2, Annex F: the letter of entrustment (委托书) signed by the principal on the tablet: principal and
 * agent, items, powers, validity (CST dates, inclusive), the material handover list and the signature.
 */
export const caseEntrustedPayloadSchema = z.object({
  /** 委托书编号, e.g. 'JC0001-WT-2026-A-0003' (receipt.ts `entrustmentNumber`). */
  entrustmentNumber: text(64),
  /** PERSONAL DATA: the principal (委托人), person or organisation. */
  principal: applicantSchema,
  /** PERSONAL DATA: the agent (受托人). */
  agent: entrustmentAgentSchema,
  items: z.array(entrustedItemSchema).min(1, '至少委托一个事项').max(20),
  powers: z.array(entrustmentPowerSchema).min(1, '至少授予一项权限').max(3).refine(a => new Set(a).size === a.length, '权限不能重复'),
  validFrom: civilDateSchema,
  validTo: civilDateSchema,
  /** 材料交接清单: what the principal handed to the agent. */
  materials: z.array(materialHandoverSchema).max(100),
  /** PERSONAL DATA by reference: the principal's signature, a blob keyed by SHA-256. */
  signatureSha256: sha256Schema,
}).strict().superRefine(validityRefinement)
export type CaseEntrustedPayload = z.infer<typeof caseEntrustedPayloadSchema>

/** 6.3.4.3: proxy handling started (materials submitted to the department). */
export const caseInProgressPayloadSchema = z.object({
  submittedTo: optionalText(200),
  note: optionalText(500),
}).strict()
export type CaseInProgressPayload = z.infer<typeof caseInProgressPayloadSchema>

/** 6.3.4.3: how and when the citizen was contacted about a supplement. */
export const supplementContactSchema = z.object({
  method: z.enum(['phone', 'sms', 'visit', 'other']),
  contactedAt: instantSchema,
  /** Whether the citizen was reached (an unanswered call is still recorded). */
  reached: z.boolean(),
  note: optionalText(500),
}).strict()
export type SupplementContact = z.infer<typeof supplementContactSchema>
export const supplementContactMethodLabels: Record<SupplementContact['method'], string> = { phone: '电话', sms: '短信', visit: '当面', other: '其他方式' }

/** 6.3.4.3: after acceptance the department needs more; what, and the contact with the citizen. */
export const caseSupplementRequestedPayloadSchema = z.object({
  materials: z.array(z.object({ name: text(200), howToSupply: optionalText(500) }).strict()).min(1, '至少列出一项需补充的材料').max(50),
  /** The department that asked. */
  requestedBy: optionalText(200),
  contact: supplementContactSchema,
}).strict()
export type CaseSupplementRequestedPayload = z.infer<typeof caseSupplementRequestedPayloadSchema>

/** 6.3.4.3: supplements received from the citizen; `complete` when everything asked for is in. */
export const caseSupplementReceivedPayloadSchema = z.object({
  materials: z.array(materialHandoverSchema).min(1, '至少记录一项收到的材料').max(50),
  complete: z.boolean(),
  note: optionalText(500),
}).strict()
export type CaseSupplementReceivedPayload = z.infer<typeof caseSupplementReceivedPayloadSchema>

/** 6.3.4.3, Annex F 中止: proxy handling suspended, with the reason. */
export const caseSuspendedPayloadSchema = z.object({
  reason: text(500),
  expectedResumeDate: civilDateSchema.nullable().optional(),
}).strict()
export type CaseSuspendedPayload = z.infer<typeof caseSuspendedPayloadSchema>

/** 6.3.4.3: a suspended proxy case resumes where it was. */
export const caseResumedPayloadSchema = z.object({
  note: optionalText(500),
}).strict()
export type CaseResumedPayload = z.infer<typeof caseResumedPayloadSchema>

/** 6.3.4.3, Annex F 终止单: the entrustment ends before completion; materials go back to the principal. */
export const caseTerminatedPayloadSchema = z.object({
  reason: text(500),
  initiatedBy: z.enum(['principal', 'agent', 'department']),
  materialsReturned: z.array(materialHandoverSchema).max(100),
  /** PERSONAL DATA by reference: the principal's signature on the 终止单, when given. */
  signatureSha256: sha256Schema.nullable().optional(),
}).strict()
export type CaseTerminatedPayload = z.infer<typeof caseTerminatedPayloadSchema>
export const terminationInitiatorLabels: Record<CaseTerminatedPayload['initiatedBy'], string> = { principal: '委托人', agent: '受托人', department: '办理部门' }

/** 6.3.4.3, Annex F 续办委托书: a new entrustment number and validity; the case keeps its state. */
export const caseRenewedPayloadSchema = z.object({
  entrustmentNumber: text(64),
  validFrom: civilDateSchema,
  validTo: civilDateSchema,
  reason: optionalText(500),
  /** PERSONAL DATA by reference: the principal's signature on the 续办委托书. */
  signatureSha256: sha256Schema,
}).strict().superRefine(validityRefinement)
export type CaseRenewedPayload = z.infer<typeof caseRenewedPayloadSchema>

/**
 * DESIGN §3 conflicts: staff resolve flagged reasons with a note. Only the listed reasons (as staff saw
 * them in `attentionReasons`) raised before this event are cleared; later ones flag again.
 */
export const caseAttentionResolvedPayloadSchema = z.object({
  note: text(500),
  reasons: z.array(text(1000)).min(1, '至少处理一条提示').max(50),
}).strict()
export type CaseAttentionResolvedPayload = z.infer<typeof caseAttentionResolvedPayloadSchema>

export interface CaseEventPayloads {
  'case.received': CaseReceivedPayload
  'case.materialsChecked': CaseMaterialsCheckedPayload
  'case.accepted': CaseAcceptedPayload
  'case.returned': CaseReturnedPayload
  'case.logged': CaseLoggedPayload
  'case.completed': CaseCompletedPayload
  'case.handedOver': CaseHandedOverPayload
  'case.convertedToProxy': CaseConvertedToProxyPayload
  'case.accompanied': CaseAccompaniedPayload
  'case.entrusted': CaseEntrustedPayload
  'case.inProgress': CaseInProgressPayload
  'case.supplementRequested': CaseSupplementRequestedPayload
  'case.supplementReceived': CaseSupplementReceivedPayload
  'case.suspended': CaseSuspendedPayload
  'case.resumed': CaseResumedPayload
  'case.terminated': CaseTerminatedPayload
  'case.renewed': CaseRenewedPayload
  'case.attentionResolved': CaseAttentionResolvedPayload
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
  'case.convertedToProxy': caseConvertedToProxyPayloadSchema,
  'case.accompanied': caseAccompaniedPayloadSchema,
  'case.entrusted': caseEntrustedPayloadSchema,
  'case.inProgress': caseInProgressPayloadSchema,
  'case.supplementRequested': caseSupplementRequestedPayloadSchema,
  'case.supplementReceived': caseSupplementReceivedPayloadSchema,
  'case.suspended': caseSuspendedPayloadSchema,
  'case.resumed': caseResumedPayloadSchema,
  'case.terminated': caseTerminatedPayloadSchema,
  'case.renewed': caseRenewedPayloadSchema,
  'case.attentionResolved': caseAttentionResolvedPayloadSchema,
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
  'case.convertedToProxy': '帮办转代办',
  'case.accompanied': '帮办',
  'case.entrusted': '签订委托书',
  'case.inProgress': '代办办理',
  'case.supplementRequested': '通知补充材料',
  'case.supplementReceived': '收到补充材料',
  'case.suspended': '中止',
  'case.resumed': '恢复办理',
  'case.terminated': '终止',
  'case.renewed': '续办',
  'case.attentionResolved': '处理提示',
}

/**
 * Where a case stands. 'awaitingSupplement': the last check found required materials missing
 * (a one-time notice is due) and the case waits for supplements; 'materialsComplete': ready to accept.
 * 代办 (Annex F 状态) adds 'inProgress' (办理中), 'supplementRequested' (accepted, the department needs more),
 * 'suspended' (中止) and 'terminated' (终止, final). 续办 is not a status: it extends the entrustment's validity.
 */
export type CaseStatus = 'received' | 'awaitingSupplement' | 'materialsComplete' | 'accepted' | 'returned' | 'completed' | 'handedOver'
  | 'inProgress' | 'supplementRequested' | 'suspended' | 'terminated'

export const caseStatusLabels: Record<CaseStatus, string> = {
  received: '已收件',
  awaitingSupplement: '待补正',
  materialsComplete: '材料齐全',
  accepted: '已受理',
  returned: '已退件',
  completed: '已办结',
  handedOver: '已交付',
  inProgress: '办理中',
  supplementRequested: '待补充材料',
  suspended: '已中止',
  terminated: '已终止',
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
  /** The payload without its personal-data parts (`applicant`, `recipient`, `principal`, `agent`, `signatureSha256` live only in the state); null when unreadable. */
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
  /** Annex E 帮办方式 recorded, in order, without repeats (accepted's assistMode and case.accompanied). */
  assistModes: AssistMode[]
  /** 6.3.3.2.4: set when a 帮办 case became 代办 (kind is then 'proxy'). */
  convertedFromAssisted: CaseConversion | null
  /** 6.3.4.2: the applied 委托书 (PERSONAL DATA in `principal`, `agent`, `signatureSha256`). */
  entrustment: CaseEntrustment | null
  /** The entrustment's effective last valid CST date: the latest renewal's, else the 委托书's. */
  entrustmentValidTo: string | null
  /** Annex F 续办委托书, in order. */
  renewals: CaseRenewal[]
  /** 6.3.4.3: when proxy handling started. */
  inProgressAt: string | null
  /** 6.3.4.3: supplements requested after acceptance, in order; the last may be open. */
  supplements: CaseSupplement[]
  /** Annex F 中止, in order; the last is open while the case is suspended. */
  suspensions: CaseSuspension[]
  /** Annex F 终止单; set once, final. */
  termination: CaseTermination | null
  /** Flagged reasons staff resolved (case.attentionResolved). */
  attentionResolutions: CaseAttentionResolution[]
  log: CaseLogEntry[]
  needsAttention: boolean
  attentionReasons: string[]
  lastOccurredAt: string
  eventCount: number
}

/** 6.3.3.2.4: when and why a 帮办 case became 代办. */
export interface CaseConversion {
  convertedAt: string
  reason: string
}

/** 6.3.4.2: the entrustment as signed, and when it was recorded. */
export type CaseEntrustment = CaseEntrustedPayload & { entrustedAt: string }

/** Annex F 续办委托书 as recorded. */
export interface CaseRenewal {
  entrustmentNumber: string
  validFrom: string
  validTo: string
  reason: string | null
  /** PERSONAL DATA by reference. */
  signatureSha256: string
  renewedAt: string
}

/** 6.3.4.3: one supplement request and what came back. */
export interface CaseSupplement {
  requestedAt: string
  requestedBy: string | null
  materials: CaseSupplementRequestedPayload['materials']
  contact: SupplementContact
  received: MaterialHandover[]
  /** When the last of it came in; null while open. */
  receivedAt: string | null
  /** The status to return to once complete (accepted or inProgress). */
  statusBefore: CaseStatus
}

/** Annex F 中止 and its resumption. */
export interface CaseSuspension {
  suspendedAt: string
  reason: string
  expectedResumeDate: string | null
  /** The status to return to on resumption. */
  statusBefore: CaseStatus
  resumedAt: string | null
  resumeNote: string | null
}

/** Annex F 终止单 as recorded. */
export interface CaseTermination {
  terminatedAt: string
  reason: string
  initiatedBy: CaseTerminatedPayload['initiatedBy']
  materialsReturned: MaterialHandover[]
  /** PERSONAL DATA by reference. */
  signatureSha256: string | null
}

/** Reasons cleared by staff, with their note. */
export interface CaseAttentionResolution {
  resolvedAt: string
  staffId: string | null
  note: string
  /** The reasons this resolution cleared. */
  cleared: string[]
}

/** The facts that can contradict each other between tablets. */
type Fact = 'received' | 'accepted' | 'returned' | 'completed' | 'handedOver' | 'entrusted' | 'terminated' | 'renewed'

interface Verdict {
  reason: string
  /** Set when the event contradicts an earlier fact (rather than merely coming too early). */
  contradicts?: { fact: Fact, what: string }
}

const refused = (type: CaseEventType, why: string): Verdict => ({ reason: `${caseEventLabels[type]}未生效：${why}` })
const contradiction = (fact: Fact, what: string): Verdict => ({ reason: `记录了相互矛盾的事实：${what}`, contradicts: { fact, what } })

/** Steps that are only left after a termination: notes, resolving flags, and the contradicting facts. */
const AFTER_TERMINATION: ReadonlySet<CaseEventType> = new Set<CaseEventType>(['case.logged', 'case.attentionResolved', 'case.terminated', 'case.completed'])

/** The CST day of an event instant; a fold never throws, so an odd spelling falls back to its date part. */
function cstDay(at: string): string {
  try {
    return toCivilDate(at)
  }
  catch {
    return at.slice(0, 10)
  }
}

/** 6.3.4.2: whether the entrustment covers the CST day of `at`, as a Chinese problem or null. */
function validityProblem(state: CaseState, at: string): string | null {
  const entrustment = state.entrustment
  if (!entrustment || state.entrustmentValidTo === null)
    return '代办办件须先签订委托书'
  const day = cstDay(at)
  if (day < entrustment.validFrom)
    return `委托书尚未生效（自 ${entrustment.validFrom} 起）`
  if (day > state.entrustmentValidTo)
    return `委托书已过有效期（至 ${state.entrustmentValidTo}），应先续办`
  return null
}

/** 6.3.4.3: steps only a 代办 case under an entrustment takes (and, for the agent's acts, within its validity). */
function proxyGate(state: CaseState, type: CaseEventType, at: string, checkValidity: boolean): Verdict | null {
  if (state.kind !== 'proxy')
    return refused(type, '只有代办办件有此步骤')
  if (state.status === 'returned')
    return refused(type, '办件已退件')
  if (state.completedAt !== null)
    return refused(type, '办件已办结')
  if (!state.entrustment)
    return refused(type, '代办办件须先签订委托书')
  const problem = checkValidity ? validityProblem(state, at) : null
  return problem ? refused(type, problem) : null
}

function sameNames(a: readonly { name: string }[], b: readonly { name: string }[]): boolean {
  return canonicalJson(a.map(m => m.name).sort()) === canonicalJson(b.map(m => m.name).sort())
}

function judge(state: CaseState | null, ev: CaseEventInput, at: string): Verdict | null {
  if (ev.type === 'case.received')
    return state ? contradiction('received', '同一办件有两条收件记录') : null
  if (!state)
    return refused(ev.type, '尚无收件记录（记录时间早于收件，可能是设备时钟不准）')
  const s = state.status
  if (s === 'terminated' && !AFTER_TERMINATION.has(ev.type))
    return refused(ev.type, '办件已终止（终止为最终状态）')
  switch (ev.type) {
    case 'case.logged':
    case 'case.attentionResolved':
      return null
    case 'case.materialsChecked':
      if (s === 'returned')
        return refused(ev.type, '办件已退件')
      if (state.receiptNumber !== null)
        return refused(ev.type, '办件已受理，收件材料不能再核验')
      return null
    case 'case.accepted': {
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
      if (state.kind === 'proxy') {
        if (!state.entrustment)
          return refused(ev.type, '代办办件须先签订委托书')
        if (!state.entrustment.powers.includes('submit'))
          return refused(ev.type, '委托书未授权递交材料')
        const problem = validityProblem(state, at)
        if (problem)
          return refused(ev.type, problem)
      }
      return null
    }
    case 'case.returned':
      if (state.receiptNumber !== null)
        return contradiction('accepted', '受理与退件')
      if (s === 'returned')
        return state.returnReason === ev.payload.reason ? null : contradiction('returned', '两次退件的原因不同')
      return null
    case 'case.completed':
      if (state.completedAt !== null)
        return state.completedAt === ev.payload.completedAt ? null : contradiction('completed', '两次办结的时间不同')
      if (s === 'terminated')
        return contradiction('terminated', '终止与办结')
      if (s === 'returned')
        return refused(ev.type, '办件已退件')
      if (s === 'suspended')
        return refused(ev.type, '办件已中止，应先恢复办理')
      if (s === 'supplementRequested')
        return refused(ev.type, '正在等待群众补充材料')
      if (s !== 'accepted' && s !== 'inProgress')
        return refused(ev.type, '办件尚未受理')
      return null
    case 'case.handedOver':
      if (s === 'handedOver')
        return contradiction('handedOver', '同一结果交付了两次')
      if (s !== 'completed')
        return refused(ev.type, '办件尚未办结')
      return null
    case 'case.convertedToProxy':
      if (state.convertedFromAssisted)
        return null // the same conversion, recorded on two tablets
      if (state.kind !== 'assisted')
        return refused(ev.type, state.kind === 'proxy' ? '办件已是代办' : '只有帮办办件可以转为代办')
      if (s === 'returned')
        return refused(ev.type, '办件已退件')
      if (state.completedAt !== null)
        return refused(ev.type, '办件已办结')
      return null
    case 'case.accompanied':
      if (state.kind !== 'assisted')
        return refused(ev.type, '只有帮办办件记录帮办方式')
      if (s === 'returned')
        return refused(ev.type, '办件已退件')
      if (state.completedAt !== null)
        return refused(ev.type, '办件已办结')
      if (ev.payload.mode === 'accompany' && (s === 'received' || s === 'awaitingSupplement'))
        return refused(ev.type, '材料齐全后才能陪同办理')
      return null
    case 'case.entrusted': {
      const current = state.entrustment
      if (current) {
        const { entrustedAt: _at, ...signed } = current
        return canonicalJson(signed) === canonicalJson(ev.payload) ? null : contradiction('entrusted', `两份不同的委托书（${current.entrustmentNumber}、${ev.payload.entrustmentNumber}；变更有效期应续办）`)
      }
      if (state.kind !== 'proxy')
        return refused(ev.type, '只有代办办件签订委托书（帮办办件应先转为代办）')
      if (s === 'returned')
        return refused(ev.type, '办件已退件')
      if (state.completedAt !== null)
        return refused(ev.type, '办件已办结')
      if (s === 'received')
        return refused(ev.type, '尚未核验材料')
      if (s === 'awaitingSupplement')
        return refused(ev.type, `材料不齐全，缺少：${state.missingMaterials.join('、')}（应出具一次性告知单，材料齐全后再签订委托书）`)
      if (!ev.payload.items.some(i => i.itemCode === state.itemCode))
        return refused(ev.type, `委托事项不包含本办件事项（${state.itemName}）`)
      if (cstDay(at) > ev.payload.validTo)
        return refused(ev.type, `委托书有效期（至 ${ev.payload.validTo}）已过`)
      return null
    }
    case 'case.inProgress': {
      const gate = proxyGate(state, ev.type, at, true)
      if (gate)
        return gate
      if (s === 'inProgress')
        return null
      if (s === 'suspended')
        return refused(ev.type, '办件已中止，应先恢复办理')
      if (s === 'supplementRequested')
        return refused(ev.type, '正在等待群众补充材料')
      if (s !== 'accepted')
        return refused(ev.type, '办件尚未受理')
      return null
    }
    case 'case.supplementRequested': {
      const gate = proxyGate(state, ev.type, at, true)
      if (gate)
        return gate
      if (s === 'supplementRequested') {
        const open = state.supplements[state.supplements.length - 1]
        return open && sameNames(open.materials, ev.payload.materials) ? null : refused(ev.type, '已在等待群众补充材料（上一次通知尚未补齐）')
      }
      if (s === 'suspended')
        return refused(ev.type, '办件已中止，应先恢复办理')
      if (s !== 'accepted' && s !== 'inProgress')
        return refused(ev.type, '办件尚未受理')
      return null
    }
    case 'case.supplementReceived': {
      const gate = proxyGate(state, ev.type, at, false)
      if (gate)
        return gate
      if (s !== 'supplementRequested')
        return refused(ev.type, '没有待补充的材料通知')
      return null
    }
    case 'case.suspended': {
      // A lapsed entrustment is a reason to suspend, so validity is not required here.
      const gate = proxyGate(state, ev.type, at, false)
      if (gate)
        return gate
      if (s === 'suspended') {
        const open = state.suspensions[state.suspensions.length - 1]
        return open?.reason === ev.payload.reason ? null : refused(ev.type, '办件已中止')
      }
      if (s !== 'accepted' && s !== 'inProgress' && s !== 'supplementRequested')
        return refused(ev.type, '办件尚未受理')
      return null
    }
    case 'case.resumed': {
      const gate = proxyGate(state, ev.type, at, true)
      if (gate)
        return gate
      if (s !== 'suspended')
        return refused(ev.type, '办件未中止')
      return null
    }
    case 'case.terminated':
      if (s === 'terminated') {
        const t = state.termination
        return t && t.reason === ev.payload.reason && t.initiatedBy === ev.payload.initiatedBy ? null : contradiction('terminated', '两次终止的原因不同')
      }
      if (state.kind !== 'proxy')
        return refused(ev.type, '只有代办办件可以终止（帮办或收件办件应退件）')
      if (state.completedAt !== null)
        return contradiction('completed', '办结与终止')
      if (s === 'returned')
        return refused(ev.type, '办件已退件')
      if (!state.entrustment)
        return refused(ev.type, '尚无委托书（未签订委托书的办件应退件）')
      return null
    case 'case.renewed': {
      const gate = proxyGate(state, ev.type, at, false)
      if (gate)
        return gate
      const same = state.renewals.find(r => r.entrustmentNumber === ev.payload.entrustmentNumber)
      if (same)
        return same.validFrom === ev.payload.validFrom && same.validTo === ev.payload.validTo ? null : contradiction('renewed', `续办委托书 ${same.entrustmentNumber} 记录了两个不同的有效期`)
      if (ev.payload.entrustmentNumber === state.entrustment?.entrustmentNumber)
        return refused(ev.type, '续办委托书应使用新的编号')
      if (state.entrustmentValidTo !== null && ev.payload.validTo <= state.entrustmentValidTo)
        return refused(ev.type, `续办后的有效期（至 ${ev.payload.validTo}）应晚于当前有效期（至 ${state.entrustmentValidTo}）`)
      return null
    }
  }
}

/** A step that would only repeat what the case already records: harmless in a fold, pointless to record. */
function repeatOf(state: CaseState, event: CaseEventInput): string | null {
  switch (event.type) {
    case 'case.accepted':
      return state.receiptNumber !== null ? `办件已受理（回执 ${state.receiptNumber}）` : null
    case 'case.returned':
      return state.status === 'returned' ? '办件已退件' : null
    case 'case.completed':
      return state.completedAt !== null ? '办件已办结' : null
    case 'case.convertedToProxy':
      return state.convertedFromAssisted ? '办件已转为代办' : null
    case 'case.entrusted':
      return state.entrustment ? `已签订委托书（编号 ${state.entrustment.entrustmentNumber}），变更有效期请续办` : null
    case 'case.inProgress':
      return state.status === 'inProgress' ? '办件已在办理中' : null
    case 'case.supplementRequested':
      return state.status === 'supplementRequested' ? '已在等待群众补充材料' : null
    case 'case.suspended':
      return state.status === 'suspended' ? '办件已中止' : null
    case 'case.terminated':
      return state.status === 'terminated' ? '办件已终止' : null
    case 'case.renewed':
      return state.renewals.some(r => r.entrustmentNumber === event.payload.entrustmentNumber) ? `续办委托书 ${event.payload.entrustmentNumber} 已记录` : null
    case 'case.attentionResolved':
      if (!state.needsAttention)
        return '没有需要处理的提示'
      return event.payload.reasons.some(r => state.attentionReasons.includes(r)) ? null : '所列提示不在当前提示中（可能已被处理）'
    default:
      return null
  }
}

/**
 * 6.3.2–6.3.4: why the UI must not record `event` on a case in `state` now (Chinese), or null when it may.
 * `at` is when it would be recorded (default now): the entrustment's validity is judged on its CST day.
 */
export function caseTransitionError(state: CaseState | null, event: CaseEventInput, at: string = new Date().toISOString()): string | null {
  const repeat = state ? repeatOf(state, event) : null
  if (repeat)
    return `${caseEventLabels[event.type]}未生效：${repeat}`
  return judge(state, event, at)?.reason ?? null
}

function names(materials: readonly { name: string }[]): string {
  return materials.map(m => m.name).join('、')
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
    case 'case.convertedToProxy':
      return `${label}：${ev.payload.reason}`
    case 'case.accompanied':
      return `${label}（${assistModeLabels[ev.payload.mode]}）${ev.payload.note ? `：${ev.payload.note}` : ''}`
    case 'case.entrusted':
      return `${label}：编号 ${ev.payload.entrustmentNumber}，有效期 ${ev.payload.validFrom} 至 ${ev.payload.validTo}，权限 ${ev.payload.powers.map(p => entrustmentPowerLabels[p]).join('、')}`
    case 'case.inProgress':
      return ev.payload.submittedTo ? `${label}：已向 ${ev.payload.submittedTo} 递交` : label
    case 'case.supplementRequested':
      return `${label}：${ev.payload.materials.length} 项（${names(ev.payload.materials)}），已${supplementContactMethodLabels[ev.payload.contact.method]}联系${ev.payload.contact.reached ? '' : '（未联系上）'}`
    case 'case.supplementReceived':
      return `${label}：${names(ev.payload.materials)}${ev.payload.complete ? '，已补齐' : '，尚未补齐'}`
    case 'case.suspended':
      return `${label}：${ev.payload.reason}`
    case 'case.resumed':
      return ev.payload.note ? `${label}：${ev.payload.note}` : label
    case 'case.terminated':
      return `${label}（${terminationInitiatorLabels[ev.payload.initiatedBy]}）：${ev.payload.reason}`
    case 'case.renewed':
      return `${label}：委托书 ${ev.payload.entrustmentNumber}，有效期至 ${ev.payload.validTo}`
    case 'case.attentionResolved':
      return `${label}：${ev.payload.note}`
  }
}

function withMode(modes: AssistMode[], mode: AssistMode | null | undefined): AssistMode[] {
  return mode && !modes.includes(mode) ? [...modes, mode] : modes
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
        dueAt: ev.payload.dueAt,
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
      return { ...state, status: 'completed', completedAt: ev.payload.completedAt, onTime }
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

/** DESIGN §3: the marked personal-data parts stay out of the timeline, so masking and purges wrap only the state's. */
function withoutPersonalData(payload: CaseEventInput['payload']): Record<string, unknown> {
  const { applicant: _a, recipient: _r, principal: _p, agent: _g, signatureSha256: _s, ...rest } = payload as Record<string, unknown>
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
  'case.entrusted': 'entrusted',
  'case.terminated': 'terminated',
  'case.renewed': 'renewed',
}

const NO_DUE_REASON = '已受理但未能计算承诺办结时间（节假日安排可能未发布）'

/**
 * DESIGN §3, 6.3.2–6.3.4: the state of one case from its events, in (occurredAt, id) order, each id once.
 * Null when the stream has no readable `case.received`. Illegal steps stay in the log, are not applied,
 * and set needsAttention; of two contradicting facts the earlier in fold order wins. A
 * `case.attentionResolved` clears the reasons it lists that were raised before it; later ones flag again.
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
  // Raised reasons, in order, as long as no resolution has cleared them.
  let active: string[] = []
  const factDevice = new Map<Fact, string>()
  for (const e of mine) {
    const read = readCaseEvent(e)
    if (!read.ok) {
      log.push({ eventId: e.id, type: e.type, occurredAt: e.occurredAt, staffId: e.staffId, deviceId: e.deviceId, summary: read.reason, applied: false, rejection: read.reason, details: null })
      active.push(read.reason)
      continue
    }
    const input = read.input
    const verdict = judge(state, input, e.occurredAt)
    const summary = summarize(input)
    if (verdict) {
      const earlierDevice = verdict.contradicts ? factDevice.get(verdict.contradicts.fact) : undefined
      const reason = verdict.contradicts
        ? `${earlierDevice !== undefined && earlierDevice !== e.deviceId ? '两台设备' : ''}记录了相互矛盾的事实：${verdict.contradicts.what}（以时间在先的记录为准）`
        : verdict.reason
      log.push({ eventId: e.id, type: e.type, occurredAt: e.occurredAt, staffId: e.staffId, deviceId: e.deviceId, summary, applied: false, rejection: reason, details: withoutPersonalData(input.payload) })
      active.push(reason)
      continue
    }
    const wasAccepted = state?.receiptNumber != null
    state = apply(state, e, input)
    if (state && input.type === 'case.attentionResolved') {
      const listed = new Set(input.payload.reasons)
      const cleared = [...new Set(active.filter(r => listed.has(r)))]
      active = active.filter(r => !listed.has(r))
      state = { ...state, attentionResolutions: [...state.attentionResolutions, { resolvedAt: e.occurredAt, staffId: e.staffId, note: input.payload.note, cleared }] }
    }
    if (state && !wasAccepted && state.receiptNumber !== null && state.dueAt === null && state.promisedLimitWorkdays !== null)
      active.push(NO_DUE_REASON)
    const fact = factOf[input.type]
    if (fact && !factDevice.has(fact))
      factDevice.set(fact, e.deviceId)
    log.push({ eventId: e.id, type: e.type, occurredAt: e.occurredAt, staffId: e.staffId, deviceId: e.deviceId, summary, applied: true, rejection: null, details: withoutPersonalData(input.payload) })
  }
  if (!state)
    return null
  const attentionReasons = [...new Set(active)]
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
