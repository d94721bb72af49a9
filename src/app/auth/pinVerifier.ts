/**
 * Offline PIN check at the counter (issue 3 item 4). The server makes the verifier
 * (src/server/auth/pinVerifier.ts) and tablets pull it with the staff reference rows:
 *   { alg: 'PBKDF2-SHA256', iterations, salt (base64), hash (base64) }
 * Here the same derivation runs in WebCrypto; the PIN never leaves the tablet and is never stored.
 */

export const PIN_VERIFIER_ALG = 'PBKDF2-SHA256'
/** The server uses ≥ 100,000; a verifier with fewer is refused rather than trusted. */
export const MIN_PIN_ITERATIONS = 100_000
/** Above this a tablet would hang for minutes: refuse rather than freeze the counter. */
export const MAX_PIN_ITERATIONS = 5_000_000

export interface PinVerifier {
  alg: typeof PIN_VERIFIER_ALG
  iterations: number
  salt: string
  hash: string
}

/** PINs are 4–12 digits (the server's rule). */
export function isValidPin(pin: string): boolean {
  return /^\d{4,12}$/.test(pin)
}

/** A pulled value that has the verifier's shape (reference data is checked before use). */
export function isPinVerifier(value: unknown): value is PinVerifier {
  if (value === null || typeof value !== 'object')
    return false
  const v = value as Record<string, unknown>
  return v.alg === PIN_VERIFIER_ALG
    && typeof v.iterations === 'number' && Number.isInteger(v.iterations)
    && v.iterations >= MIN_PIN_ITERATIONS && v.iterations <= MAX_PIN_ITERATIONS
    && typeof v.salt === 'string' && v.salt.length > 0
    && typeof v.hash === 'string' && v.hash.length > 0
}

/** Standard base64 (with padding) to bytes; null when malformed. */
export function base64ToBytes(text: string): Uint8Array<ArrayBuffer> | null {
  try {
    const binary = atob(text)
    const bytes = new Uint8Array(binary.length)
    for (let i = 0; i < binary.length; i++)
      bytes[i] = binary.charCodeAt(i)
    return bytes
  }
  catch {
    return null
  }
}

/** Compares every byte whatever the first difference, so timing does not tell how much matched. */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  let diff = a.length ^ b.length
  const n = Math.max(a.length, b.length)
  for (let i = 0; i < n; i++)
    diff |= (a[i] ?? 0) ^ (b[i] ?? 0)
  return diff === 0
}

/** PBKDF2-SHA256(utf8(pin), salt, iterations) → `bits` bits, with WebCrypto. */
export async function derivePinBits(pin: string, salt: Uint8Array<ArrayBuffer>, iterations: number, bits: number, subtle: SubtleCrypto = globalThis.crypto.subtle): Promise<Uint8Array> {
  const key = await subtle.importKey('raw', new TextEncoder().encode(pin), 'PBKDF2', false, ['deriveBits'])
  return new Uint8Array(await subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, key, bits))
}

/** True when `pin` matches the verifier; false for a wrong PIN or a malformed verifier. */
export async function verifyPin(pin: string, verifier: unknown, subtle?: SubtleCrypto): Promise<boolean> {
  if (!isPinVerifier(verifier) || !isValidPin(pin))
    return false
  const salt = base64ToBytes(verifier.salt)
  const expected = base64ToBytes(verifier.hash)
  if (!salt || !expected || expected.length !== 32)
    return false
  const actual = await derivePinBits(pin, salt, verifier.iterations, expected.length * 8, subtle)
  return constantTimeEqual(actual, expected)
}
