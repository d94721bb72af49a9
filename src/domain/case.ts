/**
 * Cases (办件): intake (收件), 帮办 (assisted) and 代办 (proxy), as events folded into a CaseState
 * (DESIGN §3; standard 6.3.2–6.3.4). Personal data lives only in the marked payload parts `applicant`,
 * `recipient`, `principal`, `agent` and `signatureSha256` (and the state fields holding them).
 *
 * Glossary: 收件 receive an application · 材料核验 completeness check · 一次性告知 one-time notice of
 * what is missing · 补正 supplement · 受理 accept (收件回执 = acceptance receipt) · 退件 return /
 * refuse with a reason · 工作日志 work log · 办结 complete · 交付 hand over the result · 帮办 assisted ·
 * 代办 proxy (by entrustment).
 *
 * The module entry: each concept lives in `./case/` (payloads of intake and 帮办, payloads of 代办, the
 * event catalogue, labels, the state, the transition rules, the timeline, the fold); this re-exports them.
 */

export type { Applicant, AssistMode, CaseAcceptedPayload, CaseAccompaniedPayload, CaseCompletedPayload, CaseConvertedToProxyPayload, CaseEventType, CaseHandedOverPayload, CaseKind, CaseLoggedPayload, CaseMaterialsCheckedPayload, CaseReceivedPayload, CaseReturnedPayload, MaterialCheck, MaterialForm } from './case/payloads'
export type { CaseAttentionResolvedPayload, CaseEntrustedPayload, CaseInProgressPayload, CaseRenewedPayload, CaseResumedPayload, CaseSupplementReceivedPayload, CaseSupplementRequestedPayload, CaseSuspendedPayload, CaseTerminatedPayload, EntrustmentAgent, EntrustmentPower, MaterialHandover, SupplementContact } from './case/proxyPayloads'
export type { CaseEventInput, CaseEventPayloads } from './case/eventSchemas'
export type { CaseCompletionOutcome } from './case/completionResult'
export type { CompletionResult } from './case/payloads'
export type { CaseAttentionResolution, CaseConversion, CaseEntrustment, CaseLogEntry, CaseRenewal, CaseState, CaseStatus, CaseSupplement, CaseSuspension, CaseTermination } from './case/state'
export { CASE_STREAM_KIND, applicantSchema, assistModeSchema, caseAcceptedPayloadSchema, caseAccompaniedPayloadSchema, caseCompletedPayloadSchema, caseConvertedToProxyPayloadSchema, caseEventTypes, caseHandedOverPayloadSchema, caseKindSchema, caseLoggedPayloadSchema, caseMaterialsCheckedPayloadSchema, caseReceivedPayloadSchema, caseReturnedPayloadSchema, completionResultSchema, inPersonRecipientSchema, materialCheckSchema, materialFormSchema, organisationApplicantSchema, personApplicantSchema, postRecipientSchema, specialGroupSchema } from './case/payloads'
export { caseAttentionResolvedPayloadSchema, caseEntrustedPayloadSchema, caseInProgressPayloadSchema, caseRenewedPayloadSchema, caseResumedPayloadSchema, caseSupplementReceivedPayloadSchema, caseSupplementRequestedPayloadSchema, caseSuspendedPayloadSchema, caseTerminatedPayloadSchema, entrustedItemSchema, entrustmentAgentSchema, entrustmentPowerSchema, materialHandoverSchema, supplementContactSchema } from './case/proxyPayloads'
export { caseEventSchemas } from './case/eventSchemas'
export { completionDetailsText, completionDocumentText, completionOutcomeOf, completionOutcomeText, completionResultLabels } from './case/completionResult'
export { assistModeLabels, caseEventLabels, caseKindLabels, caseStatusLabels, entrustmentPowerLabels, supplementContactMethodLabels, terminationInitiatorLabels } from './case/labels'
export { caseTransitionError, caseTransitionRefusal } from './case/transitions'
export type { CaseFoldCalendar } from './case/fold'
export { acceptedDue, foldCase } from './case/fold'
