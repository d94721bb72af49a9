/**
 * The projection of a case stream (CaseState, Dexie `cases`, server table) and the records it holds:
 * status, timeline entries, conversion, entrustment, renewals, supplements, suspensions, termination and
 * resolved flags.
 */
import type { Reason } from '../reason'
import type { FoldLogEntry } from '../foldSupport'
import type { CaseCompletionOutcome } from './completionResult'
import type { Applicant, AssistMode, CaseHandedOverPayload, CaseKind, CaseReceivedPayload, MaterialCheck } from './payloads'
import type { CaseEntrustedPayload, CaseSupplementRequestedPayload, CaseTerminatedPayload, MaterialHandover, SupplementContact } from './proxyPayloads'

/**
 * Where a case stands. 'awaitingSupplement': the last check found required materials missing
 * (a one-time notice is due) and the case waits for supplements; 'materialsComplete': ready to accept.
 * 代办 (Annex F 状态) adds 'inProgress' (办理中), 'supplementRequested' (accepted, the department needs more),
 * 'suspended' (中止) and 'terminated' (终止, final). 续办 is not a status: it extends the entrustment's validity.
 */
export type CaseStatus = 'received' | 'awaitingSupplement' | 'materialsComplete' | 'accepted' | 'returned' | 'completed' | 'handedOver'
  | 'inProgress' | 'supplementRequested' | 'suspended' | 'terminated'

/** One line of the case timeline (工作日志): every event, applied or not. */
export interface CaseLogEntry extends FoldLogEntry {
  /** A refused event that contradicted an earlier fact: the id of that earlier event (issue 8 item 7). */
  conflictsWith?: string
  /** Chinese one-liner without personal data, e.g. '受理：回执 TY01-2026-0001'. */
  summary: string
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
  /** DOMAIN.md 暂定: dueAt was counted Monday–Friday through unpublished years; recomputed when they are imported. */
  dueProvisional: boolean
  /** The unpublished years a provisional dueAt went through (empty when final). */
  dueUnpublishedYears: number[]
  completedAt: string | null
  /** 6.2.1: fixed at completion, completedAt ≤ dueAt; null until completed or when there is no due. */
  onTime: boolean | null
  /**
   * 办结 result (准予 with the document, 不予 with the reason); null until completed or when the completion recorded
   * none (before results were recorded). Absent on projections folded before the field existed: read it `?? null`.
   */
  completionResult?: CaseCompletionOutcome | null
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
  /** The same reasons by code (src/domain/reason.ts); absent in projections folded before reasons had codes. */
  attentionCodes?: Reason[]
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
