// The built files an HTML entry loads and their gzipped size: the public pages' ≤ 60 KB JS budget (issue 9).
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { gzipSync } from 'node:zlib'

export const PUBLIC_ENTRY_BUDGET_BYTES = 60 * 1024

/** The files an HTML entry loads: its module script, modulepreloads and stylesheets. */
export async function entryAssets(dir: string, html: string): Promise<{ js: string[], css: string[] }> {
  const text = await readFile(path.join(dir, html), 'utf8')
  const js = [...text.matchAll(/<script[^>]+src="\/([^"]+\.js)"/g), ...text.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="\/([^"]+\.js)"/g)].map(m => m[1] ?? '')
  const css = [...text.matchAll(/<link[^>]+rel="stylesheet"[^>]+href="\/([^"]+\.css)"/g)].map(m => m[1] ?? '')
  return { js: [...new Set(js)], css: [...new Set(css)] }
}

export async function gzippedSize(dir: string, files: readonly string[]): Promise<number> {
  let total = 0
  for (const file of files)
    total += gzipSync(await readFile(path.join(dir, file)), { level: 9 }).length
  return total
}
