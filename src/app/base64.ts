/**
 * Standard base64 in the browser (atob/btoa), for bytes the app stores or carries as text: export files'
 * attachments (sync/transfer.ts) and the ciphertexts of encryption at rest (data/crypto). The domain has its own
 * plain-TypeScript version for the PIN verifier, which also runs where atob is absent (src/domain/auth/base64.ts).
 */
export function toBase64(bytes: Uint8Array): string {
  let binary = ''
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(binary)
}

/** Throws (atob's DOMException) on text that is not base64. */
export function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text)
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++)
    bytes[i] = binary.charCodeAt(i)
  return bytes
}
