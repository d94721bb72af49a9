/**
 * The office's own inspection of a station (巡查; issue 8 item 6, 5.4.2): recorded as the same
 * `inspection.recorded` event a tablet writes (kind 'office'), on a new inspection stream of the station,
 * so it reaches the station's tablets by pull and its findings become their fix tasks. The event is
 * inserted under the station's event lock (as a push), projected and audited in one transaction.
 */
import type { Kysely } from 'kysely'
import type { EventValidationError } from '../../domain/eventTypes'
import type { OfficeInspectionBody } from '../../domain/protocol'
import { validateDomainEvent } from '../../domain/eventTypes'
import { newEventId } from '../../domain/events'
import { inspectionFixDue, inspectionFixWorkdays, newInspectionStream, tierOf } from '../../domain/inspection'
import { recordOfficeAudit } from '../audit/officeAudit'
import type { OfficeUser } from '../auth/officeSessions'
import type { Database } from '../db'
import { jsonb } from '../db'
import type { StationRow } from '../db/referenceSchema'
import { loadCalendar } from '../metrics/metricStates'
import { contentHash } from '../sync/push'
import { lockStationEvents } from '../sync/stationLock'
import { refoldStreams } from '../sync/projections'

/** The device id office events carry: no tablet recorded them. */
export function officeDeviceId(username: string): string {
  return `office:${username}`.slice(0, 64)
}

export type OfficeInspectionResult
  = | { ok: true, id: string }
    | { ok: false, fields: EventValidationError[] }

export async function recordOfficeInspection(db: Kysely<Database>, office: OfficeUser, station: StationRow, body: OfficeInspectionBody, now: Date): Promise<OfficeInspectionResult> {
  const [setting, calendar] = await Promise.all([
    db.selectFrom('settings').select('value').where('key', '=', 'inspectionFixWorkdays').executeTakeFirst(),
    loadCalendar(db),
  ])
  const due = inspectionFixDue(now, inspectionFixWorkdays(setting?.value), calendar)
  const event = {
    id: newEventId(),
    stream: newInspectionStream(),
    type: 'inspection.recorded',
    v: 1,
    payload: {
      kind: 'office',
      tier: tierOf(station.tier),
      inspector: office.displayName,
      checks: body.checks.map(c => c.result === 'finding'
        ? { id: c.id, result: 'finding', note: c.note?.trim() ?? '', dueAt: due.dueAt, ...(due.provisional ? { dueProvisional: true } : {}) }
        : { id: c.id, result: 'ok', ...(c.note?.trim() ? { note: c.note.trim() } : {}) }),
      ...(body.note?.trim() ? { note: body.note.trim() } : {}),
    },
    stationId: station.id,
    deviceId: officeDeviceId(office.username),
    staffId: null,
    // The office's clock in CST, as a tablet would write it.
    occurredAt: new Date(now.getTime() + 8 * 3600_000).toISOString().replace('Z', '+08:00'),
  }
  const checked = validateDomainEvent(event)
  if (!checked.ok)
    return { ok: false, fields: checked.errors.map(e => ({ path: e.path.replace(/^payload\./, ''), message: e.message })) }
  const findings = body.checks.filter(c => c.result === 'finding').length
  await db.transaction().execute(async (trx) => {
    await lockStationEvents(trx, station.id)
    await trx.insertInto('events').values({
      id: event.id,
      stream: event.stream,
      type: event.type,
      v: event.v,
      payload: jsonb(event.payload),
      station_id: event.stationId,
      device_id: event.deviceId,
      staff_id: null,
      occurred_at: event.occurredAt,
      occurred_at_text: event.occurredAt,
      received_at: now,
      content_key: contentHash(checked.event),
    }).execute()
    await refoldStreams(trx, station.id, [event.stream])
    await recordOfficeAudit(trx, office, { action: 'inspection.recorded', targetType: 'inspection', targetId: event.stream, stationId: station.id, divisionCode: station.county_code, details: { kind: 'office', checks: body.checks.length, findings } }, now)
  })
  return { ok: true, id: event.stream }
}
