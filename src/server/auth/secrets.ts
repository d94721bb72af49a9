/**
 * Secrets the server hands out once and keeps only as hashes: device tokens and enrollment codes.
 * Both are high-entropy random values, so a plain SHA-256 is the right hash (no salt or stretching
 * needed); office passwords are low-entropy and use scrypt instead (officePassword.ts).
 */
import { createHash, randomBytes, randomInt } from 'node:crypto'

/** 256-bit random device token, base64url without padding (43 characters). */
export function newDeviceToken(): string {
  return randomBytes(32).toString('base64url')
}

/** SHA-256 of a secret, hex; what the database stores instead of the secret. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex')
}

/** Letters and digits a person reads off a printout without confusing (no 0/O, 1/I/L). */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789'
const CODE_LENGTH = 10

/** A one-time enrollment code staff type on a new tablet, e.g. 'K7QM-XR4P-TZ' (≈ 49 bits, one use, expires). */
export function newEnrollmentCode(): string {
  let raw = ''
  for (let i = 0; i < CODE_LENGTH; i++)
    raw += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]
  return `${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8)}`
}

/** What staff typed → the canonical code: case, spaces and dashes do not matter. */
export function normalizeEnrollmentCode(input: string): string {
  const raw = input.toUpperCase().replace(/[\s-]/g, '')
  return `${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8)}`
}

/** The stored form of an enrollment code. */
export function hashEnrollmentCode(input: string): string {
  return hashSecret(normalizeEnrollmentCode(input))
}
