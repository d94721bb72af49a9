/**
 * Rate limits kept in the database (issue 10 item 5): the enrollment route per client address, the
 * plain hitRateLimit function the office sign-in calls, concurrency across connections, and pruning.
 * Time is injected (`now`), never slept.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { App } from '../../src/server/app'
import { mintEnrollmentCode } from '../../src/server/auth/devices'
import { hitRateLimit, pruneRateLimits } from '../../src/server/rateLimit'
import { ENROLL_RATE_LIMIT } from '../../src/server/routes/api/devices'
import { appFor } from './helpers/app'
import { testDatabases } from './helpers/databases'
import type { TestDatabase } from './helpers/databases'
import { addStation, json } from './helpers/sync'

/** The bindings @hono/node-server passes, so getConnInfo sees this peer address. */
function fromAddress(remoteAddress: string): { incoming: { socket: { remoteAddress: string, remotePort: number, remoteFamily: string } } } {
  return { incoming: { socket: { remoteAddress, remotePort: 40000, remoteFamily: 'IPv4' } } }
}

describe.each(testDatabases())('rate limits on %s', (kind) => {
  let ctx: TestDatabase
  let clock: Date
  let app: App
  beforeAll(async () => {
    ctx = await kind.open()
    clock = new Date('2026-03-02T08:00:00.000Z')
    app = appFor(ctx, { now: () => clock })
  })
  afterAll(() => ctx.close())

  const enroll = (address: string, code = 'ABCD-EFGH-JK', init: RequestInit = json({ code, deviceName: '平板' })) =>
    app.request('/api/devices/enroll', init, fromAddress(address))

  it('answers the N+1th enrollment from one address 429 with Retry-After and a Chinese message; other addresses and a later window pass', async () => {
    const { limit, windowMs } = ENROLL_RATE_LIMIT
    clock = new Date(Math.floor(Date.parse('2026-03-02T08:00:00.000Z') / windowMs) * windowMs + 1000)
    const statuses: number[] = []
    for (let i = 0; i < limit; i++)
      statuses.push((await enroll('192.0.2.10')).status)
    // Wrong codes are refused as such while under the limit.
    expect(statuses).toEqual(Array.from({ length: limit }, () => 403))

    const refused = await enroll('192.0.2.10')
    expect(refused.status).toBe(429)
    const retryAfter = Number(refused.headers.get('retry-after'))
    expect(retryAfter).toBe(Math.ceil((windowMs - 1000) / 1000))
    const body = await refused.json() as { error: string, message: string, retryAfter: number }
    expect(body.error).toBe('too-many-requests')
    expect(body.retryAfter).toBe(retryAfter)
    expect(body.message).toMatch(/^登记尝试过于频繁，请在 \d+ 分钟后重试$/)
    // A right code is refused too while limited: the limit comes before the code is looked at.
    const station = await addStation(ctx.db)
    const { code } = await mintEnrollmentCode(ctx.db, station, { now: clock })
    expect((await enroll('192.0.2.10', code)).status).toBe(429)
    expect(await ctx.db.selectFrom('devices').select('id').where('station_id', '=', station).execute()).toHaveLength(0)

    // Another address is not affected.
    expect((await enroll('192.0.2.11', code)).status).toBe(200)

    // Once the window has passed, the first address may try again.
    clock = new Date(clock.getTime() + retryAfter * 1000)
    expect((await enroll('192.0.2.10')).status).toBe(403)
  })

  it('counts malformed and oversized bodies too (the limit runs before validation)', async () => {
    clock = new Date('2026-03-03T09:00:00.000Z')
    const { limit } = ENROLL_RATE_LIMIT
    for (let i = 0; i < limit; i++)
      expect((await enroll('198.51.100.7', '', json('{"code":'))).status).toBe(400)
    expect((await enroll('198.51.100.7', '', json({ code: 'x'.repeat(10_000), deviceName: 'A' }))).status).toBe(429)
  })

  it('believes X-Forwarded-For only with trustProxy', async () => {
    clock = new Date('2026-03-04T09:00:00.000Z')
    const { limit } = ENROLL_RATE_LIMIT
    const spoofed = (forwardedFor: string, target: App) => target.request('/api/devices/enroll', {
      ...json({ code: 'ABCD-EFGH-JK', deviceName: '平板' }),
      headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': forwardedFor },
    }, fromAddress('203.0.113.5'))
    // Without trustProxy, a new X-Forwarded-For per request does not dodge the limit on the peer address.
    for (let i = 0; i < limit; i++)
      expect((await spoofed(`10.0.0.${i}`, app)).status).toBe(403)
    expect((await spoofed('10.0.1.1', app)).status).toBe(429)

    // Behind a trusted proxy (one peer address for everyone), the nearest forwarded address is the client.
    const proxied = appFor(ctx, { now: () => clock, trustProxy: true })
    for (let i = 0; i < limit; i++)
      expect((await spoofed('1.2.3.4, 192.0.2.50', proxied)).status).toBe(403)
    expect((await spoofed('5.6.7.8, 192.0.2.50', proxied)).status).toBe(429)
    expect((await spoofed('192.0.2.51', proxied)).status).toBe(403)
  })

  it('hitRateLimit counts per key and window, atomically across parallel connections', async () => {
    const now = new Date('2026-03-05T10:00:30.000Z')
    const rule = { limit: 5, windowMs: 60_000, now }
    const hits = await Promise.all(Array.from({ length: 12 }, () => hitRateLimit(ctx.db, 'test:parallel', rule)))
    expect(hits.map(h => h.hits).sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1))
    expect(hits.filter(h => h.allowed)).toHaveLength(5)
    const last = hits.find(h => h.hits === 12)
    expect(last).toMatchObject({ allowed: false, remaining: 0, limit: 5, retryAfterSeconds: 30, resetAt: new Date('2026-03-05T10:01:00.000Z') })
    expect(hits.find(h => h.hits === 1)).toMatchObject({ allowed: true, remaining: 4 })

    expect(await hitRateLimit(ctx.db, 'test:other-key', rule)).toMatchObject({ allowed: true, hits: 1 })
    expect(await hitRateLimit(ctx.db, 'test:parallel', { ...rule, now: new Date('2026-03-05T10:01:00.000Z') })).toMatchObject({ allowed: true, hits: 1 })
  })

  it('prunes the rows of ended windows', async () => {
    const rule = { limit: 3, windowMs: 60_000 }
    await hitRateLimit(ctx.db, 'test:prune', { ...rule, now: new Date('2026-04-01T00:00:10.000Z') })
    await hitRateLimit(ctx.db, 'test:keep', { limit: 3, windowMs: 3600_000, now: new Date('2026-04-01T00:00:10.000Z') })
    const keys = async () => (await ctx.db.selectFrom('rate_limits').select('key').where('key', 'in', ['test:prune', 'test:keep']).execute()).map(r => r.key).sort()
    expect(await keys()).toEqual(['test:keep', 'test:prune'])
    // A hit more than a minute later prunes on its own (at most once a minute per handle).
    await hitRateLimit(ctx.db, 'test:later', { ...rule, now: new Date('2026-04-01T00:02:00.000Z') })
    expect(await keys()).toEqual(['test:keep'])
    expect(await pruneRateLimits(ctx.db, new Date('2026-04-01T02:00:00.000Z'))).toBeGreaterThanOrEqual(2)
    expect(await keys()).toEqual([])
  })

  it('refuses a nonsense rule loudly (a programming error, not a client one)', async () => {
    await expect(hitRateLimit(ctx.db, 'k', { limit: 0, windowMs: 60_000 })).rejects.toThrow(RangeError)
    await expect(hitRateLimit(ctx.db, 'k', { limit: 1, windowMs: 10 })).rejects.toThrow(RangeError)
  })
})
