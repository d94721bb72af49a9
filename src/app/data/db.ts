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
 * - `rejected`: events the server rejected, with its reason, for staff to act on (the projections' own
 *   `needsAttention` flags the other kind of sync problem: facts that conflict).
 *
 * Index keys never hold personal data (names, ID numbers, mobiles): only ids, types, times, flags and
 * keyed hashes (DESIGN §3), so encryption, masking and purges can wrap payloads alone. IndexedDB cannot index booleans,
 * so flags are stored as 0|1 (`attention`, `uploaded`).
 *
 * Every schema version stays (schema.ts) with its upgrade (upgrades.ts); a projection shape change is a rebuild,
 * not a migration. Row shapes are in rows.ts.
 */
import type { Table } from 'dexie'
import type { CaseState } from '../../domain/case'
import type { ConsultationState } from '../../domain/consultation'
import type { LedgerCaseRow } from './ledgerCases'
import type { KeyWrapRow, SessionKeyRow } from './crypto/keyStore'
import type { EventRow, MetaRow, OutboxRow, ProjectionRow, ReferenceRow, RejectedRow, StoredBlobRow } from './rows'
import type { ProjectionKind, ReferenceTableName } from './schema'
import { Dexie } from 'dexie'
import { notifyStorage } from './errors'
import { DEFAULT_DB_NAME, PROJECTION_TABLES, SCHEMA_V1, SCHEMA_V2, SCHEMA_V3, SCHEMA_V4, SCHEMA_V7, SCHEMA_V8 } from './schema'
import { markProjectionsForRebuild, upgradeToV2, upgradeToV3, upgradeToV4, upgradeToV8 } from './upgrades'

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
