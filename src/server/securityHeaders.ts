/**
 * Security headers on every answer, pages and API alike (issue 10 item 6).
 *
 * The Content-Security-Policy allows scripts only from our own origin: the build has no inline script
 * (index.html loads public/zod-jitless.js and one module; vite-plugin-pwa's inline registerSW is off, `injectRegister: false`, and
 * src/app/pwa registers the worker through workbox-window), and tests/e2e/cspJourney.test.ts
 * checks the built index.html for inline scripts.
 *
 * Styles allow 'unsafe-inline' because the Vue build needs it: Vue's compiler turns larger static parts of
 * templates into HTML strings that the runtime inserts with innerHTML (insertStaticContent), so their
 * `style="…"` attributes, and a `<style>` inside inline SVG, are parsed inline styles. With
 * `style-src 'self'` tests/e2e/cspJourney.test.ts saw both blocked on the sign-in and ledger screens. Bound
 * `:style` (CSSOM) would pass either way. An injected style cannot run code; the directive that matters
 * against injection, script-src, stays strict (no 'unsafe-inline', no 'unsafe-eval': public/zod-jitless.js
 * turns off zod's `new Function` probe). 'wasm-unsafe-eval' lets the page compile WebAssembly, which the
 * offline PIN check needs (argon2id through hash-wasm, src/domain/auth/pinKdf.ts); it allows no JavaScript
 * eval and no script from elsewhere.
 *
 * HSTS is sent only when the browser reached us over HTTPS (directly or, with TRUST_PROXY=1, through a
 * proxy that says so): over plain HTTP on a station LAN it would be ignored at best.
 */
import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from './appEnv'
import { isHttps } from './clientAddress'

export const CONTENT_SECURITY_POLICY = [
  `default-src 'self'`,
  // 'wasm-unsafe-eval' lets WebAssembly compile (argon2id: the offline PIN check, and the key that unwraps the
  // tablet's data key at sign-in, src/app/data/crypto); it allows no JavaScript eval.
  `script-src 'self' 'wasm-unsafe-eval'`,
  `style-src 'self' 'unsafe-inline'`,
  `img-src 'self' data: blob:`,
  `font-src 'self' data:`,
  `connect-src 'self'`,
  `worker-src 'self'`,
  `manifest-src 'self'`,
  `object-src 'none'`,
  `base-uri 'none'`,
  `form-action 'self'`,
  `frame-ancestors 'none'`,
].join('; ')

/** One year, as HSTS preload lists ask; subdomains are not ours to decide. */
export const STRICT_TRANSPORT_SECURITY = 'max-age=31536000'

/** Sets the headers after the route answered (so they are on 404s, 413s and static files too). */
export function securityHeaders(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next()
    c.header('Content-Security-Policy', CONTENT_SECURITY_POLICY)
    c.header('Referrer-Policy', 'no-referrer')
    c.header('X-Frame-Options', 'DENY')
    c.header('X-Content-Type-Options', 'nosniff')
    if (isHttps(c))
      c.header('Strict-Transport-Security', STRICT_TRANSPORT_SECURITY)
  }
}
