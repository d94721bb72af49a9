/**
 * Plaintext from before encryption at rest (Dexie v8): the upgrade sets `meta.legacySealPending` (and marks
 * projections for rebuild, which re-creates every projection and ledger row from the sealed events). At the first
 * sign-in after it, the maintenance store runs sealLegacyData in the background: events are sealed and
 * attachments encrypted in chunks, each sealed before its transaction, written only if the row is still the
 * plaintext one read (a pull or a purge meanwhile wins), with progress.
 */
import type { EventRow } from '../rows'
import { eventContentKey } from '../../../domain/events'
import { isPurged, personalValues } from '../../../domain/personalFields'
import { database } from '../db'
import { TABLES } from '../schema'
import { guarded } from '../errors'
import { metaRepo } from '../meta'
import { encryptedBlobRow } from './blobCodec'
import { sealEvents } from './fieldCodec'
import { isHandle } from './handles'

export interface SealProgress {
  done: number
  total: number
}

export async function legacySealPending(): Promise<boolean> {
  return (await metaRepo.get('legacySealPending')) !== undefined
}

function plainPersonal(row: EventRow | undefined): row is EventRow {
  return row !== undefined && !row.sealed && personalValues(row.type, row.payload).some(v => !isHandle(v) && !isPurged(v))
}

/** Seal every plaintext event and encrypt every plaintext attachment; clears the pending mark when done. */
export async function sealLegacyData(onProgress?: (p: SealProgress) => void, options: { chunkSize?: number, pause?: () => Promise<void> } = {}): Promise<SealProgress> {
  const db = database()
  const chunkSize = Math.max(1, options.chunkSize ?? 200)
  const pause = options.pause ?? (() => new Promise<void>(resolve => setTimeout(resolve, 0)))
  return guarded(async () => {
    const ids = await db.events.toCollection().primaryKeys() as string[]
    const shas = await db.blobs.toCollection().primaryKeys() as string[]
    const progress = { done: 0, total: ids.length + shas.length }
    onProgress?.({ ...progress })
    for (let i = 0; i < ids.length; i += chunkSize) {
      const chunk = ids.slice(i, i + chunkSize)
      const plain = (await db.events.bulkGet(chunk)).filter(plainPersonal)
      if (plain.length > 0) {
        const sealed = await sealEvents(plain)
        await db.transaction('rw', [TABLES.events], async () => {
          const now = await db.events.bulkGet(sealed.map(e => e.id))
          await db.events.bulkPut(sealed.filter((_, j) => {
            const current = now[j]
            const before = plain[j]
            return current && before && !current.sealed && eventContentKey(current) === eventContentKey(before)
          }))
        })
      }
      progress.done += chunk.length
      onProgress?.({ ...progress })
      await pause()
    }
    for (const sha of shas) {
      const row = await db.blobs.get(sha)
      if (row && row.enc !== 1) {
        const encrypted = await encryptedBlobRow(row)
        await db.transaction('rw', [TABLES.blobs], async () => {
          const current = await db.blobs.get(sha)
          if (current && current.enc !== 1)
            await db.blobs.put({ ...encrypted, uploaded: current.uploaded })
        })
      }
      progress.done++
      onProgress?.({ ...progress })
    }
    await metaRepo.remove('legacySealPending')
    return progress
  })
}
