/**
 * Events the server itself records for a station (issue 9: a citizen's rating from the phone page). They
 * go through the same rules as a pushed event — the domain validator, the station's insert lock (so seqs
 * stay visible in order for pulls), the projection refold — and reach the station's tablets on their next
 * pull. Their deviceId names the server channel, never a tablet.
 */
import { createHash } from 'node:crypto'
import type { Transaction } from 'kysely'
import type { DomainEvent } from '../../domain/events'
import { eventContentKey } from '../../domain/events'
import { validateDomainEvent } from '../../domain/eventTypes'
import type { Database } from '../db'
import { jsonb } from '../db'
import { refoldStreams } from './projections'
import { lockStationEvents } from './stationLock'

/** The deviceId of events recorded by the public rating page. */
export const PUBLIC_RATING_DEVICE = 'server:public-rating'

export class ServerEventInvalid extends Error {
  override readonly name = 'ServerEventInvalid'
  constructor(readonly fields: { path: string, message: string }[]) {
    super(fields.map(f => (f.path ? `${f.path}: ${f.message}` : f.message)).join('; '))
  }
}

/** Takes the station's insert lock; call first in the transaction that will append. */
export async function lockStation(trx: Transaction<Database>, stationId: string): Promise<void> {
  await lockStationEvents(trx, stationId)
}

/** Validates and stores one event in `trx` (the station's lock already held) and refolds its stream; returns its seq. */
export async function appendServerEvent(trx: Transaction<Database>, event: DomainEvent, receivedAt: Date): Promise<number> {
  const checked = validateDomainEvent(event)
  if (!checked.ok)
    throw new ServerEventInvalid(checked.errors)
  const e = checked.event
  const row = await trx.insertInto('events').values({
    id: e.id,
    stream: e.stream,
    type: e.type,
    v: e.v,
    payload: jsonb(e.payload),
    station_id: e.stationId,
    device_id: e.deviceId,
    staff_id: e.staffId,
    occurred_at: e.occurredAt,
    occurred_at_text: e.occurredAt,
    received_at: receivedAt,
    content_key: createHash('sha256').update(eventContentKey(e), 'utf8').digest('hex'),
  }).returning('seq').executeTakeFirstOrThrow()
  await refoldStreams(trx, e.stationId, [e.stream])
  return Number(row.seq)
}
