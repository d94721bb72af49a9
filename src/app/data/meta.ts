/** Device facts in the `meta` table, with a type per key. */
import type { LockoutRecord } from '../auth/lockout'
import { database } from './db'
import { guarded } from './errors'

/** Every meta key and the type of its value. */
/** The receipt series a serial belongs to (src/domain/receipt.ts) and the last serial issued in it. */
export interface ReceiptSerialRecord {
  stationCode: string
  year: number
  deviceSlot: number
  last: number
}

export interface MetaValues {
  /** This tablet's id, from enrollment. */
  deviceId: string
  /** The station this tablet is enrolled at. */
  stationId: string
  /** The bearer token from enrollment (DESIGN §4). */
  deviceToken: string
  /** This tablet's slot at its station from enrollment (1…600), the letters of its document numbers (src/domain/receipt.ts). */
  deviceSlot: number
  /** The last receipt serial this tablet issued (reserved before the acceptance is written: gaps, never repeats). */
  receiptSerial: ReceiptSerialRecord
  /** The last 委托书 serial this tablet issued (originals and 续办 share the series; reserved before writing). */
  entrustmentSerial: ReceiptSerialRecord
  /** The last pulled server seq (DESIGN §4 `cursor`). */
  cursor: number
  /** The reference-data revision pulled so far (DESIGN §4 `reference.revision`), saved with the cursor; absent: pull everything. */
  refRevision: number
  /** The server address chosen at enrollment; absent: the page's origin. */
  serverBaseUrl: string
  /** Wrong-PIN counts and lock ends by staff id, so a reload does not reset them (read back through isLockoutRecord). */
  pinLockouts: Record<string, LockoutRecord>
  /** When the last sync finished (ISO instant). */
  lastSyncAt: string
  /** Server clock minus device clock, in ms (as the sync engine's `clockOffsetMs`): device time + offset ≈ server time. */
  clockOffsetMs: number
  /** Set while projections are being rebuilt; present at start-up means a rebuild was interrupted. */
  projectionRebuildStartedAt: string
  /** When projections were last rebuilt. */
  projectionsRebuiltAt: string
  /** The last stream an interrupted rebuild refolded (streams in index order): the rebuild resumes after it. */
  projectionRebuildCursor: string
  /** This tablet's search-token HMAC key, 64 hex digits (searchTokens.ts); made here, never synced or exported. */
  searchKey: string
  /** Set by the v8 upgrade: plaintext rows from before encryption at rest wait for sealing (crypto/legacy.ts). */
  legacySealPending: string
  /** When the last retention purge of personal values finished (purge.ts). */
  personalPurgedAt: string
}

export type MetaKey = keyof MetaValues

/** Typed key/value access. Inside a transaction that includes `meta`, these join it. */
export const metaRepo = {
  async get<K extends MetaKey>(key: K): Promise<MetaValues[K] | undefined> {
    const row = await database().meta.get(key)
    return row?.value as MetaValues[K] | undefined
  },
  async set<K extends MetaKey>(key: K, value: MetaValues[K]): Promise<void> {
    await guarded(() => database().meta.put({ key, value }))
  },
  /** Several keys at once, all or none (e.g. the enrollment's deviceId, stationId and token). */
  async setMany(values: Partial<MetaValues>): Promise<void> {
    const rows = Object.entries(values).filter(([, value]) => value !== undefined).map(([key, value]) => ({ key, value }))
    await guarded(() => database().meta.bulkPut(rows))
  },
  async remove(key: MetaKey): Promise<void> {
    await guarded(() => database().meta.delete(key))
  },
}
