/**
 * The sync engine's storage port (syncPortTypes.ts SyncPort) on this data layer: what src/app/sync reads
 * and writes goes through here, never through Dexie or the tables. Meta keys (`deviceToken`,
 * `refRevision`, …) are typed in meta.ts MetaValues and written through metaRepo.
 */
import type { DomainEvent } from '../../domain/events'
import type { BianminDb } from './db'
import type { EventRow, ReferenceRow, StoredBlobRow } from './rows'
import type { PulledReference } from './record'
import type { Enrollment, ImportResult, RejectedItem, OutboxItem, PulledReferenceDelta, StoredBlob, SyncPort } from './syncPortTypes'
import type { PushResult } from '../../domain/protocol'
import { eventContentKey } from '../../domain/events'
import { sha256Hex } from './blobHash'
import { database } from './db'
import { REFERENCE_TABLES, TABLES } from './schema'
import { BlobHashMismatchError, guarded } from './errors'
import { metaRepo } from './meta'
import { PROJECTION_TABLE_NAMES, refoldStreams } from './projections'
import { applyPreparedPage, blobRow, preparePulledPage, RECORD_TABLES, validateAll, writeRecorded } from './record'
import { isReferenceTable } from './reference'
import { prepareSearchTokens } from './searchTokens'
import { workCalendar } from './workCalendar'
import { rejectedRepo } from './repos/rejected'
import { validateDomainEvent } from '../../domain/eventTypes'
import { encryptedBlobRow } from './crypto/blobCodec'
import { sealEvents, unsealEvent } from './crypto/fieldCodec'
import { dataKeyReady, DataLockedError } from './crypto/keyring'
// Opened: rows come out with their personal values and attachments decrypted (the push sends them over TLS).
import { blobsRepo, outboxRepo } from './crypto/openedRepos'

/** Any offset a device may write is within ±14 h: widens an index range on ISO strings with offsets. */
const MAX_ZONE_MS = 14 * 3_600_000
const SHA256_HEX = /^[0-9a-f]{64}$/

/** SHA-256 names referenced anywhere in a payload (signatureSha256, photoSha256, …). */
export function blobRefsOf(payload: unknown, found: Set<string> = new Set()): string[] {
  if (typeof payload === 'string') {
    if (SHA256_HEX.test(payload))
      found.add(payload)
  }
  else if (Array.isArray(payload)) {
    for (const v of payload)
      blobRefsOf(v, found)
  }
  else if (payload && typeof payload === 'object') {
    for (const v of Object.values(payload))
      blobRefsOf(v, found)
  }
  return [...found]
}

/**
 * Saves this tablet's enrollment (deviceId, stationId, token, deviceSlot) in one transaction. Without a slot
 * (an older server) a slot of an earlier enrollment is removed: it belongs to another device id.
 */
export async function saveEnrollment(identity: Enrollment): Promise<void> {
  const db = database()
  await guarded(() => db.transaction('rw', [TABLES.meta], async () => {
    await metaRepo.setMany({ deviceId: identity.deviceId, stationId: identity.stationId, deviceToken: identity.token, deviceSlot: identity.deviceSlot })
    if (identity.deviceSlot === undefined)
      await metaRepo.remove('deviceSlot')
  }))
}

/** Forgets the token (a revoked tablet), keeping the outbox and everything recorded. */
export async function forgetDeviceToken(): Promise<void> {
  await metaRepo.remove('deviceToken')
}

function toOutboxItem(row: { event: DomainEvent, attempts: number, lastError: string | null }): OutboxItem {
  return { event: row.event, attempts: row.attempts, lastError: row.lastError, blobRefs: blobRefsOf(row.event.payload) }
}

/** How each pulled reference table names its rows: the server keys some by code/key/year, the tablet by `id`. */
const REFERENCE_ROW_ID: Record<string, (row: Record<string, unknown>) => unknown> = {
  serviceItems: row => row.code,
  settings: row => row.key,
  calendarYears: row => row.year,
  stationItems: row => `${String(row.stationId)}:${String(row.itemCode)}`,
}

/** Reference rows of a pull by tablet table, each with a string `id` (rows of tables the tablet does not keep are left out). */
export function referenceTables(reference: PulledReferenceDelta | null): PulledReference {
  const out: PulledReference = {}
  if (!reference)
    return out
  for (const [table, rows] of Object.entries(reference)) {
    if (!isReferenceTable(table) || !Array.isArray(rows))
      continue
    const idOf = REFERENCE_ROW_ID[table]
    out[table] = rows.map((row: Record<string, unknown>) => {
      const id = row.id ?? idOf?.(row)
      return (id === undefined || id === null ? row : { ...row, id: String(id) }) as ReferenceRow
    })
  }
  return out
}

async function rejectedItems(): Promise<RejectedItem[]> {
  const rows = await rejectedRepo.list()
  const events = await Promise.all((await database().events.bulkGet(rows.map(r => r.eventId))).map(e => (e ? unsealEvent(e) : undefined)))
  return rows.flatMap((row, i) => {
    const event = events[i]
    return event ? [{ event, reason: row.reason, rejectedAt: row.rejectedAt }] : []
  })
}

/** The SyncPort of the app's database. */
export function createDataSyncPort(): SyncPort {
  return {
    async getDevice() {
      const [deviceId, stationId, token] = await Promise.all([metaRepo.get('deviceId'), metaRepo.get('stationId'), metaRepo.get('deviceToken')])
      if (!deviceId || !stationId || typeof token !== 'string' || !token)
        return null
      return { deviceId, stationId, token }
    },

    async peekOutbox(limit) {
      return (await outboxRepo.peek(limit)).map(toOutboxItem)
    },
    async listOutbox() {
      return (await outboxRepo.peek(Infinity)).map(toOutboxItem)
    },
    countOutbox: () => outboxRepo.count(),
    settle: (results: readonly PushResult[]) => outboxRepo.settle(results),
    markAttempt: (ids, error) => outboxRepo.markAttempt(ids, error),
    listRejected: rejectedItems,
    countRejected: () => rejectedRepo.count(),

    async pendingBlobs() {
      return (await blobsRepo.pendingUploads()).map(row => ({ sha256: row.sha256, data: row.blob }))
    },
    markBlobUploaded: sha256 => blobsRepo.markUploaded(sha256),
    async getBlob(sha256) {
      const row = await blobsRepo.get(sha256)
      return row ? { sha256: row.sha256, data: row.blob } : null
    },

    async getCursor() {
      return (await metaRepo.get('cursor')) ?? 0
    },
    async getRefRevision() {
      const value = await metaRepo.get('refRevision')
      return typeof value === 'number' ? value : null
    },
    async applyPullPage(events, reference, cursor) {
      const db = database()
      const tables = [TABLES.events, TABLES.meta, ...PROJECTION_TABLE_NAMES, ...REFERENCE_TABLES]
      // Locked (no staff signed in, e.g. the first pull of an enrollment): reference rows are taken, events wait
      // for the data key (the cursor stays) and the sync reports DataLockedError until someone signs in.
      if (!dataKeyReady() && events.length > 0) {
        await guarded(() => db.transaction('rw', tables, async () => {
          await applyPreparedPage({ events: [] }, await metaRepo.get('cursor') ?? 0, { reference: referenceTables(reference) })
          if (typeof reference?.revision === 'number')
            await metaRepo.set('refRevision', reference.revision)
        }))
        throw new DataLockedError()
      }
      // Sealed before the transaction (crypto/fieldCodec.ts), then one outer transaction the apply joins, so
      // events, reference rows, cursor and refRevision land together.
      const prepared = await preparePulledPage(events)
      await guarded(() => db.transaction('rw', tables, async () => {
        await applyPreparedPage(prepared, cursor, { reference: referenceTables(reference) })
        if (typeof reference?.revision === 'number')
          await metaRepo.set('refRevision', reference.revision)
      }))
    },

    async getLastSyncAt() {
      return (await metaRepo.get('lastSyncAt')) ?? null
    },
    setLastSyncAt: at => metaRepo.set('lastSyncAt', at),

    async eventsBetween(fromMs, toMs) {
      // occurredAt strings carry offsets, so the index range is widened and the instants checked exactly.
      const low = new Date(fromMs - MAX_ZONE_MS).toISOString().slice(0, 19)
      const high = `${new Date(toMs + MAX_ZONE_MS).toISOString().slice(0, 19)}\uFFFF`
      const rows = await database().events.where('occurredAt').between(low, high, true, true).toArray()
      return (await Promise.all(rows.map(unsealEvent))).filter((e) => {
        const t = Date.parse(e.occurredAt)
        return t >= fromMs && t < toMs
      })
    },

    async importEvents(events, blobs, rejected) {
      return importIntoData(events, blobs, rejected)
    },
  }
}

/**
 * Another tablet's export in ONE transaction, so a failure anywhere (an invalid event, a bad attachment,
 * storage full) leaves this tablet as it was: the fresh events with their blobs and outbox rows, and the
 * file's rejected events on the rejected list. Hashing and the search key come before it (both await
 * WebCrypto, which would end an IndexedDB transaction).
 */
async function importIntoData(events: readonly DomainEvent[], blobs: readonly StoredBlob[], rejected: readonly RejectedItem[]): Promise<ImportResult> {
  const referenced = new Set(events.flatMap(e => blobRefsOf(e.payload)))
  const hashes = new Map(await Promise.all(blobs.filter(b => referenced.has(b.sha256)).map(async b => [b.sha256, await sha256Hex(b.data)] as const)))
  const db = database()
  if (events.length > 0 || rejected.length > 0)
    await prepareSearchTokens(db)
  // Sealed before it too (crypto/fieldCodec.ts: sealing awaits WebCrypto). Handles are deterministic per
  // tablet, so an event this tablet holds already seals to the row it stored: compared sealed to sealed.
  // Each event is sealed as validated (what is stored); one that fails validation is sealed as it came and
  // refused below only if it is fresh, as before.
  const sealed = await sealEvents(events.map((e) => {
    const checked = validateDomainEvent(e)
    return checked.ok ? checked.event : e
  }))
  const sealedRejected = await sealEvents(rejected.map(r => r.event))
  const blobRows = await encryptedBlobRows(blobs, hashes)
  return guarded(() => db.transaction('rw', [...RECORD_TABLES, TABLES.rejected], async () => {
    const existing = await db.events.bulkGet(sealed.map(e => e.id))
    const fresh: DomainEvent[] = []
    const freshSealed: EventRow[] = []
    const idConflicts: string[] = []
    sealed.forEach((e, i) => {
      const before = existing[i]
      const given = events[i]
      if (!before && given) {
        fresh.push(given)
        freshSealed.push(e)
      }
      else if (before && eventContentKey(before) !== eventContentKey(e)) {
        idConflicts.push(e.id)
      }
    })
    // Any invalid fresh event refuses the whole file (validateAll throws with every field error).
    validateAll(fresh)
    // The origin tablet's events keep their deviceId; they are queued in this tablet's outbox.
    await writeRecorded(db, freshSealed, freshBlobRows(fresh, blobs, hashes, blobRows))
    const rejectedAdded = await addRejected(db, rejected, sealedRejected)
    return { imported: fresh.length, skipped: events.length - fresh.length - idConflicts.length, idConflicts, rejected: rejectedAdded }
  }))
}

/** The stored (encrypted: crypto/blobCodec.ts) rows of the attachments whose bytes match their name, by name. */
async function encryptedBlobRows(blobs: readonly StoredBlob[], hashes: ReadonlyMap<string, string>): Promise<Map<string, StoredBlobRow>> {
  const createdAt = new Date().toISOString()
  const rows = await Promise.all(blobs.filter(b => hashes.get(b.sha256) === b.sha256.toLowerCase())
    .map(async b => [b.sha256, await encryptedBlobRow(blobRow(b.sha256.toLowerCase(), b.data, createdAt))] as const))
  return new Map(rows)
}

/** The rows of the attachments the fresh events reference; one whose bytes do not match its name throws. */
function freshBlobRows(fresh: readonly DomainEvent[], blobs: readonly StoredBlob[], hashes: ReadonlyMap<string, string>, rows: ReadonlyMap<string, StoredBlobRow>): StoredBlobRow[] {
  const wanted = new Set(fresh.flatMap(e => blobRefsOf(e.payload)))
  return blobs.filter(b => wanted.has(b.sha256)).map((b) => {
    const actual = hashes.get(b.sha256) ?? ''
    const row = rows.get(b.sha256)
    if (actual !== b.sha256.toLowerCase() || !row)
      throw new BlobHashMismatchError(b.sha256, actual)
    return row
  })
}

/**
 * Inside the import's transaction: rejected events travel to the rejected list, never as outbox rows
 * (they would only be rejected again). `sealed` holds their events as stored. Returns how many joined the list.
 */
async function addRejected(db: BianminDb, rejected: readonly RejectedItem[], sealed: readonly EventRow[]): Promise<number> {
  if (rejected.length === 0)
    return 0
  const known = await db.events.bulkGet(rejected.map(r => r.event.id))
  const listed = await db.rejected.bulkGet(rejected.map(r => r.event.id))
  const newEvents = sealed.filter((_, i) => !known[i])
  await db.events.bulkAdd(newEvents)
  const rows = rejected.filter((_, i) => !listed[i]).map(r => ({ eventId: r.event.id, stream: r.event.stream, type: r.event.type, staffId: r.event.staffId, reason: r.reason, rejectedAt: r.rejectedAt }))
  await db.rejected.bulkPut(rows)
  await refoldStreams(db, newEvents.map(e => e.stream), workCalendar())
  return rows.length
}
