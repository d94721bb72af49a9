// `npm start`: build the PWA when dist/ is missing or stale, then run the central endpoint (embedded
// PGlite unless DATABASE_URL is set) serving it and /api on PORT (8080), and say where to open it.
// `--api-only` (used by `npm run dev` under tsx watch) skips the build and serves no files: Vite does.
//
// Stale means the content hash of the build inputs differs from dist/.build-hash (scripts/build-pwa.ts).
import { networkInterfaces } from 'node:os'
import path from 'node:path'
import { startServer, optionsFromEnv } from '../src/server/main'
import { formatDemoInfo } from '../src/server/seed/demo'
import type { RunningServer } from '../src/server/main'
import { buildPwa, buildStatus, repoRoot } from './build-pwa'

const apiOnly = process.argv.includes('--api-only')

/** The database line of the banner; a password in DATABASE_URL is never printed. */
function describeDatabase(databaseUrl: string | undefined, dataDir: string): string {
  if (!databaseUrl) return `PGlite (${dataDir})`
  try {
    const url = new URL(databaseUrl)
    if (url.password) url.password = '***'
    return `PostgreSQL (${url.toString()})`
  }
  catch {
    return 'PostgreSQL (DATABASE_URL)'
  }
}

/** Addresses a tablet on the same network can use, when the server listens on all interfaces. */
function lanUrls(host: string, port: number): string[] {
  if (host !== '0.0.0.0' && host !== '::') return []
  return Object.values(networkInterfaces())
    .flat()
    .filter(info => info !== undefined && info.family === 'IPv4' && !info.internal)
    .map(info => `http://${info?.address}:${port}/`)
}

async function main(): Promise<void> {
  const fromEnv = optionsFromEnv()
  // Defaults relative to the repository, not the caller's directory; DATA_DIR/STATIC_DIR relative to the caller's.
  const dataDir = process.env.DATA_DIR ? path.resolve(process.env.DATA_DIR) : path.join(repoRoot, 'data')
  const staticDir = process.env.STATIC_DIR ? path.resolve(process.env.STATIC_DIR) : path.join(repoRoot, 'dist')

  if (!apiOnly) {
    const status = await buildStatus(staticDir)
    if (status.stale) {
      console.log(`正在构建应用 / Building the app (${status.reason}) …`)
      await buildPwa({ outDir: staticDir })
    }
    else {
      console.log(`应用已是最新构建 / The app build is up to date (${path.relative(process.cwd(), staticDir) || staticDir})`)
    }
  }

  let server: RunningServer
  try {
    server = await startServer({ ...fromEnv, dataDir, staticDir: apiOnly ? null : staticDir })
  }
  catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    const hint = (error as NodeJS.ErrnoException).code === 'EADDRINUSE'
      ? `\n端口 ${fromEnv.port} 已被占用 / Port ${fromEnv.port} is in use: stop the other process or set PORT, e.g. PORT=8081 npm start`
      : ''
    console.error(`便民站台启动失败 / Bianmin Counter could not start: ${message}${hint}`)
    process.exit(1)
  }

  const host = fromEnv.host ?? '0.0.0.0'
  const lan = lanUrls(host, server.port)
  const lines = [
    '',
    apiOnly ? '便民站台中心端已启动（仅接口）/ Bianmin Counter API is running' : '便民站台已启动 / Bianmin Counter is running',
    `  打开 / Open:        ${server.url}/${apiOnly ? 'api/health' : ''}`,
    ...lan.map(url => `  局域网 / On the LAN: ${url}`),
    `  数据库 / Database:  ${describeDatabase(fromEnv.databaseUrl, dataDir)}`,
    '  按 Ctrl+C 停止 / Press Ctrl+C to stop',
    '',
  ]
  // The demo station's enrollment code, staff PINs and office login (SEED_DEMO=0 before the first start: none).
  if (server.demo) lines.push(formatDemoInfo(server.demo, lan[0] ?? `${server.url}/`), '')
  console.log(lines.join('\n'))

  let stopping = false
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) process.exit(1) // a second Ctrl+C: do not wait
    stopping = true
    console.log(`\n正在停止 / Stopping (${signal}) …`)
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('关闭失败 / Close failed:', error)
        process.exit(1)
      },
    )
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch((error: unknown) => {
  console.error('便民站台启动失败 / Bianmin Counter could not start:', error instanceof Error ? error.message : error)
  process.exit(1)
})
