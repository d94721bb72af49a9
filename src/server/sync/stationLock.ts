/**
 * The per-station lock of event inserts: pushes (push.ts), server-side events (serverEvents.ts) and office
 * inspections all take it first in the transaction that appends. Its own module so those three need not
 * import each other for it.
 */
import type { Transaction } from 'kysely'
import { sql } from 'kysely'
import type { Database } from '../db'

/** Advisory-lock namespace of a station's event inserts (see lockStationEvents). */
const EVENTS_LOCK_NAMESPACE = 1

/**
 * Serialises one station's pushes until commit, so seqs become visible in seq order: a pull can
 * never see seq n+1 committed while n is still in flight (it would step its cursor past n for good).
 */
export async function lockStationEvents(trx: Transaction<Database>, stationId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(${EVENTS_LOCK_NAMESPACE}, hashtext(${stationId}))`.execute(trx)
}
