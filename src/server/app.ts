/**
 * The central endpoint as a Hono app (DESIGN §5): API routes, the built PWA, JSON errors.
 * No listening here (main.ts does that), so tests call `createApp(deps).request(...)` in-process.
 */
import { randomUUID } from 'node:crypto'
import { Hono } from 'hono'
import { sql } from 'kysely'
import type { AppDeps, AppEnv, ResolvedDeps } from './appEnv'
import { errorHandler, notFound } from './errors'
import { createLogger } from './logger'
import { blobRoutes } from './routes/api/blobs'
import { deviceRoutes } from './routes/api/devices'
import { healthRoutes } from './routes/api/health'
import { officeRoutes } from './routes/api/office'
import { publicBookingRoutes } from './routes/api/publicBooking'
import { publicRatingRoutes } from './routes/api/publicRatings'
import { publicResultsRoutes } from './routes/api/publicResults'
import { syncRoutes } from './routes/api/sync'
import { securityHeaders } from './securityHeaders'
import { servePwa } from './static'

export type { AppDeps, AppEnv, ResolvedDeps } from './appEnv'

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
  app.route('/api/public/results', publicResultsRoutes())

  const pwa = resolved.staticDir === null ? undefined : servePwa(resolved.staticDir)
  if (pwa)
    app.use(pwa.files)

  // Routes registered after createApp (e.g. by tests) still match: the fallback lives in notFound.
  app.notFound(c => pwa?.fallback(c) ?? notFound(c))
  app.onError(errorHandler(logger))
  return app
}
