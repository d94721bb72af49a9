import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { App } from '../../src/server/app'
import type { TestDatabase } from './helpers/databases'
import { embeddedDatabase } from './helpers/databases'
import { appFor } from './helpers/app'
import { negotiateEncoding } from '../../src/server/precompressed'

const INDEX = '<!doctype html><title>便民服务站</title><div id="app"></div>'
const RATE = '<!doctype html><title>服务评价</title><div id="rate"></div>'
const BOOK = '<!doctype html><title>预约办事</title><div id="book"></div>'
const APP_JS = `console.log(${JSON.stringify('便民'.repeat(400))})`
const html = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' }

// Serving the PWA does not depend on the database: PGlite only.
describe('serving the built PWA', () => {
  let ctx: TestDatabase
  let dir: string
  let app: App
  beforeAll(async () => {
    ctx = await embeddedDatabase().open({ migrate: false })
    dir = mkdtempSync(join(tmpdir(), 'bianmin-dist-'))
    mkdirSync(join(dir, 'assets'))
    mkdirSync(join(dir, 'icons'))
    writeFileSync(join(dir, 'index.html'), INDEX)
    writeFileSync(join(dir, 'rate.html'), RATE)
    writeFileSync(join(dir, 'book.html'), BOOK)
    writeFileSync(join(dir, 'assets', 'index-B4x9kQ2a.js'), 'console.log("app")')
    writeFileSync(join(dir, 'assets', 'index-Cq81ZzTe.css'), 'body{}')
    // As the build's precompressBuild writes them: a brotli and a gzip copy beside the file.
    writeFileSync(join(dir, 'assets', 'main-D1x2y3z4.js'), APP_JS)
    writeFileSync(join(dir, 'assets', 'main-D1x2y3z4.js.br'), brotliCompressSync(APP_JS))
    writeFileSync(join(dir, 'assets', 'main-D1x2y3z4.js.gz'), gzipSync(APP_JS))
    writeFileSync(join(dir, 'index.html.br'), brotliCompressSync(INDEX))
    writeFileSync(join(dir, 'index.html.gz'), gzipSync(INDEX))
    writeFileSync(join(dir, 'sw.js.gz'), gzipSync('self.addEventListener("fetch", () => {})'))
    writeFileSync(join(dir, 'sw.js'), 'self.addEventListener("fetch", () => {})')
    writeFileSync(join(dir, 'registerSW.js'), '/* register */')
    writeFileSync(join(dir, 'manifest.webmanifest'), '{"name":"便民服务站"}')
    writeFileSync(join(dir, 'icons', 'icon-192.png'), 'png')
    app = appFor(ctx, { staticDir: dir })
  })
  afterAll(async () => {
    await ctx.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('serves index.html at / without caching', async () => {
    const res = await app.request('/', { headers: html })
    expect(res.status).toBe(200)
    expect(await res.text()).toBe(INDEX)
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(res.headers.get('cache-control')).toBe('no-cache')
  })

  it.each(['/sw.js', '/registerSW.js', '/index.html', '/manifest.webmanifest'])('%s is always revalidated (no-cache)', async (path) => {
    const res = await app.request(path)
    expect(res.status).toBe(200)
    expect(res.headers.get('cache-control')).toBe('no-cache')
  })

  it('serves hashed assets with a long immutable cache and the right types', async () => {
    const js = await app.request('/assets/index-B4x9kQ2a.js')
    expect(js.status).toBe(200)
    expect(await js.text()).toBe('console.log("app")')
    expect(js.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    const css = await app.request('/assets/index-Cq81ZzTe.css')
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8')
  })

  it('serves the manifest as application/manifest+json', async () => {
    const res = await app.request('/manifest.webmanifest')
    expect(res.headers.get('content-type')).toBe('application/manifest+json')
    expect(await res.json()).toEqual({ name: '便民服务站' })
  })

  it('serves unhashed public files with a short cache', async () => {
    const res = await app.request('/icons/icon-192.png')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('image/png')
    expect(res.headers.get('cache-control')).toBe('public, max-age=3600')
  })

  it('falls back to index.html for a client-side route opened in the browser', async () => {
    for (const path of ['/cases/0193a4b2-7c1d-7e00-8000-000000000001', '/settings', '/consultations/new?from=home']) {
      const res = await app.request(path, { headers: html })
      expect(res.status, path).toBe(200)
      expect(await res.text()).toBe(INDEX)
      expect(res.headers.get('cache-control')).toBe('no-cache')
    }
  })

  it('serves the citizen\'s rating page, not the staff app, for the QR\'s /r/<token>', async () => {
    const res = await app.request('/r/q9Xh3b_-0123456789abcdefghijklmnopqrstuvwxyz', { headers: html })
    expect(res.status).toBe(200)
    expect(await res.text()).toBe(RATE)
    expect(res.headers.get('cache-control')).toBe('no-cache')
    // Anything deeper is the staff app's (unknown) route, not a token.
    expect(await (await app.request('/r/a/b', { headers: html })).text()).toBe(INDEX)
  })

  it('serves the citizen\'s booking page, not the staff app, for /book', async () => {
    for (const path of ['/book', '/book/']) {
      const res = await app.request(path, { headers: html })
      expect(res.status).toBe(200)
      expect(await res.text()).toBe(BOOK)
      expect(res.headers.get('cache-control')).toBe('no-cache')
    }
    expect(await (await app.request('/booking', { headers: html })).text()).toBe(INDEX)
  })

  it('answers HEAD for a client-side route', async () => {
    const res = await app.request('/settings', { method: 'HEAD', headers: html })
    expect(res.status).toBe(200)
    expect(await res.text()).toBe('')
  })

  it('never falls back for /api, even when HTML is accepted', async () => {
    for (const path of ['/api', '/api/nope', '/api/nothing-here/deeper']) {
      const res = await app.request(path, { headers: html })
      expect(res.status, path).toBe(404)
      expect(res.headers.get('content-type')).toMatch(/^application\/json/)
      expect(await res.json()).toMatchObject({ error: 'not-found' })
    }
  })

  it('does not serve a file named like an API path from the static folder', async () => {
    mkdirSync(join(dir, 'api'), { recursive: true })
    writeFileSync(join(dir, 'api', 'secret.json'), '{"leak":true}')
    const res = await app.request('/api/secret.json')
    expect(res.status).toBe(404)
    expect(await res.json()).toMatchObject({ error: 'not-found' })
  })

  it('answers a missing file with 404 JSON, not the app shell', async () => {
    for (const path of ['/assets/index-gone.js', '/favicon.ico']) {
      const res = await app.request(path, { headers: html })
      expect(res.status, path).toBe(404)
      expect(await res.json()).toMatchObject({ error: 'not-found' })
    }
  })

  it('does not fall back for requests that do not want HTML, or that are not GET', async () => {
    const json = await app.request('/cases/1', { headers: { accept: 'application/json' } })
    expect(json.status).toBe(404)
    const post = await app.request('/cases/1', { method: 'POST', headers: html })
    expect(post.status).toBe(404)
    expect(await post.json()).toMatchObject({ error: 'not-found' })
  })

  it('never serves files outside the static folder', async () => {
    writeFileSync(join(dir, '..', 'bianmin-outside.txt'), 'outside')
    for (const path of ['/../bianmin-outside.txt', '/assets/../../bianmin-outside.txt', '/%2e%2e/bianmin-outside.txt']) {
      const res = await app.request(path)
      expect(await res.text(), path).not.toBe('outside')
    }
    rmSync(join(dir, '..', 'bianmin-outside.txt'))
  })

  it('answers 404 JSON for HTML navigations when the PWA is not built', async () => {
    const unbuilt = appFor(ctx, { staticDir: join(dir, 'not-built') })
    const res = await unbuilt.request('/settings', { headers: html })
    expect(res.status).toBe(404)
    expect(await res.json()).toMatchObject({ error: 'not-found' })
  })
  describe('precompressed copies', () => {
    const asset = '/assets/main-D1x2y3z4.js'
    const bytes = async (res: Response) => Buffer.from(await res.arrayBuffer())

    it('sends brotli when the browser accepts it, with the immutable cache and Vary', async () => {
      const res = await app.request(asset, { headers: { 'accept-encoding': 'gzip, deflate, br, zstd' } })
      expect(res.status).toBe(200)
      expect(res.headers.get('content-encoding')).toBe('br')
      expect(res.headers.get('vary')).toBe('Accept-Encoding')
      expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
      expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
      const body = await bytes(res)
      expect(Number(res.headers.get('content-length'))).toBe(body.length)
      expect(body.length).toBeLessThan(Buffer.byteLength(APP_JS))
      expect(brotliDecompressSync(body).toString()).toBe(APP_JS)
    })

    it('sends gzip to a browser without brotli, or that refuses it', async () => {
      for (const accept of ['gzip', 'gzip, deflate', 'br;q=0, gzip', 'br;q=0.5, gzip;q=1', 'x-gzip']) {
        const res = await app.request(asset, { headers: { 'accept-encoding': accept } })
        expect(res.headers.get('content-encoding'), accept).toBe('gzip')
        expect(res.headers.get('vary')).toBe('Accept-Encoding')
        expect(gunzipSync(await bytes(res)).toString(), accept).toBe(APP_JS)
      }
    })

    it('sends the file itself, still with Vary, when no copy is accepted or a range is asked for', async () => {
      const cases: Record<string, string>[] = [{}, { 'accept-encoding': 'identity' }, { 'accept-encoding': 'br;q=0, gzip;q=0' }, { 'accept-encoding': 'deflate' }, { 'accept-encoding': 'gzip, br', 'range': 'bytes=0-9' }]
      for (const headers of cases) {
        const res = await app.request(asset, { headers })
        expect(res.headers.get('content-encoding'), JSON.stringify(headers)).toBeNull()
        expect(res.headers.get('vary')).toBe('Accept-Encoding')
        expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
        const text = await res.text()
        expect(text).toBe('range' in headers ? APP_JS.slice(0, 10) : APP_JS)
      }
    })

    it('takes * as any coding not named', async () => {
      const res = await app.request(asset, { headers: { 'accept-encoding': '*' } })
      expect(res.headers.get('content-encoding')).toBe('br')
      const gz = await app.request(asset, { headers: { 'accept-encoding': 'br;q=0, *' } })
      expect(gz.headers.get('content-encoding')).toBe('gzip')
    })

    it('answers HEAD with the copy\'s length and no body', async () => {
      const res = await app.request(asset, { method: 'HEAD', headers: { 'accept-encoding': 'br' } })
      expect(res.status).toBe(200)
      expect(res.headers.get('content-encoding')).toBe('br')
      expect(Number(res.headers.get('content-length'))).toBe(brotliCompressSync(APP_JS).length)
      expect(await res.text()).toBe('')
    })

    it('compresses index.html at / and for client-side routes, always revalidated', async () => {
      for (const path of ['/', '/index.html', '/settings']) {
        const res = await app.request(path, { headers: { ...html, 'accept-encoding': 'gzip, br' } })
        expect(res.status, path).toBe(200)
        expect(res.headers.get('content-encoding'), path).toBe('br')
        expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8')
        expect(res.headers.get('cache-control'), path).toBe('no-cache')
        expect(brotliDecompressSync(await bytes(res)).toString()).toBe(INDEX)
      }
      const plain = await app.request('/settings', { headers: html })
      expect(plain.headers.get('vary')).toBe('Accept-Encoding')
      expect(await plain.text()).toBe(INDEX)
    })

    it('sends the service worker\'s gzip copy with no-cache; files without copies carry no Vary', async () => {
      const sw = await app.request('/sw.js', { headers: { 'accept-encoding': 'gzip, br' } })
      expect(sw.headers.get('content-encoding')).toBe('gzip')
      expect(sw.headers.get('cache-control')).toBe('no-cache')
      const css = await app.request('/assets/index-Cq81ZzTe.css', { headers: { 'accept-encoding': 'gzip, br' } })
      expect(css.headers.get('content-encoding')).toBeNull()
      expect(css.headers.get('vary')).toBeNull()
      expect(await css.text()).toBe('body{}')
    })

    it('never serves a copy from outside the static folder', async () => {
      writeFileSync(join(dir, '..', 'bianmin-outside.js.br'), brotliCompressSync('outside'))
      writeFileSync(join(dir, '..', 'bianmin-outside.js'), 'outside')
      for (const path of ['/../bianmin-outside.js', '/assets/../../bianmin-outside.js', '/%2e%2e/bianmin-outside.js']) {
        const res = await app.request(path, { headers: { 'accept-encoding': 'br' } })
        expect(res.headers.get('content-encoding'), path).toBeNull()
        expect(await res.text(), path).not.toBe('outside')
      }
      rmSync(join(dir, '..', 'bianmin-outside.js.br'))
      rmSync(join(dir, '..', 'bianmin-outside.js'))
    })
  })
})

describe('negotiateEncoding', () => {
  it('prefers brotli, honours q-values and refusals', () => {
    expect(negotiateEncoding('gzip, deflate, br', ['br', 'gzip'])).toBe('br')
    expect(negotiateEncoding('gzip, deflate, br', ['gzip'])).toBe('gzip')
    expect(negotiateEncoding('br;q=0.2, gzip;q=0.8', ['br', 'gzip'])).toBe('gzip')
    expect(negotiateEncoding('BR; Q=1', ['br', 'gzip'])).toBe('br')
    expect(negotiateEncoding('gzip;q=0', ['gzip'])).toBeUndefined()
    expect(negotiateEncoding(undefined, ['br', 'gzip'])).toBeUndefined()
    expect(negotiateEncoding('', ['br', 'gzip'])).toBeUndefined()
    expect(negotiateEncoding('*;q=0', ['br', 'gzip'])).toBeUndefined()
  })
})
