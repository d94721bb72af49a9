/**
 * The fold of a rating stream (RatingState): tokens, the rating given or declined, the call-back due and the
 * timeline; and the envelope facts a rating rule needs.
 */
import type { Reason } from '../reason'
import type { FoldLogEntry } from '../foldSupport'
import type { RatingLevel } from './levels'
import type { RatingChannel, RatingGivenPayload, RatingStatus } from './payloads'

export interface RatingToken {
  tokenSha256: string
  mintedAt: string
  expiresAt: string
  /** When a rating used it; null while unused. */
  usedAt: string | null
}

export interface RatingLogEntry extends FoldLogEntry {
  /** The payload without `comment`; null when unreadable. */
  details: Record<string, unknown> | null
}

/** The fold of a rating stream (shares the projection fields: id, stationId, staffId, status, dueAt, attention). */
export interface RatingState {
  /** 'rating:<uuid of the subject>'. */
  id: string
  stationId: string
  /** 'case:…' or 'consultation:…'. */
  subject: string
  subjectKind: 'case' | 'consultation'
  /** The staff member rated (7.1.1 per-staff results), not who operated the tablet. */
  staffId: string | null
  status: RatingStatus
  promptedAt: string | null
  tokens: RatingToken[]
  channel: RatingChannel | null
  level: RatingLevel | null
  dimensions: RatingGivenPayload['dimensions'] | null
  reasons: string[]
  /** PERSONAL DATA possibly. */
  comment: string | null
  ratedAt: string | null
  /** 差评: level ≤ 2 (a call-back is due). */
  isBad: boolean
  followUpDueAt: string | null
  /** DOMAIN.md 暂定: followUpDueAt was counted Monday–Friday through an unpublished year (shown 暂定). */
  followUpDueProvisional: boolean
  /** The unpublished years the provisional call-back due went through (empty when final). */
  followUpDueUnpublishedYears: number[]
  /** The call-back due, for due lists (= followUpDueAt). */
  dueAt: string | null
  declinedAt: string | null
  log: RatingLogEntry[]
  needsAttention: boolean
  attentionReasons: string[]
  /** The same reasons by code (src/domain/reason.ts); absent in projections folded before reasons had codes. */
  attentionCodes?: Reason[]
  lastOccurredAt: string
  eventCount: number
}

/** The envelope facts a rule needs: when, and who was logged in on the device (null on the phone page). */
export interface RatingEventContext {
  occurredAt: string
  staffId: string | null
}
