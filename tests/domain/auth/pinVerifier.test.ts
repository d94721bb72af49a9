import { describe, expect, it } from 'vitest'
import { base64ToBytes, bytesToBase64, constantTimeEqual } from '../../../src/domain/auth/base64'
import { derivePinVerifier, isLegacyPinVerifier, isPinEntry, isPinVerifier, verifyPin } from '../../../src/domain/auth/pinVerifier'
import { LEGACY_PIN_TEST_VECTOR, PIN_TEST_VECTOR } from '../support/pinVectors'

describe('the argon2id PIN verifier (shared by server and tablet)', () => {
  it('derives the shared vector and checks the right PIN only', async () => {
    const salt = Uint8Array.from({ length: 16 }, (_, i) => i)
    expect(await derivePinVerifier(PIN_TEST_VECTOR.pin, salt, PIN_TEST_VECTOR.verifier.params)).toEqual(PIN_TEST_VECTOR.verifier)
    expect(await verifyPin(PIN_TEST_VECTOR.pin, PIN_TEST_VECTOR.verifier)).toBe(true)
    expect(await verifyPin('246811', PIN_TEST_VECTOR.verifier)).toBe(false)
  })

  it('refuses malformed verifiers, params a tablet must not trust or run, and non-PIN input', async () => {
    const v = PIN_TEST_VECTOR.verifier
    expect(isPinVerifier(v)).toBe(true)
    expect(isPinVerifier(null)).toBe(false)
    expect(isPinVerifier({ ...v, alg: 'argon2i' })).toBe(false)
    expect(isPinVerifier({ ...v, params: { ...v.params, memoryKiB: 1024 } })).toBe(false)
    expect(isPinVerifier({ ...v, params: { ...v.params, iterations: 1 } })).toBe(false)
    expect(isPinVerifier({ ...v, params: { ...v.params, memoryKiB: 4 * 1024 * 1024 } })).toBe(false)
    expect(isPinVerifier({ ...v, hash: '***' })).toBe(false)
    expect(isPinVerifier({ ...v, hash: 'AAAA' })).toBe(false)
    expect(await verifyPin(PIN_TEST_VECTOR.pin, { ...v, params: { ...v.params, iterations: 1 } })).toBe(false)
    expect(await verifyPin('24681a', v)).toBe(false)
    expect(await verifyPin('', v)).toBe(false)
    expect(isPinEntry('2468')).toBe(true)
    expect(isPinEntry('1234567890123')).toBe(false)
  })

  it('tells a legacy PBKDF2 verifier apart (accepted by tablets until reset) and refuses a weak one', () => {
    expect(isLegacyPinVerifier(LEGACY_PIN_TEST_VECTOR.verifier)).toBe(true)
    expect(isPinVerifier(LEGACY_PIN_TEST_VECTOR.verifier)).toBe(false)
    expect(isLegacyPinVerifier(PIN_TEST_VECTOR.verifier)).toBe(false)
    expect(isLegacyPinVerifier({ ...LEGACY_PIN_TEST_VECTOR.verifier, iterations: 1000 })).toBe(false)
  })
})

describe('base64 and constant-time comparison (no atob or Buffer in the domain)', () => {
  it('round-trips every length and matches the platform encoder', () => {
    for (let n = 0; n < 40; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 97 + n * 13) % 256)
      const text = bytesToBase64(bytes)
      expect(text).toBe(Buffer.from(bytes).toString('base64'))
      expect(base64ToBytes(text)).toEqual(bytes)
    }
    expect(base64ToBytes('abc')).toBeNull()
    expect(base64ToBytes('ab$=')).toBeNull()
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
