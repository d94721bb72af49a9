/**
 * Engine behaviour that needs a scripted network: retry timing, the watchdog, one sync at a time
 * across tabs, and batch limits. The protocol itself is tested against the real server in server.test.ts.
 */
import type { LockManagerLike, SyncStatus } from '../../../src/app/sync/engine'
import type { DomainEvent } from '../../../src/domain/events'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { backoffCeiling, backoffDelay } from '../../../src/app/sync/backoff'
import { createSyncClient } from '../../../src/app/sync/client'
import { MAX_PUSH_BYTES, splitIntoBatches, utf8Length, pushBody } from '../../../src/app/sync/pushBatches'
import { createDataSyncPort } from '../../../src/app/data'
import { createSyncEngine } from '../../../src/app/sync/engine'
import { MESSAGES } from '../../../src/app/sync/messages'
import { consultationRecorded, enrolledTablet, json, recordConsultations } from './helpers'

type Handler = (url: URL, init: RequestInit | undefined) => Promise<Response> | Response

/** A fetch that answers /api/health ok and hands everything else to `handler`. */
function scriptedFetch(handler: Handler) {
  const calls: string[] = []
  const fetch = async (input: string, init?: RequestInit): Promise<Response> => {
    const url = new URL(input)
    calls.push(`${init?.method ?? 'GET'} ${url.pathname}`)
    if (url.pathname === '/api/health')
      return json({ status: 'ok', db: 'pglite', version: 'test' })
    return handler(url, init)
  }
  return { fetch, calls }
}

/** Answers every push 'applied' and every pull with an empty last page. */
const happyServer: Handler = async (url, init) => {
  if (url.pathname === '/api/sync/push') {
    const body = JSON.parse(String(init?.body)) as { events: DomainEvent[] }
    return json({ results: body.events.map(e => ({ id: e.id, status: 'applied' })), serverTime: new Date().toISOString() })
  }
  if (url.pathname === '/api/sync/pull')
    return json({ events: [], reference: null, cursor: 0, more: false, serverTime: new Date().toISOString() })
  return json({ error: 'not-found' }, 404)
}

function engineWith(fetch: (input: string, init?: RequestInit) => Promise<Response>, extra: Partial<Parameters<typeof createSyncEngine>[0]> = {}) {
  const port = createDataSyncPort()
  const client = createSyncClient({ baseUrl: 'http://station.test', fetch, appVersion: '0.1.0', getToken: async () => (await port.getDevice())?.token })
  return createSyncEngine({ client, port, locks: null, window: null, document: null, ...extra })
}

afterEach(() => {
  vi.useRealTimers()
})

describe('backoff', () => {
  it('doubles its ceiling from 2 s up to 5 minutes', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map(n => backoffCeiling(n))).toEqual([2_000, 4_000, 8_000, 16_000, 32_000, 64_000, 128_000, 256_000, 300_000, 300_000])
  })

  it('draws each delay uniformly below the ceiling (full jitter)', () => {
    for (let failures = 1; failures <= 12; failures++) {
      const ceiling = backoffCeiling(failures)
      expect(backoffDelay(failures, () => 0)).toBe(250)
      expect(backoffDelay(failures, () => 1)).toBe(ceiling)
      const mid = backoffDelay(failures, () => 0.5)
      expect(mid).toBeGreaterThan(250)
      expect(mid).toBeLessThan(ceiling)
    }
  })

  it('retries on its own timer with growing, jittered delays while the server stays unreachable', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })
    await enrolledTablet()
    let attempts = 0
    const fetch = async (): Promise<Response> => {
      attempts++
      throw new TypeError('Failed to fetch')
    }
    const randoms = [0.9, 0.1, 0.5, 0.7, 0.3]
    const engine = engineWith(fetch, { random: () => randoms.shift() ?? 0.5 })
    const delays: number[] = []
    engine.subscribe((s: SyncStatus) => {
      if (s.nextRetryAt !== null && (delays.length === 0 || s.nextRetryAt - Date.now() !== delays.at(-1)))
        delays.push(s.nextRetryAt - Date.now())
    })
    const first = await engine.syncNow()
    expect(first.ok).toBe(false)
    expect(engine.getStatus().state).toBe('offline')
    expect(engine.getStatus().lastError).toBe(MESSAGES.offline)
    for (let i = 0; i < 4; i++) {
      const next = engine.getStatus().nextRetryAt ?? Number.NaN
      expect(next).not.toBeNaN()
      await vi.advanceTimersByTimeAsync(next - Date.now())
      await vi.waitFor(() => expect(engine.getStatus().state).not.toBe('syncing'))
    }
    expect(attempts).toBe(5)
    expect(engine.getStatus().failures).toBe(5)
    // ceilings 2, 4, 8, 16, 32 s with jitter 0.9, 0.1, 0.5, 0.7, 0.3 (250 ms floor)
    const expected = [0.9, 0.1, 0.5, 0.7, 0.3].map((r, i) => Math.round(250 + r * (backoffCeiling(i + 1) - 250)))
    expect(delays.slice(0, 5)).toEqual(expected)
    for (const [i, d] of delays.slice(0, 5).entries())
      expect(d).toBeLessThanOrEqual(backoffCeiling(i + 1))
    engine.stop()
  })

  it('resets after a success', async () => {
    await enrolledTablet()
    let down = true
    const { fetch } = scriptedFetch(async (url, init) => {
      if (down)
        throw new TypeError('Failed to fetch')
      return happyServer(url, init)
    })
    const engine = engineWith(fetch)
    await engine.syncNow()
    await engine.syncNow()
    expect(engine.getStatus().failures).toBe(2)
    down = false
    const ok = await engine.syncNow()
    expect(ok.ok).toBe(true)
    expect(engine.getStatus()).toMatchObject({ state: 'idle', failures: 0, nextRetryAt: null, lastError: null })
    engine.stop()
  })
})

describe('watchdog', () => {
  it('ends a sync that makes no progress, keeps the outbox and schedules a retry', async () => {
    const device = await enrolledTablet()
    await recordConsultations(device, 2)
    const { fetch } = scriptedFetch(async (url, init) => {
      if (url.pathname === '/api/sync/push')
        return new Promise<Response>(() => {}) // a request that never answers and ignores its abort signal
      return happyServer(url, init)
    })
    const engine = engineWith(fetch, { watchdogMs: 150 })
    const outcome = await engine.syncNow()
    expect(outcome.ok).toBe(false)
    const status = engine.getStatus()
    expect(status.state).toBe('error')
    expect(status.lastError).toBe(MESSAGES.stuck)
    expect(status.progress).toBeNull()
    expect(status.nextRetryAt).not.toBeNull()
    expect(status.pendingCount).toBe(2)
    engine.stop()
  })
})

/** A minimal in-memory Web Locks stand-in shared by two "tabs". */
function sharedLocks(): LockManagerLike {
  const held = new Set<string>()
  const queue: (() => void)[] = []
  return {
    async request(name, options, callback) {
      if (held.has(name)) {
        if (options.ifAvailable)
          return callback(null)
        await new Promise<void>(resolve => queue.push(resolve))
      }
      held.add(name)
      try {
        return await callback({ name })
      }
      finally {
        held.delete(name)
        queue.shift()?.()
      }
    },
  }
}

describe('one sync at a time', () => {
  it('a second tab does not push while the first holds the sync lock', async () => {
    const device = await enrolledTablet()
    await recordConsultations(device, 3)
    let release!: () => void
    const gate = new Promise<void>(resolve => release = resolve)
    const pushes: string[] = []
    const locks = sharedLocks()
    const tab = (name: string) => engineWith(scriptedFetch(async (url, init) => {
      if (url.pathname === '/api/sync/push') {
        pushes.push(name)
        await gate
      }
      return happyServer(url, init)
    }).fetch, { locks })
    const tabA = tab('A')
    const tabB = tab('B')
    const a = tabA.syncNow()
    await vi.waitFor(() => expect(pushes).toEqual(['A']))
    const b = await tabB.syncNow()
    expect(b.skipped).toBe('busy')
    release()
    expect((await a).ok).toBe(true)
    expect(pushes).toEqual(['A'])
    expect(tabA.getStatus().pendingCount).toBe(0)
    tabA.stop()
    tabB.stop()
  })

  it('joins the sync already running in the same tab', async () => {
    const device = await enrolledTablet()
    await recordConsultations(device, 1)
    const { fetch, calls } = scriptedFetch(happyServer)
    const engine = engineWith(fetch)
    const [x, y] = await Promise.all([engine.syncNow(), engine.syncNow()])
    expect(x).toBe(y)
    expect(calls.filter(c => c === 'POST /api/sync/push')).toHaveLength(1)
    engine.stop()
  })
})

describe('triggers', () => {
  it('syncs a few seconds after a local write, once for a burst of writes', async () => {
    const device = await enrolledTablet()
    const { fetch, calls } = scriptedFetch(happyServer)
    const engine = engineWith(fetch, { writeDebounceMs: 50 })
    for (let i = 0; i < 3; i++) {
      await recordConsultations(device, 1)
      engine.notifyLocalWrite()
    }
    expect(calls).toEqual([])
    await vi.waitFor(() => expect(engine.getStatus().lastSyncAt).not.toBeNull())
    expect(calls.filter(c => c === 'POST /api/sync/push')).toHaveLength(1)
    expect(engine.getStatus().pendingCount).toBe(0)
    engine.stop()
  })

  it('decides online by reaching /api/health, and syncs on the online event and on return to foreground', async () => {
    await enrolledTablet()
    const { fetch, calls } = scriptedFetch(happyServer)
    const win = new EventTarget()
    const doc = Object.assign(new EventTarget(), { visibilityState: 'hidden' as DocumentVisibilityState })
    const engine = engineWith(fetch, { window: win as unknown as Window, document: doc as unknown as Document })
    engine.start()
    await vi.waitFor(() => expect(calls.filter(c => c === 'GET /api/health')).toHaveLength(1))
    await vi.waitFor(() => expect(engine.getStatus().state).toBe('idle'))
    win.dispatchEvent(new Event('online'))
    await vi.waitFor(() => expect(calls.filter(c => c === 'GET /api/health')).toHaveLength(2))
    await vi.waitFor(() => expect(engine.getStatus().state).toBe('idle'))
    doc.dispatchEvent(new Event('visibilitychange'))
    doc.visibilityState = 'visible'
    doc.dispatchEvent(new Event('visibilitychange'))
    await vi.waitFor(() => expect(calls.filter(c => c === 'GET /api/health')).toHaveLength(3))
    await vi.waitFor(() => expect(engine.getStatus().state).toBe('idle'))
    engine.stop()
  })

  it('a captive portal answering HTML is offline, not a sync', async () => {
    await enrolledTablet()
    const calls: string[] = []
    const fetch = async (input: string): Promise<Response> => {
      calls.push(new URL(input).pathname)
      return new Response('<html>请登录 Wi-Fi</html>', { status: 200, headers: { 'Content-Type': 'text/html' } })
    }
    const engine = engineWith(fetch)
    const outcome = await engine.syncNow()
    expect(outcome.state).toBe('offline')
    expect(calls).toEqual(['/api/health'])
    engine.stop()
  })
})

describe('push batches', () => {
  it('split by count (≤ 1000) and by serialized size (≤ 2 MB), in order', () => {
    const device = { deviceId: 'tablet-A', stationId: 'station-TY01' }
    const small = Array.from({ length: 2_500 }, () => consultationRecorded(device))
    expect(splitIntoBatches(small, '0.1.0').map(b => b.length)).toEqual([1_000, 1_000, 500])

    const big = Array.from({ length: 30 }, () => consultationRecorded(device, { question: '问'.repeat(90_000) }))
    const batches = splitIntoBatches(big, '0.1.0')
    expect(batches.length).toBeGreaterThan(1)
    for (const batch of batches)
      expect(utf8Length(pushBody('0.1.0', batch))).toBeLessThanOrEqual(MAX_PUSH_BYTES)
    expect(batches.flat().map(e => e.id)).toEqual(big.map(e => e.id))
  })

  it('a body refused as too large is halved until the one oversized event is set aside for staff', async () => {
    const device = await enrolledTablet()
    const events = await recordConsultations(device, 4)
    const huge = events[2] as DomainEvent
    const { fetch } = scriptedFetch(async (url, init) => {
      if (url.pathname === '/api/sync/push') {
        const body = JSON.parse(String(init?.body)) as { events: DomainEvent[] }
        if (body.events.some(e => e.id === huge.id))
          return json({ error: 'payload-too-large' }, 413)
      }
      return happyServer(url, init)
    })
    const engine = engineWith(fetch)
    const outcome = await engine.syncNow()
    expect(outcome).toMatchObject({ ok: true, applied: 3, rejected: 1 })
    const port = createDataSyncPort()
    expect(await port.countOutbox()).toBe(0)
    const attention = await port.listRejected()
    expect(attention.map(a => [a.event.id, a.reason])).toEqual([[huge.id, MESSAGES.tooLarge]])
    engine.stop()
  })
})
