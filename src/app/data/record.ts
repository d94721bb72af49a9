/**
 * Writing events. Recording at the counter and applying a pulled page are each ONE read-write
 * transaction: the event(s), their projections, and the outbox entries (recording) or the cursor (pulling)
 * are saved together or not at all.
 */
import type { DomainEvent } from '../../domain/events'
import type { BianminDb } from './db'
import type { BlobRow, EventRow, OutboxRow, ReferenceRow, StoredBlobRow } from './rows'
import type { ReferenceTableName } from './schema'
import type { FieldError } from './errors'
import { validateDomainEvent } from '../../domain/eventTypes'
import { domainEventSchema, eventContentKey } from '../../domain/events'
import { sha256Hex } from './blobHash'
import { database } from './db'
import { TABLES } from './schema'
import { BlobHashMismatchError, EventIdReuseError, EventValidationError, guarded } from './errors'
import { metaRepo } from './meta'
import { calendarYearsOf, refoldForCalendar } from './calendarYears'
import { PROJECTION_TABLE_NAMES, refoldStreams } from './projections'
import { applyReferenceRows, isReferenceTable } from './reference'
import { prepareSearchTokens } from './searchTokens'
import { calendarWith, publishCalendarYears, workCalendar } from './workCalendar'
import { encryptedBlobRow } from './crypto/blobCodec'
import { sealEvents } from './crypto/fieldCodec'

/** An attachment to store with the events that reference it. */
export interface BlobInput {
  /** SHA-256 of the bytes, lowercase hex; checked before anything is written. */
  sha256: string
  blob: Blob
}

export interface RecordOptions {
  /** Attachments saved in the same transaction (signatures, photos of materials). */
  blobs?: BlobInput[]
}

/** Validate with the domain's schemas; throws EventValidationError with every field error. Paths are prefixed with `[i]` when several events are given. */
export function validateAll(inputs: readonly unknown[]): DomainEvent[] {
  const events: DomainEvent[] = []
  const errors: FieldError[] = []
  inputs.forEach((input, i) => {
    const result = validateDomainEvent(input)
    if (result.ok)
      events.push(result.event)
    else
      errors.push(...result.errors.map(e => ({ path: inputs.length > 1 ? `[${i}]${e.path ? `.${e.path}` : ''}` : e.path, message: e.message })))
  })
  if (errors.length > 0)
    throw new EventValidationError(errors)
  return uniqueById(events)
}

/** The first event of each id (a page or a batch may carry one twice). */
function uniqueById(events: readonly DomainEvent[]): DomainEvent[] {
  const byId = new Map<string, DomainEvent>()
  for (const e of events) {
    if (!byId.has(e.id))
      byId.set(e.id, e)
  }
  return [...byId.values()]
}

/** The row of an attachment whose bytes hash to `sha256` (lowercase hex). */
export function blobRow(sha256: string, blob: Blob, createdAt: string): BlobRow {
  return { sha256, blob, type: blob.type, size: blob.size, createdAt, uploaded: 0 }
}

/** Hash every attachment before the transaction (WebCrypto is async and would end an IndexedDB transaction). */
async function checkBlobs(blobs: readonly BlobInput[]): Promise<StoredBlobRow[]> {
  const createdAt = new Date().toISOString()
  return Promise.all(blobs.map(async ({ sha256, blob }) => {
    const actual = await sha256Hex(blob)
    if (actual !== sha256.toLowerCase())
      throw new BlobHashMismatchError(sha256, actual)
    // Encrypted at rest (crypto/blobCodec.ts), here: before the transaction.
    return encryptedBlobRow(blobRow(actual, blob, createdAt))
  }))
}

/**
 * Inside a read-write transaction on RECORD_TABLES (the search key prepared before it): store the events
 * not stored yet, their attachments, their outbox rows, and refold their streams. An id already stored
 * with other content throws EventIdReuseError (the transaction is aborted). Events come sealed and
 * attachments encrypted (crypto/fieldCodec.ts sealEvents, crypto/blobCodec.ts encryptedBlobRow: both await
 * WebCrypto, so before the transaction).
 */
export async function writeRecorded(db: BianminDb, events: readonly EventRow[], blobs: readonly StoredBlobRow[]): Promise<void> {
  const existing = await db.events.bulkGet(events.map(e => e.id))
  const fresh = events.filter((e, i) => {
    const before = existing[i]
    if (before && eventContentKey(before) !== eventContentKey(e))
      throw new EventIdReuseError(e.id)
    return !before
  })
  const queuedAt = new Date().toISOString()
  const outbox: OutboxRow[] = fresh.map(e => ({ eventId: e.id, stream: e.stream, staffId: e.staffId, queuedAt, attempts: 0, lastError: null, lastAttemptAt: null }))
  // An attachment already stored keeps its row (and its uploaded flag). Most saves carry none: no requests then.
  if (blobs.length > 0) {
    const known = await db.blobs.bulkGet(blobs.map(b => b.sha256))
    await db.blobs.bulkAdd(blobs.filter((_, i) => !known[i]))
  }
  await db.events.bulkAdd(fresh)
  // The outbox rows and the refold do not depend on each other: one wait for both.
  await Promise.all([db.outbox.bulkAdd(outbox), refoldStreams(db, fresh.map(e => e.stream), workCalendar())])
}

/** The tables a recording writes. */
export const RECORD_TABLES = [TABLES.events, TABLES.outbox, TABLES.blobs, ...PROJECTION_TABLE_NAMES]

/**
 * Record one event made at this counter: validate it, then in one strict read-write transaction store it,
 * refold its stream's projection and queue it in the outbox (with any attachments). Returns the stored event.
 * Recording the same event twice is a no-op; reusing its id with other content throws EventIdReuseError.
 */
export async function recordEvent(event: unknown, options: RecordOptions = {}): Promise<DomainEvent> {
  const [stored] = await recordEvents([event], options)
  return stored as DomainEvent
}

/** Record several events together (one transaction: all or nothing). */
export async function recordEvents(inputs: readonly unknown[], options: RecordOptions = {}): Promise<DomainEvent[]> {
  const events = validateAll(inputs)
  const blobs = await checkBlobs(options.blobs ?? [])
  const db = database()
  // The search key is read before the transaction: tokens are hashed synchronously inside it.
  await prepareSearchTokens(db)
  // Personal values are sealed before it too (WebCrypto would end the transaction): crypto/fieldCodec.ts.
  const sealed = await sealEvents(events)
  return guarded(() => db.transaction('rw', RECORD_TABLES, async () => {
    await writeRecorded(db, sealed, blobs)
    return events
  }))
}

/** Reference rows that came with a pulled page, by table. */
export type PulledReference = Partial<Record<ReferenceTableName, ReferenceRow[]>>

export interface ApplyPulledOptions {
  /** Reference rows of the same page, saved in the same transaction. */
  reference?: PulledReference
}

/** What applying a pulled page changed. */
export interface ApplyPulledResult {
  /** Events not stored before. */
  added: number
  /** Events already stored (ours, echoed back, or a page pulled twice): only seq/receivedAt updated. */
  known: number
  /** Cases refolded because calendar years arrived with the page (their 暂定 dues recounted). */
  recounted: number
}

/**
 * Save a pulled page: its events (validated as envelopes), the refolded projections of the streams they
 * touch, any reference rows, and the cursor: one transaction. Never creates outbox entries (no echo).
 * An event already stored keeps its content; only the server's seq/receivedAt are taken.
 */
export async function applyPulledEvents(inputs: readonly unknown[], cursor: number, options: ApplyPulledOptions = {}): Promise<ApplyPulledResult> {
  return applyPreparedPage(await preparePulledPage(inputs), cursor, options)
}

/** A pulled page validated and sealed (preparePulledPage), ready for a transaction. */
export interface PreparedPage {
  events: DomainEvent[]
}

/**
 * Validate a pulled page's events and seal their personal values: the part of applying a page that must run
 * before any transaction (a caller that opens an outer transaction prepares first, then applies inside it).
 */
export async function preparePulledPage(inputs: readonly unknown[]): Promise<PreparedPage> {
  const errors: FieldError[] = []
  const events: DomainEvent[] = []
  inputs.forEach((input, i) => {
    const parsed = domainEventSchema.safeParse(input)
    if (parsed.success)
      events.push(parsed.data as DomainEvent)
    else
      errors.push(...parsed.error.issues.map(issue => ({ path: [`[${i}]`, ...issue.path.map(String)].join('.'), message: issue.message })))
  })
  if (errors.length > 0)
    throw new EventValidationError(errors)
  if (events.length > 0)
    await prepareSearchTokens()
  return { events: await sealEvents(uniqueById(events)) }
}

/** Save a prepared page (see applyPulledEvents); joins a caller's transaction over the same tables. */
export async function applyPreparedPage(prepared: PreparedPage, cursor: number, options: ApplyPulledOptions = {}): Promise<ApplyPulledResult> {
  const page = prepared.events
  const reference = Object.entries(options.reference ?? {}).filter(([table]) => isReferenceTable(table)) as [ReferenceTableName, ReferenceRow[]][]
  const db = database()
  const calendarArrived = reference.some(([table, rows]) => table === TABLES.calendarYears && rows.length > 0)
  const tables = [TABLES.events, TABLES.meta, ...PROJECTION_TABLE_NAMES, ...reference.map(([table]) => table)]
  const result = await guarded(() => db.transaction('rw', tables, async () => {
    const existing = await db.events.bulkGet(page.map(e => e.id))
    const added: DomainEvent[] = []
    const updates: DomainEvent[] = []
    page.forEach((e, i) => {
      const before = existing[i]
      if (!before)
        added.push(e)
      else if (before.seq !== e.seq || before.receivedAt !== e.receivedAt)
        updates.push({ ...before, seq: e.seq, receivedAt: e.receivedAt })
    })
    await db.events.bulkPut([...added, ...updates])
    for (const [table, rows] of reference)
      await applyReferenceRows(db, table, rows)
    // Calendar years that came with the page count the dues of this page and of every case waiting on them (暂定).
    const years = calendarArrived ? calendarYearsOf(await db.calendarYears.toArray()) : null
    await refoldStreams(db, added.map(e => e.stream), years ? calendarWith(years) : workCalendar())
    const recounted = years ? await refoldForCalendar(db, years) : 0
    await metaRepo.set('cursor', cursor)
    return { added: added.length, known: page.length - added.length, recounted, years }
  }))
  // The app's calendar takes the years only once they are stored.
  if (result.years)
    publishCalendarYears(result.years)
  return { added: result.added, known: result.known, recounted: result.recounted }
}
