import { describe, expect, it } from 'vitest'
import { base64ToBytes, constantTimeEqual, isPinVerifier, verifyPin } from '../../../src/app/auth/pinVerifier'
import { PIN_TEST_VECTOR } from '../support/enrolledTablet'

describe('offline PIN check (WebCrypto PBKDF2-SHA256)', () => {
  it('accepts the server\'s test vector PIN', async () => {
    expect(await verifyPin(PIN_TEST_VECTOR.pin, PIN_TEST_VECTOR.verifier)).toBe(true)
  })

  it('refuses a wrong PIN for the same verifier', async () => {
    expect(await verifyPin('246811', PIN_TEST_VECTOR.verifier)).toBe(false)
    expect(await verifyPin('135790', PIN_TEST_VECTOR.verifier)).toBe(false)
  })

  it('refuses malformed or weak verifiers instead of trusting them', async () => {
    expect(await verifyPin(PIN_TEST_VECTOR.pin, null)).toBe(false)
    expect(await verifyPin(PIN_TEST_VECTOR.pin, { ...PIN_TEST_VECTOR.verifier, alg: 'SHA1' })).toBe(false)
    expect(await verifyPin(PIN_TEST_VECTOR.pin, { ...PIN_TEST_VECTOR.verifier, iterations: 1000 })).toBe(false)
    expect(await verifyPin(PIN_TEST_VECTOR.pin, { ...PIN_TEST_VECTOR.verifier, hash: '***' })).toBe(false)
    expect(isPinVerifier(PIN_TEST_VECTOR.verifier)).toBe(true)
  })

  it('refuses PINs that are not 4–12 digits without deriving anything', async () => {
    expect(await verifyPin('24681a', PIN_TEST_VECTOR.verifier)).toBe(false)
    expect(await verifyPin('', PIN_TEST_VECTOR.verifier)).toBe(false)
  })

  it('compares bytes of equal and unequal length', () => {
    const a = base64ToBytes(PIN_TEST_VECTOR.verifier.hash) ?? new Uint8Array(32)
    expect(a).toHaveLength(32)
    expect(constantTimeEqual(a, a.slice())).toBe(true)
    expect(constantTimeEqual(a, a.slice(0, 31))).toBe(false)
    const b = a.slice()
    b[31] = ((b[31] ?? 0) + 1) % 256
    expect(constantTimeEqual(a, b)).toBe(false)
  })
})
