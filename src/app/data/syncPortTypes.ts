/**
 * What the sync engine (src/app/sync) needs from the device's storage, as one port. syncPort.ts implements
 * it on this data layer (the only place that touches Dexie); tests may implement it in memory. It is
 * declared here, beside its implementation, so the data layer never imports the sync module.
 */
import type { DomainEvent } from '../../domain/events'
import type { PushResult, ReferenceDelta } from '../../domain/protocol'

/** The reference changes of a pulled page as the wire carries them (the protocol's ReferenceDelta). */
export type PulledReferenceDelta = ReferenceDelta

/** An event waiting in the outbox, in recording order. */
export interface OutboxItem {
  event: DomainEvent
  /** Push attempts that ended without the server naming this event. */
  attempts: number
  /** Why the last attempt did not get it through (Chinese, for staff). */
  lastError: string | null
  /** SHA-256 names of blobs this event references; they are uploaded before it is pushed. */
  blobRefs: string[]
}

/** An event the server rejected, kept for staff with the reason (DESIGN §4: never dropped). */
export interface RejectedItem {
  event: DomainEvent
  reason: string
  rejectedAt: string
}

export interface StoredBlob {
  sha256: string
  data: Blob
}

/** This tablet's enrollment. */
export interface DeviceIdentity {
  deviceId: string
  stationId: string
  token: string
}

/** What enrollment hands a tablet: its identity and, from servers that assign them (SYNC-API.md), its slot. */
export interface Enrollment extends DeviceIdentity {
  /** The tablet's slot at its station (1…600), the letters of its document numbers (src/domain/receipt.ts). */
  deviceSlot?: number
}

export interface ImportResult {
  /** Events added to this tablet's events and outbox. */
  imported: number
  /** Events this tablet already had (by id). */
  skipped: number
  /** Ids this tablet holds with other content: not imported (the server would reject them as id-reuse). */
  idConflicts: string[]
  /** Server-rejected events from the file added to this tablet's rejected list (not fold conflicts). */
  rejected: number
}

export interface SyncPort {
  getDevice: () => Promise<DeviceIdentity | null>

  /** The first `limit` outbox items in recording order. */
  peekOutbox: (limit: number) => Promise<OutboxItem[]>
  /** Every outbox item, in order (export, close-the-day report). */
  listOutbox: () => Promise<OutboxItem[]>
  countOutbox: () => Promise<number>
  /**
   * Settles a push answer in one transaction: applied/duplicate rows leave the outbox; rejected ones
   * leave it for the rejected list with the reason. Ids not named stay.
   */
  settle: (results: readonly PushResult[]) => Promise<void>
  /** Counts an attempt that did not get these events through, with the reason. */
  markAttempt: (ids: readonly string[], error: string) => Promise<void>
  listRejected: () => Promise<RejectedItem[]>
  countRejected: () => Promise<number>

  /** Blobs recorded here and not yet uploaded. */
  pendingBlobs: () => Promise<StoredBlob[]>
  markBlobUploaded: (sha256: string) => Promise<void>
  getBlob: (sha256: string) => Promise<StoredBlob | null>

  /** The pull cursor (last seq saved), 0 before the first pull. */
  getCursor: () => Promise<number>
  /** The highest reference revision saved, null before the first pull. */
  getRefRevision: () => Promise<number | null>
  /** Saves one pulled page — events, reference rows and the cursor — in one transaction. */
  applyPullPage: (events: DomainEvent[], reference: PulledReferenceDelta | null, cursor: number) => Promise<void>

  getLastSyncAt: () => Promise<string | null>
  setLastSyncAt: (at: string) => Promise<void>

  /** Events (any device of the station) whose occurredAt lies in [fromMs, toMs). */
  eventsBetween: (fromMs: number, toMs: number) => Promise<DomainEvent[]>

  /**
   * Records events from another tablet's export, in one transaction (all or nothing): ids already
   * present are skipped; the rest go to the events and the outbox (with their blobs) so the next push
   * sends them; the file's rejected events join this tablet's rejected list.
   */
  importEvents: (events: readonly DomainEvent[], blobs: readonly StoredBlob[], rejected: readonly RejectedItem[]) => Promise<ImportResult>
}
