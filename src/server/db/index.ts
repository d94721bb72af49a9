/**
 * The database of the central endpoint (DESIGN §5): Kysely over embedded PGlite by default (data
 * under DATA_DIR, nothing to install) or PostgreSQL when a DATABASE_URL is given. Same migrations,
 * same queries. Both dialects return int8 (seq, count(*)) as JS numbers and jsonb parsed.
 *
 * PGlite on disk (issue 10): the folder is locked for the life of the handle (dataDirLock.ts: a second
 * process is refused), and PGlite runs in a worker thread (pgliteThread/) so the HTTP loop keeps
 * answering while the database works. In memory (tests) it runs on the calling thread unless asked.
 */
import { mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { Kysely, PGliteDialect, sql } from 'kysely'
import type { RawBuilder } from 'kysely'
import { PostgresJSDialect } from 'kysely-postgres-js'
import postgres from 'postgres'
import { lockDataDir } from './dataDirLock'
import { INT8_OID, parseInt8 } from './int8'
import { PgliteThread, PgliteThreadDialect } from './pgliteThread/workerDialect'
import type { Database, JsonText } from './schema'

export type { Database, EventRow, JsonColumn, JsonText, EventsTable, MetaRow, MetaTable, NewEventRow } from './schema'
export { migrateToLatest, MigrationError, migrations } from './migrate'
export { DataDirLockedError } from './dataDirLock'

export type DbKind = 'pglite' | 'postgres'

export interface OpenDatabaseOptions {
  /** PGlite data folder (default ./data), created with its parents; 'memory://' keeps it in memory. */
  dataDir?: string
  /** A postgres:// URL: use PostgreSQL instead of PGlite. */
  databaseUrl?: string
  /** postgres.js pool size (default 10). */
  maxConnections?: number
  /** PGlite only: run it in a worker thread (default: on disk yes, in memory no). */
  pgliteThread?: 'worker' | 'main'
}

export interface DatabaseHandle {
  db: Kysely<Database>
  kind: DbKind
  /**
   * Resolves when the database answers. PGlite in a worker: the thread answers between two queries,
   * not after every queued one (a busy queue is load, not an outage). Otherwise `select 1`.
   */
  ping: () => Promise<void>
  /** Where blob bytes go as files (sync/blobFiles.ts): `<DATA_DIR>/blobs` for PGlite on disk, else null (in the database). */
  blobDir: string | null
  /** Ends the pool or closes PGlite (flushing it to disk); safe to call twice. */
  close: () => Promise<void>
}

export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<DatabaseHandle> {
  if (options.databaseUrl)
    return openPostgres(options.databaseUrl, options.maxConnections ?? 10)
  const dataDir = options.dataDir ?? './data'
  const inMemory = dataDir.startsWith('memory://')
  const thread = options.pgliteThread ?? (inMemory ? 'main' : 'worker')
  if (inMemory)
    return thread === 'worker' ? openPgliteWorker(dataDir) : openPglite(dataDir)
  const dir = resolve(dataDir)
  // PGlite does not create parent folders.
  mkdirSync(dir, { recursive: true })
  const lock = lockDataDir(dir)
  try {
    const handle = await (thread === 'worker' ? openPgliteWorker(dir) : openPglite(dir))
    return { ...handle, blobDir: join(dir, 'blobs'), close: once(async () => {
      try {
        await handle.close()
      }
      finally {
        lock.release()
      }
    }) }
  }
  catch (error) {
    lock.release()
    throw error
  }
}

async function openPgliteWorker(dir: string): Promise<DatabaseHandle> {
  const thread = await PgliteThread.start(dir)
  // One connection, serialised by Kysely's mutex, so db.transaction() is exclusive (as with PGliteDialect).
  const db = new Kysely<Database>({ dialect: new PgliteThreadDialect(thread) })
  return {
    db,
    kind: 'pglite',
    blobDir: null,
    ping: () => thread.ping(),
    close: once(async () => {
      await db.destroy()
      await thread.close()
    }),
  }
}

async function openPglite(dir: string): Promise<DatabaseHandle> {
  const pglite = await PGlite.create(dir, { parsers: { [INT8_OID]: parseInt8 } })
  // Kysely's built-in dialect serialises connections with a mutex, so db.transaction() is exclusive.
  const db = new Kysely<Database>({ dialect: new PGliteDialect({ pglite }) })
  return {
    db,
    kind: 'pglite',
    blobDir: null,
    ping: async () => {
      await sql`select 1`.execute(db)
    },
    close: once(async () => {
      await db.destroy()
      // destroy() leaves PGlite open when no query ever ran.
      if (!pglite.closed)
        await pglite.close()
    }),
  }
}

async function openPostgres(databaseUrl: string, max: number): Promise<DatabaseHandle> {
  const client = postgres(databaseUrl, {
    max,
    // "relation already exists, skipping" and the like are not worth a log line.
    onnotice: () => {},
    types: {
      int8: { to: INT8_OID, from: [INT8_OID], serialize: (n: number | bigint) => String(n), parse: parseInt8 },
    },
  })
  const db = new Kysely<Database>({ dialect: new PostgresJSDialect({ postgres: client }) })
  // Health's own connection (opened on first use): with every pool connection busy pushing, a `select 1`
  // through the pool waited seconds in line although the database was answering.
  let pinger: postgres.Sql | undefined
  let closed = false
  return {
    db,
    kind: 'postgres',
    blobDir: null,
    ping: async () => {
      if (closed)
        throw new Error('the database handle is closed')
      pinger ??= postgres(databaseUrl, { max: 1, idle_timeout: 60, onnotice: () => {} })
      await pinger`select 1`
    },
    close: once(async () => {
      closed = true
      await db.destroy()
      await client.end({ timeout: 5 })
      await pinger?.end({ timeout: 5 })
    }),
  }
}

function once(fn: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | undefined
  return () => (done ??= fn())
}

/**
 * A value for a jsonb column; always write jsonb through this. The parameter is sent as text and
 * cast in SQL: given a jsonb-typed parameter, postgres.js JSON-encodes a string a second time and
 * sends a JS array as a Postgres array, while PGlite does neither.
 */
export function jsonb(value: unknown): RawBuilder<JsonText> {
  return sql<JsonText>`cast(cast(${JSON.stringify(value)} as text) as jsonb)`
}

/** A count or sum as a number, whatever the driver returned (number, bigint or numeric text). */
export function toCount(value: number | bigint | string | null | undefined): number {
  if (value === null || value === undefined)
    return 0
  const n = Number(value)
  if (!Number.isFinite(n))
    throw new TypeError(`not a count: ${String(value)}`)
  return n
}
