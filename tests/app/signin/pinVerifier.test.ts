import { describe, expect, it } from 'vitest'
import { checkStaffPin, hasUsablePin, verifyLegacyPin } from '../../../src/app/auth/pinVerifier'
import { LEGACY_PIN_TEST_VECTOR, PIN_TEST_VECTOR } from '../../domain/support/pinVectors'

describe('the tablet\'s offline PIN check', () => {
  it('checks an argon2id verifier (the server\'s vector)', async () => {
    expect(await checkStaffPin(PIN_TEST_VECTOR.pin, PIN_TEST_VECTOR.verifier)).toBe(true)
    expect(await checkStaffPin('135790', PIN_TEST_VECTOR.verifier)).toBe(false)
  })

  it('still checks a legacy PBKDF2 verifier with WebCrypto, until the office resets that PIN', async () => {
    expect(await checkStaffPin(LEGACY_PIN_TEST_VECTOR.pin, LEGACY_PIN_TEST_VECTOR.verifier)).toBe(true)
    expect(await checkStaffPin('246811', LEGACY_PIN_TEST_VECTOR.verifier)).toBe(false)
    expect(await verifyLegacyPin('24681a', LEGACY_PIN_TEST_VECTOR.verifier)).toBe(false)
    expect(hasUsablePin(LEGACY_PIN_TEST_VECTOR.verifier)).toBe(true)
  })

  it('refuses anything else without deriving', async () => {
    expect(await checkStaffPin(PIN_TEST_VECTOR.pin, null)).toBe(false)
    expect(await checkStaffPin(PIN_TEST_VECTOR.pin, { ...LEGACY_PIN_TEST_VECTOR.verifier, iterations: 1000 })).toBe(false)
    expect(await checkStaffPin(PIN_TEST_VECTOR.pin, { ...PIN_TEST_VECTOR.verifier, alg: 'SHA1' })).toBe(false)
    expect(hasUsablePin(null)).toBe(false)
    expect(hasUsablePin({ alg: 'argon2id' })).toBe(false)
  })
})
