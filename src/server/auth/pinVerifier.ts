/**
 * The server's part of the staff PIN verifier (src/domain/auth/pinVerifier.ts has the format, the
 * derivation and the check, shared with tablets): a fresh random salt from node:crypto, and the PIN
 * policy enforced once more before anything is derived. Made when the office sets or resets a PIN
 * (routes/api/officeStaff.ts) and for the demo seed; one derivation costs ≈ 0.3 s and 64 MiB.
 */
import type { PinKdfParams } from '../../domain/auth/pinKdf'
import type { PinVerifier } from '../../domain/auth/pinVerifier'
import { randomBytes } from 'node:crypto'
import { isValidPin } from '../../domain/auth/pinPolicy'
import { derivePinVerifier, PIN_SALT_BYTES } from '../../domain/auth/pinVerifier'

/**
 * A fresh argon2id verifier for a policy-conforming PIN with a random per-staff salt. `options.salt` and
 * `options.params` are for test vectors and lighter test fixtures only (explicit, never from the environment).
 */
export async function makePinVerifier(pin: string, options: { salt?: Uint8Array, params?: PinKdfParams } = {}): Promise<PinVerifier> {
  if (!isValidPin(pin))
    throw new Error('A PIN is 6 to 12 digits and not a trivial sequence')
  return derivePinVerifier(pin, options.salt ?? randomBytes(PIN_SALT_BYTES), options.params)
}
