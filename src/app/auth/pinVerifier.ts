/**
 * Offline PIN check at the counter (issue 3 item 4, issue 11 item 2). The verifier, its checks and the
 * argon2id derivation are the domain's (src/domain/auth/pinVerifier.ts), shared with the server that makes
 * it. Here only the tablet's part: which kind of verifier a pulled row holds, and the PBKDF2 check of a
 * legacy verifier (WebCrypto), accepted until the office resets that PIN. The PIN never leaves the tablet
 * and is never stored.
 */
import type { LegacyPinVerifier } from '../../domain/auth/pinVerifier'
import { base64ToBytes, constantTimeEqual } from '../../domain/auth/base64'
import { isLegacyPinVerifier, isPinEntry, isPinVerifier, verifyPin } from '../../domain/auth/pinVerifier'

/** Whether a pulled `pinVerifier` lets that person sign in at all (argon2id, or a legacy one until reset). */
export function hasUsablePin(verifier: unknown): boolean {
  return isPinVerifier(verifier) || isLegacyPinVerifier(verifier)
}

/** PBKDF2-SHA256(utf8(pin), salt, iterations) compared with a legacy verifier's hash, with WebCrypto. */
export async function verifyLegacyPin(pin: string, verifier: LegacyPinVerifier, subtle: SubtleCrypto = globalThis.crypto.subtle): Promise<boolean> {
  const salt = base64ToBytes(verifier.salt)
  const expected = base64ToBytes(verifier.hash)
  if (!salt || !expected || !isPinEntry(pin))
    return false
  const key = await subtle.importKey('raw', new TextEncoder().encode(pin), 'PBKDF2', false, ['deriveBits'])
  const bits = await subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations: verifier.iterations }, key, expected.length * 8)
  return constantTimeEqual(new Uint8Array(bits), expected)
}

/** True when `pin` matches the pulled verifier, whichever kind it is; false for a wrong PIN or a malformed verifier. */
export async function checkStaffPin(pin: string, verifier: unknown): Promise<boolean> {
  if (isPinVerifier(verifier))
    return verifyPin(pin, verifier)
  if (isLegacyPinVerifier(verifier))
    return verifyLegacyPin(pin, verifier)
  return false
}
