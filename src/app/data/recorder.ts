/**
 * Recording at the counter: every fact staff record (consultation, case, …) goes through `recordAs(author,
 * input)`. It builds the DomainEvent envelope (DESIGN §3) — a new UUIDv7 id, this tablet's
 * stationId/deviceId and the signed-in staff member's staffId (the author, which the session store holds),
 * occurredAt now with the device's offset — stores it (record.ts: one transaction with its projection and
 * outbox row), then tells the local-write listeners (the sync store: it syncs after a quiet time).
 *
 * Errors reach the caller typed, each with a code views translate (src/app/appError.ts):
 * - `RecorderNotSignedInError`: nobody is signed in (or the tablet is not enrolled); nothing is written;
 * - `EventValidationError` (field errors), `StorageQuotaError` (storage full), `EventIdReuseError`,
 *   `BlobHashMismatchError` (errors.ts).
 */
import type { DomainEvent } from '../../domain/events'
import type { BlobInput } from './record'
import { newEventId } from '../../domain/events'
import { recordEvents } from './record'
import { AppError } from '../appError'

/** What a screen gives: the rest of the envelope is filled in here. */
export interface RecordInput<P = unknown> {
  /** '<kind>:<uuid>' (newStreamId('consultation')). */
  stream: string
  /** '<kind>.<verb>', e.g. 'consultation.opened'. */
  type: string
  payload: P
  /** Payload schema version; default 1. */
  v?: number
}

/** Who records: this tablet (null before enrollment) and the signed-in staff member (null: nobody). */
export interface RecordingAuthor {
  deviceId: string | null
  stationId: string | null
  staffId: string | null
}

export interface RecordInputOptions {
  /** Attachments (signatures, photos) saved in the same transaction as the event(s). */
  blobs?: BlobInput[]
}

/** Nobody is signed in at the counter (or the tablet is not enrolled): the event was not written. */
export class RecorderNotSignedInError extends AppError {
  override readonly name = 'RecorderNotSignedInError'
  constructor(readonly reason: 'no-staff' | 'not-enrolled') {
    super(reason === 'no-staff' ? 'recorder.noStaff' : 'recorder.notEnrolled')
  }
}

function pad(n: number, width = 2): string {
  return String(Math.trunc(Math.abs(n))).padStart(width, '0')
}

/** An instant as ISO 8601 with the device's UTC offset, e.g. 2025-03-04T09:30:00.000+08:00 (DESIGN §3: occurredAt keeps its offset). */
export function isoWithOffset(date: Date = new Date()): string {
  const offsetMin = -date.getTimezoneOffset()
  const sign = offsetMin >= 0 ? '+' : '-'
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}${sign}${pad(offsetMin / 60)}:${pad(offsetMin % 60)}`
}

const localWriteListeners = new Set<() => void>()

/** Calls `listener` after each recording at this counter; returns the unsubscribe function. */
export function onLocalWrite(listener: () => void): () => void {
  localWriteListeners.add(listener)
  return () => {
    localWriteListeners.delete(listener)
  }
}

function envelopes(author: RecordingAuthor, inputs: readonly RecordInput[]): DomainEvent[] {
  const { deviceId, stationId, staffId } = author
  if (!deviceId || !stationId)
    throw new RecorderNotSignedInError('not-enrolled')
  if (!staffId)
    throw new RecorderNotSignedInError('no-staff')
  const occurredAt = isoWithOffset()
  return inputs.map(input => ({
    id: newEventId(),
    stream: input.stream,
    type: input.type,
    v: input.v ?? 1,
    payload: input.payload,
    stationId,
    deviceId,
    staffId,
    occurredAt,
  }))
}

/** Record several events by `author` in one transaction (all or nothing), at one instant; resolves with the stored envelopes. */
export async function recordManyAs(author: RecordingAuthor, inputs: readonly RecordInput[], options: RecordInputOptions = {}): Promise<DomainEvent[]> {
  const stored = await recordEvents(envelopes(author, inputs), { blobs: options.blobs })
  for (const listener of localWriteListeners)
    listener()
  return stored
}

/** Record one event by `author`; resolves with the stored envelope. */
export async function recordAs<P = unknown>(author: RecordingAuthor, input: RecordInput<P>, options: RecordInputOptions = {}): Promise<DomainEvent<P>> {
  const [stored] = await recordManyAs(author, [input], options)
  return stored as DomainEvent<P>
}
