/**
 * Station codes (the station part of receipt and entrustment numbers, e.g. 'S050201'): 'S', the county
 * code's last four digits, a serial of two or three digits per county. Unique (the stations.code constraint);
 * concurrent creations in one county are serialised by an advisory lock held to the end of the transaction.
 */
import type { Transaction } from 'kysely'
import { sql } from 'kysely'
import type { Database } from '../db'

/** Advisory-lock namespace of station-code allocation. */
const STATION_CODE_LOCK_NAMESPACE = 11

export async function allocateStationCode(trx: Transaction<Database>, countyCode: string): Promise<string> {
  await sql`select pg_advisory_xact_lock(${STATION_CODE_LOCK_NAMESPACE}, hashtext(${countyCode}))`.execute(trx)
  const prefix = `S${countyCode.slice(2)}`
  const rows = await trx.selectFrom('stations').select('code').where('code', 'like', `${prefix}%`).execute()
  const taken = new Set(rows.map(r => r.code))
  for (let serial = 1; serial <= 999; serial++) {
    const code = `${prefix}${String(serial).padStart(2, '0')}`
    if (!taken.has(code))
      return code
  }
  throw new Error(`no station code left in county ${countyCode}`)
}
