/**
 * The tablet's IndexedDB database (Dexie), the only place in the app that imports dexie.
 *
 * What is stored where, and why:
 * - `events`: every DomainEvent recorded here or pulled from the server, append-only (DESIGN §3). The source
 *   of truth on the device; everything below except reference data can be rebuilt from it.
 * - `outbox`: ids of events recorded here and not yet confirmed by the server, in recording order
 *   (auto-increment `order`), with attempt count and last error. Rows leave only when a push answer names them.
 * - `blobs`: attachments (signatures, photos of materials) keyed by SHA-256 hex, written in the same
 *   transaction as the event that references them, uploaded content-addressed before that event is pushed.
 * - `meta`: small key/value facts about this device (deviceId, token, pull cursor, last sync…; typed in meta.ts).
 * - `stations`, `staff`, `serviceItems`, `stationItems`, `settings`, `calendarYears`: reference data owned by
 *   the server, replaced from pulls, each row keyed by `id` and carrying the server `revision`. Never edited here.
 *   `stationItems` (from v3) says which catalog items this station offers, keyed `<stationId>:<itemCode>`.
 * - `cases`, `consultations`: projections, the fold of each stream's events (src/domain folds). Disposable.
 *   From v4 they carry `searchTokens` (keyed hashes of names, mobiles, ID numbers, receipt numbers:
 *   searchTokens.ts) and epoch-ms copies of their dates, indexed for search, ledgers and paged lists.
 * - `ledgerCases` (from v7): a slim copy of each case for ledgers D/E/F (ledgerCases.ts): the state without its
 *   materials checklist and with its log cut to who applied what, so a month's ledger reads a fraction of the bytes.
 *   Written with the case projection, in the same transaction; disposable like it.
 * - `rejected`: events the server rejected, with its reason: the "needs attention" list staff must act on.
 *
 * Index keys never hold personal data (names, ID numbers, mobiles): only ids, types, times, flags and
 * keyed hashes (DESIGN §3), so encryption, masking and purges can wrap payloads alone. IndexedDB cannot index booleans,
 * so flags are stored as 0|1 (`attention`, `uploaded`).
 *
 * Every schema version stays below with its upgrade; a projection shape change is a rebuild, not a migration.
 */
import type { Table, Transaction } from 'dexie'
import type { CaseState } from '../../domain/case'
import type { LedgerCaseRow } from './ledgerCases'
import type { ConsultationState } from '../../domain/consultation'
import type { ProjectionKind } from '../../domain/eventTypes'
import type { DomainEvent } from '../../domain/events'
import type { Reason } from '../../domain/reason'
import type { MetaKey } from './meta'
import type { KeyWrapRow, SessionKeyRow } from './crypto/keyStore'
import type { RowBox, SealedBox } from './crypto/fieldCodec'
import { Dexie } from 'dexie'
import { notifyStorage } from './errors'

/** The database name used by the app; tests open their own names. */
export const DEFAULT_DB_NAME = 'bianmin-counter'

/** Table names, in one place. */
export const TABLES = {
  events: 'events',
  outbox: 'outbox',
  blobs: 'blobs',
  meta: 'meta',
  stations: 'stations',
  staff: 'staff',
  serviceItems: 'serviceItems',
  settings: 'settings',
  calendarYears: 'calendarYears',
  stationItems: 'stationItems',
  cases: 'cases',
  consultations: 'consultations',
  rejected: 'rejected',
  ledgerCases: 'ledgerCases',
  keyWraps: 'keyWraps',
  sessionKeys: 'sessionKeys',
} as const

export type TableName = typeof TABLES[keyof typeof TABLES]

/** Which projection table holds the fold of each stream kind ('case:…' → cases). */
export const PROJECTION_TABLES = {
  case: TABLES.cases,
  consultation: TABLES.consultations,
} as const satisfies Record<ProjectionKind, TableName>

export type { ProjectionKind }

/** Reference tables pulled from the server. */
export const REFERENCE_TABLES = [TABLES.stations, TABLES.staff, TABLES.serviceItems, TABLES.stationItems, TABLES.settings, TABLES.calendarYears] as const

export type ReferenceTableName = typeof REFERENCE_TABLES[number]

/** Version 1: the first shipped schema. Kept as-is forever (tests open a database with it). */
export const SCHEMA_V1 = {
  events: 'id, stream, type, occurredAt, [stream+occurredAt], seq',
  outbox: '++order, &eventId',
  blobs: 'sha256, uploaded, createdAt',
  meta: 'key',
  stations: 'id, revision',
  staff: 'id, stationId, revision',
  serviceItems: 'id, code, revision',
  settings: 'id, revision',
  calendarYears: 'id, revision',
  cases: 'id, status, staffId, attention, lastAt, dueAtMs, [attention+lastAt]',
  consultations: 'id, status, staffId, attention, lastAt, dueAtMs, [attention+lastAt]',
  rejected: 'eventId, stream, rejectedAt',
} as const satisfies Partial<Record<TableName, string>>

/** Version 2: outbox rows carry the recording staff member, so one person's unsent work is never counted as another's. */
export const SCHEMA_V2 = {
  outbox: '++order, &eventId, staffId',
} as const satisfies Partial<Record<TableName, string>>

/**
 * Version 3: `stationItems`, which service items this station offers (server rows `{ stationId, itemCode,
 * offered, revision }`, stored with `id` = `<stationId>:<itemCode>`). Earlier versions dropped those rows.
 */
export const SCHEMA_V3 = {
  stationItems: 'id, stationId, revision',
} as const satisfies Partial<Record<TableName, string>>

/**
 * Version 4 (issue 5, scale): search without scans and indexed date ranges. `*searchTokens` holds keyed hashes
 * only (searchTokens.ts); `[kind+lastAt]`, `[status+lastAt]`, `[itemCode+lastAt]` page filtered lists most
 * recent first; `receivedAtMs`, `acceptedAtMs`, `completedAtMs` (cases) and `recordedAtMs`, `repliedAtMs`
 * (consultations) answer ledger and metric date ranges, with `[kind+…]` for the 帮办/代办 ledgers.
 * Rows written before v4 lack these fields: the upgrade marks projections for a background rebuild.
 */
export const SCHEMA_V4 = {
  cases: `${SCHEMA_V1.cases}, *searchTokens, [kind+lastAt], [status+lastAt], [itemCode+lastAt], receivedAtMs, [kind+receivedAtMs], acceptedAtMs, completedAtMs, [kind+completedAtMs]`,
  consultations: `${SCHEMA_V1.consultations}, *searchTokens, [status+lastAt], recordedAtMs, repliedAtMs`,
} as const satisfies Partial<Record<TableName, string>>

/**
 * Version 7 (issue 12 item 4): `ledgerCases`, the slim case rows the ledgers read by receipt date (`receivedAtMs`,
 * `[kind+receivedAtMs]` for E/F). The upgrade marks projections for a background rebuild, which fills it;
 * until that finishes the ledgers read the full case rows (stores/ledgers.ts).
 */
export const SCHEMA_V7 = {
  ledgerCases: 'id, receivedAtMs, [kind+receivedAtMs]',
} as const satisfies Partial<Record<TableName, string>>

/**
 * Version 8 (issue 11 item 1, encryption at rest: crypto/fieldCodec.ts, crypto/keyStore.ts): `keyWraps`, the tablet's
 * data key wrapped per staff member with a key derived from their PIN (argon2id), and `sessionKeys`, the unwrapped
 * data key of the signed-in session under a non-extractable CryptoKey, with its expiry. Event rows and projection
 * rows gain `sealed` (not indexed). The upgrade forgets the old plaintext search key (tokens are now keyed by the
 * data key) and marks projections for rebuild and plaintext rows for sealing at the next sign-in.
 */
export const SCHEMA_V8 = {
  keyWraps: 'staffId',
  sessionKeys: 'id',
} as const

/** The current schema version number. */
export const SCHEMA_VERSION = 8

/**
 * A stored event: the envelope as recorded or pulled. From v8 its personal values are handles and `sealed` holds
 * them encrypted (crypto/fieldCodec.ts); read events through the repositories, which open them.
 */
export type EventRow = DomainEvent & { sealed?: SealedBox }

/** An event waiting to be pushed. */
export interface OutboxRow {
  /** Auto-increment: the push order. */
  order?: number
  eventId: string
  stream: string
  /** Who recorded it (from v2; filled from the event by the v2 upgrade). */
  staffId: string | null
  queuedAt: string
  attempts: number
  lastError: string | null
  lastAttemptAt: string | null
}

/** An attachment, content-addressed, as the repositories hand it out (bytes decrypted). */
export interface BlobRow {
  /** SHA-256 of the bytes, lowercase hex. */
  sha256: string
  blob: Blob
  /** MIME type. */
  type: string
  size: number
  createdAt: string
  /** 1 once the server holds it. */
  uploaded: 0 | 1
}

/**
 * An attachment as stored: from v8 `blob` is IV ‖ AES-GCM ciphertext of the bytes, as bytes (`enc: 1`;
 * crypto/blobCodec.ts); rows from before are plain Blobs until the legacy sealing encrypts them.
 */
export type StoredBlobRow = Omit<BlobRow, 'blob'> & { blob: Blob | Uint8Array<ArrayBuffer>, enc?: 1 }

export interface MetaRow {
  key: string
  value: unknown
}

/** A reference row from the server: keyed by `id`, versioned by `revision`, other fields as the server sends them. */
export interface ReferenceRow {
  id: string
  revision: number
  [field: string]: unknown
}

/** The fields every projection state shares (the agreed interface of src/domain folds). */
export interface ProjectionState {
  /** The stream id. */
  id: string
  stationId: string
  staffId: string | null
  status: string
  needsAttention: boolean
  attentionReasons: string[]
  /** The same reasons by code; absent in rows folded before reasons had codes. */
  attentionCodes?: Reason[]
  lastOccurredAt: string
  dueAt: string | null
}

/** A projection row: the fold's state plus index-friendly copies (IndexedDB cannot index booleans; ISO strings with offsets do not sort). */
export type ProjectionRow<S extends ProjectionState = ProjectionState> = S & {
  attention: 0 | 1
  /** Epoch ms of lastOccurredAt. */
  lastAt: number
  /** Epoch ms of dueAt; absent when there is no deadline (not in the index). */
  dueAtMs?: number
  /** Keyed hashes of the row's personal data and document numbers (from v4; searchTokens.ts). */
  searchTokens?: string[]
  /** The encrypted personal values the row's handles stand for (crypto/fieldCodec.ts); absent on rows holding none. */
  sealed?: RowBox[]
  /** Epoch ms of a case's receivedAt / acceptedAt / completedAt, a consultation's recordedAt / repliedAt; absent when unset. */
  receivedAtMs?: number
  acceptedAtMs?: number
  completedAtMs?: number
  recordedAtMs?: number
  repliedAtMs?: number
}

/** An event the server rejected, kept until staff deal with it. */
export interface RejectedRow {
  eventId: string
  stream: string
  type: string
  staffId: string | null
  reason: string
  rejectedAt: string
}

/** The one Dexie subclass. Every transaction is opened with strict durability (the outbox must survive a power cut). */
export class BianminDb extends Dexie {
  declare events: Table<EventRow, string>
  declare outbox: Table<OutboxRow, number>
  declare blobs: Table<StoredBlobRow, string>
  declare meta: Table<MetaRow, string>
  declare stations: Table<ReferenceRow, string>
  declare staff: Table<ReferenceRow, string>
  declare serviceItems: Table<ReferenceRow, string>
  declare settings: Table<ReferenceRow, string>
  declare calendarYears: Table<ReferenceRow, string>
  declare stationItems: Table<ReferenceRow, string>
  declare cases: Table<ProjectionRow<CaseState>, string>
  declare consultations: Table<ProjectionRow<ConsultationState>, string>
  declare rejected: Table<RejectedRow, string>
  declare ledgerCases: Table<LedgerCaseRow, string>
  declare keyWraps: Table<KeyWrapRow, string>
  declare sessionKeys: Table<SessionKeyRow, string>

  constructor(name: string = DEFAULT_DB_NAME) {
    super(name, { chromeTransactionDurability: 'strict' })
    this.version(1).stores(SCHEMA_V1)
    this.version(2).stores(SCHEMA_V2).upgrade(upgradeToV2)
    this.version(3).stores(SCHEMA_V3).upgrade(upgradeToV3)
    this.version(4).stores(SCHEMA_V4).upgrade(upgradeToV4)
    // 5 and 6 are left to other schema changes in flight; Dexie versions need not be consecutive.
    this.version(7).stores(SCHEMA_V7).upgrade(markProjectionsForRebuild)
    this.version(8).stores(SCHEMA_V8).upgrade(upgradeToV8)

    // Another tab (a newer app) wants to upgrade or delete: close so it can proceed, and tell staff to reload.
    this.on('versionchange', (ev) => {
      this.close({ disableAutoOpen: true })
      notifyStorage({
        kind: 'closed-for-upgrade',
        code: ev.newVersion ? 'data.closedForUpgrade' : 'data.closedForDelete',
      })
      return false // handled: skip Dexie's default (which would reopen on next use)
    })
    // This tab wants to upgrade but another tab still holds the old version open.
    this.on('blocked', () => {
      notifyStorage({ kind: 'upgrade-blocked', code: 'data.upgradeBlocked' })
      return false
    })
  }

  /** A projection table by stream kind. */
  projection(kind: ProjectionKind): Table<ProjectionRow, string> {
    return this.table(PROJECTION_TABLES[kind])
  }

  /** A reference table by name. */
  reference(name: ReferenceTableName): Table<ReferenceRow, string> {
    return this.table(name)
  }
}

/** v1 → v2: give each waiting outbox row the stream and staffId of its event (v1 rows had neither). */
async function upgradeToV2(tx: Transaction): Promise<void> {
  const outbox = tx.table<OutboxRow, number>(TABLES.outbox)
  const rows = await outbox.toArray()
  const events = await tx.table<EventRow, string>(TABLES.events).bulkGet(rows.map(r => r.eventId))
  await outbox.bulkPut(rows.map((row, i) => ({
    ...row,
    stream: row.stream ?? events[i]?.stream ?? '',
    staffId: row.staffId ?? events[i]?.staffId ?? null,
  })))
}

/**
 * v2 → v3: forget the reference revision pulled so far, so the next pull sends every reference row again:
 * the stationItems rows a v2 tablet received were dropped. Rows already held are re-applied by revision (no loss).
 */
async function upgradeToV3(tx: Transaction): Promise<void> {
  await tx.table<MetaRow, string>(TABLES.meta).delete('refRevision' satisfies MetaKey)
}

/**
 * v3 → v4: the new index fields need every projection row refolded. Doing it here would hold the app's first
 * open for minutes on a busy tablet, so the upgrade only marks projections for rebuild; the maintenance store
 * rebuilds them in the background (chunked, with progress, resumable) while lists read what is there.
 */
async function upgradeToV4(tx: Transaction): Promise<void> {
  await markProjectionsForRebuild(tx)
}

/** v6 → v7: the new `ledgerCases` is filled by the same background rebuild (its rows are folds too). */
async function markProjectionsForRebuild(tx: Transaction): Promise<void> {
  const meta = tx.table<MetaRow, string>(TABLES.meta)
  await meta.put({ key: 'projectionRebuildStartedAt' satisfies MetaKey, value: new Date().toISOString() })
  await meta.delete('projectionRebuildCursor' satisfies MetaKey)
}

/** v7 → v8: the plaintext search key goes (tokens are keyed by the data key now); rows are sealed and refolded at the next sign-in. */
async function upgradeToV8(tx: Transaction): Promise<void> {
  const meta = tx.table<MetaRow, string>(TABLES.meta)
  await meta.delete('searchKey' satisfies MetaKey)
  await meta.put({ key: 'legacySealPending' satisfies MetaKey, value: new Date().toISOString() })
  await markProjectionsForRebuild(tx)
}

let current: BianminDb | undefined

/** The app's database, opened on first use. */
export function database(): BianminDb {
  current ??= new BianminDb(DEFAULT_DB_NAME)
  return current
}

/** Use another database instance (tests; a device reset). Closes the previous one. */
export function useDatabase(db: BianminDb): void {
  if (current && current !== db)
    current.close()
  current = db
}
