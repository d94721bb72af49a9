/**
 * `npm run bench`: build the bench page (bench/page) with Vite, serve it on 127.0.0.1, open it in real
 * Chromium with a persistent profile (IndexedDB on disk, as on a tablet), seed a station, run every case
 * (or those named: `npm run bench -- save pull`), print a table and write bench/results.json.
 *
 * Speed is reported as ratios against raw-Dexie baselines measured in the same run; nothing here passes or
 * fails on time (targets are printed, not asserted). Env: CHROMIUM_PATH, BENCH_STATION_CASES (default 5000: 3,000 in last month, the rest over the 35 others).
 *
 * `server-load` and `pouchdb-peer` are Node-side cases: the real server under N pushing tablets
 * (bench/serverLoad.ts), and ours against PouchDB → a CouchDB-compatible server (bench/pouchPeer.ts), on PGlite
 * and (with DATABASE_URL) PostgreSQL; their results go to `serverLoad` and `pouchdbPeer` in bench/results.json.
 * `app-shell` (bench/appShell.ts) builds the real app, serves it from the real server and measures its sizes, an
 * offline cold start at 4× CPU throttling and Lighthouse scores; its results go to `appShell`.
 * Named alone (`npm run bench -- server-load pouchdb-peer app-shell`) they run without the page cases and keep
 * the other cases' last results.
 */
import type { Server } from 'node:http'
import type { BrowserContext } from 'playwright-core'
import type { CaseInfo, CaseSamples, SeedInfo, Targets } from './page/protocol'
import type { Summary } from './stats'
import { execFileSync } from 'node:child_process'
import { readFile, rm, writeFile } from 'node:fs/promises'
import { createServer } from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'
import { build } from 'vite'
import { chromiumArgs, findChromium } from '../tests/e2e/support/chromium'
import { appShellTable, runAppShell } from './appShell'
import type { AppShellResult } from './appShell'
import { pouchPeerTable, runPouchPeer } from './pouchPeer'
import { mergeCases, readResults } from './results'
import type { PeerResult } from './pouchPeer'
import { runServerLoad, serverLoadTable } from './serverLoad'
import type { ServerLoadResult } from './serverLoad'
import { summarize } from './stats'

const SERVER_LOAD = 'server-load'
const POUCH_PEER = 'pouchdb-peer'
const APP_SHELL = 'app-shell'
const NODE_CASES = [SERVER_LOAD, POUCH_PEER, APP_SHELL]

const benchDir = path.dirname(fileURLToPath(import.meta.url))
const pageRoot = path.join(benchDir, 'page')
const tmpDir = path.join(benchDir, '.tmp')
const outDir = path.join(tmpDir, 'page')
const profileDir = path.join(tmpDir, 'chromium-profile')
const resultsFile = path.join(benchDir, 'results.json')

interface CaseResult {
  id: string
  title: string
  ours: string
  baseline: string
  runs: number
  warmup: number
  notes: string[]
  targets: Targets
  /** ms */
  oursMs: Summary
  /** ms */
  baselineMs: Summary
  /** ours median ÷ baseline median */
  ratio: number
  /** Each target and whether it was met. */
  met: Record<string, boolean>
}

async function buildPage(): Promise<void> {
  await build({
    root: pageRoot,
    configFile: false,
    plugins: [],
    base: './',
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true, target: 'es2022', reportCompressedSize: false },
  })
}

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
}

/** A tiny static server for the built page, on 127.0.0.1 and a free port. */
async function serve(root: string): Promise<{ server: Server, url: string }> {
  const server = createServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname)
    const file = path.join(root, pathname === '/' ? 'index.html' : pathname)
    if (!file.startsWith(root + path.sep)) {
      res.writeHead(403).end()
      return
    }
    readFile(file).then((body) => {
      res.writeHead(200, {
        'content-type': contentTypes[path.extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-store',
        // Cross-origin isolation: performance.now() at 5 µs instead of 100 µs.
        'cross-origin-opener-policy': 'same-origin',
        'cross-origin-embedder-policy': 'require-corp',
      })
      res.end(body)
    }, () => res.writeHead(404).end())
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', resolve)
  })
  const address = server.address()
  if (address === null || typeof address === 'string')
    throw new Error('the bench server has no port')
  return { server, url: `http://127.0.0.1:${address.port}/` }
}

function checkTargets(targets: Targets, ours: Summary, ratio: number): Record<string, boolean> {
  const met: Record<string, boolean> = {}
  if (targets.maxRatio !== undefined)
    met[`ratio ≤ ${targets.maxRatio}`] = ratio <= targets.maxRatio
  if (targets.maxP95Ms !== undefined)
    met[`p95 ≤ ${targets.maxP95Ms} ms`] = ours.p95 <= targets.maxP95Ms
  if (targets.maxMedianMs !== undefined)
    met[`median ≤ ${targets.maxMedianMs} ms`] = ours.median <= targets.maxMedianMs
  return met
}

function result(info: CaseInfo, samples: CaseSamples): CaseResult {
  const oursMs = summarize(samples.ours)
  const baselineMs = summarize(samples.baseline)
  const ratio = oursMs.median / baselineMs.median
  return { ...info, notes: samples.notes, oursMs, baselineMs, ratio, met: checkTargets(info.targets, oursMs, ratio) }
}

function ms(value: number): string {
  return value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2)
}

/** A Markdown table (the README shows it as printed). */
function table(results: readonly CaseResult[]): string {
  const rows = [
    '| case | ours median | ours p95 | raw median | raw p95 | ours ÷ raw | runs | targets |',
    '|---|--:|--:|--:|--:|--:|--:|---|',
    ...results.map((r) => {
      const targets = Object.entries(r.met).map(([target, ok]) => `${target} ${ok ? '✓' : '✗'}`).join(', ') || '–'
      const title = r.notes.length ? `${r.title} (${r.notes.join('; ')})` : r.title
      return `| ${title} | ${ms(r.oursMs.median)} ms | ${ms(r.oursMs.p95)} ms | ${ms(r.baselineMs.median)} ms | ${ms(r.baselineMs.p95)} ms | ${r.ratio.toFixed(2)}× | ${r.runs} | ${targets} |`
    }),
  ]
  return rows.join('\n')
}

/** The full version (the user agent says only 156.0.0.0). */
function chromiumVersion(chromiumPath: string): string | undefined {
  try {
    return /\d+\.\d+\.\d+\.\d+/.exec(execFileSync(chromiumPath, ['--version'], { encoding: 'utf8', timeout: 10_000 }))?.[0]
  }
  catch {
    return undefined
  }
}

function machine(userAgent: string, chromiumPath: string) {
  const cpus = os.cpus()
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    memoryGiB: Math.round(os.totalmem() / 2 ** 30 * 10) / 10,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    node: process.version,
    chromium: chromiumVersion(chromiumPath) ?? /(?:HeadlessChrome|Chrome)\/([\d.]+)/.exec(userAgent)?.[1] ?? userAgent,
    chromiumPath,
  }
}

async function serverLoad(): Promise<ServerLoadResult[]> {
  console.log('server-load: the real server, N tablets pushing 100-event batches…')
  const results = await runServerLoad()
  console.log(`\n${serverLoadTable(results)}\n`)
  return results
}

async function appShell(chromiumPath: string): Promise<AppShellResult> {
  console.log('app-shell: build, serve, cold start offline at 4× CPU, Lighthouse…')
  const result = await runAppShell(chromiumPath)
  console.log(`\n${appShellTable(result)}\n`)
  for (const [scope, scores] of [['mobile', result.lighthouse.mobile], ['desktop', result.lighthouse.desktop]] as const) {
    for (const flagged of scores.flagged)
      console.log(`  lighthouse ${scope}: ${flagged}`)
  }
  return result
}

async function pouchPeer(): Promise<PeerResult[]> {
  console.log('pouchdb-peer: ours (the real client and server) against PouchDB → express-pouchdb, 10,000 case events…')
  const results = await runPouchPeer()
  console.log(`\n${pouchPeerTable(results)}\n`)
  return results
}

/** The Node-side cases asked for, as results.json sections. */
async function nodeCases(requested: readonly string[], host: { cpus: number, node: string }): Promise<Record<string, unknown>> {
  const sections: Record<string, unknown> = {}
  if (requested.includes(APP_SHELL))
    sections.appShell = { date: new Date().toISOString(), ...await appShell(findChromium()) }
  if (requested.includes(POUCH_PEER))
    sections.pouchdbPeer = { date: new Date().toISOString(), cpus: host.cpus, node: host.node, runs: await pouchPeer() }
  if (requested.includes(SERVER_LOAD))
    sections.serverLoad = { date: new Date().toISOString(), cpus: host.cpus, node: host.node, runs: await serverLoad() }
  return sections
}

/** Only Node-side cases named (`npm run bench -- server-load`): no browser; results.json keeps the other cases of the last run. */
async function nodeCasesOnly(requested: readonly string[]): Promise<void> {
  const sections = await nodeCases(requested, { cpus: os.cpus().length, node: process.version })
  const previous = await readResults(resultsFile)
  await writeFile(resultsFile, `${JSON.stringify({ ...previous, ...sections }, null, 2)}\n`)
  console.log(`wrote ${path.relative(process.cwd(), resultsFile)}`)
}

async function main(): Promise<void> {
  const requested = process.argv.slice(2)
  if (requested.length > 0 && requested.every(id => NODE_CASES.includes(id)))
    return nodeCasesOnly(requested)
  const withNodeCases = requested.length === 0 ? NODE_CASES : requested.filter(id => NODE_CASES.includes(id))
  const only = requested.filter(id => !NODE_CASES.includes(id))
  const stationCases = Number(process.env.BENCH_STATION_CASES ?? 5000)
  if (!Number.isInteger(stationCases) || stationCases < 1)
    throw new Error(`BENCH_STATION_CASES must be a positive integer, got ${process.env.BENCH_STATION_CASES}`)
  const chromiumPath = findChromium()
  const started = Date.now()

  await buildPage()
  await rm(profileDir, { recursive: true, force: true })
  let server: Server | undefined
  let context: BrowserContext | undefined
  const stop = () => {
    void context?.close()
    server?.close()
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
  try {
    const served = await serve(outDir)
    server = served.server
    context = await chromium.launchPersistentContext(profileDir, { executablePath: chromiumPath, headless: true, args: chromiumArgs })
    const page = context.pages()[0] ?? await context.newPage()
    const pageErrors: string[] = []
    page.on('pageerror', error => pageErrors.push(error.message))
    await page.goto(served.url)
    await page.waitForFunction(() => window.bench !== undefined, undefined, { timeout: 15_000 }).catch(() => {
      throw new Error(`the bench page did not load: ${pageErrors.join('; ') || 'no window.bench'}`)
    })
    const userAgent = await page.evaluate(() => window.bench?.userAgent ?? '')
    const host = machine(userAgent, chromiumPath)
    const all = await page.evaluate(() => window.bench?.list() ?? [])
    const selected = only.length ? all.filter(c => only.includes(c.id)) : all
    if (selected.length === 0)
      throw new Error(`no bench case matches ${only.join(', ')}; cases: ${all.map(c => c.id).join(', ')}`)

    console.log(`Chromium ${host.chromium}, ${host.cpus} cores; seeding ${stationCases} cases…`)
    const seed: SeedInfo = await page.evaluate(async (options) => {
      if (!window.bench) throw new Error('window.bench is gone')
      return window.bench.seed(options)
    }, { cases: stationCases })
    console.log(`seeded ${seed.cases} cases, ${seed.events} events, projections built, in ${(seed.ms / 1000).toFixed(1)} s; its full projection rebuild took ${(seed.rebuildMs / 60_000).toFixed(2)} min`)

    const results: CaseResult[] = []
    for (const info of selected) {
      const t0 = Date.now()
      const samples = await page.evaluate(async (id) => {
        if (!window.bench) throw new Error('window.bench is gone')
        return window.bench.run(id)
      }, info.id)
      const r = result(info, samples)
      results.push(r)
      console.log(`  ${info.id}: ours ${ms(r.oursMs.median)} ms, raw ${ms(r.baselineMs.median)} ms, ${r.ratio.toFixed(2)}× (${((Date.now() - t0) / 1000).toFixed(1)} s)`)
    }
    await page.evaluate(async () => window.bench?.cleanup())
    if (pageErrors.length)
      console.warn(`page errors: ${pageErrors.join('; ')}`)

    console.log(`\n${table(results)}\n`)
    for (const r of results)
      console.log(`- ${r.id}: ours = ${r.ours}; raw = ${r.baseline}`)
    await context.close()
    context = undefined
    const sections = await nodeCases(withNodeCases, host)
    // Merged into the last results: cases and sections not run this time keep theirs.
    const previous = await readResults(resultsFile)
    const report = {
      ...previous,
      date: new Date().toISOString(),
      machine: host,
      station: { cases: seed.cases, events: seed.events, seedSeconds: Math.round(seed.ms / 100) / 10, rebuildMinutes: Math.round(seed.rebuildMs / 600) / 100 },
      totalSeconds: Math.round((Date.now() - started) / 100) / 10,
      cases: mergeCases(previous.cases, results.map(r => ({
        id: r.id,
        title: r.title,
        ours: r.ours,
        baseline: r.baseline,
        notes: r.notes,
        runs: r.runs,
        warmup: r.warmup,
        medianMs: round(r.oursMs.median),
        p95Ms: round(r.oursMs.p95),
        minMs: round(r.oursMs.min),
        maxMs: round(r.oursMs.max),
        baselineMedianMs: round(r.baselineMs.median),
        baselineP95Ms: round(r.baselineMs.p95),
        ratio: round(r.ratio),
        targets: r.met,
      }))),
      ...sections,
    }
    await writeFile(resultsFile, `${JSON.stringify(report, null, 2)}\n`)
    console.log(`\nwrote ${path.relative(process.cwd(), resultsFile)} in ${report.totalSeconds} s`)
  }
  finally {
    process.off('SIGINT', stop)
    process.off('SIGTERM', stop)
    await context?.close()
    await new Promise<void>(resolve => server ? server.close(() => resolve()) : resolve())
  }
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack ?? error.message : error)
  process.exitCode = 1
})
