/**
 * The case event catalogue: each case event type with its typed payload and its version-1 schema (DESIGN §3).
 */
import type { z } from 'zod'
import type { CaseAcceptedPayload, CaseAccompaniedPayload, CaseCompletedPayload, CaseConvertedToProxyPayload, CaseEventType, CaseHandedOverPayload, CaseLoggedPayload, CaseMaterialsCheckedPayload, CaseReceivedPayload, CaseReturnedPayload } from './payloads'
import type { CaseAttentionResolvedPayload, CaseEntrustedPayload, CaseInProgressPayload, CaseRenewedPayload, CaseResumedPayload, CaseSupplementReceivedPayload, CaseSupplementRequestedPayload, CaseSuspendedPayload, CaseTerminatedPayload } from './proxyPayloads'
import { caseAcceptedPayloadSchema, caseAccompaniedPayloadSchema, caseCompletedPayloadSchema, caseConvertedToProxyPayloadSchema, caseHandedOverPayloadSchema, caseLoggedPayloadSchema, caseMaterialsCheckedPayloadSchema, caseReceivedPayloadSchema, caseReturnedPayloadSchema } from './payloads'
import { caseAttentionResolvedPayloadSchema, caseEntrustedPayloadSchema, caseInProgressPayloadSchema, caseRenewedPayloadSchema, caseResumedPayloadSchema, caseSupplementReceivedPayloadSchema, caseSupplementRequestedPayloadSchema, caseSuspendedPayloadSchema, caseTerminatedPayloadSchema } from './proxyPayloads'

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
