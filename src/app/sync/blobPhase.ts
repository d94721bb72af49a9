import type { SyncRun } from './syncRun'
import { BlobHashMismatchError } from './client'

/**
 * Uploads pending blobs first, content-addressed, so no pushed event names a blob the server lacks.
 * Returns the blobs the server refused for their hash; events naming them are held back from the push.
 */
export async function uploadBlobs({ client, store, signal, step, update }: SyncRun): Promise<Set<string>> {
  const failedBlobs = new Set<string>()
  const blobs = await step(store.pendingBlobs())
  update({ progress: { phase: 'blobs', done: 0, total: blobs.length } })
  for (const [i, blob] of blobs.entries()) {
    try {
      await step(client.putBlob(blob.sha256, blob.data, signal))
      await step(store.markBlobUploaded(blob.sha256))
    }
    catch (error) {
      if (!(error instanceof BlobHashMismatchError))
        throw error
      failedBlobs.add(blob.sha256)
    }
    update({ progress: { phase: 'blobs', done: i + 1, total: blobs.length } })
  }
  return failedBlobs
}
