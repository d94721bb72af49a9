/**
 * Where the data key lives at rest (issue 11 item 1): wrapped per staff member, and for a signed-in session.
 *
 * `keyWraps` (one row per staff member): AES-GCM(KEK, dataKey) with KEK = argon2id(PIN, wrapSalt)
 * (src/domain/auth/pinKdf.ts derivePinBytes). The wrap salt is 16 random bytes made here, never the verifier's
 * salt, so the verifier a tablet pulls and the wrap are independent outputs of the same PIN.
 *
 * The rule at a sign-in whose PIN the verifier accepted (unlockDataKey):
 * 1. the person's wrap opens with the PIN → the key is loaded;
 * 2. else, if the key is in memory (the same session, or a colleague's unlocked session handed over by
 *    「切换人员」 within HANDOVER_WINDOW_MS) → it is wrapped for this person (a first sign-in on this tablet, or a
 *    PIN the office reset: the stale wrap is replaced) and loaded;
 * 3. else, if this tablet has no wrap at all (first sign-in after enrollment) → a new random key is made and
 *    wrapped for this person;
 * 4. else → refused ('no-data-key'): a colleague who has signed in here must sign in and hand over.
 *
 * `sessionKeys` (one row): the data key of the signed-in session encrypted under a non-extractable AES-GCM
 * CryptoKey stored beside it, with the session's expiry, so a reload within the idle window can restore the
 * session without the PIN (restoreSessionKey). Deleted on lock and sign-out.
 */
import type { PinKdfParams } from '../../../domain/auth/pinKdf'
import { constantTimeEqual } from '../../../domain/auth/base64'
import { derivePinBytes, PIN_KDF_ALG, PIN_KDF_PARAMS, pinKdfParamsInRange } from '../../../domain/auth/pinKdf'
import { database } from '../db'
import { guarded } from '../errors'
import { fromBase64, open, randomBytes, seal, toBase64 } from './bytes'
import { dataKeyReady, installDataKey, masterForWrapping } from './keyring'

export interface KeyWrapRow {
  staffId: string
  alg: typeof PIN_KDF_ALG
  kdf: PinKdfParams
  /** base64: 16 random bytes, the argon2id salt of this wrap (never the verifier's). */
  salt: string
  iv: string
  /** base64 AES-GCM(KEK, dataKey), additional data `wrap:<staffId>`. */
  wrapped: string
  createdAt: string
}

export interface SessionKeyRow {
  id: 'session'
  staffId: string
  /** Epoch ms after which the row is not restored (and is deleted). */
  expiresAt: number
  /** Non-extractable AES-GCM key (structured-cloned by IndexedDB). */
  key: CryptoKey
  iv: string
  wrapped: string
}

export type UnlockResult
  = | { ok: true, how: 'unwrapped' | 'wrapped' | 'created' }
    | { ok: false, reason: 'no-data-key' }

let wrapKdf: PinKdfParams = PIN_KDF_PARAMS

/** The argon2id cost of new wraps (tests lower it to the minimum the domain accepts). */
export function setWrapKdfParams(params: PinKdfParams): void {
  if (!pinKdfParamsInRange(params))
    throw new RangeError('PIN KDF parameters out of range')
  wrapKdf = params
}

const wrapAd = (staffId: string) => `bianmin-wrap:${staffId}`

async function kekOf(pin: string, salt: Uint8Array, params: PinKdfParams): Promise<CryptoKey> {
  const bytes = await derivePinBytes(pin, salt, params)
  return crypto.subtle.importKey('raw', bytes as Uint8Array<ArrayBuffer>, { name: 'AES-GCM' }, false, ['encrypt', 'decrypt'])
}

async function tryUnwrap(row: KeyWrapRow, pin: string): Promise<Uint8Array | null> {
  if (row.alg !== PIN_KDF_ALG || !pinKdfParamsInRange(row.kdf))
    return null
  try {
    const kek = await kekOf(pin, fromBase64(row.salt), row.kdf)
    return await open(kek, fromBase64(row.iv), fromBase64(row.wrapped), wrapAd(row.staffId))
  }
  catch {
    return null
  }
}

/** A wrap of `master` for `staffId` under their PIN. */
export async function wrapFor(staffId: string, pin: string, master: Uint8Array<ArrayBuffer>): Promise<KeyWrapRow> {
  const salt = randomBytes(16)
  const kek = await kekOf(pin, salt, wrapKdf)
  const { iv, cipher } = await seal(kek, master, wrapAd(staffId))
  return { staffId, alg: PIN_KDF_ALG, kdf: { ...wrapKdf }, salt: toBase64(salt), iv: toBase64(iv), wrapped: toBase64(cipher), createdAt: new Date().toISOString() }
}

/** The staff members this tablet holds a wrap for. */
export async function wrappedStaffIds(): Promise<string[]> {
  return await database().keyWraps.toCollection().primaryKeys() as string[]
}

/** Load the data key for a staff member whose PIN the verifier accepted (the rule in this file's header). */
export async function unlockDataKey(staffId: string, pin: string): Promise<UnlockResult> {
  const db = database()
  const held = masterForWrapping()
  const row = await db.keyWraps.get(staffId)
  if (row) {
    const opened = await tryUnwrap(row, pin)
    if (opened && (!held || constantTimeEqual(opened, held))) {
      await installDataKey(opened)
      return { ok: true, how: 'unwrapped' }
    }
  }
  if (held) {
    const wrap = await wrapFor(staffId, pin, held as Uint8Array<ArrayBuffer>)
    await guarded(() => db.keyWraps.put(wrap))
    await installDataKey(held)
    return { ok: true, how: 'wrapped' }
  }
  const made = randomBytes(32)
  const wrap = await wrapFor(staffId, pin, made)
  // Only on a tablet with no wrap at all: checked again in the transaction that writes the first one.
  const created = await guarded(() => db.transaction('rw', [db.keyWraps], async () => {
    if (await db.keyWraps.count() > 0)
      return false
    await db.keyWraps.put(wrap)
    return true
  }))
  if (!created)
    return { ok: false, reason: 'no-data-key' }
  await installDataKey(made)
  return { ok: true, how: 'created' }
}

/** Keep the loaded key for this session until `expiresAt` (epoch ms), so a reload within it can restore it. */
export async function persistSessionKey(staffId: string, expiresAt: number): Promise<void> {
  const master = masterForWrapping()
  if (!master || !dataKeyReady())
    return
  const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt'])
  const { iv, cipher } = await seal(key, master as Uint8Array<ArrayBuffer>, `session:${staffId}`)
  const row: SessionKeyRow = { id: 'session', staffId, expiresAt, key, iv: toBase64(iv), wrapped: toBase64(cipher) }
  await guarded(() => database().sessionKeys.put(row))
}

/**
 * Restore the key of `staffId`'s session if it has not expired; an expired or foreign row is deleted.
 * `sessionExpiresAt`: the session's own expiry, which slides with activity (the session store keeps it in this
 * tab's sessionStorage), where the row's was set at sign-in; the later of the two counts, and the row takes it.
 */
export async function restoreSessionKey(staffId: string, now = Date.now(), sessionExpiresAt?: number): Promise<boolean> {
  const db = database()
  const row = await db.sessionKeys.get('session')
  if (!row)
    return false
  const until = Math.max(row.expiresAt, sessionExpiresAt ?? 0)
  if (row.staffId !== staffId || until <= now) {
    await forgetSessionKey()
    return false
  }
  try {
    await installDataKey(await open(row.key, fromBase64(row.iv), fromBase64(row.wrapped), `session:${staffId}`))
  }
  catch {
    await forgetSessionKey()
    return false
  }
  // Moving the row's expiry on is a convenience: if it fails, the next reload after the old expiry asks for the PIN.
  if (until > row.expiresAt)
    await guarded(() => db.sessionKeys.update('session', { expiresAt: until })).catch(() => undefined)
  return true
}

/** Delete the session's key (lock, sign-out). */
export async function forgetSessionKey(): Promise<void> {
  await guarded(() => database().sessionKeys.delete('session'))
}
