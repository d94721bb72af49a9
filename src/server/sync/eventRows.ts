/** Stored event rows ↔ the DomainEvent envelope of DESIGN §3 as pulled by tablets. */
import type { DomainEvent } from '../../domain/events'
import type { EventRow } from '../db'

/** A stored event as the device wrote it, plus the server's seq and receivedAt. */
export function rowToEvent(row: EventRow): DomainEvent {
  return {
    id: row.id,
    stream: row.stream,
    type: row.type,
    v: row.v,
    payload: row.payload,
    stationId: row.station_id,
    deviceId: row.device_id,
    staffId: row.staff_id,
    occurredAt: row.occurred_at_text ?? new Date(row.occurred_at).toISOString(),
    seq: Number(row.seq),
    receivedAt: new Date(row.received_at).toISOString(),
  }
}
