/**
 * The database of the central endpoint (DESIGN §5): Kysely over embedded PGlite by default (data
 * under DATA_DIR, nothing to install) or PostgreSQL when a DATABASE_URL is given. Same migrations,
 * same queries. Both dialects return int8 (seq, count(*)) as JS numbers and jsonb parsed.
 */
import { mkdirSync } from 'node:fs'
import { resolve } from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { Kysely, PGliteDialect, sql } from 'kysely'
import type { RawBuilder } from 'kysely'
import { PostgresJSDialect } from 'kysely-postgres-js'
import postgres from 'postgres'
import type { Database, JsonText } from './schema'

export type { Database, EventRow, JsonColumn, JsonText, EventsTable, MetaRow, MetaTable, NewEventRow } from './schema'
export { migrateToLatest, MigrationError, migrations } from './migrate'

export type DbKind = 'pglite' | 'postgres'

export interface OpenDatabaseOptions {
  /** PGlite data folder (default ./data), created with its parents; 'memory://' keeps it in memory. */
  dataDir?: string
  /** A postgres:// URL: use PostgreSQL instead of PGlite. */
  databaseUrl?: string
  /** postgres.js pool size (default 10). */
  maxConnections?: number
}

export interface DatabaseHandle {
  db: Kysely<Database>
  kind: DbKind
  /** Ends the pool or closes PGlite (flushing it to disk); safe to call twice. */
  close: () => Promise<void>
}

const INT8_OID = 20

/** int8 → number, loudly refusing values a JS number cannot hold exactly (never expected for seq/counts). */
function parseInt8(text: string): number {
  const n = Number(text)
  if (!Number.isSafeInteger(n))
    throw new RangeError(`int8 value ${text} does not fit a JS number`)
  return n
}

export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<DatabaseHandle> {
  if (options.databaseUrl)
    return openPostgres(options.databaseUrl, options.maxConnections ?? 10)
  return openPglite(options.dataDir ?? './data')
}

async function openPglite(dataDir: string): Promise<DatabaseHandle> {
  const inMemory = dataDir.startsWith('memory://')
  const dir = inMemory ? dataDir : resolve(dataDir)
  // PGlite does not create parent folders.
  if (!inMemory)
    mkdirSync(dir, { recursive: true })
  const pglite = await PGlite.create(dir, { parsers: { [INT8_OID]: parseInt8 } })
  // Kysely's built-in dialect serialises connections with a mutex, so db.transaction() is exclusive.
  const db = new Kysely<Database>({ dialect: new PGliteDialect({ pglite }) })
  return {
    db,
    kind: 'pglite',
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
  return {
    db,
    kind: 'postgres',
    close: once(async () => {
      await db.destroy()
      await client.end({ timeout: 5 })
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
