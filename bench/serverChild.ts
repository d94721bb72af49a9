/**
 * The real central endpoint as its own process for the Node-side bench cases (server-load, pouchdb-peer):
 * `node --import tsx src/server/main.ts` on 127.0.0.1 and a free port, on a fresh database of its own —
 * PGlite in a temp folder, or a new database on the DATABASE_URL server (created here and dropped again, so
 * the user's own DATABASE_URL database is never migrated or touched).
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import postgres from 'postgres'
import { openDatabase } from '../src/server/db'
import type { DatabaseHandle, DbKind } from '../src/server/db'

const root = path.join(import.meta.dirname, '..')

export interface Target {
  kind: DbKind
  /** What the server process gets in its environment. */
  env: Record<string, string>
  /** A handle of the bench's own (PGlite: only while no server runs; its folder is locked). */
  open: () => Promise<DatabaseHandle>
  cleanup: () => Promise<void>
}

export async function pgliteTarget(): Promise<Target> {
  const dir = mkdtempSync(path.join(tmpdir(), 'bianmin-bench-'))
  return { kind: 'pglite', env: { DATA_DIR: dir, DATABASE_URL: '' }, open: () => openDatabase({ dataDir: dir }), cleanup: async () => rmSync(dir, { recursive: true, force: true }) }
}

export async function postgresTarget(adminUrl: string): Promise<Target> {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} })
  const name = `bench_${Date.now()}_${Math.random().toString(36).slice(2, 8)}`
  await admin.unsafe(`create database "${name}"`)
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  const databaseUrl = url.toString()
  return {
    kind: 'postgres',
    env: { DATABASE_URL: databaseUrl, DATA_DIR: '' },
    open: () => openDatabase({ databaseUrl, maxConnections: 4 }),
    cleanup: async () => {
      await admin.unsafe(`drop database if exists "${name}" with (force)`)
      await admin.end()
    },
  }
}

/** PGlite always, PostgreSQL too when DATABASE_URL is set; BENCH_DBS=postgres (or pglite) keeps only that one. */
export function benchTargets(): (() => Promise<Target>)[] {
  const only = process.env.BENCH_DBS?.split(',').map(name => name.trim()).filter(Boolean)
  const kinds: (() => Promise<Target>)[] = []
  if (!only || only.includes('pglite'))
    kinds.push(pgliteTarget)
  const adminUrl = process.env.DATABASE_URL
  if (adminUrl && (!only || only.includes('postgres')))
    kinds.push(() => postgresTarget(adminUrl))
  return kinds
}

export interface Child {
  /** The URL it printed once listening. */
  url: Promise<string>
  stop: () => Promise<void>
}

/** Starts `script` (default the real server entry) with `env`; its URL is the first http://127.0.0.1:port it prints. */
export function startChild(env: Record<string, string>, script = 'src/server/main.ts'): Child {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: root,
    env: { ...process.env, ...env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', SEED_DEMO: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  const exited = new Promise<void>(resolve => child.once('exit', () => resolve()))
  const url = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      output += d.toString()
      const match = /http:\/\/127\.0\.0\.1:\d+/.exec(output)
      if (match)
        resolve(match[0])
    })
    child.stderr.on('data', (d: Buffer) => (output += d.toString()))
    void exited.then(() => reject(new Error(`${script} exited:\n${output}`)))
  })
  return {
    url,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null)
        child.kill('SIGTERM')
      await exited
    },
  }
}
