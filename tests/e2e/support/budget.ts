// The app's size budgets read from a finished build (issue 12 item 5, issue 14 item 11): what the first screen
// loads, gzipped as the server sends it, and what the service worker precaches. Shared by the budget test
// (tests/e2e/appBudget.test.ts) and `npm run bench` (bench/appShell.ts), which prints the same figures.
import { readFile, stat } from 'node:fs/promises'
import path from 'node:path'
import { gzipSync } from 'node:zlib'

/** Issue 9: each public page's (/r, /book, /results) JS, gzipped. */
export const PUBLIC_ENTRY_BUDGET_BYTES = 60 * 1024
/** Issue 12 item 5: first screen JS + CSS, gzipped. */
export const FIRST_SCREEN_TARGET_BYTES = 150 * 1024
/** Issue 12 item 5: everything the service worker precaches. */
export const PRECACHE_TARGET_BYTES = 2.5 * 1000 * 1000

/** The JS and CSS an HTML entry loads before anything runs: classic and module scripts, modulepreloads, stylesheets. */
export async function entryAssets(dir: string, html: string): Promise<{ js: string[], css: string[] }> {
  const text = await readFile(path.join(dir, html), 'utf8')
  const js = [...text.matchAll(/<script[^>]+src="\/([^"]+\.js)"/g), ...text.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="\/([^"]+\.js)"/g)].map(m => m[1] ?? '')
  const css = [...text.matchAll(/<link[^>]+rel="stylesheet"[^>]+href="\/([^"]+\.css)"/g)].map(m => m[1] ?? '')
  return { js: [...new Set(js)], css: [...new Set(css)] }
}

/** Each file's size gzipped at level 9 (as the build's .gz copies are made). */
export async function gzippedSizes(dir: string, files: readonly string[]): Promise<Map<string, number>> {
  const sizes = new Map<string, number>()
  for (const file of files)
    sizes.set(file, gzipSync(await readFile(path.join(dir, file)), { level: 9 }).length)
  return sizes
}

/** The files' total size gzipped at level 9. */
export async function gzippedSize(dir: string, files: readonly string[]): Promise<number> {
  let total = 0
  for (const size of (await gzippedSizes(dir, files)).values())
    total += size
  return total
}

export interface FirstScreen {
  js: Map<string, number>
  css: Map<string, number>
  /** JS + CSS, gzipped bytes. */
  total: number
}

/** The staff app's first screen (index.html and what it loads eagerly), gzipped. */
export async function firstScreen(dir: string): Promise<FirstScreen> {
  const assets = await entryAssets(dir, 'index.html')
  const js = await gzippedSizes(dir, assets.js)
  const css = await gzippedSizes(dir, assets.css)
  const total = [...js.values(), ...css.values()].reduce((a, b) => a + b, 0)
  return { js, css, total }
}

/** The files sw.js precaches (Workbox's manifest entries), with their total size on disk. */
export async function precache(dir: string): Promise<{ urls: string[], bytes: number }> {
  const sw = await readFile(path.join(dir, 'sw.js'), 'utf8')
  const urls = [...new Set([...sw.matchAll(/\burl:\s*"([^"]+)"/g)].map(m => m[1] ?? ''))]
  let bytes = 0
  for (const url of urls)
    bytes += (await stat(path.join(dir, url))).size
  return { urls, bytes }
}

export function kib(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KiB`
}
