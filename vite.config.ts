import type { Plugin } from 'vite'
import { readFileSync } from 'node:fs'
import { VantResolver } from '@vant/auto-import-resolver'
import vue from '@vitejs/plugin-vue'
import Components from 'unplugin-vue-components/vite'
import { defineConfig } from 'vite'
import { VitePWA } from 'vite-plugin-pwa'

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
export function citizenPagesWithoutManifest(pages: readonly string[] = ['rate.html', 'book.html']): Plugin {
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

export default defineConfig({
  plugins: [
    vue(),
    // On-demand Vant: only the components a template uses, with their CSS. No auto-imports of our own code.
    Components({ resolvers: [VantResolver()], dts: false, dirs: [] }),
    dropRemoteFontSources(),
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
        navigateFallbackDenylist: [/^\/api\//, /^\/r\//, /^\/book(?:\/|$)/],
        // …and the staff tablet does not carry them offline either.
        globIgnores: ['rate.html', 'assets/rate-*', 'book.html', 'assets/book-*'],
        cleanupOutdatedCaches: true,
        // No runtimeCaching: /api always goes to the network, so reachability and sync see the truth.
        runtimeCaching: [],
      },
      devOptions: { enabled: false },
    }),
    // After VitePWA: it links the manifest in a post transform of its own.
    citizenPagesWithoutManifest(),
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
      input: { index: 'index.html', rate: 'rate.html', book: 'book.html' },
    },
  },
})
