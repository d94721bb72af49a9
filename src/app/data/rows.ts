/** The shapes of the rows each table stores (schema.ts names the tables, db.ts types them with these). */
import type { Reason } from '../../domain/reason'
import type { DomainEvent } from '../../domain/events'
import type { RowBox, SealedBox } from './crypto/fieldCodec'

/**
 * A stored event: the envelope as recorded or pulled. From v8 its personal values are handles and `sealed` holds
 * them encrypted (crypto/fieldCodec.ts); read events through the repositories, which open them.
 */
export type EventRow = DomainEvent & { sealed?: SealedBox }

/** An event waiting to be pushed. */
export interface OutboxRow {
  /** Auto-increment: the push order. */
  order?: number
  eventId: string
  stream: string
  /** Who recorded it (from v2; filled from the event by the v2 upgrade). */
  staffId: string | null
  queuedAt: string
  attempts: number
  lastError: string | null
  lastAttemptAt: string | null
}

/** An attachment, content-addressed, as the repositories hand it out (bytes decrypted). */
export interface BlobRow {
  /** SHA-256 of the bytes, lowercase hex. */
  sha256: string
  blob: Blob
  /** MIME type. */
  type: string
  size: number
  createdAt: string
  /** 1 once the server holds it. */
  uploaded: 0 | 1
}

/**
 * An attachment as stored: from v8 `blob` is IV ‖ AES-GCM ciphertext of the bytes, as bytes (`enc: 1`;
 * crypto/blobCodec.ts); rows from before are plain Blobs until the legacy sealing encrypts them.
 */
export type StoredBlobRow = Omit<BlobRow, 'blob'> & { blob: Blob | Uint8Array<ArrayBuffer>, enc?: 1 }

export interface MetaRow {
  key: string
  value: unknown
}

/** A reference row from the server: keyed by `id`, versioned by `revision`, other fields as the server sends them. */
export interface ReferenceRow {
  id: string
  revision: number
  [field: string]: unknown
}

/** The fields every projection state shares (the agreed interface of src/domain folds). */
export interface ProjectionState {
  /** The stream id. */
  id: string
  stationId: string
  staffId: string | null
  status: string
  needsAttention: boolean
  attentionReasons: string[]
  /** The same reasons by code; absent in rows folded before reasons had codes. */
  attentionCodes?: Reason[]
  lastOccurredAt: string
  dueAt: string | null
}

/** A projection row: the fold's state plus index-friendly copies (IndexedDB cannot index booleans; ISO strings with offsets do not sort). */
export type ProjectionRow<S extends ProjectionState = ProjectionState> = S & {
  attention: 0 | 1
  /** Epoch ms of lastOccurredAt. */
  lastAt: number
  /** Epoch ms of dueAt; absent when there is no deadline (not in the index). */
  dueAtMs?: number
  /** Keyed hashes of the row's personal data and document numbers (from v4; searchTokens.ts). */
  searchTokens?: string[]
  /** The encrypted personal values the row's handles stand for (crypto/fieldCodec.ts); absent on rows holding none. */
  sealed?: RowBox[]
  /** Epoch ms of a case's receivedAt / acceptedAt / completedAt, a consultation's recordedAt / repliedAt; absent when unset. */
  receivedAtMs?: number
  acceptedAtMs?: number
  completedAtMs?: number
  recordedAtMs?: number
  repliedAtMs?: number
}

/** An event the server rejected, kept until staff deal with it. */
export interface RejectedRow {
  eventId: string
  stream: string
  type: string
  staffId: string | null
  reason: string
  rejectedAt: string
}
