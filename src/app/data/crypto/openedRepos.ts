/**
 * The repositories as the app sees them (index.ts): every row they return is opened (fieldCodec.ts unsealRow /
 * unsealEvent, blobCodec.ts decryptBlobRow) after it was read, so stores, views, ledgers, prints and the sync
 * engine get plain values, and nothing waits on WebCrypto inside a transaction. Reading while locked throws
 * DataLockedError (keyring.ts) for any row that holds sealed values.
 */
import type { BlobRow, StoredBlobRow } from '../rows'
import { sha256Hex } from '../blobHash'
import { database } from '../db'
import { TABLES } from '../schema'
import { guarded } from '../errors'
import { blobsRepo as storedBlobs } from '../repos/blobs'
import { eventsRepo as storedEvents } from '../repos/events'
import { outboxRepo as storedOutbox } from '../repos/outbox'
import { decryptBlobRow, encryptBlob } from './blobCodec'
import { unsealEvent, unsealRow } from './fieldCodec'

type AnyFn = (...args: never[]) => unknown

async function openItem(value: unknown): Promise<unknown> {
  if (value === null || typeof value !== 'object')
    return value
  const v = value as Record<string, unknown>
  if (Array.isArray(v.sealed))
    return unsealRow(v)
  if (v.sealed && typeof v.sealed === 'object')
    return unsealEvent(v as never)
  if (v.event && typeof v.event === 'object')
    return { ...v, event: await openItem(v.event) }
  return value
}

/** Open whatever a repository method returned: a row, an array of rows, a page `{ rows }`, a Map of row arrays. */
export async function openResult(value: unknown): Promise<unknown> {
  if (Array.isArray(value))
    return Promise.all(value.map(openItem))
  if (value instanceof Map) {
    const out = new Map()
    for (const [k, v] of value)
      out.set(k, await openResult(v))
    return out
  }
  if (value && typeof value === 'object' && Array.isArray((value as { rows?: unknown }).rows)) {
    const page = value as { rows: unknown[] }
    return { ...page, rows: await Promise.all(page.rows.map(openItem)) }
  }
  return openItem(value)
}

/** The same repository, each method's result opened. */
export function opened<R extends Record<string, unknown>>(repo: R): R {
  const out: Record<string, unknown> = {}
  for (const [name, member] of Object.entries(repo)) {
    out[name] = typeof member === 'function'
      ? async (...args: never[]) => openResult(await (member as AnyFn)(...args))
      : member
  }
  return out as R
}

/** Blob rows opened on read, encrypted before the transaction that stores one. */
interface StoredBlobs {
  get: (sha: string) => Promise<StoredBlobRow | undefined>
  pendingUploads: (limit?: number) => Promise<StoredBlobRow[]>
  markUploaded: (sha: string) => Promise<void>
}

export function openedBlobs(repo: StoredBlobs): { put: (blob: Blob) => Promise<string>, get: (sha: string) => Promise<BlobRow | undefined>, pendingUploads: (limit?: number) => Promise<BlobRow[]>, markUploaded: (sha: string) => Promise<void> } {
  return {
    ...repo,
    async put(blob: Blob): Promise<string> {
      const sha256 = await sha256Hex(blob)
      const stored = await encryptBlob(blob, sha256)
      const db = database()
      await guarded(() => db.transaction('rw', [TABLES.blobs], async () => {
        if (!await db.blobs.get(sha256))
          await db.blobs.add({ sha256, blob: stored, type: blob.type, size: blob.size, createdAt: new Date().toISOString(), uploaded: 0, enc: 1 })
      }))
      return sha256
    },
    async get(sha256: string) {
      const row = await repo.get(sha256)
      return row ? decryptBlobRow(row) : undefined
    },
    async pendingUploads(limit?: number) {
      return Promise.all((await repo.pendingUploads(limit)).map(decryptBlobRow))
    },
  }
}

// The repositories as index.ts exports them (and syncPort.ts reads them): rows opened.

/** Stored events, as recorded. */
export const eventsRepo = opened(storedEvents)
/** Events waiting to be pushed, each with its event as recorded. */
export const outboxRepo = opened(storedOutbox)
/** Attachments, decrypted on read and encrypted before they are stored. */
export const blobsRepo = openedBlobs(storedBlobs)
