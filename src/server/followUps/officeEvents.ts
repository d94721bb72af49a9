/**
 * One event the office records for a station (issue 9 items 4 and 5: a call-back result, a complaint or its
 * handling): validated by the domain, appended under the station's insert lock with appendServerEvent, and
 * audited, in one transaction; it reaches the station's tablets on their next pull.
 */
import type { Kysely } from 'kysely'
import type { EventValidationError } from '../../domain/eventTypes'
import { validateDomainEvent } from '../../domain/eventTypes'
import { newEventId } from '../../domain/events'
import { recordOfficeAudit } from '../audit/officeAudit'
import type { OfficeUser } from '../auth/officeSessions'
import type { Database } from '../db'
import type { StationRow } from '../db/referenceSchema'
import { officeDeviceId } from '../inspections/officeInspect'
import { appendServerEvent, lockStation } from '../sync/serverEvents'

export type OfficeEventResult
  = | { ok: true, id: string, eventId: string }
    | { ok: false, fields: EventValidationError[] }

/** The office's clock in CST, as a tablet would write it. */
export function cstInstant(now: Date): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().replace('Z', '+08:00')
}

export async function recordOfficeEvent(db: Kysely<Database>, office: OfficeUser, station: Pick<StationRow, 'id' | 'county_code'>, input: { stream: string, type: string, payload: unknown, auditTarget: string, auditDetails?: Record<string, unknown> }, now: Date): Promise<OfficeEventResult> {
  const event = {
    id: newEventId(),
    stream: input.stream,
    type: input.type,
    v: 1,
    payload: input.payload,
    stationId: station.id,
    deviceId: officeDeviceId(office.username),
    staffId: null,
    occurredAt: cstInstant(now),
  }
  const checked = validateDomainEvent(event)
  if (!checked.ok)
    return { ok: false, fields: checked.errors.map(e => ({ path: e.path.replace(/^payload\./, ''), message: e.message })) }
  await db.transaction().execute(async (trx) => {
    await lockStation(trx, station.id)
    await appendServerEvent(trx, checked.event, now)
    await recordOfficeAudit(trx, office, { action: input.type, targetType: input.auditTarget, targetId: input.stream, stationId: station.id, divisionCode: station.county_code, details: input.auditDetails ?? {} }, now)
  })
  return { ok: true, id: event.stream, eventId: event.id }
}
