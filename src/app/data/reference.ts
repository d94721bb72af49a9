/**
 * Reference data (stations, staff, service items, settings, calendar years): owned by the server,
 * replaced from pulls by revision, never edited on the device (DESIGN §3).
 */
import type { BianminDb } from './db'
import type { ReferenceRow } from './rows'
import type { ReferenceTableName } from './schema'
import { database } from './db'
import { REFERENCE_TABLES } from './schema'
import { ReferenceValidationError, guarded } from './errors'

/** Is this the name of a reference table? */
export function isReferenceTable(name: string): name is ReferenceTableName {
  return (REFERENCE_TABLES as readonly string[]).includes(name)
}

/** A pulled reference row marked `deleted: true` removes the row. */
function isDeletion(row: ReferenceRow): boolean {
  return row['deleted'] === true
}

/** Data from the network is checked before use: every row needs a string id and an integer revision. */
function checkRows(table: ReferenceTableName, rows: readonly unknown[]): ReferenceRow[] {
  const errors = rows.flatMap((row, i) => {
    const r = row as Partial<ReferenceRow> | null
    if (typeof r !== 'object' || r === null || typeof r.id !== 'string' || r.id === '')
      return [{ path: `${table}[${i}].id`, message: 'required (a non-empty string)' }]
    if (typeof r.revision !== 'number' || !Number.isInteger(r.revision))
      return [{ path: `${table}[${i}].revision`, message: 'required (an integer)' }]
    return []
  })
  if (errors.length > 0)
    throw new ReferenceValidationError(errors)
  return rows as ReferenceRow[]
}

/** Apply pulled rows to one reference table: a row replaces the stored one unless that has a newer revision. Joins the caller's transaction. */
export async function applyReferenceRows(db: BianminDb, table: ReferenceTableName, input: readonly unknown[]): Promise<void> {
  const rows = checkRows(table, input)
  const stored = await db.reference(table).bulkGet(rows.map(r => r.id))
  const newer = rows.filter((r, i) => (stored[i]?.revision ?? -Infinity) <= r.revision)
  await db.reference(table).bulkPut(newer.filter(r => !isDeletion(r)))
  await db.reference(table).bulkDelete(newer.filter(isDeletion).map(r => r.id))
}

/** Reference data access. */
export const referenceRepo = {
  /** Apply rows from a pull (by revision; `deleted: true` removes). One transaction. */
  async apply(table: ReferenceTableName, rows: readonly unknown[]): Promise<void> {
    const db = database()
    await guarded(() => db.transaction('rw', [table], () => applyReferenceRows(db, table, rows)))
  },
  /** Replace a whole table with a full snapshot from the server. One transaction. */
  async replaceAll(table: ReferenceTableName, rows: readonly unknown[]): Promise<void> {
    const db = database()
    const checked = checkRows(table, rows)
    await guarded(() => db.transaction('rw', [table], async () => {
      await db.reference(table).clear()
      await db.reference(table).bulkPut(checked.filter(r => !isDeletion(r)))
    }))
  },
  async get(table: ReferenceTableName, id: string): Promise<ReferenceRow | undefined> {
    return database().reference(table).get(id)
  },
  async list(table: ReferenceTableName): Promise<ReferenceRow[]> {
    return database().reference(table).toArray()
  },
  /** The highest revision held for a table (0 when empty). */
  async maxRevision(table: ReferenceTableName): Promise<number> {
    const last = await database().reference(table).orderBy('revision').last()
    return last?.revision ?? 0
  },
}
