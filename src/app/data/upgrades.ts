/**
 * The upgrade of each schema version (db.ts runs them, Dexie inside the version change's transaction). Each
 * reads and writes through the transaction it is given; none refolds projections itself (a rebuild is marked).
 */
import type { Transaction } from 'dexie'
import type { EventRow, MetaRow, OutboxRow } from './rows'
import type { MetaKey } from './meta'
import { TABLES } from './schema'

/** v1 → v2: give each waiting outbox row the stream and staffId of its event (v1 rows had neither). */
export async function upgradeToV2(tx: Transaction): Promise<void> {
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
export async function upgradeToV3(tx: Transaction): Promise<void> {
  await tx.table<MetaRow, string>(TABLES.meta).delete('refRevision' satisfies MetaKey)
}

/**
 * v3 → v4: the new index fields need every projection row refolded. Doing it here would hold the app's first
 * open for minutes on a busy tablet, so the upgrade only marks projections for rebuild; the maintenance store
 * rebuilds them in the background (chunked, with progress, resumable) while lists read what is there.
 */
export async function upgradeToV4(tx: Transaction): Promise<void> {
  await markProjectionsForRebuild(tx)
}

/** v6 → v7: the new `ledgerCases` is filled by the same background rebuild (its rows are folds too). */
export async function markProjectionsForRebuild(tx: Transaction): Promise<void> {
  const meta = tx.table<MetaRow, string>(TABLES.meta)
  await meta.put({ key: 'projectionRebuildStartedAt' satisfies MetaKey, value: new Date().toISOString() })
  await meta.delete('projectionRebuildCursor' satisfies MetaKey)
}

/** v7 → v8: the plaintext search key goes (tokens are keyed by the data key now); rows are sealed and refolded at the next sign-in. */
export async function upgradeToV8(tx: Transaction): Promise<void> {
  const meta = tx.table<MetaRow, string>(TABLES.meta)
  await meta.delete('searchKey' satisfies MetaKey)
  await meta.put({ key: 'legacySealPending' satisfies MetaKey, value: new Date().toISOString() })
  await markProjectionsForRebuild(tx)
}
