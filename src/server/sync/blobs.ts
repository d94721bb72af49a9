/**
 * Attachments (signatures, photos of materials), content-addressed by SHA-256 and owned by a
 * station (DESIGN §3–4). The same bytes from two stations are two rows: neither station can learn
 * from an answer that the other holds them. Each station may hold up to the `blobQuotaBytesPerStation`
 * setting (issue 10 item 4; default 2 GiB) in total.
 *
 * `files`: a folder for the bytes (blobFiles.ts; PGlite on disk), the row then holds only metadata; null
 * keeps the bytes in the row (PostgreSQL, PGlite in memory). Reading serves either kind of row.
 */
import { createHash } from 'node:crypto'
import type { Kysely } from 'kysely'
import { sql } from 'kysely'
import type { Database } from '../db'
import { toCount } from '../db'
import { readBlobFile, writeBlobFile } from './blobFiles'
import { readSetting } from './reference'

/** The fallback when the setting is missing or not a positive number (migration 0009 installs the same). */
export const DEFAULT_BLOB_QUOTA_BYTES = 2 * 1024 * 1024 * 1024
export const BLOB_QUOTA_SETTING = 'blobQuotaBytesPerStation'

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex')
}

export async function blobQuotaBytes(db: Kysely<Database>): Promise<number> {
  const value = await readSetting(db, BLOB_QUOTA_SETTING)
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : DEFAULT_BLOB_QUOTA_BYTES
}

export type PutBlobOutcome = 'created' | 'exists' | { quotaExceeded: { quotaBytes: number, usedBytes: number } }

/**
 * Stores a blob for a station; 'exists' when the station already had it (nothing rewritten, no quota
 * needed); quotaExceeded when the new bytes would take the station past its quota. Two uploads at once
 * may each pass the check: the overshoot is bounded by one blob per concurrent upload.
 */
export async function putBlob(
  db: Kysely<Database>,
  input: { stationId: string, sha256: string, bytes: Uint8Array, contentType: string, now: Date },
  files: string | null = null,
): Promise<PutBlobOutcome> {
  const usage = await db.selectFrom('blobs')
    .select([
      sql<string | number>`coalesce(sum(size), 0)`.as('used'),
      sql<boolean>`bool_or(sha256 = ${input.sha256})`.as('present'),
    ])
    .where('station_id', '=', input.stationId)
    .executeTakeFirstOrThrow()
  if (usage.present)
    return 'exists'
  const usedBytes = toCount(usage.used)
  const quotaBytes = await blobQuotaBytes(db)
  if (usedBytes + input.bytes.byteLength > quotaBytes)
    return { quotaExceeded: { quotaBytes, usedBytes } }
  // The file before the row: a row always has its bytes.
  if (files)
    await writeBlobFile(files, input.sha256, input.bytes)
  const inserted = await db.insertInto('blobs')
    .values({ station_id: input.stationId, sha256: input.sha256, bytes: files ? null : input.bytes, size: input.bytes.byteLength, content_type: input.contentType, created_at: input.now })
    .onConflict(oc => oc.columns(['station_id', 'sha256']).doNothing())
    .returning('sha256')
    .executeTakeFirst()
  return inserted ? 'created' : 'exists'
}

export async function getBlob(db: Kysely<Database>, stationId: string, sha256: string, files: string | null = null): Promise<{ bytes: Uint8Array, contentType: string } | null> {
  const row = await db.selectFrom('blobs').select(['bytes', 'content_type'])
    .where('station_id', '=', stationId).where('sha256', '=', sha256)
    .executeTakeFirst()
  if (!row)
    return null
  if (row.bytes)
    return { bytes: row.bytes, contentType: row.content_type }
  const bytes = files ? await readBlobFile(files, sha256) : null
  if (!bytes)
    throw new Error(`blob ${sha256} has a row but no file${files ? ` under ${files}` : ' folder configured'}`)
  return { bytes, contentType: row.content_type }
}
