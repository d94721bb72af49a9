/**
 * Handles: what a stored payload holds instead of a personal value (fieldCodec.ts). A private-use character and
 * 8 base32 letters, 9 characters: short enough for every personal field's schema (like the purge tombstone), so
 * folds read sealed events as they read plain ones, and copy handles into projections where values would go.
 */
export const HANDLE_MARK = '\uE000'
export const HANDLE_PATTERN = /\uE000[A-Z2-7]{8}/g
const ONE_HANDLE = /^\uE000[A-Z2-7]{8}$/

export function isHandle(value: unknown): value is string {
  return typeof value === 'string' && ONE_HANDLE.test(value)
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'

/** The handle of a MAC (its first 40 bits). */
export function handleOf(mac: Uint8Array): string {
  let out = HANDLE_MARK
  let bits = 0
  let acc = 0
  for (const byte of mac) {
    acc = (acc << 8) | byte
    bits += 8
    while (bits >= 5 && out.length < 9) {
      out += BASE32[(acc >> (bits - 5)) & 31]
      bits -= 5
    }
    if (out.length >= 9)
      break
  }
  return out
}
