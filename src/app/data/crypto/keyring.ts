/**
 * The tablet's data key in memory (issue 11 item 1). One random 32-byte key per tablet encrypts every personal
 * value and attachment at rest; it exists in memory only while a staff member is signed in (keyStore.ts unwraps it
 * with their PIN) and is dropped on lock. Everything else is derived from it here, synchronously (HMAC-SHA-256):
 *
 * - the AES-GCM key of fields and blobs (a non-extractable WebCrypto key);
 * - the search-token key (searchTokens.ts: a stolen tablet cannot hash guessed mobiles without it);
 * - the handle key (fieldCodec.ts: the short stand-ins for personal values in stored payloads).
 *
 * Switching staff from an unlocked session keeps the key for a short handover window, unusable for data, so the
 * next person's first sign-in on this tablet can get their own wrap (keyStore.ts); a lock drops it at once.
 */
import { hmac } from '@noble/hashes/hmac.js'
import { sha256 } from '@noble/hashes/sha2.js'
import { utf8ToBytes } from '@noble/hashes/utils.js'
import { AppError } from '../../appError'

/** Personal data was needed while no staff member is signed in (the data key is not in memory). */
export class DataLockedError extends AppError {
  override name = 'DataLockedError'
  constructor() {
    super('data.locked')
  }
}

export interface DataKeys {
  /** AES-GCM-256, non-extractable: personal values and attachments. */
  fieldKey: CryptoKey
  /** HMAC key of search tokens. */
  tokenKey: Uint8Array
  /** HMAC key of handles. */
  handleKey: Uint8Array
}

/** How long a switch of staff keeps the key for the next person's first wrap (ms). */
export const HANDOVER_WINDOW_MS = 2 * 60_000

let master: Uint8Array | null = null
let keys: DataKeys | null = null
/** True during a handover: the master is kept for wrapping only, data stays locked. */
let handoverOnly = false
let handoverTimer: ReturnType<typeof setTimeout> | null = null
const listeners = new Set<(ready: boolean) => void>()

function derive(label: string, from: Uint8Array): Uint8Array {
  return hmac(sha256, from, utf8ToBytes(`bianmin-counter/${label}/v1`))
}

function notify(): void {
  const ready = dataKeyReady()
  for (const listener of listeners)
    listener(ready)
}

function clearHandover(): void {
  if (handoverTimer !== null)
    clearTimeout(handoverTimer)
  handoverTimer = null
  handoverOnly = false
}

/** Make the data key usable (a staff member signed in). */
export async function installDataKey(bytes: Uint8Array): Promise<void> {
  if (bytes.length !== 32)
    throw new RangeError('the data key is 32 bytes')
  const fieldKey = await crypto.subtle.importKey('raw', derive('field', bytes) as Uint8Array<ArrayBuffer>, { name: 'AES-GCM' }, false, ['encrypt', 'decrypt'])
  clearHandover()
  master = bytes.slice()
  keys = { fieldKey, tokenKey: derive('search', bytes), handleKey: derive('handle', bytes) }
  notify()
}

/** True while personal data can be read and written. */
export function dataKeyReady(): boolean {
  return keys !== null && !handoverOnly
}

/** The derived keys; throws DataLockedError while locked. */
export function dataKeys(): DataKeys {
  if (!keys || handoverOnly)
    throw new DataLockedError()
  return keys
}

/** The raw data key, for wrapping it for a staff member (keyStore.ts): during a session or a handover. */
export function masterForWrapping(): Uint8Array | null {
  return master ? master.slice() : null
}

/**
 * Forget the key (lock, sign-out). With `handover`, the master stays for HANDOVER_WINDOW_MS for wrapping only
 * (the next sign-in takes it or the timer drops it); data is locked either way.
 */
export function dropDataKey(options: { handover?: boolean } = {}): void {
  clearHandover()
  if (options.handover && master) {
    keys = null
    handoverOnly = true
    handoverTimer = setTimeout(() => dropDataKey(), HANDOVER_WINDOW_MS)
  }
  else {
    master?.fill(0)
    master = null
    keys = null
  }
  notify()
}

/** Called with `true` when data becomes usable and `false` when it is locked again. */
export function onDataKeyChange(listener: (ready: boolean) => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}
