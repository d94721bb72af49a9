/**
 * The sync engine's storage port (store.ts) on the app's data layer (src/app/data). Dexie stays behind
 * src/app/data: this file only calls its repositories and table objects. Meta keys (`deviceToken`,
 * `refRevision`, …) are typed in data/meta.ts MetaValues and written through metaRepo.
 */
import type { ReferenceRow } from '../data/db'
import type { PulledReference } from '../data/record'
import type { DomainEvent } from '../../domain/events'
import type { ReferenceDelta } from './client'
import type { Enrollment, ImportResult, NeedsAttentionItem, OutboxItem, SettleResult, StoredBlob, SyncStore } from './store'
import { database, REFERENCE_TABLES, TABLES } from '../data/db'
import { guarded } from '../data/errors'
import { metaRepo } from '../data/meta'
import { PROJECTION_TABLE_NAMES, refoldStreams } from '../data/projections'
import { applyPreparedPage, preparePulledPage, recordEvents } from '../data/record'
import { isReferenceTable } from '../data/reference'
import { prepareSearchTokens } from '../data/searchTokens'
import { blobsRepo, eventsRepo, outboxRepo, rejectedRepo } from '../data'
import { dataKeyReady, DataLockedError } from '../data/crypto/keyring'
import { sealEvents, unsealEvent } from '../data/crypto/fieldCodec'
import { eventContentKey } from '../../domain/events'

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
export function referenceTables(reference: ReferenceDelta | null): PulledReference {
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

async function needsAttentionItems(): Promise<NeedsAttentionItem[]> {
  const rows = await rejectedRepo.list()
  const events = await Promise.all((await database().events.bulkGet(rows.map(r => r.eventId))).map(e => (e ? unsealEvent(e) : undefined)))
  return rows.flatMap((row, i) => {
    const event = events[i]
    return event ? [{ event, reason: row.reason, rejectedAt: row.rejectedAt }] : []
  })
}

/** The SyncStore of the app's database. */
export function createDataSyncStore(): SyncStore {
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
    settle: (results: readonly SettleResult[]) => outboxRepo.settle(results),
    markAttempt: (ids, error) => outboxRepo.markAttempt(ids, error),
    listNeedsAttention: needsAttentionItems,
    countNeedsAttention: () => rejectedRepo.count(),

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

async function importIntoData(events: readonly DomainEvent[], blobs: readonly StoredBlob[], rejected: readonly NeedsAttentionItem[]): Promise<ImportResult> {
  const existing = await Promise.all(events.map(e => eventsRepo.get(e.id)))
  const fresh: DomainEvent[] = []
  const conflicts: string[] = []
  events.forEach((e, i) => {
    const before = existing[i]
    if (!before)
      fresh.push(e)
    else if (eventContentKey(before) !== eventContentKey(e))
      conflicts.push(e.id)
  })
  const wanted = new Set(fresh.flatMap(e => blobRefsOf(e.payload)))
  const blobInputs = blobs.filter(b => wanted.has(b.sha256)).map(b => ({ sha256: b.sha256, blob: b.data }))
  // The origin tablet's events keep their deviceId; recordEvents queues them in this tablet's outbox.
  if (fresh.length > 0)
    await recordEvents(fresh, { blobs: blobInputs })

  // Rejected events travel as needs-attention items, never as outbox rows (they would only be rejected again).
  const db = database()
  let needsAttention = 0
  if (rejected.length > 0) {
    await prepareSearchTokens(db)
    const sealed = await sealEvents(rejected.map(r => r.event))
    needsAttention = await guarded(() => db.transaction('rw', [TABLES.events, TABLES.rejected, ...PROJECTION_TABLE_NAMES], async () => {
      const known = await db.events.bulkGet(rejected.map(r => r.event.id))
      const listed = await db.rejected.bulkGet(rejected.map(r => r.event.id))
      const newEvents = sealed.filter((_, i) => !known[i])
      await db.events.bulkAdd(newEvents)
      const rows = rejected.filter((_, i) => !listed[i]).map(r => ({ eventId: r.event.id, stream: r.event.stream, type: r.event.type, staffId: r.event.staffId, reason: r.reason, rejectedAt: r.rejectedAt }))
      await db.rejected.bulkPut(rows)
      await refoldStreams(db, newEvents.map(e => e.stream))
      return rows.length
    }))
  }
  return { imported: fresh.length, skipped: events.length - fresh.length - conflicts.length, conflicts, needsAttention }
}
