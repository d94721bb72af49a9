/**
 * The central endpoint as a Hono app (DESIGN §5): API routes, the built PWA, JSON errors.
 * No listening here (main.ts does that), so tests call `createApp(deps).request(...)` in-process.
 */
import { randomUUID } from 'node:crypto'
import { Hono } from 'hono'
import { sql } from 'kysely'
import type { Kysely } from 'kysely'
import type { Database, DbKind } from './db'
import { errorHandler, notFound } from './errors'
import { createLogger } from './logger'
import type { Logger } from './logger'
import { blobRoutes } from './routes/api/blobs'
import { deviceRoutes } from './routes/api/devices'
import { healthRoutes } from './routes/api/health'
import { officeRoutes } from './routes/api/office'
import { publicBookingRoutes } from './routes/api/publicBooking'
import { publicRatingRoutes } from './routes/api/publicRatings'
import { syncRoutes } from './routes/api/sync'
import { securityHeaders } from './securityHeaders'
import { servePwa } from './static'

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

export type App = Hono<AppEnv>

export function createApp(deps: AppDeps): App {
  const resolved: ResolvedDeps = {
    ...deps,
    staticDir: deps.staticDir === undefined ? 'dist' : deps.staticDir,
    logger: deps.logger ?? createLogger(),
    now: deps.now ?? (() => new Date()),
    blobDir: deps.blobDir ?? null,
    dbPing: deps.dbPing ?? (async () => {
      await sql`select 1`.execute(deps.db)
    }),
    trustProxy: deps.trustProxy ?? process.env.TRUST_PROXY === '1',
  }
  const { logger } = resolved
  const app = new Hono<AppEnv>()

  app.use(async (c, next) => {
    const requestId = c.req.header('x-request-id')?.slice(0, 64) || randomUUID()
    const log = logger.child({ reqId: requestId })
    c.set('deps', resolved)
    c.set('log', log)
    c.set('requestId', requestId)
    const started = performance.now()
    await next()
    c.header('X-Request-Id', requestId)
    // A refused oversized body is left unread on the socket: reading it would cost what the limit saves, and
    // @hono/node-server's drain stalls behind the unread body stream, so the next request on that kept-alive
    // connection hung and was reset. Closing after the answer lets the client's next request open a fresh one.
    if (c.res.status === 413)
      c.header('Connection', 'close')
    // API answers are live data: never from an HTTP or service-worker cache.
    if (c.req.path.startsWith('/api/') && !c.res.headers.has('Cache-Control'))
      c.header('Cache-Control', 'no-store')
    log.info({ method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round(performance.now() - started) }, 'request')
  })

  app.use(securityHeaders())
  app.route('/api/health', healthRoutes())
  app.route('/api/devices', deviceRoutes())
  app.route('/api/sync', syncRoutes())
  app.route('/api/blobs', blobRoutes())
  app.route('/api/office', officeRoutes())
  app.route('/api/public/ratings', publicRatingRoutes())
  app.route('/api/public/booking', publicBookingRoutes())

  const pwa = resolved.staticDir === null ? undefined : servePwa(resolved.staticDir)
  if (pwa)
    app.use(pwa.files)

  // Routes registered after createApp (e.g. by tests) still match: the fallback lives in notFound.
  app.notFound(c => pwa?.fallback(c) ?? notFound(c))
  app.onError(errorHandler(logger))
  return app
}
