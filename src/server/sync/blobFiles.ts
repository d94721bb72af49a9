/**
 * Blob bytes as files next to the data (issue 10 item 3), for PGlite on disk: `<DATA_DIR>/blobs/ab/abcd…`
 * by SHA-256, so a 5 MiB photo never goes through the single-threaded database (it held every tablet up
 * for seconds). The `blobs` row keeps only the metadata (bytes null). Written atomically: a temp file in the
 * same folder, fsync, rename, fsync of the folder; a crash leaves either the whole file or none (and at
 * worst an orphan file without a row, which the next upload of the same bytes reuses).
 */
import { randomUUID } from 'node:crypto'
import { mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises'
import { dirname, join } from 'node:path'

/** Where the bytes of `sha256` live under `dir`. */
export function blobFilePath(dir: string, sha256: string): string {
  return join(dir, sha256.slice(0, 2), sha256)
}

/** Stores the bytes (already checked to hash to `sha256`) unless the file is there already. */
export async function writeBlobFile(dir: string, sha256: string, bytes: Uint8Array): Promise<void> {
  const target = blobFilePath(dir, sha256)
  const existing = await stat(target).catch(() => null)
  if (existing?.size === bytes.byteLength)
    return
  await mkdir(dirname(target), { recursive: true })
  const tmp = `${target}.tmp-${process.pid}-${randomUUID().slice(0, 8)}`
  try {
    const file = await open(tmp, 'wx')
    try {
      await file.writeFile(bytes)
      await file.sync()
    }
    finally {
      await file.close()
    }
    await rename(tmp, target)
  }
  catch (error) {
    await rm(tmp, { force: true })
    throw error
  }
  await syncFolder(dirname(target))
}

/** The bytes, or null when there is no such file. */
export async function readBlobFile(dir: string, sha256: string): Promise<Uint8Array | null> {
  try {
    return new Uint8Array(await readFile(blobFilePath(dir, sha256)))
  }
  catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      return null
    throw error
  }
}

/** Makes the rename durable (the folder entry); a no-op where folders cannot be opened (Windows). */
async function syncFolder(path: string): Promise<void> {
  let folder
  try {
    folder = await open(path, 'r')
  }
  catch {
    return
  }
  try {
    await folder.sync()
  }
  catch {
    // EISDIR/EPERM on some platforms: nothing more to do.
  }
  finally {
    await folder.close()
  }
}
