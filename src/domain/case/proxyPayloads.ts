/**
 * Case payloads of 代办 (proxy, Annex F): the 委托书 and what follows it — handling, supplements, 中止,
 * 终止, 续办 — and staff resolving flagged reasons (standard 6.3.4). Personal data lives only in
 * `principal`, `agent` and `signatureSha256`.
 */
import { z } from 'zod'
import { attentionResolvedPayloadSchema } from '../attentionResolution'
import { isCivilDate } from '../calendar'
import { instantSchema, optionalText, sha256Schema, text } from '../payloadFields'
import { applicantSchema, materialFormSchema } from './payloads'

const civilDateSchema = z.string().refine(isCivilDate, { message: '日期应为有效的 YYYY-MM-DD' })

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

/** DESIGN §3 conflicts resolved by staff (attentionResolution.ts): the same shape for cases and consultations. */
export const caseAttentionResolvedPayloadSchema = attentionResolvedPayloadSchema
export type CaseAttentionResolvedPayload = z.infer<typeof caseAttentionResolvedPayloadSchema>
