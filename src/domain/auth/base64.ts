/**
 * Standard base64 with padding (RFC 4648 §4), in plain TypeScript: the domain has neither `atob` nor
 * `Buffer`, and the PIN verifier's salt and hash travel as base64 between the server and tablets.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
const INDEX = new Map([...ALPHABET].map((ch, i) => [ch, i]))

export function bytesToBase64(bytes: Uint8Array): string {
  let out = ''
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i] ?? 0
    const b = bytes[i + 1] ?? 0
    const c = bytes[i + 2] ?? 0
    const n = (a << 16) | (b << 8) | c
    out += ALPHABET[(n >> 18) & 63]
    out += ALPHABET[(n >> 12) & 63]
    out += i + 1 < bytes.length ? ALPHABET[(n >> 6) & 63] : '='
    out += i + 2 < bytes.length ? ALPHABET[n & 63] : '='
  }
  return out
}

/** Bytes of a standard base64 text with padding; null when it is not one. */
export function base64ToBytes(text: string): Uint8Array<ArrayBuffer> | null {
  if (text.length % 4 !== 0 || !/^[A-Z0-9+/]*={0,2}$/i.test(text))
    return null
  const pad = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0
  const out = new Uint8Array((text.length / 4) * 3 - pad)
  let o = 0
  for (let i = 0; i < text.length; i += 4) {
    let n = 0
    for (let j = 0; j < 4; j++) {
      const ch = text[i + j] ?? '='
      n = (n << 6) | (ch === '=' ? 0 : INDEX.get(ch) ?? 0)
    }
    for (const shift of [16, 8, 0]) {
      if (o < out.length)
        out[o++] = (n >> shift) & 255
    }
  }
  return out
}

/** Compares every byte whatever the first difference, so timing does not tell how much matched. */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  let diff = a.length ^ b.length
  const n = Math.max(a.length, b.length)
  for (let i = 0; i < n; i++)
    diff |= (a[i] ?? 0) ^ (b[i] ?? 0)
  return diff === 0
}
