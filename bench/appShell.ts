/**
 * `app-shell` (issue 12 item 5, issue 14 item 11): the built counter app served by the real server (precompressed
 * brotli/gzip, cache headers) and measured as a tablet meets it.
 *
 * - Sizes from the build (the same figures tests/e2e/appBudget.test.ts checks): first screen JS + CSS gzipped,
 *   precache.
 * - Cold start offline: an enrolled tablet whose service worker controls the app, the network off, 4× CPU
 *   throttling (CDP Emulation.setCPUThrottlingRate); a new page opens `/` and the time is taken, on the page's
 *   own clock from navigation start, when the counter's first screen is drawn — the sign-in name list, since a
 *   cold start never opens signed in (stores/session.ts) — and the main thread is free to take a tap (the next
 *   macrotask after the staff tile appears). It reads the device, staff and settings from IndexedDB, as the home
 *   screen does. Target ≤ 1.5 s.
 * - Lighthouse 12.8.2 on the counter's first screen (a new tablet: `/`, which opens enrollment), mobile (its
 *   default simulated slow 4G and 4× CPU) and desktop: performance, accessibility, best practices. Its simulated
 *   throttling still moves with the machine's load, so each is run `BENCH_LIGHTHOUSE_RUNS` times (default 3) and
 *   the median run reported (Lighthouse's own pick: nearest the median FCP and TTI), with every run's score and
 *   the load average; the median run's reports are kept in bench/.tmp/app-shell/lighthouse-*.json.
 */
import type { Page } from 'playwright-core'
import type { DemoInfo } from '../src/server/seed/demo'
import { mkdir, rm, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import * as chromeLauncher from 'chrome-launcher'
import lighthouse from 'lighthouse'
import desktopConfig from 'lighthouse/core/config/desktop-config.js'
import { computeMedianRun } from 'lighthouse/core/lib/median-run.js'
import { chromium } from 'playwright-core'
import { buildPwa } from '../scripts/build-pwa'
import { createLogger } from '../src/server/logger'
import { startServer } from '../src/server/main'
import { FIRST_SCREEN_TARGET_BYTES, firstScreen, precache, PRECACHE_TARGET_BYTES } from '../tests/e2e/support/budget'
import { chromiumArgs } from '../tests/e2e/support/chromium'
import { summarize } from './stats'
import type { Summary } from './stats'

const benchDir = path.dirname(fileURLToPath(import.meta.url))
const workDir = path.join(benchDir, '.tmp', 'app-shell')

export const COLD_START_TARGET_MS = 1500
const COLD_START_RUNS = 7
const CPU_THROTTLING = 4
const LIGHTHOUSE_RUNS = Number(process.env.BENCH_LIGHTHOUSE_RUNS ?? 3)

export interface LighthouseScores {
  performance: number
  accessibility: number
  bestPractices: number
  /** Key metrics, ms (CLS unitless). */
  metrics: Record<string, number>
  /** Audits of the three categories that did not pass (score < 1), by id with their title. */
  flagged: string[]
  /** Every run's performance score (the figures above are the median run's). */
  performanceRuns: number[]
}

export interface AppShellResult {
  firstScreenGzipBytes: number
  firstScreenTargetBytes: number
  firstScreenFiles: number
  precacheBytes: number
  precacheTargetBytes: number
  precacheFiles: number
  coldStart: { cpuThrottling: number, runs: number, ms: Summary, targetMs: number, met: boolean }
  lighthouse: { version: string, url: string, runs: number, loadAverage: number[], mobile: LighthouseScores, desktop: LighthouseScores }
  met: Record<string, boolean>
}

/** Enrolls the tablet with the demo's code; it then opens on the sign-in name list. */
async function enroll(page: Page, origin: string, demo: DemoInfo): Promise<string> {
  const staff = demo.staff[0]
  if (!staff)
    throw new Error('the demo station has no staff')
  await page.goto(`${origin}/`)
  await page.locator('[data-test="enroll-code"] input').fill(demo.enrollmentCode.code, { timeout: 60_000 })
  await page.locator('[data-test="enroll-submit"]').click()
  const tile = `[data-test="staff-${staff.id}"]`
  await page.locator(tile).waitFor({ timeout: 60_000 })
  return tile
}

async function waitForServiceWorker(page: Page, screen: string): Promise<void> {
  await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready
    const worker = registration.active
    if (worker && worker.state !== 'activated')
      await new Promise<void>(resolve => worker.addEventListener('statechange', () => worker.state === 'activated' && resolve()))
  })
  if (await page.evaluate(() => navigator.serviceWorker.controller === null))
    await page.reload()
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 30_000 })
  await page.locator(screen).waitFor({ timeout: 60_000 })
}

async function coldStarts(chromiumPath: string, origin: string, demo: DemoInfo): Promise<number[]> {
  const profile = path.join(workDir, 'chromium-profile')
  const context = await chromium.launchPersistentContext(profile, { executablePath: chromiumPath, headless: true, args: chromiumArgs, viewport: { width: 1280, height: 800 }, locale: 'zh-CN' })
  try {
    const first = context.pages()[0] ?? await context.newPage()
    const screen = await enroll(first, origin, demo)
    await waitForServiceWorker(first, screen)
    await context.setOffline(true)
    const samples: number[] = []
    for (let run = 0; run <= COLD_START_RUNS; run++) {
      const page = await context.newPage()
      const cdp = await context.newCDPSession(page)
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_THROTTLING })
      await page.goto(`${origin}/`, { waitUntil: 'commit' })
      await page.waitForFunction(selector => document.querySelector(selector) !== null, screen, { polling: 'raf', timeout: 60_000 })
      const ms = await page.evaluate(() => new Promise<number>(resolve => setTimeout(() => resolve(performance.now()), 0)))
      if (run > 0) // the first start after going offline warms the disk cache of the worker's Cache Storage
        samples.push(ms)
      await cdp.detach()
      await page.close()
    }
    if (first.isClosed() === false)
      await first.close()
    return samples
  }
  finally {
    await context.close()
  }
}

type Lhr = Awaited<ReturnType<typeof lighthouse>>

type Report = NonNullable<Lhr>['lhr']

function scoresOf(lhr: Report, runs: readonly Report[]): LighthouseScores {
  const score = (id: string) => Math.round((lhr.categories[id]?.score ?? 0) * 100)
  const flagged: string[] = []
  for (const id of ['performance', 'accessibility', 'best-practices']) {
    for (const ref of lhr.categories[id]?.auditRefs ?? []) {
      const audit = lhr.audits[ref.id]
      if (audit && audit.score !== null && audit.score < 1 && ref.weight > 0) {
        // Which elements (accessibility audits list them): the first three selectors.
        const items = (audit.details as { items?: { node?: { selector?: string, snippet?: string } }[] } | undefined)?.items ?? []
        const nodes = items.flatMap(item => item.node?.selector ? [item.node.selector] : []).slice(0, 3)
        flagged.push(`${id}/${ref.id} (${audit.score.toFixed(2)}): ${audit.title}${nodes.length ? ` — ${nodes.join('; ')}` : ''}`)
      }
    }
  }
  const metric = (id: string) => Math.round((lhr.audits[id]?.numericValue ?? Number.NaN) * 1000) / 1000
  return {
    performance: score('performance'),
    accessibility: score('accessibility'),
    bestPractices: score('best-practices'),
    metrics: {
      fcpMs: metric('first-contentful-paint'),
      lcpMs: metric('largest-contentful-paint'),
      tbtMs: metric('total-blocking-time'),
      cls: metric('cumulative-layout-shift'),
      speedIndexMs: metric('speed-index'),
    },
    flagged,
    performanceRuns: runs.map(run => Math.round((run.categories.performance?.score ?? 0) * 100)),
  }
}

/** `runs` Lighthouse runs of one configuration; the median run's scores, its report kept under `name`. */
async function lighthouseRuns(url: string, flags: Parameters<typeof lighthouse>[1], config: Parameters<typeof lighthouse>[2], name: string): Promise<LighthouseScores> {
  const reports: Report[] = []
  for (let run = 0; run < LIGHTHOUSE_RUNS; run++) {
    const result = await lighthouse(url, flags, config)
    if (!result)
      throw new Error('Lighthouse returned no result')
    reports.push(result.lhr)
  }
  const median = computeMedianRun(reports)
  await writeFile(path.join(workDir, `lighthouse-${name}.json`), JSON.stringify(median))
  return scoresOf(median, reports)
}

async function runLighthouse(chromiumPath: string, url: string): Promise<{ version: string, loadAverage: number[], mobile: LighthouseScores, desktop: LighthouseScores }> {
  if (!Number.isInteger(LIGHTHOUSE_RUNS) || LIGHTHOUSE_RUNS < 1)
    throw new Error(`BENCH_LIGHTHOUSE_RUNS must be a positive integer, got ${process.env.BENCH_LIGHTHOUSE_RUNS}`)
  const chrome = await chromeLauncher.launch({ chromePath: chromiumPath, chromeFlags: ['--headless=new', ...chromiumArgs] })
  try {
    const flags = { port: chrome.port, output: 'json' as const, logLevel: 'error' as const, onlyCategories: ['performance', 'accessibility', 'best-practices'] }
    const loadAverage = os.loadavg().map(n => Math.round(n * 100) / 100)
    const mobile = await lighthouseRuns(url, flags, undefined, 'mobile')
    const desktop = await lighthouseRuns(url, flags, desktopConfig, 'desktop')
    return { version: lighthouseVersion(), loadAverage, mobile, desktop }
  }
  finally {
    await chrome.kill()
  }
}

/** The Lighthouse version installed (package.json), for the table even when a run fails. */
export function lighthouseVersion(): string {
  const require = createRequire(import.meta.url)
  return (require('lighthouse/package.json') as { version: string }).version
}

export async function runAppShell(chromiumPath: string): Promise<AppShellResult> {
  await rm(workDir, { recursive: true, force: true })
  await mkdir(workDir, { recursive: true })
  const www = path.join(workDir, 'www')
  await buildPwa({ outDir: www, buildId: `bench-${Date.now()}`, output: 'capture' })
  const [screen, cached] = await Promise.all([firstScreen(www), precache(www)])
  const server = await startServer({ port: 0, host: '127.0.0.1', dataDir: path.join(workDir, 'data'), staticDir: www, seedDemo: true, logger: createLogger({ level: 'silent' }) })
  try {
    if (!server.demo)
      throw new Error('the server seeded no demo station')
    const origin = `http://127.0.0.1:${server.port}`
    const coldMs = summarize(await coldStarts(chromiumPath, origin, server.demo))
    const lh = await runLighthouse(chromiumPath, `${origin}/`)
    const result: AppShellResult = {
      firstScreenGzipBytes: screen.total,
      firstScreenTargetBytes: FIRST_SCREEN_TARGET_BYTES,
      firstScreenFiles: screen.js.size + screen.css.size,
      precacheBytes: cached.bytes,
      precacheTargetBytes: PRECACHE_TARGET_BYTES,
      precacheFiles: cached.urls.length,
      coldStart: { cpuThrottling: CPU_THROTTLING, runs: COLD_START_RUNS, ms: coldMs, targetMs: COLD_START_TARGET_MS, met: coldMs.median <= COLD_START_TARGET_MS },
      lighthouse: { ...lh, runs: LIGHTHOUSE_RUNS, url: '/ (a new tablet: enrollment)' },
      met: {},
    }
    result.met = {
      'first screen ≤ 150 KB gz': screen.total <= FIRST_SCREEN_TARGET_BYTES,
      'precache ≤ 2.5 MB': cached.bytes <= PRECACHE_TARGET_BYTES,
      'cold start offline, 4× CPU ≤ 1.5 s': result.coldStart.met,
      'Lighthouse performance ≥ 90 desktop': lh.desktop.performance >= 90,
      'Lighthouse performance ≥ 80 mobile': lh.mobile.performance >= 80,
      'Lighthouse performance ≥ 90 mobile': lh.mobile.performance >= 90,
      'Lighthouse accessibility ≥ 98': Math.min(lh.desktop.accessibility, lh.mobile.accessibility) >= 98,
      'Lighthouse best practices ≥ 95': Math.min(lh.desktop.bestPractices, lh.mobile.bestPractices) >= 95,
    }
    return result
  }
  finally {
    await server.close()
  }
}

/** A Markdown table of the app-shell figures (the README shows it as printed). */
export function appShellTable(r: AppShellResult): string {
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`
  const ok = (met: boolean) => (met ? '✓' : '✗')
  const lh = (s: LighthouseScores) => `perf ${s.performance} (runs ${s.performanceRuns.join(', ')}), a11y ${s.accessibility}, best practices ${s.bestPractices} (FCP ${Math.round(s.metrics.fcpMs ?? 0)} ms, LCP ${Math.round(s.metrics.lcpMs ?? 0)} ms, TBT ${Math.round(s.metrics.tbtMs ?? 0)} ms)`
  return [
    '| app shell | measured | target |',
    '|---|--:|---|',
    `| first screen JS + CSS, gzipped (${r.firstScreenFiles} files) | ${kb(r.firstScreenGzipBytes)} | ≤ ${kb(r.firstScreenTargetBytes)} ${ok(r.firstScreenGzipBytes <= r.firstScreenTargetBytes)} |`,
    `| precache (${r.precacheFiles} files) | ${kb(r.precacheBytes)} | ≤ 2.5 MB ${ok(r.precacheBytes <= r.precacheTargetBytes)} |`,
    `| cold start offline to the first interactive screen (sign-in), ${r.coldStart.cpuThrottling}× CPU (median / p95 of ${r.coldStart.runs}) | ${Math.round(r.coldStart.ms.median)} / ${Math.round(r.coldStart.ms.p95)} ms | ≤ ${r.coldStart.targetMs} ms ${ok(r.coldStart.met)} |`,
    `| Lighthouse ${r.lighthouse.version} mobile, ${r.lighthouse.url}, median of ${r.lighthouse.runs} (load ${r.lighthouse.loadAverage.join(' ')}) | ${lh(r.lighthouse.mobile)} | perf ≥ 80 (14) / 90 (12) ${ok(r.lighthouse.mobile.performance >= 80)}/${ok(r.lighthouse.mobile.performance >= 90)}, a11y ≥ 98 ${ok(r.lighthouse.mobile.accessibility >= 98)}, bp ≥ 95 ${ok(r.lighthouse.mobile.bestPractices >= 95)} |`,
    `| Lighthouse ${r.lighthouse.version} desktop, ${r.lighthouse.url}, median of ${r.lighthouse.runs} | ${lh(r.lighthouse.desktop)} | perf ≥ 90 ${ok(r.lighthouse.desktop.performance >= 90)}, a11y ≥ 98 ${ok(r.lighthouse.desktop.accessibility >= 98)}, bp ≥ 95 ${ok(r.lighthouse.desktop.bestPractices >= 95)} |`,
  ].join('\n')
}
