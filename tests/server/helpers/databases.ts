/**
 * The databases every server suite runs against (DESIGN §5: same migrations, same queries, tested
 * on both): always embedded PGlite (in memory), plus PostgreSQL when DATABASE_URL is set. Each
 * `open()` makes a fresh, migrated database of its own: for PostgreSQL a new `bt_<time>_<random>`
 * database on the DATABASE_URL server, dropped again by `close()`, so parallel test files never
 * see each other's rows.
 *
 *   describe.each(testDatabases())('health on %s', (kind) => {
 *     let ctx: TestDatabase
 *     beforeAll(async () => { ctx = await kind.open() })
 *     afterAll(() => ctx.close())
 *     it('answers', async () => { const app = createApp({ db: ctx.db, dbKind: ctx.kind, ... }) })
 *   })
 *
 * Here: DATABASE_URL=postgres://postgres@127.0.0.1:5432/test (trust auth; the role needs CREATEDB).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import postgres from 'postgres'
import { migrateToLatest, openDatabase } from '../../../src/server/db'
import type { DatabaseHandle, DbKind } from '../../../src/server/db'

export interface TestDatabase extends DatabaseHandle {
  /** For PostgreSQL: the URL of this test's own database (e.g. to hand to startServer). */
  databaseUrl?: string
  /** Closes the connection and drops the database (PostgreSQL) or its temp folder (PGlite on disk). */
  close: () => Promise<void>
}

export interface OpenTestDatabaseOptions {
  /** Apply the migrations before returning (default true). */
  migrate?: boolean
  /** PGlite only: keep data in a temp folder instead of memory (to test reopening). */
  onDisk?: boolean
}

export interface TestDatabaseKind {
  name: DbKind
  open: (options?: OpenTestDatabaseOptions) => Promise<TestDatabase>
  /** So `describe.each(testDatabases())('… %s', …)` names the database. */
  toString: () => string
}

const PREFIX = 'bt_'
/** Databases left behind by a crashed run are dropped by a later run once they are this old. */
const STALE_MS = 24 * 60 * 60 * 1000

const pglite: TestDatabaseKind = { name: 'pglite', open: openPglite, toString: () => 'pglite' }

/** Every database kind this run tests: PGlite, plus PostgreSQL when DATABASE_URL is set. */
export function testDatabases(): TestDatabaseKind[] {
  const kinds: TestDatabaseKind[] = [pglite]
  const url = process.env.DATABASE_URL
  if (url)
    kinds.push({ name: 'postgres', open: options => openPostgres(url, options), toString: () => 'postgres' })
  return kinds
}

/** PGlite only, for suites whose subject does not depend on the database (static files, errors). */
export function embeddedDatabase(): TestDatabaseKind {
  return pglite
}

async function openPglite(options: OpenTestDatabaseOptions = {}): Promise<TestDatabase> {
  const dir = options.onDisk ? mkdtempSync(join(tmpdir(), 'bianmin-pglite-')) : undefined
  const handle = await openDatabase({ dataDir: dir ?? 'memory://' })
  if (options.migrate ?? true)
    await migrateToLatest(handle.db)
  return {
    ...handle,
    close: async () => {
      await handle.close()
      if (dir)
        rmSync(dir, { recursive: true, force: true })
    },
  }
}

async function openPostgres(adminUrl: string, options: OpenTestDatabaseOptions = {}): Promise<TestDatabase> {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} })
  const name = `${PREFIX}${Date.now()}_${Math.random().toString(36).slice(2, 10)}`
  try {
    await dropStale(admin)
    await admin.unsafe(`create database "${name}"`)
  }
  catch (error) {
    await admin.end()
    throw new Error(`cannot create a test database on DATABASE_URL (${redact(adminUrl)}): ${(error as Error).message}`, { cause: error })
  }
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  const databaseUrl = url.toString()
  const handle = await openDatabase({ databaseUrl, maxConnections: 4 })
  if (options.migrate ?? true)
    await migrateToLatest(handle.db)
  return {
    ...handle,
    databaseUrl,
    close: async () => {
      try {
        await handle.close()
        await admin.unsafe(`drop database if exists "${name}" with (force)`)
      }
      finally {
        await admin.end()
      }
    },
  }
}

async function dropStale(admin: postgres.Sql): Promise<void> {
  const rows = await admin<{ datname: string }[]>`select datname from pg_database where datname like ${`${PREFIX}%`}`
  for (const { datname } of rows) {
    const created = Number(datname.slice(PREFIX.length).split('_')[0])
    if (Number.isFinite(created) && Date.now() - created > STALE_MS)
      await admin.unsafe(`drop database if exists "${datname}" with (force)`).catch(() => {})
  }
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]+@/, '//$1:***@')
}
