/**
 * The staff PIN verifier (issue 3 item 1, issue 11 item 2): made on the server when the office sets or
 * resets a PIN (src/server/auth/pinVerifier.ts adds the random salt), stored in staff.pin_verifier, pulled
 * by tablets with the staff reference rows and checked offline at the counter (src/app/stores/session.ts):
 *   { alg: 'argon2id', params: { memoryKiB, iterations, parallelism }, salt: base64(16 bytes), hash: base64(32 bytes) }
 *   hash = argon2id(utf8(pin), salt, params)   (src/domain/auth/pinKdf.ts)
 * The PIN itself is never stored or sent. A verifier whose params fall outside pinKdf's range is refused
 * (too weak to trust, or too heavy for a tablet).
 *
 * Verifiers made before argon2id are PBKDF2-SHA256 with 120,000 iterations (`LegacyPinVerifier`). They
 * keep verifying on tablets (src/app/auth/legacyPinVerifier.ts) so no counter is locked out the day the
 * server upgrades, but the office roster marks those staff "需重设 PIN" and the next set or reset writes
 * an argon2id verifier. The server never makes a legacy verifier again.
 */
import type { PinKdfParams } from './pinKdf'
import { base64ToBytes, bytesToBase64, constantTimeEqual } from './base64'
import { derivePinBytes, PIN_KDF_ALG, PIN_KDF_PARAMS, pinKdfParamsInRange } from './pinKdf'

export const PIN_VERIFIER_ALG = PIN_KDF_ALG
export const PIN_SALT_BYTES = 16
export const PIN_HASH_BYTES = 32

/** The JSON shape stored in staff.pin_verifier and sent to tablets in `reference.staff[].pinVerifier`. */
export interface PinVerifier {
  alg: typeof PIN_VERIFIER_ALG
  params: PinKdfParams
  /** 16 random bytes, standard base64 with padding. */
  salt: string
  /** 32 bytes of argon2id(utf8(pin), salt, params), standard base64 with padding. */
  hash: string
}

export const LEGACY_PIN_VERIFIER_ALG = 'PBKDF2-SHA256'
/** Legacy verifiers were made with ≥ 100,000 iterations; fewer is refused, as is more than a tablet can run. */
export const LEGACY_MIN_ITERATIONS = 100_000
export const LEGACY_MAX_ITERATIONS = 5_000_000

/** A verifier made before argon2id: still accepted at the counter until the office resets that PIN. */
export interface LegacyPinVerifier {
  alg: typeof LEGACY_PIN_VERIFIER_ALG
  iterations: number
  salt: string
  hash: string
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object'
}

function hasBytes(text: unknown, length: number): boolean {
  return typeof text === 'string' && base64ToBytes(text)?.length === length
}

/** A stored or pulled value that is a usable argon2id verifier (reference data is checked before use). */
export function isPinVerifier(value: unknown): value is PinVerifier {
  if (!isRecord(value) || value.alg !== PIN_VERIFIER_ALG || !isRecord(value.params))
    return false
  const p = value.params
  return typeof p.memoryKiB === 'number' && typeof p.iterations === 'number' && typeof p.parallelism === 'number'
    && pinKdfParamsInRange({ memoryKiB: p.memoryKiB, iterations: p.iterations, parallelism: p.parallelism })
    && typeof value.salt === 'string' && (base64ToBytes(value.salt)?.length ?? 0) >= PIN_SALT_BYTES
    && hasBytes(value.hash, PIN_HASH_BYTES)
}

/** A stored or pulled value that is a PBKDF2 verifier from before argon2id, within the iterations a tablet accepts. */
export function isLegacyPinVerifier(value: unknown): value is LegacyPinVerifier {
  return isRecord(value) && value.alg === LEGACY_PIN_VERIFIER_ALG
    && typeof value.iterations === 'number' && Number.isInteger(value.iterations)
    && value.iterations >= LEGACY_MIN_ITERATIONS && value.iterations <= LEGACY_MAX_ITERATIONS
    && typeof value.salt === 'string' && (base64ToBytes(value.salt)?.length ?? 0) > 0
    && hasBytes(value.hash, PIN_HASH_BYTES)
}

/** What a PIN entry may look like before it is checked at all: 4–12 digits (legacy PINs could be 4). */
export function isPinEntry(pin: string): boolean {
  return /^\d{4,12}$/.test(pin)
}

/**
 * The verifier for `pin` with the given salt. The server passes 16 random bytes and the production
 * params; tests may pass lighter params (within range) explicitly, never through the environment.
 */
export async function derivePinVerifier(pin: string, salt: Uint8Array, params: PinKdfParams = PIN_KDF_PARAMS): Promise<PinVerifier> {
  const hash = await derivePinBytes(pin, salt, params, PIN_HASH_BYTES)
  return { alg: PIN_VERIFIER_ALG, params: { ...params }, salt: bytesToBase64(salt), hash: bytesToBase64(hash) }
}

/** True when `pin` matches an argon2id verifier; false for a wrong PIN or anything that is not a usable verifier. */
export async function verifyPin(pin: string, verifier: unknown): Promise<boolean> {
  if (!isPinVerifier(verifier) || !isPinEntry(pin))
    return false
  const salt = base64ToBytes(verifier.salt)
  const expected = base64ToBytes(verifier.hash)
  if (!salt || !expected)
    return false
  const actual = await derivePinBytes(pin, salt, verifier.params, expected.length)
  return constantTimeEqual(actual, expected)
}
