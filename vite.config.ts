import type { Plugin } from 'vite'
import { readFileSync } from 'node:fs'
import { readdir, readFile, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { promisify } from 'node:util'
import { brotliCompress, constants as zlibConstants, gzip } from 'node:zlib'
import { VantResolver } from '@vant/auto-import-resolver'
import vue from '@vitejs/plugin-vue'
import Components from 'unplugin-vue-components/vite'
import { defineConfig } from 'vite'
import { VitePWA } from 'vite-plugin-pwa'
import { officeOnlyChunks } from './scripts/officeOnlyChunks'

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string }

// A new build must be observably different (update prompt, e2e): APP_BUILD_ID, else a UTC timestamp.
const buildId = process.env.APP_BUILD_ID ?? new Date().toISOString().replace(/[-:]/g, '').replace(/\..*$/, '')
const appVersion = `${pkg.version}+${buildId}`

export const THEME_COLOR = '#1d5fbf'
export const BACKGROUND_COLOR = '#f4f6fa'

/**
 * Vant's icon CSS lists a woff2 inlined as a data: URL and a fallback woff on at.alicdn.com.
 * Every browser we support takes the woff2, but the remote URL must not even ship: cut it out.
 */
export function dropRemoteFontSources(): Plugin {
  return {
    name: 'bianmin:drop-remote-font-sources',
    enforce: 'pre',
    transform(code, id) {
      if (!/[\\/]vant[\\/].*\.css(?:\?|$)/.test(id) || !code.includes('@font-face'))
        return null
      return { code: code.replace(/,\s*url\((?:https?:)?\/\/[^)]*\)\s*format\([^)]*\)/g, ''), map: null }
    },
  }
}

/**
 * The citizen's pages (rate.html, book.html) are not the staff app: vite-plugin-pwa links its web manifest into every
 * HTML entry, which would offer citizens to install the counter app. Take the link out of those pages.
 */
export function citizenPagesWithoutManifest(pages: readonly string[] = ['rate.html', 'book.html', 'results.html']): Plugin {
  return {
    name: 'bianmin:citizen-pages-without-manifest',
    enforce: 'post',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        return pages.some(p => ctx.filename.endsWith(p)) ? html.replace(/\s*<link rel="manifest"[^>]*>/g, '') : html
      },
    },
  }
}

/**
 * Vant's icon font arrives inlined in its CSS as a 34 KB base64 data: URL, which no compression shrinks and
 * which blocks the first render with the stylesheet. Emit it as its own hashed file instead: the CSS names it,
 * the browser fetches it only when an icon is drawn, and the service worker precaches it (woff2) as before.
 */
export function inlineFontsAsFiles(): Plugin {
  const DATA_FONT = /url\(\s*["']?data:font\/woff2;(?:charset=[^;,]+;)?base64,([A-Za-z0-9+/=]+)["']?\s*\)/g
  return {
    name: 'bianmin:inline-fonts-as-files',
    apply: 'build',
    enforce: 'post',
    generateBundle(_options, bundle) {
      for (const asset of Object.values(bundle)) {
        if (asset.type !== 'asset' || !asset.fileName.endsWith('.css') || typeof asset.source !== 'string')
          continue
        asset.source = asset.source.replace(DATA_FONT, (_match, base64: string) => {
          const ref = this.emitFile({ type: 'asset', name: 'icons.woff2', source: Buffer.from(base64, 'base64') })
          // Both live in assets/: the CSS names the font relative to itself.
          return `url(${path.posix.relative(path.posix.dirname(asset.fileName), this.getFileName(ref))})`
        })
      }
    },
  }
}

/** Built files worth compressing, by extension (images and fonts are compressed already). */
const COMPRESSIBLE = /\.(?:js|mjs|css|html|svg|json|webmanifest|txt|ico|map)$/

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true })
  return entries.filter(e => e.isFile()).map(e => path.join(e.parentPath, e.name))
}

/**
 * Precompressed copies of the built files, `<file>.br` (brotli, quality 11) and `<file>.gz` (gzip -9), for
 * src/server/static.ts to send by Accept-Encoding. Runs after vite-plugin-pwa wrote sw.js (listed after it,
 * closeBundle 'post'), so the copies are never precached: the service worker caches the decoded responses.
 * A copy that would not be smaller than its file (or a file under 1 KiB) is not written.
 */
export function precompressBuild(minBytes = 1024): Plugin {
  let outDir = 'dist'
  const br = promisify(brotliCompress)
  const gz = promisify(gzip)
  return {
    name: 'bianmin:precompress-build',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir)
    },
    closeBundle: {
      order: 'post',
      sequential: true,
      async handler() {
        const files = (await filesUnder(outDir)).filter(f => COMPRESSIBLE.test(f))
        await Promise.all(files.map(async (file) => {
          if ((await stat(file)).size < minBytes)
            return
          const body = await readFile(file)
          const [brotli, gzipped] = await Promise.all([
            br(body, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11, [zlibConstants.BROTLI_PARAM_SIZE_HINT]: body.length } }),
            gz(body, { level: 9 }),
          ])
          if (brotli.length < body.length)
            await writeFile(`${file}.br`, brotli)
          if (gzipped.length < body.length)
            await writeFile(`${file}.gz`, gzipped)
        }))
      },
    },
  }
}

/** Filled while bundling, read by the precache manifest transform below. */
const officeChunks = officeOnlyChunks()

export default defineConfig({
  plugins: [
    vue(),
    // On-demand Vant: only the components a template uses, with their CSS. No auto-imports of our own code.
    Components({ resolvers: [VantResolver()], dts: false, dirs: [] }),
    dropRemoteFontSources(),
    inlineFontsAsFiles(),
    officeChunks.plugin,
    VitePWA({
      registerType: 'prompt',
      injectRegister: false, // src/app/pwa/registerServiceWorker.ts registers it
      strategies: 'generateSW',
      // public/ icons are precached by globPatterns below; listing them again would duplicate entries.
      includeManifestIcons: false,
      manifest: {
        id: '/',
        name: '便民服务站',
        short_name: '便民站',
        description: '政务服务便民服务站柜台工作台（离线可用）',
        lang: 'zh-CN',
        dir: 'ltr',
        display: 'standalone',
        orientation: 'landscape',
        start_url: '/',
        scope: '/',
        theme_color: THEME_COLOR,
        background_color: BACKGROUND_COLOR,
        categories: ['government', 'productivity'],
        icons: [
          { src: 'pwa-192x192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: 'pwa-512x512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: 'maskable-icon-512x512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        // The whole shell: a counter must start with no network at all.
        // (manifest.webmanifest is added by the plugin itself.)
        globPatterns: ['**/*.{js,css,html,ico,png,svg,woff,woff2}'],
        navigateFallback: 'index.html',
        // The citizen's pages are their own entries (rate.html, book.html): never answered with the staff app's shell.
        navigateFallbackDenylist: [/^\/api\//, /^\/r\//, /^\/book(?:\/|$)/, /^\/results(?:\/|$)/],
        // …and the staff tablet does not carry them offline either.
        // The office console's screens need the network anyway (every one of them reads the central endpoint), so
        // the counter tablet does not precache them: they load on first visit like any page of a web site.
        // Enrolling needs the server, so the enrollment QR decoder (jsqr, 130 KB, loaded when the camera opens) is not
        // carried offline either.
        globIgnores: ['rate.html', 'assets/rate-*', 'book.html', 'assets/book-*', 'results.html', 'assets/results-*', 'assets/Office*', 'assets/jsQR-*'],
        // …nor the chunks only those screens load (stores, client, messages, panels they share): scripts/officeOnlyChunks.ts.
        manifestTransforms: [entries => Promise.resolve({ manifest: entries.filter(e => !officeChunks.files.has(e.url)), warnings: [] })],
        cleanupOutdatedCaches: true,
        // No runtimeCaching: /api always goes to the network, so reachability and sync see the truth.
        runtimeCaching: [],
      },
      devOptions: { enabled: false },
    }),
    // After VitePWA: it links the manifest in a post transform of its own.
    citizenPagesWithoutManifest(),
    // Last: compresses what every plugin above wrote, sw.js included.
    precompressBuild(),
  ],
  define: {
    __APP_VERSION__: JSON.stringify(appVersion),
    __APP_BUILD_ID__: JSON.stringify(buildId),
  },
  server: {
    proxy: {
      '/api': { target: 'http://localhost:8080', changeOrigin: false },
    },
  },
  preview: {
    proxy: {
      '/api': { target: 'http://localhost:8080', changeOrigin: false },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    rollupOptions: {
      // The staff app, the citizen's rating page from the QR and the booking page (issue 9): separate, small entries.
      // The published results (issue 9 item 7) likewise.
      input: { index: 'index.html', rate: 'rate.html', book: 'book.html', results: 'results.html' },
      output: {
        // Fewer, larger chunks for what every staff screen loads (issue 12 item 5): split per module, the first
        // screen was ~55 requests, and a tablet on a slow link pays a round trip for each. Vue (the citizen's pages
        // load it too), the staff app's Vue plugins, and Vant's shared code with the components every screen
        // header and the sign-in use go together. Everything else stays split by screen.
        codeSplitting: {
          groups: [
            { name: 'vue', test: /node_modules[\\/](?:@vue|vue)[\\/]/, priority: 30 },
            { name: 'vue-plugins', test: /node_modules[\\/](?:vue-router|pinia|vue-i18n|@intlify|@vueuse)[\\/]/, priority: 20 },
            { name: 'vant-core', test: /node_modules[\\/](?:@vant[\\/]|vant[\\/]es[\\/](?:utils|composables|style|locale|config-provider|icon|badge|loading|button|nav-bar|cell|field|tag)[\\/])/, priority: 10 },
          ],
        },
      },
    },
  },
})
