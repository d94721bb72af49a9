// The app's size budgets, read from the suite's build (deterministic: no browser, no timing). Issue 12 item 5:
// first screen JS + CSS ≤ 150 KB gzipped, precache ≤ 2.5 MB; issue 14 item 11: the build ships brotli and gzip
// copies of what the first screen loads, and none of them is precached (the worker caches decoded answers).
// Times (cold start, Lighthouse) are measured by `npm run bench`, never here.
import { readFile, stat } from 'node:fs/promises'
import path from 'node:path'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { e2eContext } from './support/browser'
import { FIRST_SCREEN_TARGET_BYTES, firstScreen, kib, precache, PRECACHE_TARGET_BYTES } from './support/budget'

/**
 * The first screen was above its 150 KB target while Vue, Vant, vue-i18n with both locales, Dexie, zod and the
 * sync engine loaded before the home screen could draw: a ceiling of 256 KiB (248 KiB measured), then 272 KiB
 * (265.5 KiB). Since every screen is a lazy chunk, the sync engine, zod, the background jobs and the English
 * messages load after the first screen (README, Client at province scale and the app shell) and it measured
 * 148.9 KiB: the ceiling was the target itself. Raised to 158 KiB (155 measured) when three changes landed
 * together: the session store's staff-member checks (PIN policy, verifier shape; argon2id itself stays lazy),
 * the error codes' zh-CN messages (errors show in the user's language), and the session hooks that encryption
 * at rest acts on. Lowered to 156 KiB (153.2 measured) once the office console's messages loaded with its first
 * page instead of the counter's first screen. The target stays 150 KB; the next lever is precompiled messages with
 * vue-i18n's runtime-only build (README, the app shell).
 */
const FIRST_SCREEN_CEILING_BYTES = 156 * 1024

describe('app size budgets (from the build)', () => {
  it('first screen JS + CSS, gzipped, stays within its ceiling (target 150 KB)', async () => {
    const { baseBuildDir } = e2eContext()
    const screen = await firstScreen(baseBuildDir)
    const largest = [...screen.js, ...screen.css].sort((a, b) => b[1] - a[1]).slice(0, 4).map(([f, n]) => `${path.basename(f)} ${kib(n)}`)
    console.log(`[budget] first screen: ${screen.js.size} JS + ${screen.css.size} CSS files, ${kib(screen.total)} gzipped (target ${kib(FIRST_SCREEN_TARGET_BYTES)}, ceiling ${kib(FIRST_SCREEN_CEILING_BYTES)}); largest ${largest.join(', ')}`)
    expect(screen.js.size).toBeGreaterThan(0)
    expect(screen.css.size).toBeGreaterThan(0)
    expect(screen.total).toBeLessThanOrEqual(FIRST_SCREEN_CEILING_BYTES)
    // The item search's pinyin dictionary and the spreadsheet/chart libraries load on demand only; so do zod (its
    // chunk is named after zod's schemas module), the sync engine and the English messages.
    const eager = [...screen.js.keys()].join(' ')
    expect(eager).not.toMatch(/itemSearch|pinyin|echarts|xlsx|excel|schemas|sync|\ben-/i)
    // …and the office console's messages (office.zh-CN / office.en chunks), loaded with its first page.
    expect(eager).not.toMatch(/office/i)
    // Vant's icon font is a file of its own, not a base64 data: URL in the render-blocking CSS.
    for (const css of screen.css.keys())
      expect(await readFile(path.join(baseBuildDir, css), 'utf8'), css).not.toMatch(/url\(\s*["']?data:font/)
  })

  it('precaches at most 2.5 MB, and none of the compressed copies', async () => {
    const { baseBuildDir } = e2eContext()
    const { urls, bytes } = await precache(baseBuildDir)
    console.log(`[budget] precache: ${urls.length} files, ${kib(bytes)} (target ${kib(PRECACHE_TARGET_BYTES)})`)
    expect(urls).toContain('index.html')
    expect(bytes).toBeLessThanOrEqual(PRECACHE_TARGET_BYTES)
    expect(urls.filter(u => /\.(?:br|gz)$/.test(u))).toEqual([])
  })

  it('precaches every chunk a precached chunk imports, so the counter never reaches for an office-only chunk offline', async () => {
    const { baseBuildDir } = e2eContext()
    const { urls } = await precache(baseBuildDir)
    const stored = new Set(urls)
    const missing: string[] = []
    for (const url of urls.filter(u => u.endsWith('.js'))) {
      const source = await readFile(path.join(baseBuildDir, url), 'utf8')
      const dir = path.posix.dirname(url)
      const imported = [
        ...[...source.matchAll(/\bfrom\s*["'`](\.\/[^"'`]+\.js)["'`]/g)].map(m => m[1]),
        // Dynamic imports too, but for what office routes load (online; scripts/officeOnlyChunks.ts) and the QR decoder.
        ...[...source.matchAll(/\bimport\(\s*["'`](\.\/[^"'`]+\.js)["'`]/g)].map(m => m[1]).filter(f => !/^\.\/(?:Office|office[.-]|jsQR-)/.test(f ?? '')),
      ]
      for (const file of imported) {
        const target = path.posix.join(dir, file ?? '')
        if (!stored.has(target))
          missing.push(`${url} → ${target}`)
      }
    }
    expect(missing).toEqual([])
    // Office-only chunks were found and left out (the office stores' chunk among them).
    expect(urls.filter(u => /office/i.test(u) && u.endsWith('.js'))).toEqual([])
  })

  it('ships a brotli and a gzip copy of each first-screen file over 1 KiB, each decoding to the file', async () => {
    const { baseBuildDir } = e2eContext()
    const screen = await firstScreen(baseBuildDir)
    for (const file of ['index.html', 'sw.js', ...screen.js.keys(), ...screen.css.keys()]) {
      const full = path.join(baseBuildDir, file)
      const body = await readFile(full)
      if (body.length < 1024)
        continue
      expect(brotliDecompressSync(await readFile(`${full}.br`)).equals(body), `${file}.br`).toBe(true)
      expect(gunzipSync(await readFile(`${full}.gz`)).equals(body), `${file}.gz`).toBe(true)
      expect((await stat(`${full}.br`)).size).toBeLessThan(body.length)
    }
  })
})
