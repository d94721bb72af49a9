import { describe, expect, it } from 'vitest'
import { MIN_PIN_KDF_PARAMS, PIN_KDF_PARAMS } from '../../../src/domain/auth/pinKdf'
import { isPinVerifier, verifyPin } from '../../../src/domain/auth/pinVerifier'
import { makePinVerifier } from '../../../src/server/auth/pinVerifier'
import { PIN_TEST_VECTOR } from '../../domain/support/pinVectors'

describe('PIN verifiers made on the server (argon2id, the domain derivation)', () => {
  it('match the fixed test vector the tablet checks too', async () => {
    const salt = Uint8Array.from({ length: 16 }, (_, i) => i)
    expect(await makePinVerifier(PIN_TEST_VECTOR.pin, { salt, params: MIN_PIN_KDF_PARAMS })).toEqual(PIN_TEST_VECTOR.verifier)
  })

  it('use the production params and a fresh 16-byte salt per staff member, and accept the right PIN only', async () => {
    const a = await makePinVerifier('135790')
    const b = await makePinVerifier('135790', { params: MIN_PIN_KDF_PARAMS })
    expect(a.alg).toBe('argon2id')
    expect(a.params).toEqual(PIN_KDF_PARAMS)
    expect(a.params.memoryKiB).toBeGreaterThanOrEqual(32 * 1024)
    expect(Buffer.from(a.salt, 'base64')).toHaveLength(16)
    expect(Buffer.from(a.hash, 'base64')).toHaveLength(32)
    expect(a.salt).not.toBe(b.salt)
    expect(isPinVerifier(a)).toBe(true)
    expect(await verifyPin('135790', b)).toBe(true)
    expect(await verifyPin('135791', b)).toBe(false)
  })

  it('refuse PINs the policy refuses and params out of range, before deriving anything', async () => {
    await expect(makePinVerifier('2468')).rejects.toThrow()
    await expect(makePinVerifier('123456')).rejects.toThrow()
    await expect(makePinVerifier('121212')).rejects.toThrow()
    await expect(makePinVerifier('12a456')).rejects.toThrow()
    await expect(makePinVerifier('135790', { params: { memoryKiB: 1024, iterations: 1, parallelism: 1 } })).rejects.toThrow(RangeError)
  })
})
