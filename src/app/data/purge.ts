/**
 * Retention on the tablet (DOMAIN.md personal information; issue 11 item 4): once a record is synced and its
 * last activity is older than the retention setting (default 90 days), its personal values are purged here —
 * every personal field listed in src/domain/personalFields.ts becomes the tombstone PURGED_VALUE in its stored
 * events, the stream is refolded (so projections, search tokens, ledgers and metrics still count the fact) and
 * the personal blobs it references (signatures, document photos) are deleted once the server holds them.
 *
 * Never touches unsynced work: a stream with any event still in the outbox, or any event the server rejected,
 * is skipped (checked again inside each chunk's transaction, so an event recorded meanwhile keeps it).
 * Runs in chunks, one transaction each, yielding between them, with progress (n of m streams).
 */
import type { EventRow } from './rows'
import type { ProjectionKind } from './schema'
import { streamKind } from '../../domain/events'
import { holdsPersonalValues, personalBlobRefs, purgePayload, retentionCutoff } from '../../domain/personalFields'
import { database } from './db'
import { TABLES } from './schema'
import { guarded } from './errors'
import { metaRepo } from './meta'
import { PROJECTION_TABLE_NAMES, refoldStreams, yieldToUi } from './projections'
import { prepareSearchTokens } from './searchTokens'
import { workCalendar } from './workCalendar'

export interface PurgeProgress {
  /** Candidate streams looked at so far, of `total`. */
  done: number
  total: number
  /** Streams whose personal values were purged in this run. */
  purged: number
  /** Candidate streams left as they are because something of theirs is unsynced. */
  skippedUnsynced: number
}

export interface PurgeOptions {
  /** Retention in days (the office's setting, personalRetentionDaysTablet). */
  retentionDays: number
  /** Default: now. */
  now?: Date
  /** Streams per transaction (default 100). */
  chunkSize?: number
  onProgress?: (progress: PurgeProgress) => void
  pause?: () => Promise<void>
}

const PURGED_KINDS: ProjectionKind[] = ['case', 'consultation']

/** Streams whose last activity is before the cutoff: cases and consultations by their indexed lastAt, ratings by their events. */
async function candidateStreams(cutoffMs: number): Promise<string[]> {
  const db = database()
  const streams: string[] = []
  for (const kind of PURGED_KINDS)
    streams.push(...(await db.projection(kind).where('lastAt').below(cutoffMs).primaryKeys()) as string[])
  const ratings = await db.events.where('type').equals('rating.given').toArray()
  const lastByRating = new Map<string, number>()
  for (const e of ratings)
    lastByRating.set(e.stream, Math.max(lastByRating.get(e.stream) ?? 0, Date.parse(e.occurredAt)))
  for (const [stream, last] of lastByRating) {
    if (last < cutoffMs)
      streams.push(stream)
  }
  return streams.sort()
}

/** The streams among `streams` with an event in the outbox or rejected by the server. */
async function unsyncedStreams(streams: readonly string[]): Promise<Set<string>> {
  const db = database()
  const wanted = new Set(streams)
  const out = new Set<string>()
  await db.outbox.each((row) => {
    if (wanted.has(row.stream))
      out.add(row.stream)
  })
  for (const row of await db.rejected.where('stream').anyOf([...wanted]).toArray())
    out.add(row.stream)
  return out
}

/** Purge one chunk inside a transaction; the number of streams purged and skipped. */
async function purgeChunk(chunk: readonly string[]): Promise<{ purged: number, skipped: number }> {
  const db = database()
  const unsynced = await unsyncedStreams(chunk)
  const eligible = chunk.filter(s => !unsynced.has(s))
  if (eligible.length === 0)
    return { purged: 0, skipped: unsynced.size }
  const events = await db.events.where('stream').anyOf(eligible).toArray()
  const changed: EventRow[] = []
  const blobs = new Set<string>()
  const touched = new Set<string>()
  for (const e of events) {
    for (const sha of personalBlobRefs(e.type, e.payload))
      blobs.add(sha)
    if (holdsPersonalValues(e.type, e.payload)) {
      // Every sealed value is a personal one, all tombstoned now: the box of their ciphertexts goes too.
      const { sealed: _sealed, ...rest } = e
      changed.push({ ...rest, payload: purgePayload(e.type, e.payload) })
      touched.add(e.stream)
    }
  }
  await db.events.bulkPut(changed)
  const held = (await db.blobs.bulkGet([...blobs])).flatMap(b => (b?.uploaded === 1 ? [b.sha256] : []))
  await db.blobs.bulkDelete(held)
  const refold = [...touched].filter(s => PURGED_KINDS.includes(streamKind(s) as ProjectionKind))
  if (refold.length > 0)
    await refoldStreams(db, refold, workCalendar())
  return { purged: touched.size, skipped: unsynced.size }
}

/**
 * Purge the personal values of every synced record whose last activity is older than `retentionDays`.
 * Resolves with the final progress; `personalPurgedAt` in meta says when it last finished.
 */
export async function purgeExpiredPersonalData(options: PurgeOptions): Promise<PurgeProgress> {
  const db = database()
  const chunkSize = Math.max(1, options.chunkSize ?? 100)
  const pause = options.pause ?? yieldToUi
  const cutoff = retentionCutoff(options.now ?? new Date(), options.retentionDays).getTime()
  await prepareSearchTokens(db)
  return guarded(async () => {
    const streams = await candidateStreams(cutoff)
    const progress: PurgeProgress = { done: 0, total: streams.length, purged: 0, skippedUnsynced: 0 }
    options.onProgress?.({ ...progress })
    for (let i = 0; i < streams.length; i += chunkSize) {
      const chunk = streams.slice(i, i + chunkSize)
      const result = await db.transaction('rw', [TABLES.events, TABLES.outbox, TABLES.rejected, TABLES.blobs, TABLES.meta, ...PROJECTION_TABLE_NAMES], () => purgeChunk(chunk))
      progress.done += chunk.length
      progress.purged += result.purged
      progress.skippedUnsynced += result.skipped
      options.onProgress?.({ ...progress })
      await pause()
    }
    await metaRepo.set('personalPurgedAt', new Date().toISOString())
    return progress
  })
}
