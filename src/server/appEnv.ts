/**
 * The Hono environment every route and middleware shares (`c.var.deps`, `c.var.log`, `c.var.requestId`) and
 * the dependencies it is built from. Its own module so routes need not import app.ts, which imports them.
 */
import type { Kysely } from 'kysely'
import type { Database, DbKind } from './db'
import type { Logger } from './logger'

export interface AppDeps {
  db: Kysely<Database>
  dbKind: DbKind
  /** The app version (package.json), reported by /api/health. */
  version: string
  /** The built PWA (default 'dist'); null serves no files. */
  staticDir?: string | null
  logger?: Logger
  /** The server clock (serverTime in sync answers); injectable for tests. */
  now?: () => Date
  /** How /api/health asks whether the database answers (DatabaseHandle.ping; default `select 1`). */
  dbPing?: () => Promise<void>
  /** Folder for blob bytes (DatabaseHandle.blobDir: PGlite on disk); null (default) keeps them in the database. */
  blobDir?: string | null
  /**
   * A reverse proxy of ours stands in front: believe X-Forwarded-For (client address, for rate limits) and
   * X-Forwarded-Proto (HTTPS, for HSTS). Default: TRUST_PROXY=1 in the environment.
   */
  trustProxy?: boolean
}

/** AppDeps with defaults applied, available to every route as `c.var.deps`. */
export type ResolvedDeps = Required<Omit<AppDeps, 'staticDir'>> & { staticDir: string | null }

export interface AppEnv {
  Variables: {
    deps: ResolvedDeps
    /** Child logger carrying the request id. */
    log: Logger
    requestId: string
  }
}
