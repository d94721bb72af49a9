/**
 * Devices (tablets) and their one-time enrollment codes (issue 3 item 3).
 * A code is minted by the office (or the demo seed) for one station, shown once, stored as its
 * SHA-256, used once and expires (default 24 h). Enrolling trades it for a 256-bit device token,
 * also stored only as its SHA-256. Revoking a device makes every later call with its token a 401.
 *
 * Each device gets a slot at its station (1, 2, …) at enrollment: max(slot) + 1, never reused (a revoked
 * device keeps its slot), at most MAX_DEVICE_SLOT, the letters of the tablet's document numbers
 * (src/domain/receipt.ts). Enrollments of one station are serialised by a lock on its station row.
 */
import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import { MAX_DEVICE_SLOT } from '../../domain/receipt'
import type { EnrollmentRefusal } from '../../domain/protocol'
import type { Database } from '../db'
import type { DeviceScope } from '../sync/scope'
import { hashEnrollmentCode, hashSecret, newDeviceToken, newEnrollmentCode } from './secrets'

export const DEFAULT_ENROLLMENT_TTL_MS = 24 * 60 * 60 * 1000

export interface MintedEnrollmentCode {
  /** Shown once (printed or displayed to the office); only its hash is stored. */
  code: string
  stationId: string
  expiresAt: Date
}

/** Mints a one-time enrollment code for a station. */
export async function mintEnrollmentCode(
  db: Kysely<Database>,
  stationId: string,
  options: { now?: Date, ttlMs?: number } = {},
): Promise<MintedEnrollmentCode> {
  const now = options.now ?? new Date()
  const expiresAt = new Date(now.getTime() + (options.ttlMs ?? DEFAULT_ENROLLMENT_TTL_MS))
  const code = newEnrollmentCode()
  await db.insertInto('enrollment_codes')
    .values({ code_hash: hashEnrollmentCode(code), station_id: stationId, created_at: now, expires_at: expiresAt })
    .execute()
  return { code, stationId, expiresAt }
}

export type EnrollResult
  = | { ok: true, deviceId: string, token: string, stationId: string, deviceSlot: number }
    | { ok: false, reason: EnrollmentRefusal }

/** Trades a one-time code for a new device and its token, atomically (a code races to one device only). */
export async function enrollDevice(
  db: Kysely<Database>,
  input: { code: string, deviceName: string },
  options: { now?: Date } = {},
): Promise<EnrollResult> {
  const now = options.now ?? new Date()
  const codeHash = hashEnrollmentCode(input.code)
  return db.transaction().execute(async (trx): Promise<EnrollResult> => {
    const row = await trx.selectFrom('enrollment_codes')
      .innerJoin('stations', 'stations.id', 'enrollment_codes.station_id')
      .select(['enrollment_codes.station_id', 'enrollment_codes.expires_at', 'enrollment_codes.used_at', 'stations.state'])
      .where('enrollment_codes.code_hash', '=', codeHash)
      .forUpdate('enrollment_codes')
      .executeTakeFirst()
    if (!row)
      return { ok: false, reason: 'enrollment-code-invalid' }
    if (row.used_at !== null)
      return { ok: false, reason: 'enrollment-code-used' }
    if (new Date(row.expires_at).getTime() <= now.getTime())
      return { ok: false, reason: 'enrollment-code-expired' }
    if (row.state === 'closed')
      return { ok: false, reason: 'station-closed' }

    // One enrollment of this station at a time (codes differ, so the code's row lock does not serialise
    // them): the max read below then sees every earlier enrollment committed. NO KEY UPDATE leaves
    // foreign-key checks on the station row (staff, blobs…) unblocked.
    await trx.selectFrom('stations').select('id').where('id', '=', row.station_id).forNoKeyUpdate().execute()
    const { max } = await trx.selectFrom('devices')
      .select(eb => eb.fn.max('slot').as('max'))
      .where('station_id', '=', row.station_id)
      .executeTakeFirstOrThrow()
    const deviceSlot = Number(max ?? 0) + 1
    if (deviceSlot > MAX_DEVICE_SLOT)
      return { ok: false, reason: 'device-slots-exhausted' }

    const deviceId = randomUUID()
    const token = newDeviceToken()
    await trx.insertInto('devices')
      .values({ id: deviceId, station_id: row.station_id, name: input.deviceName, token_hash: hashSecret(token), created_at: now, slot: deviceSlot })
      .execute()
    await trx.updateTable('enrollment_codes')
      .set({ used_at: now, used_by_device: deviceId })
      .where('code_hash', '=', codeHash)
      .execute()
    return { ok: true, deviceId, token, stationId: row.station_id, deviceSlot }
  })
}

export type DeviceAuthResult
  = | { ok: true, scope: DeviceScope }
    | { ok: false, reason: 'unknown' | 'revoked' }

/** Resolves a bearer token to its device, stamping last_seen_at in the same statement. */
export async function authenticateDevice(db: Kysely<Database>, token: string, now: Date = new Date()): Promise<DeviceAuthResult> {
  const tokenHash = hashSecret(token)
  const seen = await db.updateTable('devices')
    .set({ last_seen_at: now })
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null)
    .returning(['id', 'station_id'])
    .executeTakeFirst()
  if (seen)
    return { ok: true, scope: { deviceId: seen.id, stationId: seen.station_id } }
  const revoked = await db.selectFrom('devices').select('id').where('token_hash', '=', tokenHash).executeTakeFirst()
  return { ok: false, reason: revoked ? 'revoked' : 'unknown' }
}

/**
 * Resolves a bearer token to its device without writing (issue 12 item 2): the caller stamps last_seen_at
 * itself, in a write it makes anyway (the sync routes' devices update, the push's transaction), so a push
 * commits once instead of three times.
 */
export async function lookupDevice(db: Kysely<Database>, token: string): Promise<DeviceAuthResult> {
  const row = await db.selectFrom('devices').select(['id', 'station_id', 'revoked_at']).where('token_hash', '=', hashSecret(token)).executeTakeFirst()
  if (!row)
    return { ok: false, reason: 'unknown' }
  return row.revoked_at === null ? { ok: true, scope: { deviceId: row.id, stationId: row.station_id } } : { ok: false, reason: 'revoked' }
}

/** Revokes a device: its token stops working at once. False when there is no such device. Idempotent. */
export async function revokeDevice(db: Kysely<Database>, deviceId: string, now: Date = new Date()): Promise<{ revokedAt: Date } | null> {
  const row = await db.selectFrom('devices').select(['revoked_at']).where('id', '=', deviceId).executeTakeFirst()
  if (!row)
    return null
  if (row.revoked_at)
    return { revokedAt: new Date(row.revoked_at) }
  await db.updateTable('devices').set({ revoked_at: now }).where('id', '=', deviceId).execute()
  return { revokedAt: now }
}
