/**
 * The shared PIN verifier vectors: the server makes and the tablet checks the same bytes.
 * argon2id: PIN '246810' (UTF-8), salt = bytes 0x00..0x0f, the lightest params tablets accept
 * (MIN_PIN_KDF_PARAMS, 32 MiB × 2, passed explicitly so tests stay fast; production is 64 MiB × 3), 32 bytes.
 * Legacy: the PBKDF2-SHA256 verifier of the same PIN and salt, 120,000 iterations, as the server made them
 * before argon2id; tablets still accept it until the office resets that PIN.
 */
export const PIN_TEST_VECTOR = {
  pin: '246810',
  verifier: {
    alg: 'argon2id',
    params: { memoryKiB: 32_768, iterations: 2, parallelism: 1 },
    salt: 'AAECAwQFBgcICQoLDA0ODw==',
    hash: '3TRwPn0wEBNAuaqGNWuiQQU4WkNgwSsAwiXNomg/zME=',
  },
} as const

export const LEGACY_PIN_TEST_VECTOR = {
  pin: '246810',
  verifier: {
    alg: 'PBKDF2-SHA256',
    iterations: 120_000,
    salt: 'AAECAwQFBgcICQoLDA0ODw==',
    hash: 'BeeT6VyqYlkKiO/khnWthC1HHIdUuzh74QMPxoPTYQY=',
  },
} as const
