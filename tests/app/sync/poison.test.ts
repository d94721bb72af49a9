// @vitest-environment node
/**
 * Issue 10 item 1 on the tablet: a push that keeps failing with a 5xx because of one event is halved until
 * that event is alone; it goes to needs attention with a clear reason and the others go through. A server
 * that is unwell (its health check fails too) moves nothing to needs attention. And the domain validator
 * stops such an event before it is ever recorded, with a message staff can read.
 */
import type { FetchLike } from '../../../src/app/sync/client'
import type { SyncEngine } from '../../../src/app/sync/engine'
import type { TestServer } from '../support/testServer'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { recordEvent } from '../../../src/app/data/record'
import { createSyncClient } from '../../../src/app/sync/client'
import { createDataSyncPort } from '../../../src/app/data'
import { createSyncEngine } from '../../../src/app/sync/engine'
import { enrollDevice } from '../../../src/app/sync/index'
import { readMessageRef } from '../../../src/app/appError'
import { MESSAGES } from '../../../src/app/sync/messages'
import { consultationRecorded, freshTabletDb, json, recordConsultations } from './helpers'
import { startServer } from '../support/testServer'

vi.setConfig({ testTimeout: 30_000 })

let server: TestServer
const engines: SyncEngine[] = []

beforeAll(async () => {
  server = await startServer()
}, 120_000)

afterAll(async () => {
  await server.close()
})

afterEach(() => {
  for (const e of engines.splice(0))
    e.stop()
})

/** A fetch into the real server that answers 500 to every push carrying `poisonId` (a server that breaks on that event). */
function failingOn(poisonId: () => string | null, status = 500): { fetch: FetchLike, pushes: number[] } {
  const pushes: number[] = []
  const fetch: FetchLike = async (input, init) => {
    if (new URL(input).pathname === '/api/sync/push' && typeof init?.body === 'string') {
      const id = poisonId()
      const size = (JSON.parse(init.body) as { events: unknown[] }).events.length
      pushes.push(size)
      if (id && init.body.includes(id))
        return json({ error: 'internal', message: '服务器内部错误，请稍后重试' }, status)
    }
    return server.fetch(input, init)
  }
  return { fetch, pushes }
}

async function tablet(fetch: FetchLike, maxPushEvents?: number) {
  freshTabletDb()
  const port = createDataSyncPort()
  const client = createSyncClient({ baseUrl: 'http://station.test', fetch, appVersion: '0.1.0', getToken: async () => (await port.getDevice())?.token })
  const identity = await enrollDevice(client, await server.mintCode(), '柜台平板')
  const engine = createSyncEngine({ client, port, locks: null, window: null, document: null, watchdogMs: 10_000, writeDebounceMs: 20, ...(maxPushEvents ? { maxPushEvents } : {}) })
  engines.push(engine)
  return { engine, port, deviceId: identity.deviceId, stationId: identity.stationId }
}

describe('a push the server keeps failing on one event', () => {
  it('is halved until the event is alone: it goes to needs attention with the reason, the others are applied', async () => {
    let poison: string | null = null
    const { fetch, pushes } = failingOn(() => poison)
    const a = await tablet(fetch)
    const events = await recordConsultations(a, 9)
    poison = events[5]?.id ?? null
    const outcome = await a.engine.syncNow()
    expect(outcome).toMatchObject({ ok: true, applied: 8, rejected: 1 })
    expect(await a.port.countOutbox()).toBe(0)
    const attention = await a.port.listRejected()
    expect(attention.map(x => [x.event.id, x.reason])).toEqual([[poison, MESSAGES.serverFailsOnEvent(500)]])
    expect(readMessageRef(attention[0]?.reason ?? '')).toEqual({ code: 'sync.serverFailsOnEvent', params: { status: 500 } })
    const stored = await server.eventRows(events.map(e => e.id))
    expect([...stored.keys()].sort()).toEqual(events.filter(e => e.id !== poison).map(e => e.id).sort())
    expect([...stored.values()].every(n => n === 1)).toBe(true)
    // Every batch holding the poison event was tried twice before it was split: 9 → 5 → 2 → 1.
    expect(pushes.filter(n => n === 9)).toHaveLength(2)
    expect(pushes.filter(n => n === 1).length).toBeGreaterThanOrEqual(2)
    expect(a.engine.getStatus().rejectedCount).toBe(1)
  })

  it('a 5xx once is retried as it is: nothing moves to needs attention', async () => {
    let failures = 1
    const inner = failingOn(() => null)
    const fetch: FetchLike = async (input, init) => {
      if (new URL(input).pathname === '/api/sync/push' && failures > 0) {
        failures -= 1
        return json({ error: 'internal', message: 'x' }, 500)
      }
      return inner.fetch(input, init)
    }
    const a = await tablet(fetch)
    await recordConsultations(a, 3)
    expect(await a.engine.syncNow()).toMatchObject({ ok: true, applied: 3, rejected: 0 })
    expect(await a.port.countRejected()).toBe(0)
  })

  it('a server that is unwell (its health check fails too) keeps the whole outbox, nothing to needs attention', async () => {
    let down = false
    const fetch: FetchLike = async (input, init) => {
      const path = new URL(input).pathname
      if (down && (path === '/api/sync/push' || path === '/api/health'))
        return json({ error: 'unavailable', message: '服务暂不可用，请稍后重试' }, 503)
      return server.fetch(input, init)
    }
    const a = await tablet(fetch)
    await recordConsultations(a, 4)
    down = true
    const outcome = await a.engine.syncNow()
    expect(outcome.ok).toBe(false)
    expect(await a.port.countOutbox()).toBe(4)
    expect(await a.port.countRejected()).toBe(0)
    down = false
    expect(await a.engine.syncNow()).toMatchObject({ ok: true, applied: 4 })
  })
})

describe('what the validator refuses is never recorded', () => {
  it('a NUL in a text: recordEvent throws a readable Chinese message, the outbox stays empty', async () => {
    const a = await tablet(server.fetch)
    await expect(recordEvent(consultationRecorded(a, { question: '外地户口\u0000能补办吗' }))).rejects.toMatchObject({ code: 'data.invalidEvent', params: { detail: 'payload.question 不能包含空字符（U+0000）' } })
    await expect(recordEvent(consultationRecorded(a, { occurredAt: '0000-01-01T00:00:00Z' }))).rejects.toMatchObject({ code: 'data.invalidEvent', params: { detail: expect.stringMatching(/^occurredAt 时间超出支持的范围（2000-01-01 至 2199-12-31），请检查本机日期/) } })
    await expect(recordEvent({ ...consultationRecorded(a), id: consultationRecorded(a).id.toUpperCase() })).rejects.toThrow(/id 记录编号应为小写的 UUID/)
    expect(await a.port.countOutbox()).toBe(0)
  })
})
