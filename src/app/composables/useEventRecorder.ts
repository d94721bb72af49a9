/**
 * Recording at the counter: every screen that records a fact (consultation, case, …) goes through
 * `useEventRecorder().record(...)`. It builds the DomainEvent envelope (DESIGN §3) — a new UUIDv7 id,
 * this tablet's stationId/deviceId, the signed-in staff member's staffId, occurredAt now with the
 * device's offset — stores it through the data layer (one transaction with its projection and outbox
 * row), then tells the sync engine a local write happened (it syncs after a quiet time).
 *
 * Errors reach the caller typed, each with a Chinese message for staff:
 * - `RecorderNotSignedInError`: nobody is signed in (or the tablet is not enrolled); nothing is written;
 * - the data layer's `EventValidationError` (field errors), `StorageQuotaError` (storage full),
 *   `EventIdReuseError`, `BlobHashMismatchError`.
 */
import type { DomainEvent } from '../../domain/events'
import type { BlobInput } from '../data'
import { newEventId } from '../../domain/events'
import { AppError } from '../appError'
import { recordEvents } from '../data'
import { useSessionStore } from '../stores/session'
import { useSyncStore } from '../stores/sync'

export { BlobHashMismatchError, EventIdReuseError, EventValidationError, StorageQuotaError } from '../data'

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

export interface RecordOptions {
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

export interface EventRecorder {
  /** Record one event; resolves with the stored envelope. */
  record: <P = unknown>(input: RecordInput<P>, options?: RecordOptions) => Promise<DomainEvent<P>>
  /** Record several events in one transaction (all or nothing), same staff and instant. */
  recordMany: (inputs: readonly RecordInput[], options?: RecordOptions) => Promise<DomainEvent[]>
}

/** The recorder for the current Pinia (call it in setup or in a store). */
export function useEventRecorder(): EventRecorder {
  const session = useSessionStore()
  const sync = useSyncStore()

  function envelopes(inputs: readonly RecordInput[]): DomainEvent[] {
    const { deviceId, stationId } = session
    if (!deviceId || !stationId)
      throw new RecorderNotSignedInError('not-enrolled')
    const staffId = session.staff?.id
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

  async function recordMany(inputs: readonly RecordInput[], options: RecordOptions = {}): Promise<DomainEvent[]> {
    const events = envelopes(inputs)
    const stored = await recordEvents(events, { blobs: options.blobs })
    sync.notifyLocalWrite()
    return stored
  }

  async function record<P = unknown>(input: RecordInput<P>, options: RecordOptions = {}): Promise<DomainEvent<P>> {
    const [stored] = await recordMany([input], options)
    return stored as DomainEvent<P>
  }

  return { record, recordMany }
}
