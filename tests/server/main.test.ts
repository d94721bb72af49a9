import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import type { RunningServer, StartServerOptions } from '../../src/server/main'
import { optionsFromEnv, startServer } from '../../src/server/main'
import { validateBody } from '../../src/server/validate'
import type { TestDatabase } from './helpers/databases'
import { testDatabases } from './helpers/databases'

const root = join(import.meta.dirname, '..', '..')

/** POSTs a body with Transfer-Encoding: chunked over a real socket (no Content-Length). */
function postChunked(url: string, totalBytes: number): Promise<{ status: number, body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' } }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => (body += chunk))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
    })
    req.on('error', reject)
    const chunk = Buffer.alloc(64 * 1024, 'a')
    let sent = 0
    const write = () => {
      while (sent < totalBytes) {
        sent += chunk.length
        if (!req.write(chunk))
          return req.once('drain', write)
      }
      req.end()
    }
    write()
  })
}

describe.each(testDatabases())('startServer on %s', (kind) => {
  let ctx: TestDatabase
  let dir: string
  let server: RunningServer
  let options: StartServerOptions

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bianmin-main-'))
    ctx = await kind.open({ migrate: false })
    const dataDir = join(dir, 'nested', 'deeper', 'data')
    options = kind.name === 'postgres'
      ? { port: 0, host: '127.0.0.1', databaseUrl: ctx.databaseUrl, staticDir: null }
      : { port: 0, host: '127.0.0.1', dataDir, staticDir: null }
    server = await startServer(options)
    // Hono takes no new routes once it has answered a request: add the test's own before any.
    server.app.post('/api/test/upload', validateBody(z.object({ note: z.string() })), c => c.json({ ok: true }))
  })
  afterAll(async () => {
    await server.close()
    await ctx.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('listens on a free port, migrates, and answers health over HTTP', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(server.port).toBeGreaterThan(0)
    const res = await fetch(`${server.url}/api/health`)
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ status: 'ok', db: kind.name })
  })

  it('creates a missing, nested DATA_DIR for PGlite', () => {
    if (kind.name === 'pglite')
      expect(existsSync(join(dir, 'nested', 'deeper', 'data', 'PG_VERSION'))).toBe(true)
    else
      expect(existsSync(join(dir, 'nested'))).toBe(false)
  })

  it('answers 413 to an oversized chunked upload on a real socket', async () => {
    const res = await postChunked(`${server.url}/api/test/upload`, 2.5 * 1024 * 1024)
    expect(res.status).toBe(413)
    expect(JSON.parse(res.body)).toMatchObject({ error: 'payload-too-large' })
  })

  it('closes gracefully: in-flight requests finish, then nothing is accepted and the database is closed', async () => {
    const other = await kind.open({ migrate: false })
    const second = await startServer(kind.name === 'postgres'
      ? { ...options, databaseUrl: other.databaseUrl }
      : { ...options, dataDir: join(dir, 'second') })
    let started!: () => void
    const handlerStarted = new Promise<void>(resolve => (started = resolve))
    second.app.get('/api/test/slow', async (c) => {
      started()
      await new Promise(resolve => setTimeout(resolve, 300))
      return c.json({ finished: true })
    })
    const inFlight = fetch(`${second.url}/api/test/slow`)
    await handlerStarted
    // close() twice is harmless.
    await Promise.all([second.close(), second.close()])
    const res = await inFlight
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ finished: true })
    await expect(fetch(`${second.url}/api/health`)).rejects.toThrow()
    await expect(second.database.db.selectFrom('events').select('id').execute()).rejects.toThrow()
    await other.close()
  }, 90_000)
})

describe('the server process', () => {
  let dir: string
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'bianmin-proc-'))
  })
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true })
  })

  it('reads its options from the environment with the documented defaults', () => {
    expect(optionsFromEnv({})).toMatchObject({ port: 8080, host: '0.0.0.0', dataDir: './data', databaseUrl: undefined })
    expect(optionsFromEnv({ PORT: '9090', HOST: '127.0.0.1', DATA_DIR: '/srv/bm', DATABASE_URL: 'postgres://x@h/db' }))
      .toMatchObject({ port: 9090, host: '127.0.0.1', dataDir: '/srv/bm', databaseUrl: 'postgres://x@h/db' })
    expect(() => optionsFromEnv({ PORT: 'eighty' })).toThrow(/PORT/)
  })

  it('prints its URL, serves, and exits 0 on SIGTERM', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
      cwd: root,
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: join(dir, 'a', 'b'), DATABASE_URL: '', LOG_LEVEL: 'warn', SEED_DEMO: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    child.stderr.on('data', (d: Buffer) => (output += d.toString()))
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        output += d.toString()
        const match = /http:\/\/127\.0\.0\.1:\d+/.exec(output)
        if (match)
          resolve(match[0])
      })
      child.once('exit', code => reject(new Error(`exited ${code} before listening:\n${output}`)))
    })
    const res = await fetch(`${url}/api/health`)
    expect(await res.json()).toMatchObject({ status: 'ok', db: 'pglite' })
    const exited = new Promise<number | null>(resolve => child.once('exit', code => resolve(code)))
    child.kill('SIGTERM')
    expect(await exited).toBe(0)
    await expect(fetch(`${url}/api/health`)).rejects.toThrow()
  }, 90_000)
})
