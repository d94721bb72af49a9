/**
 * The central endpoint process: open the database, migrate, serve the app, close gracefully.
 * `tsx src/server/main.ts` runs it from the environment (PORT, HOST, DATA_DIR, DATABASE_URL,
 * LOG_LEVEL); scripts and tests call `startServer(options)` in-process.
 */
import { realpathSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'
import { serve } from '@hono/node-server'
import type { ServerType } from '@hono/node-server'
import { createApp } from './app'
import type { App } from './app'
import { migrateToLatest, openDatabase } from './db'
import type { DatabaseHandle } from './db'
import { createLogger } from './logger'
import { schedulePersonalDataPurge } from './privacy/serverPurge'
import { formatDemoInfo, seedOnStart } from './seed/demo'
import type { DemoInfo } from './seed/demo'
import type { Logger } from './logger'
import { appVersion } from './version'

export interface StartServerOptions {
  /** Default 8080; 0 picks a free port. */
  port?: number
  /** Default '0.0.0.0'. */
  host?: string
  /** PGlite data folder (default ./data); ignored when databaseUrl is set. */
  dataDir?: string
  /** PostgreSQL instead of PGlite. */
  databaseUrl?: string
  /** The built PWA (default 'dist'); null serves no files. */
  staticDir?: string | null
  logger?: Logger
  /** How long close() lets in-flight requests finish before cutting connections (default 10 s). */
  closeTimeoutMs?: number
  /** Seed the demo into an empty database (default true; SEED_DEMO=0 turns it off). */
  seedDemo?: boolean
}

export interface RunningServer {
  /** Where to open the app, e.g. http://localhost:8080 (localhost when bound to all interfaces). */
  url: string
  port: number
  app: App
  database: DatabaseHandle
  /** The demo's station, enrollment code, PINs and office login to print (formatDemoInfo), or null. */
  demo: DemoInfo | null
  /** Stops accepting, lets in-flight requests finish, closes the database. Safe to call twice. */
  close: () => Promise<void>
}

/** The options main.ts reads from the environment. */
export function optionsFromEnv(env: NodeJS.ProcessEnv = process.env): StartServerOptions {
  const port = env.PORT ? Number(env.PORT) : 8080
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be a port number, got ${env.PORT}`)
  return {
    port,
    host: env.HOST || '0.0.0.0',
    dataDir: env.DATA_DIR || './data',
    databaseUrl: env.DATABASE_URL || undefined,
    staticDir: env.STATIC_DIR || 'dist',
    seedDemo: env.SEED_DEMO !== '0',
  }
}

export async function startServer(options: StartServerOptions = {}): Promise<RunningServer> {
  const logger = options.logger ?? createLogger()
  const host = options.host ?? '0.0.0.0'
  const database = await openDatabase({ dataDir: options.dataDir, databaseUrl: options.databaseUrl })
  let server: ServerType | undefined
  try {
    const applied = await migrateToLatest(database.db)
    for (const m of applied)
      logger.info({ migration: m.migrationName, status: m.status }, 'migration')
    const demo = await seedOnStart(database.db, { seedDemo: options.seedDemo ?? true })
    const app = createApp({
      db: database.db,
      dbKind: database.kind,
      dbPing: database.ping,
      blobDir: database.blobDir,
      version: appVersion,
      staticDir: options.staticDir,
      logger,
    })
    const listening = await new Promise<{ server: ServerType, port: number }>((resolve, reject) => {
      const s = serve({ fetch: app.fetch, port: options.port ?? 8080, hostname: host }, (info: AddressInfo) => {
        resolve({ server: s, port: info.port })
      })
      s.once('error', reject)
    })
    server = listening.server
    const { port } = listening
    // Issue 11 item 4: the central retention purge, daily (first a minute after start).
    const stopPurge = schedulePersonalDataPurge(database.db, logger)
    const url = `http://${publicHost(host)}:${port}`
    logger.info({ url, db: database.kind, version: appVersion }, 'listening')
    return { url, port, app, database, demo, close: once(() => {
      stopPurge()
      return closeServer(listening.server, database, options.closeTimeoutMs ?? 10_000)
    }) }
  }
  catch (error) {
    server?.close()
    await database.close()
    throw error
  }
}

async function closeServer(server: ServerType, database: DatabaseHandle, timeoutMs: number): Promise<void> {
  const closed = new Promise<void>((resolve) => {
    server.close(() => resolve())
  })
  // Keep-alive sockets would hold close() open; busy ones get until the timeout.
  if ('closeIdleConnections' in server)
    server.closeIdleConnections()
  const timer = setTimeout(() => {
    if ('closeAllConnections' in server)
      server.closeAllConnections()
  }, timeoutMs)
  timer.unref()
  await closed
  clearTimeout(timer)
  await database.close()
}

function publicHost(host: string): string {
  if (host === '0.0.0.0' || host === '::' || host === '')
    return 'localhost'
  return host.includes(':') ? `[${host}]` : host
}

function once(fn: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | undefined
  return () => (done ??= fn())
}

/** Runs the process: start, print the URL, close on SIGINT/SIGTERM (a second signal forces exit). */
export async function main(): Promise<void> {
  const logger = createLogger()
  let running: RunningServer
  try {
    running = await startServer({ ...optionsFromEnv(), logger })
  }
  catch (err) {
    logger.fatal({ err }, 'could not start')
    console.error('便民站台中心端启动失败 (could not start):', err instanceof Error ? err.message : err)
    process.exit(1)
  }
  console.log(`便民站台中心端已启动 (central endpoint running): ${running.url}  [${running.database.kind}]`)
  if (running.demo)
    console.log(formatDemoInfo(running.demo, running.url))

  let stopping = false
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal: exiting now')
      process.exit(1)
    }
    stopping = true
    logger.info({ signal }, 'closing')
    running.close().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, 'close failed')
        process.exit(1)
      },
    )
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

function isEntryPoint(): boolean {
  if (!process.argv[1])
    return false
  try {
    return realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url))
  }
  catch {
    return false
  }
}

if (isEntryPoint())
  void main()
