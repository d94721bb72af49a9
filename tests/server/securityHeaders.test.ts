/**
 * Security headers on every answer (issue 10 item 6): the CSP, frame-ancestors, Referrer-Policy and
 * nosniff on pages, static files, API answers and errors; HSTS only when the browser came over HTTPS.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CONTENT_SECURITY_POLICY } from '../../src/server/securityHeaders'
import { appFor } from './helpers/app'
import { embeddedDatabase } from './helpers/databases'
import type { TestDatabase } from './helpers/databases'

/** The CSP as directive → sources. */
function directives(csp: string | null): Record<string, string[]> {
  return Object.fromEntries((csp ?? '').split(';').map(part => part.trim().split(/\s+/)).filter(p => p[0]).map(([name, ...sources]) => [name, sources]))
}

describe('security headers', () => {
  let ctx: TestDatabase
  let dir: string
  beforeAll(async () => {
    ctx = await embeddedDatabase().open()
    dir = mkdtempSync(join(tmpdir(), 'bianmin-headers-'))
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>t</title>')
    writeFileSync(join(dir, 'app.js'), 'export {}')
  })
  afterAll(async () => {
    await ctx.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('sends a strict CSP: scripts only from our origin, nothing framed, no plugins, no base or foreign forms', () => {
    const d = directives(CONTENT_SECURITY_POLICY)
    // 'wasm-unsafe-eval': the offline PIN check compiles argon2id's WebAssembly; it allows no JavaScript eval.
    expect(d['script-src']).toEqual([`'self'`, `'wasm-unsafe-eval'`])
    expect(d['default-src']).toEqual([`'self'`])
    expect(d['object-src']).toEqual([`'none'`])
    expect(d['base-uri']).toEqual([`'none'`])
    expect(d['frame-ancestors']).toEqual([`'none'`])
    expect(d['form-action']).toEqual([`'self'`])
    expect(d['connect-src']).toEqual([`'self'`])
    expect(d['worker-src']).toEqual([`'self'`])
    expect(d['manifest-src']).toEqual([`'self'`])
    expect(d['img-src']).toEqual([`'self'`, 'data:', 'blob:'])
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/'unsafe-eval'|\*/)
    expect(d['script-src']).not.toContain(`'unsafe-inline'`)
  })

  it('puts the headers on the page, the SPA fallback, a static file, an API answer, a 404 and a 400', async () => {
    const app = appFor(ctx, { staticDir: dir })
    const answers = await Promise.all([
      app.request('/', { headers: { accept: 'text/html' } }),
      app.request('/settings', { headers: { accept: 'text/html' } }),
      app.request('/app.js'),
      app.request('/api/health'),
      app.request('/api/nowhere'),
      app.request('/api/devices/enroll', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' }),
    ])
    expect(answers.map(r => r.status)).toEqual([200, 200, 200, 200, 404, 400])
    for (const res of answers) {
      expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY)
      expect(res.headers.get('referrer-policy')).toBe('no-referrer')
      expect(res.headers.get('x-frame-options')).toBe('DENY')
      expect(res.headers.get('x-content-type-options')).toBe('nosniff')
      expect(res.headers.get('strict-transport-security')).toBeNull()
    }
  })

  it('sends HSTS over HTTPS, and for X-Forwarded-Proto: https only behind a trusted proxy', async () => {
    const direct = appFor(ctx)
    const proxied = appFor(ctx, { trustProxy: true })
    const hsts = (res: Response) => res.headers.get('strict-transport-security')
    expect(hsts(await direct.request('https://counter.example/api/health'))).toBe('max-age=31536000')
    expect(hsts(await direct.request('/api/health', { headers: { 'x-forwarded-proto': 'https' } }))).toBeNull()
    expect(hsts(await proxied.request('/api/health', { headers: { 'x-forwarded-proto': 'https' } }))).toBe('max-age=31536000')
    expect(hsts(await proxied.request('/api/health', { headers: { 'x-forwarded-proto': 'http' } }))).toBeNull()
    expect(hsts(await proxied.request('/api/health'))).toBeNull()
  })
})
