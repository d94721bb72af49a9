/** Attachments as stored (from v8 their bytes encrypted: crypto/openedRepos.ts opens them for the app). */
import type { StoredBlobRow } from '../rows'
import { sha256Hex } from '../blobHash'
import { database } from '../db'
import { TABLES } from '../schema'
import { guarded } from '../errors'

/** Attachments, content-addressed by SHA-256. */
export const blobsRepo = {
  /** Store a Blob (if not there yet) and return its SHA-256 hex. */
  async put(blob: Blob): Promise<string> {
    const sha256 = await sha256Hex(blob)
    const db = database()
    await guarded(() => db.transaction('rw', [TABLES.blobs], async () => {
      if (!await db.blobs.get(sha256))
        await db.blobs.add({ sha256, blob, type: blob.type, size: blob.size, createdAt: new Date().toISOString(), uploaded: 0 })
    }))
    return sha256
  },
  /** The stored row (from v8 its bytes encrypted: index.ts hands out blobsRepo opened). */
  async get(sha256: string): Promise<StoredBlobRow | undefined> {
    return database().blobs.get(sha256)
  },
  /** Attachments the server does not hold yet, oldest first. */
  async pendingUploads(limit = Infinity): Promise<StoredBlobRow[]> {
    const rows = await database().blobs.where('uploaded').equals(0).sortBy('createdAt')
    return rows.slice(0, limit)
  },
  async markUploaded(sha256: string): Promise<void> {
    await database().blobs.update(sha256, { uploaded: 1 })
  },
}
