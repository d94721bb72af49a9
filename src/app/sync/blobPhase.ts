import type { SyncRun } from './syncRun'
import { BlobHashMismatchError, BlobQuotaExceededError, BlobTypeRefusedError } from './httpErrors'
import { MESSAGES } from './messages'

/**
 * Uploads pending blobs first, content-addressed, so no pushed event names a blob the server lacks.
 * Returns the blobs the server refused, each with the message staff see; events naming them are held back
 * from the push (they stay pending) while the rest of the outbox goes:
 * - 400 hash mismatch, 415 not a JPEG/PNG/WebP image: that blob will never be taken;
 * - 507 the station's quota on the server is full: this blob and every one after it wait for the next sync
 *   (no point sending more now), until the office raises the quota.
 */
export async function uploadBlobs({ client, port, signal, step, update }: SyncRun): Promise<Map<string, string>> {
  const failedBlobs = new Map<string, string>()
  const blobs = await step(port.pendingBlobs())
  update({ progress: { phase: 'blobs', done: 0, total: blobs.length } })
  for (const [i, blob] of blobs.entries()) {
    try {
      await step(client.putBlob(blob.sha256, blob.data, signal))
      await step(port.markBlobUploaded(blob.sha256))
    }
    catch (error) {
      if (error instanceof BlobQuotaExceededError) {
        for (const rest of blobs.slice(i))
          failedBlobs.set(rest.sha256, MESSAGES.blobQuota)
        break
      }
      if (error instanceof BlobTypeRefusedError)
        failedBlobs.set(blob.sha256, MESSAGES.blobType(blob.sha256))
      else if (error instanceof BlobHashMismatchError)
        failedBlobs.set(blob.sha256, MESSAGES.blobHash(blob.sha256))
      else throw error
    }
    update({ progress: { phase: 'blobs', done: i + 1, total: blobs.length } })
  }
  update({ progress: { phase: 'blobs', done: blobs.length, total: blobs.length } })
  return failedBlobs
}
