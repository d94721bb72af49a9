/**
 * What a blob really is (issue 10 item 4): only photos and signatures are attachments, so only JPEG, PNG and
 * WebP are accepted, recognised from their first bytes (the declared Content-Type is not trusted), and served
 * with that type only.
 */
export type BlobImageType = 'image/jpeg' | 'image/png' | 'image/webp'

const PNG_SIGNATURE = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

function startsWith(bytes: Uint8Array, prefix: readonly number[], offset = 0): boolean {
  return bytes.byteLength >= offset + prefix.length && prefix.every((b, i) => bytes[offset + i] === b)
}

function ascii(text: string): number[] {
  return [...text].map(ch => ch.charCodeAt(0))
}

/** The image type the bytes' magic number says, or null for anything else. */
export function detectImageType(bytes: Uint8Array): BlobImageType | null {
  if (startsWith(bytes, [0xFF, 0xD8, 0xFF]))
    return 'image/jpeg'
  if (startsWith(bytes, PNG_SIGNATURE))
    return 'image/png'
  // RIFF <size> WEBP, then a VP8 / VP8L / VP8X chunk.
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8) && startsWith(bytes, ascii('VP8'), 12))
    return 'image/webp'
  return null
}
