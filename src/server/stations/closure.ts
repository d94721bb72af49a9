/**
 * Closing a station (5.4.1.3, issue 8 item 2): once its Annex C application is approved the station is
 * 'closed', but its tablets are revoked only after their last sync — a tablet of a closed station is
 * revoked at the end of its next push (in the push's transaction: everything it sent is stored first),
 * or at once when the office confirms despite the warning.
 *
 * What the server knows of a tablet's unsynced work: its last contact (devices.last_seen_at, stamped by
 * every authenticated call) against the moment that matters (the approval, or the closing's submission
 * while it is pending). A device that has not been heard from since then may still hold unsent records: warn.
 */
import type { Kysely, Transaction } from 'kysely'
import type { ClosureDevice } from '../../domain/protocol'
import type { Database } from '../db'

function iso(value: Date | string | null): string | null {
  return value === null ? null : new Date(value).toISOString()
}

/** The station's devices with the unsynced-work warning, relative to `since`. */
export async function closureDevices(db: Kysely<Database> | Transaction<Database>, stationId: string, since: Date | null): Promise<ClosureDevice[]> {
  const rows = await db.selectFrom('devices').select(['id', 'name', 'last_seen_at', 'revoked_at'])
    .where('station_id', '=', stationId).orderBy('slot').execute()
  return rows.map((d) => {
    const lastSeen = d.last_seen_at === null ? null : new Date(d.last_seen_at)
    return {
      id: d.id,
      name: d.name,
      lastSeenAt: iso(d.last_seen_at),
      revokedAt: iso(d.revoked_at),
      mayHaveUnsynced: d.revoked_at === null && (lastSeen === null || since === null || lastSeen.getTime() <= since.getTime()),
    }
  })
}

/** Push hook: the pushing device of a closed station has made its last sync; revoke it. True when revoked. */
export async function revokeAfterLastSync(trx: Transaction<Database>, stationId: string, deviceId: string, at: Date): Promise<boolean> {
  const station = await trx.selectFrom('stations').select('state').where('id', '=', stationId).executeTakeFirst()
  if (station?.state !== 'closed')
    return false
  const revoked = await trx.updateTable('devices').set({ revoked_at: at })
    .where('id', '=', deviceId).where('station_id', '=', stationId).where('revoked_at', 'is', null)
    .returning('id').execute()
  return revoked.length > 0
}

/** The office confirms despite the warning: every remaining device of the closed station is revoked now. */
export async function revokeRemainingDevices(trx: Transaction<Database>, stationId: string, at: Date): Promise<string[]> {
  const rows = await trx.updateTable('devices').set({ revoked_at: at })
    .where('station_id', '=', stationId).where('revoked_at', 'is', null)
    .returning('id').execute()
  return rows.map(r => r.id)
}
