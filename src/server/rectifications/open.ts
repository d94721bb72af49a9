/**
 * Opening a rectification task on the server (issue 9 item 6; 7.2.1): for a 差评 rated on the citizen's phone,
 * and — the hook for complaints ('complaint:<uuid>', issue 9 item 5) — for any source reference. One task per
 * source: when its stream already holds a `rectification.opened`, nothing is appended. Call inside the
 * transaction that holds the station's insert lock (serverEvents.ts lockStation).
 */
import type { Transaction } from 'kysely'
import type { DomainEvent } from '../../domain/events'
import type { RectificationOpenedPayload, RectificationSource } from '../../domain/rectification'
import type { Database } from '../db'
import { newEventId } from '../../domain/events'
import { rectificationDueFields, rectificationStreamFor, rectificationWorkdays } from '../../domain/rectification'
import { loadWorkCalendar } from '../calendar/workCalendar'
import { readSetting } from '../sync/reference'
import { appendServerEvent } from '../sync/serverEvents'

/** The deviceId of rectification tasks the server opens by itself. */
export const RECTIFICATION_DEVICE = 'server:rectification'

export interface OpenRectification {
  stationId: string
  source: RectificationSource
  /** The staff member who owns the fix (for a 差评: the one rated); null for the station lead to assign. */
  ownerStaffId: string | null
  note?: string | null
  /** Who opens it: the server (default) or an office account's device id ('office:<username>'). */
  deviceId?: string
}

/** 7.2.1: appends `rectification.opened` for `source` unless its task exists; returns the task's stream and whether it was new. */
export async function openRectification(trx: Transaction<Database>, open: OpenRectification, now: Date): Promise<{ id: string, opened: boolean }> {
  const stream = rectificationStreamFor(open.source)
  const existing = await trx.selectFrom('events').select('id').where('station_id', '=', open.stationId).where('stream', '=', stream).where('type', '=', 'rectification.opened').executeTakeFirst()
  if (existing)
    return { id: stream, opened: false }
  const [setting, calendar] = await Promise.all([readSetting(trx, 'rectificationWorkdays'), loadWorkCalendar(trx)])
  const payload: RectificationOpenedPayload = {
    source: open.source,
    ownerStaffId: open.ownerStaffId,
    ...rectificationDueFields(now, rectificationWorkdays(setting), calendar),
    ...(open.note?.trim() ? { note: open.note.trim() } : {}),
  }
  const event: DomainEvent = {
    id: newEventId(),
    stream,
    type: 'rectification.opened',
    v: 1,
    payload,
    stationId: open.stationId,
    deviceId: open.deviceId ?? RECTIFICATION_DEVICE,
    staffId: null,
    occurredAt: now.toISOString(),
  }
  await appendServerEvent(trx, event, now)
  return { id: stream, opened: true }
}
