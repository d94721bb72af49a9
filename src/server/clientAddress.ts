/**
 * Who is asking and how (issue 10 items 5, 6): the client's address and whether the request came over
 * HTTPS. Forwarded headers are believed only when the TRUST_PROXY setting says a reverse proxy of ours
 * stands in front; otherwise anyone could claim any address and dodge a rate limit.
 */
import { getConnInfo } from '@hono/node-server/conninfo'
import type { Context } from 'hono'
import type { AppEnv } from './appEnv'

/**
 * The client address: the nearest X-Forwarded-For entry (the one our proxy appended) when trustProxy is
 * on, else the TCP peer. Undefined when there is no socket: only in-process requests (`app.request()` in
 * tests, which rate limits then skip); every request @hono/node-server serves has one.
 */
export function clientAddress(c: Context<AppEnv>): string | undefined {
  if (c.var.deps.trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')
    const nearest = forwarded?.split(',').map(part => part.trim()).filter(Boolean).at(-1)
    if (nearest)
      return nearest.slice(0, 64)
  }
  try {
    return getConnInfo(c).remote.address || undefined
  }
  catch {
    return undefined
  }
}

/** True when the browser reached us over HTTPS: the URL says so, or a trusted proxy's X-Forwarded-Proto. */
export function isHttps(c: Context<AppEnv>): boolean {
  if (new URL(c.req.url).protocol === 'https:')
    return true
  if (!c.var.deps.trustProxy)
    return false
  const proto = c.req.header('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase()
  return proto === 'https'
}
