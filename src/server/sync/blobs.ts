/**
 * Attachments (signatures, photos of materials), content-addressed by SHA-256 and owned by a
 * station (DESIGN §3–4). The same bytes from two stations are two rows: neither station can learn
 * from an answer that the other holds them.
 */
import { createHash } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Database } from '../db'

export const MAX_BLOB_BYTES = 5 * 1024 * 1024
export const sha256Pattern = /^[0-9a-f]{64}$/

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex')
}

/** Stores a blob for a station; 'exists' when the station already had it (nothing rewritten). */
export async function putBlob(
  db: Kysely<Database>,
  input: { stationId: string, sha256: string, bytes: Uint8Array, contentType: string, now: Date },
): Promise<'created' | 'exists'> {
  const inserted = await db.insertInto('blobs')
    .values({ station_id: input.stationId, sha256: input.sha256, bytes: input.bytes, size: input.bytes.byteLength, content_type: input.contentType, created_at: input.now })
    .onConflict(oc => oc.columns(['station_id', 'sha256']).doNothing())
    .returning('sha256')
    .executeTakeFirst()
  return inserted ? 'created' : 'exists'
}

export async function getBlob(db: Kysely<Database>, stationId: string, sha256: string): Promise<{ bytes: Uint8Array, contentType: string } | null> {
  const row = await db.selectFrom('blobs').select(['bytes', 'content_type'])
    .where('station_id', '=', stationId).where('sha256', '=', sha256)
    .executeTakeFirst()
  return row ? { bytes: row.bytes, contentType: row.content_type } : null
}
