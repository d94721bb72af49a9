/**
 * The PIN verifier's cost per guess (issue 11 item 2): what an attacker who copied a tablet's reference data
 * pays for each PIN tried against a pulled verifier. Ours is the argon2id derivation tablets and the server
 * use (src/domain/auth/pinKdf.ts, production params, hash-wasm's WebAssembly in this Chromium); the baseline
 * is the PBKDF2-SHA256 × 120,000 verifier it replaced (WebCrypto, native code), in the same run. From each
 * median the notes derive the time for a full search of the 6-digit PINs the policy allows (10^6 minus the
 * trivial ones it refuses) on one core; on average half of that finds a PIN. An attacker's native argon2 may be
 * faster than WebAssembly, and more cores divide the time: the notes are per core, for this machine.
 */
import type { BenchCase } from './harness'
import { countTrivialPins } from '../../src/domain/auth/pinPolicy'
import { derivePinBytes, PIN_KDF_PARAMS } from '../../src/domain/auth/pinKdf'

const LEGACY_ITERATIONS = 120_000
const WARMUP = 2

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid] ?? 0 : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2
}

function duration(seconds: number): string {
  if (seconds >= 86_400)
    return `${(seconds / 86_400).toFixed(1)} days`
  return `${(seconds / 3600).toFixed(1)} h`
}

/** The i-th candidate PIN of a search: distinct per run, so nothing is a cached repeat. */
function candidate(i: number): string {
  return String(100_000 + i * 7919).padStart(6, '0').slice(-6)
}

export const pinKdfCase: BenchCase = {
  id: 'pin-kdf',
  title: 'one PIN guess against a pulled verifier',
  ours: `argon2id ${PIN_KDF_PARAMS.memoryKiB / 1024} MiB × ${PIN_KDF_PARAMS.iterations} passes (hash-wasm), 32 bytes`,
  baseline: `PBKDF2-SHA256 × ${LEGACY_ITERATIONS.toLocaleString('en')} (WebCrypto), 32 bytes: the verifier before argon2id`,
  runs: 10,
  warmup: WARMUP,
  targets: {},
  async setup() {
    const salt = crypto.getRandomValues(new Uint8Array(16))
    const oursMs: number[] = []
    const baselineMs: number[] = []
    const notes: string[] = []
    const searchSpace = 10 ** 6 - countTrivialPins(6)
    return {
      notes,
      ours: {
        run: async (i) => {
          const start = performance.now()
          await derivePinBytes(candidate(i), salt, PIN_KDF_PARAMS)
          oursMs.push(performance.now() - start)
        },
      },
      baseline: {
        run: async (i) => {
          const start = performance.now()
          const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(candidate(i)), 'PBKDF2', false, ['deriveBits'])
          await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations: LEGACY_ITERATIONS }, key, 256)
          baselineMs.push(performance.now() - start)
        },
      },
      // After the runs (warm-up ones left out): the search each median implies.
      async teardown() {
        const argon = median(oursMs.slice(WARMUP)) / 1000
        const pbkdf2 = median(baselineMs.slice(WARMUP)) / 1000
        notes.push(
          `${searchSpace.toLocaleString('en')} allowed 6-digit PINs`,
          `full search on one core: argon2id ${duration(argon * searchSpace)}, PBKDF2 ${duration(pbkdf2 * searchSpace)}`,
        )
      },
    }
  },
}
