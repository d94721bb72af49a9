/** Byte helpers of the crypto modules: base64 for stored ciphertexts (the app's one pair), random bytes, AES-GCM with additional data. */
export { fromBase64, toBase64 } from '../../base64'

export function randomBytes(n: number): Uint8Array<ArrayBuffer> {
  return crypto.getRandomValues(new Uint8Array(n))
}

const encoder = new TextEncoder()
const decoder = new TextDecoder()

export const utf8 = (text: string): Uint8Array<ArrayBuffer> => encoder.encode(text)
export const fromUtf8 = (bytes: Uint8Array | ArrayBuffer): string => decoder.decode(bytes)

/** AES-GCM encryption with a fresh 96-bit IV; the IV comes back with the ciphertext. */
export async function seal(key: CryptoKey, plain: Uint8Array<ArrayBuffer>, ad: string): Promise<{ iv: Uint8Array<ArrayBuffer>, cipher: Uint8Array<ArrayBuffer> }> {
  const iv = randomBytes(12)
  const cipher = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: utf8(ad) }, key, plain))
  return { iv, cipher }
}

/** AES-GCM decryption; throws (OperationError) when the key, the IV, the additional data or the bytes are wrong. */
export async function open(key: CryptoKey, iv: Uint8Array<ArrayBuffer>, cipher: Uint8Array<ArrayBuffer>, ad: string): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-GCM', iv, additionalData: utf8(ad) }, key, cipher))
}
