/**
 * Fixed-window rate limits kept in the database (issue 10 item 5), so several server processes on one
 * PostgreSQL share the counts. Each hit is one atomic upsert-increment of `rate_limits(key, window_start)`;
 * a key over its limit answers 429 with `Retry-After` (seconds to the window's end) and a Chinese message.
 *
 *   const hit = await hitRateLimit(db, `office-signin:user:${username}`, { limit: 10, windowMs: 15 * 60_000, now })
 *   if (!hit.allowed) return tooManyRequests(c, hit)
 *
 *   app.post('/enroll', rateLimit({ name: 'enroll', limit: 20, windowMs: 10 * 60_000, key: clientAddress }), ...)
 */
import type { Context, MiddlewareHandler } from 'hono'
import type { Kysely } from 'kysely'
import { sql } from 'kysely'
import type { AppEnv } from './appEnv'
import type { Database } from './db'
import { errorResponse } from './errors'

export interface RateLimitRule {
  /** Hits allowed per window (>= 1). */
  limit: number
  /** Window length in milliseconds. */
  windowMs: number
}

export interface RateLimitOptions extends RateLimitRule {
  /** The clock (default: the current time); tests pass a later time instead of sleeping. */
  now?: Date
}

export interface RateLimitHit {
  /** False once this hit is over the limit: answer 429. */
  allowed: boolean
  /** Hits counted in this window, this one included. */
  hits: number
  limit: number
  /** Hits still allowed in this window (0 when refused). */
  remaining: number
  /** When the window ends and the count starts again. */
  resetAt: Date
  /** Whole seconds until resetAt (at least 1): the Retry-After value. */
  retryAfterSeconds: number
}

/** Rows are pruned at most this often per database handle (old windows are harmless, only clutter). */
export const PRUNE_INTERVAL_MS = 60_000
const lastPruned = new WeakMap<object, number>()

/** Keys longer than this are cut (the table refuses > 300 characters). */
const MAX_KEY_LENGTH = 300

/**
 * Counts one hit for `key` in the current window and says whether it is allowed. Atomic across
 * processes and connections (one `insert … on conflict do update … returning`). Also prunes expired rows,
 * at most once a minute per database handle.
 */
export async function hitRateLimit(db: Kysely<Database>, key: string, options: RateLimitOptions): Promise<RateLimitHit> {
  const { limit, windowMs } = options
  if (!Number.isInteger(limit) || limit < 1 || !Number.isInteger(windowMs) || windowMs < 1000)
    throw new RangeError(`bad rate limit rule: limit ${limit}, windowMs ${windowMs}`)
  const nowMs = (options.now ?? new Date()).getTime()
  const windowStart = new Date(Math.floor(nowMs / windowMs) * windowMs)
  const resetAt = new Date(windowStart.getTime() + windowMs)
  const safeKey = key.slice(0, MAX_KEY_LENGTH) || '-'

  const row = await db.insertInto('rate_limits')
    .values({ key: safeKey, window_start: windowStart, expires_at: resetAt, hits: 1 })
    .onConflict(oc => oc.columns(['key', 'window_start']).doUpdateSet({ hits: sql<number>`rate_limits.hits + 1` }))
    .returning('hits')
    .executeTakeFirstOrThrow()
  const hits = Number(row.hits)

  await maybePrune(db, nowMs)
  return {
    allowed: hits <= limit,
    hits,
    limit,
    remaining: Math.max(0, limit - hits),
    resetAt,
    retryAfterSeconds: Math.max(1, Math.ceil((resetAt.getTime() - nowMs) / 1000)),
  }
}

/** Deletes the rows of windows that ended before `now`; returns how many. */
export async function pruneRateLimits(db: Kysely<Database>, now: Date = new Date()): Promise<number> {
  const result = await db.deleteFrom('rate_limits').where('expires_at', '<', now).executeTakeFirst()
  return Number(result.numDeletedRows)
}

async function maybePrune(db: Kysely<Database>, nowMs: number): Promise<void> {
  const last = lastPruned.get(db)
  if (last !== undefined && nowMs - last < PRUNE_INTERVAL_MS && nowMs >= last)
    return
  lastPruned.set(db, nowMs)
  await pruneRateLimits(db, new Date(nowMs))
}

/** The 429 answer: `Retry-After` in seconds and `{error: 'too-many-requests', message, retryAfter}`. */
export function tooManyRequests(c: Context, hit: Pick<RateLimitHit, 'retryAfterSeconds'>, message: RateLimitMessage = defaultMessage): Response {
  c.header('Retry-After', String(hit.retryAfterSeconds))
  return errorResponse(c, 429, 'too-many-requests', message(formatWait(hit.retryAfterSeconds)), { retryAfter: hit.retryAfterSeconds })
}

/** Builds the 429 message from the wait in words, e.g. '5 分钟'. */
export type RateLimitMessage = (wait: string) => string

const defaultMessage: RateLimitMessage = wait => `操作过于频繁，请在 ${wait}后重试`

export interface RateLimitMiddlewareOptions extends RateLimitRule {
  /** Prefix of the counter's key, e.g. 'enroll'. */
  name: string
  /** What is limited, e.g. the client address (clientAddress); undefined skips the limit. */
  key: (c: Context<AppEnv>) => string | undefined
  /** The 429 message (default: "操作过于频繁，请在 N 分钟后重试"). */
  message?: RateLimitMessage
}

/** Hono middleware: counts each request under `${name}:${key(c)}` and answers 429 over the limit. */
export function rateLimit(options: RateLimitMiddlewareOptions): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const key = options.key(c)
    if (key === undefined)
      return next()
    const { db, now } = c.var.deps
    const hit = await hitRateLimit(db, `${options.name}:${key}`, { limit: options.limit, windowMs: options.windowMs, now: now() })
    if (!hit.allowed) {
      c.var.log.warn({ limit: options.name, hits: hit.hits, retryAfter: hit.retryAfterSeconds }, 'rate limited')
      return tooManyRequests(c, hit, options.message)
    }
    await next()
  }
}

function formatWait(seconds: number): string {
  if (seconds < 60)
    return `${seconds} 秒`
  return `${Math.ceil(seconds / 60)} 分钟`
}
