/**
 * Attachments at rest (issue 11 item 1): signatures and photos of documents are stored as
 * IV ‖ AES-GCM(fieldKey, bytes, additional data = their SHA-256), flagged `enc: 1`. Rows keep the SHA-256 of the
 * plain bytes (their content address on the server), the MIME type and the plain size. Encrypted before the
 * transaction that stores them, decrypted after reading, like fields (fieldCodec.ts).
 */
import type { BlobRow, StoredBlobRow } from '../rows'
import { open, seal } from './bytes'
import { dataKeys } from './keyring'

/** The stored form of an attachment's bytes: IV ‖ ciphertext. */
export async function encryptBlob(blob: Blob, sha256: string): Promise<Uint8Array<ArrayBuffer>> {
  const { iv, cipher } = await seal(dataKeys().fieldKey, new Uint8Array(await blob.arrayBuffer()), sha256)
  const out = new Uint8Array(iv.length + cipher.length)
  out.set(iv)
  out.set(cipher, iv.length)
  return out
}

/** A stored row as it was given: the plain bytes under their MIME type. Rows from before v8 are returned as they are. */
export async function decryptBlobRow(row: StoredBlobRow): Promise<BlobRow> {
  if (row.enc !== 1 || row.blob instanceof Uint8Array === false) {
    const { enc: _enc, ...plain } = row
    return plain as BlobRow
  }
  const bytes = row.blob
  const plain = await open(dataKeys().fieldKey, bytes.slice(0, 12), bytes.slice(12), row.sha256)
  const { enc: _enc, ...rest } = row
  return { ...rest, blob: new Blob([plain], { type: row.type }) }
}

/** The row to store for an attachment whose hash was checked. */
export async function encryptedBlobRow(row: StoredBlobRow): Promise<StoredBlobRow> {
  if (row.enc === 1 || row.blob instanceof Uint8Array)
    return row
  return { ...row, blob: await encryptBlob(row.blob, row.sha256), enc: 1 }
}
