/** Content addresses for attachments: SHA-256 of the bytes, lowercase hex (WebCrypto). */

/** The SHA-256 of a Blob's bytes, lowercase hex. */
export async function sha256Hex(blob: Blob): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await blob.arrayBuffer())
  return Array.from(new Uint8Array(digest), b => b.toString(16).padStart(2, '0')).join('')
}

/** A SHA-256 hex string as stored: 64 lowercase hex digits. */
export function isSha256Hex(value: string): boolean {
  return /^[0-9a-f]{64}$/.test(value)
}
