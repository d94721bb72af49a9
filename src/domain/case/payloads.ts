/**
 * Case payloads of intake (收件) and 帮办 (assisted): the zod schemas of the events a case starts with,
 * from receipt through acceptance, completion and handover (standard 6.3.2–6.3.3). Personal data lives
 * only in `applicant` and `recipient`.
 */
import { z } from 'zod'
import { instantSchema, optionalText, sha256Schema, text } from '../payloadFields'

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

/** 6.1: 帮办 (assisted), 代办 (proxy) or a plain intake (收件). */
export const caseKindSchema = z.enum(['assisted', 'proxy', 'intake'])
export type CaseKind = z.infer<typeof caseKindSchema>

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

/** 6.3.2: accepted, with the acceptance receipt (收件回执) number and the due instant. */
export const caseAcceptedPayloadSchema = z.object({
  /** station + year + serial, unique across the station's tablets. */
  receiptNumber: text(64),
  /** End of the promised limit's last working day (calendar `dueAfterWorkdays`), or null when the item has no limit. */
  dueAt: instantSchema.nullable(),
  /** DOMAIN.md 暂定: dueAt was counted Monday–Friday through years whose schedule was not published yet. */
  dueProvisional: z.literal(true).optional(),
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

/** 办结 result (issue 14 item 7): 准予 (approved, a result document issued) or 不予 (not approved, with the reason). */
export const completionResultSchema = z.enum(['approved', 'notApproved'])
export type CompletionResult = z.infer<typeof completionResultSchema>

/**
 * 6.2.1: completed (办结) at `completedAt` (may be earlier than when it was recorded), with its result: 准予 with the
 * result document (名称, optional 文号/编号), or 不予 with the reason (and optionally the decision's 文号). The result
 * fields are optional additions: completions recorded before them carry none and fold as before.
 */
export const caseCompletedPayloadSchema = z.object({
  completedAt: instantSchema,
  resultNote: optionalText(500),
  result: completionResultSchema.optional(),
  /** 结果文书名称, e.g. 居民身份证, 准予行政许可决定书; required when approved. */
  resultDocument: optionalText(100),
  /** 文号 or 编号 of the result document (or of the 不予 decision). */
  resultDocumentNumber: optionalText(100),
  /** 不予 reason; required when not approved. */
  resultReason: optionalText(500),
}).strict().superRefine((p, ctx) => {
  const has = (v: string | null | undefined) => typeof v === 'string' && v.trim() !== ''
  if (p.result === undefined) {
    for (const key of ['resultDocument', 'resultDocumentNumber', 'resultReason'] as const) {
      if (has(p[key]))
        ctx.addIssue({ code: 'custom', path: [key], message: '未记录办结结果时不能填写结果文书或理由' })
    }
    return
  }
  if (p.result === 'approved' && !has(p.resultDocument))
    ctx.addIssue({ code: 'custom', path: ['resultDocument'], message: '准予时须填写结果文书名称' })
  if (p.result === 'approved' && has(p.resultReason))
    ctx.addIssue({ code: 'custom', path: ['resultReason'], message: '准予时不填写不予理由' })
  if (p.result === 'notApproved' && !has(p.resultReason))
    ctx.addIssue({ code: 'custom', path: ['resultReason'], message: '不予时须填写理由' })
})
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
