/**
 * GET /api/health (DESIGN §4): tablets decide they are online by reaching it (captive portals in
 * banks and malls answer navigator.onLine checks), so it proves the database answers too. PGlite in its
 * worker thread answers a ping between two queries: a long queue of pushes is load, not an outage.
 */
import { Hono } from 'hono'
import type { HealthAnswer } from '../../../domain/protocol'
import type { AppEnv } from '../../appEnv'

/** Longer than this and the endpoint counts as down: a tablet should not wait on a stuck database. */
export const HEALTH_DB_TIMEOUT_MS = 3000

export function healthRoutes(): Hono<AppEnv> {
  return new Hono<AppEnv>().get('/', async (c) => {
    const { dbPing, dbKind, version, logger } = c.var.deps
    let ok = false
    try {
      await withTimeout(dbPing(), HEALTH_DB_TIMEOUT_MS)
      ok = true
    }
    catch (err) {
      logger.warn({ err }, 'health check: database did not answer')
    }
    return c.json({ status: ok ? 'ok' : 'error', db: dbKind, version } satisfies HealthAnswer, ok ? 200 : 503)
  })
}

async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)
  })
  try {
    return await Promise.race([promise, timeout])
  }
  finally {
    clearTimeout(timer)
  }
}
