/**
 * The push's post-apply step for station applications (issue 8 item 2): each newly stored
 * `stationApplication.changeRequested` / `closeRequested` event becomes a submitted application of the
 * pushing station, in the push's transaction. Idempotent twice over: only newly inserted events are handed
 * here, and the application's id is the stream's uuid (a second event on the same stream is ignored).
 */
import type { Transaction } from 'kysely'
import type { DomainEvent } from '../../domain/events'
import { applicationIdOfStream, isStationApplicationEventType, stationApplicationEventKinds } from '../../domain/stationApplication'
import type { Database } from '../db'
import { createApplication } from './applications'

export async function applicationsFromEvents(trx: Transaction<Database>, stationId: string, events: readonly DomainEvent[], receivedAt: Date): Promise<number> {
  let created = 0
  for (const event of events) {
    if (!isStationApplicationEventType(event.type))
      continue
    const station = await trx.selectFrom('stations').selectAll().where('id', '=', stationId).executeTakeFirst()
    const id = applicationIdOfStream(event.stream)
    const known = await trx.selectFrom('station_applications').select('id').where('id', '=', id).executeTakeFirst()
    if (!station || known)
      continue
    await createApplication(trx, {
      id,
      kind: stationApplicationEventKinds[event.type],
      station,
      fields: event.payload as Record<string, unknown>,
      draftedBy: { type: 'device', by: event.deviceId, staffId: event.staffId },
      sourceEventId: event.id,
      submit: true,
      lenient: true,
    }, receivedAt)
    created++
  }
  return created
}
