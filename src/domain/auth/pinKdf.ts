/**
 * The memory-hard derivation from a staff PIN (issue 11 item 2), shared by the server (which makes the
 * verifier tablets pull) and the tablet (which checks a PIN offline and unwraps the data key with it).
 * argon2id through hash-wasm runs the same WebAssembly in Node and in the browser, so both sides derive
 * the same bytes. 64 MiB × 3 passes cost ≈ 0.3 s per guess on the 2-core reference machine when idle
 * (≥ 250 ms and ≥ 32 MB, as the issue asks); `npm run bench` measures it under load.
 */

export const PIN_KDF_ALG = 'argon2id'

export interface PinKdfParams {
  /** KiB of memory per guess. */
  memoryKiB: number
  /** Passes over that memory. */
  iterations: number
  parallelism: number
}

export const PIN_KDF_PARAMS: PinKdfParams = { memoryKiB: 65_536, iterations: 3, parallelism: 1 }
/** Below these a pulled verifier is refused rather than trusted (a downgrade would make guessing cheap). */
export const MIN_PIN_KDF_PARAMS: PinKdfParams = { memoryKiB: 32_768, iterations: 2, parallelism: 1 }
/** Above these a tablet would run out of memory or hang: refuse rather than freeze the counter. */
export const MAX_PIN_KDF_PARAMS: PinKdfParams = { memoryKiB: 262_144, iterations: 10, parallelism: 4 }

export function pinKdfParamsInRange(params: PinKdfParams): boolean {
  const within = (key: keyof PinKdfParams) => Number.isInteger(params[key])
    && params[key] >= MIN_PIN_KDF_PARAMS[key] && params[key] <= MAX_PIN_KDF_PARAMS[key]
  return within('memoryKiB') && within('iterations') && within('parallelism')
}

/**
 * argon2id(utf8(pin), salt) → `length` bytes. Distinct `salt`s give independent outputs, so the same PIN can
 * yield a verifier (one salt) and a key-wrapping key (another salt) without one revealing the other.
 */
export async function derivePinBytes(pin: string, salt: Uint8Array, params: PinKdfParams = PIN_KDF_PARAMS, length = 32): Promise<Uint8Array> {
  if (!pinKdfParamsInRange(params))
    throw new RangeError('PIN KDF parameters out of range')
  // Loaded on the first derivation: a tablet's first screen (which only checks a verifier's shape) does not
  // carry argon2id's WebAssembly.
  const { argon2id } = await import('hash-wasm')
  return argon2id({
    password: pin,
    salt,
    parallelism: params.parallelism,
    iterations: params.iterations,
    memorySize: params.memoryKiB,
    hashLength: length,
    outputType: 'binary',
  })
}
