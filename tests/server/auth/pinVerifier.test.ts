import { describe, expect, it } from 'vitest'
import { isValidPin, makePinVerifier, PIN_VERIFIER_ITERATIONS, verifyPin } from '../../../src/server/auth/pinVerifier'

/**
 * The shared test vector: the tablet (WebCrypto) must derive the same hash from the same inputs.
 * PIN '246810' (UTF-8), salt = bytes 0x00..0x0f, PBKDF2-SHA256, 120,000 iterations, 32 bytes.
 */
const PIN_TEST_VECTOR = {
  pin: '246810',
  verifier: {
    alg: 'PBKDF2-SHA256',
    iterations: 120_000,
    salt: 'AAECAwQFBgcICQoLDA0ODw==',
    hash: 'BeeT6VyqYlkKiO/khnWthC1HHIdUuzh74QMPxoPTYQY=',
  },
} as const

describe('PIN verifiers made on the server', () => {
  it('match the fixed test vector the tablet asserts too', () => {
    const salt = Uint8Array.from({ length: 16 }, (_, i) => i)
    expect(makePinVerifier(PIN_TEST_VECTOR.pin, { salt })).toEqual(PIN_TEST_VECTOR.verifier)
  })

  it('are checked by WebCrypto deriveBits exactly as a tablet does', async () => {
    const { verifier, pin } = PIN_TEST_VECTOR
    const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(pin), 'PBKDF2', false, ['deriveBits'])
    const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: Buffer.from(verifier.salt, 'base64'), iterations: verifier.iterations }, key, 256)
    expect(Buffer.from(bits).toString('base64')).toBe(verifier.hash)
  })

  it('use at least 100,000 iterations and a fresh 16-byte salt per staff member', () => {
    const a = makePinVerifier('135790')
    const b = makePinVerifier('135790')
    expect(a.iterations).toBe(PIN_VERIFIER_ITERATIONS)
    expect(a.iterations).toBeGreaterThanOrEqual(100_000)
    expect(Buffer.from(a.salt, 'base64')).toHaveLength(16)
    expect(Buffer.from(a.hash, 'base64')).toHaveLength(32)
    expect(a.salt).not.toBe(b.salt)
    expect(a.hash).not.toBe(b.hash)
  })

  it('accept the right PIN only', () => {
    const v = makePinVerifier('135790')
    expect(verifyPin('135790', v)).toBe(true)
    expect(verifyPin('135791', v)).toBe(false)
    expect(verifyPin('246810', PIN_TEST_VECTOR.verifier)).toBe(true)
  })

  it('refuse weak settings and malformed PINs', () => {
    expect(() => makePinVerifier('1234', { iterations: 1000 })).toThrow()
    expect(() => makePinVerifier('12a4')).toThrow()
    expect(isValidPin('123')).toBe(false)
    expect(isValidPin('2468')).toBe(true)
  })
})
