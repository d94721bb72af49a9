// @vitest-environment node
/**
 * The client sync engine against the REAL server app in-process (PGlite in memory): DESIGN §4 end to
 * end — push idempotency, rejection, dropped answers, paged pulls, 426, 401, clock offset, blobs.
 */
import type { FetchLike } from '../../../src/app/sync/client'
import type { SyncEngine } from '../../../src/app/sync/engine'
import type { DomainEvent } from '../../../src/domain/events'
import type { TestServer } from '../support/testServer'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { BianminDb, useDatabase } from '../../../src/app/data/db'
import { recordEvent } from '../../../src/app/data/record'
import { blobsRepo } from '../../../src/app/data/repos/blobs'
import { eventsRepo } from '../../../src/app/data/repos/events'
import { referenceRepo } from '../../../src/app/data/reference'
import { metaRepo } from '../../../src/app/data/meta'
import { createSyncClient } from '../../../src/app/sync/client'
import { createDataSyncPort } from '../../../src/app/data'
import { createSyncEngine } from '../../../src/app/sync/engine'
import { enrollDevice } from '../../../src/app/sync/index'
import { MESSAGES } from '../../../src/app/sync/messages'
import { revokeDevice } from '../../../src/server/auth/devices'
import { consultationRecorded, freshTabletDb, recordConsultations } from './helpers'
import { startServer } from '../support/testServer'

const APP_VERSION = '0.1.0'

// PGlite answers in-process but not instantly; the default 5 s is tight for a multi-page sync.
vi.setConfig({ testTimeout: 30_000 })
const DAY_MS = 86_400_000

interface Tablet {
  dbName: string
  engine: SyncEngine
  deviceId: string
  stationId: string
  /** Make this tablet's database the data layer's current one. */
  use: () => void
}

let server: TestServer
const engines: SyncEngine[] = []

// One server for the file (PGlite start-up is slow); every test enrolls its own tablets.
beforeAll(async () => {
  server = await startServer()
}, 120_000)

afterAll(async () => {
  await server.close()
})

afterEach(async () => {
  for (const e of engines.splice(0))
    e.stop()
  await server.setMinAppVersion('0.1.0')
})

async function tablet(options: { fetch?: FetchLike, now?: () => number, pullLimit?: number, appVersion?: string } = {}): Promise<Tablet> {
  const db = freshTabletDb()
  const port = createDataSyncPort()
  const client = createSyncClient({ baseUrl: 'http://station.test', fetch: options.fetch ?? server.fetch, appVersion: options.appVersion ?? APP_VERSION, now: options.now, getToken: async () => (await port.getDevice())?.token })
  const identity = await enrollDevice(client, await server.mintCode(), '柜台平板')
  const engine = createSyncEngine({ client, port, locks: null, window: null, document: null, now: options.now, pullLimit: options.pullLimit, watchdogMs: 10_000, writeDebounceMs: 20 })
  engines.push(engine)
  return { dbName: db.name, engine, deviceId: identity.deviceId, stationId: identity.stationId, use: () => useDatabase(new BianminDb(db.name)) }
}

describe('push', () => {
  it('sends the outbox; the outbox is empty and the server holds each event once', async () => {
    const a = await tablet()
    const since = server.requests.length
    const events = await recordConsultations(a, 5)
    const outcome = await a.engine.syncNow()
    expect(outcome).toMatchObject({ ok: true, applied: 5, duplicate: 0, rejected: 0 })
    expect(a.engine.getStatus()).toMatchObject({ state: 'idle', pendingCount: 0, rejectedCount: 0, lastError: null })
    expect(a.engine.getStatus().lastSyncAt).not.toBeNull()
    const rows = await server.eventRows(events.map(e => e.id))
    expect([...rows.values()]).toEqual([1, 1, 1, 1, 1])
    // The pull brought our own events back with their server seq, without new outbox rows (no echo).
    const stored = await eventsRepo.get(events[0]?.id ?? '')
    expect(stored?.seq).toBeGreaterThan(0)
    expect(await createDataSyncPort().countOutbox()).toBe(0)
    // A second sync has nothing to push.
    await a.engine.syncNow()
    expect(server.pushedIds(since)).toHaveLength(5)
  })

  it('reports its outbox size (SYNC-API.md `unsent`): in each push, this batch included, and at the pull what is left', async () => {
    const a = await tablet()
    const since = server.requests.length
    await recordConsultations(a, 5)
    expect(await a.engine.syncNow()).toMatchObject({ ok: true, applied: 5 })
    const pushes = server.requests.slice(since).filter(r => r.path === '/api/sync/push')
    expect(pushes.map(r => (r.body as { unsent?: number }).unsent)).toEqual([5])
    const device = await server.db.selectFrom('devices').select(['reported_unsent', 'last_push_at', 'last_pull_at']).where('id', '=', a.deviceId).executeTakeFirstOrThrow()
    expect(device.reported_unsent).toBe(0)
    expect(device.last_push_at).not.toBeNull()
    expect(device.last_pull_at).not.toBeNull()
  })

  it('a rejected event moves to needs attention with the reason and is never pushed again', async () => {
    const a = await tablet()
    const good = await recordConsultations(a, 2)
    const since = server.requests.length
    const foreign = await recordEvent(consultationRecorded({ deviceId: a.deviceId, stationId: 'some-other-station' }))
    const outcome = await a.engine.syncNow()
    expect(outcome).toMatchObject({ ok: true, applied: 2, rejected: 1 })
    const port = createDataSyncPort()
    expect(await port.countOutbox()).toBe(0)
    const attention = await port.listRejected()
    expect(attention.map(x => [x.event.id, x.reason])).toEqual([[foreign.id, 'scope']])
    expect(a.engine.getStatus().rejectedCount).toBe(1)
    await a.engine.syncNow()
    await a.engine.syncNow()
    expect(server.pushedIds(since).filter(id => id === foreign.id)).toHaveLength(1)
    expect([...(await server.eventRows([...good.map(e => e.id), foreign.id])).keys()].sort()).toEqual(good.map(e => e.id).sort())
  })

  it('the connection drops after the server committed: the retry answers duplicate, nothing lost or doubled', async () => {
    let dropNextPushAnswer = true
    const flaky: FetchLike = async (input, init) => {
      const res = await server.fetch(input, init)
      if (dropNextPushAnswer && new URL(input).pathname === '/api/sync/push') {
        dropNextPushAnswer = false
        throw new TypeError('network connection was lost')
      }
      return res
    }
    const a = await tablet({ fetch: flaky })
    const events = await recordConsultations(a, 3)
    const first = await a.engine.syncNow()
    expect(first.ok).toBe(false)
    expect(a.engine.getStatus()).toMatchObject({ state: 'offline', pendingCount: 3, lastError: MESSAGES.offline })
    expect(a.engine.getStatus().nextRetryAt).not.toBeNull()
    expect([...(await server.eventRows(events.map(e => e.id))).values()]).toEqual([1, 1, 1])

    const retry = await a.engine.syncNow()
    expect(retry).toMatchObject({ ok: true, applied: 0, duplicate: 3 })
    expect(a.engine.getStatus().pendingCount).toBe(0)
    expect([...(await server.eventRows(events.map(e => e.id))).values()]).toEqual([1, 1, 1])
  })

  it('uploads pending blobs, content-addressed, before the events that reference them', async () => {
    const a = await tablet()
    const since = server.requests.length
    // A PNG signature first: the server takes only JPEG, PNG and WebP (magic bytes).
    const bytes = new Uint8Array([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, ...new TextEncoder().encode('签名图像 signature bytes')])
    const blob = new Blob([bytes], { type: 'image/png' })
    const sha256 = await blobsRepo.put(blob)
    await recordConsultations(a, 1)
    await a.engine.syncNow()
    const order = server.requests.slice(since).map(r => `${r.method} ${r.path}`)
    expect(order.indexOf(`PUT /api/blobs/${sha256}`)).toBeGreaterThanOrEqual(0)
    expect(order.indexOf(`PUT /api/blobs/${sha256}`)).toBeLessThan(order.indexOf('POST /api/sync/push'))
    expect((await blobsRepo.get(sha256))?.uploaded).toBe(1)
    expect(await blobsRepo.pendingUploads()).toEqual([])
  })
})

describe('pull', () => {
  it('pages with a small limit until more is false, saving each page with its cursor', async () => {
    const a = await tablet()
    const events = await recordConsultations(a, 5)
    await a.engine.syncNow()

    const b = await tablet({ pullLimit: 2 })
    const before = server.requests.length
    const outcome = await b.engine.syncNow()
    expect(outcome.ok).toBe(true)
    const pulls = server.requests.slice(before).filter(r => r.path === '/api/sync/pull')
    expect(pulls.length).toBeGreaterThanOrEqual(3)
    for (const e of events)
      expect((await eventsRepo.get(e.id))?.seq).toBeGreaterThan(0)
    const seqs = await Promise.all(events.map(async e => (await eventsRepo.get(e.id))?.seq ?? 0))
    expect(await metaRepo.get('cursor')).toBe(Math.max(...seqs))
    // Tablet B never pushes A's events back: pulled events create no outbox rows.
    expect(b.engine.getStatus().pendingCount).toBe(0)
    // Reference data came with the first page and is stored by id.
    expect((await referenceRepo.list('stations')).map(s => s.id)).toContain(b.stationId)
    expect((await referenceRepo.list('settings')).map(s => s.id)).toContain('minAppVersion')
    expect((await referenceRepo.list('serviceItems')).length).toBeGreaterThan(0)
  })
})

describe('refusals keep the outbox', () => {
  it('426: sync stops, the outbox is kept and staff are asked to update', async () => {
    const a = await tablet()
    await recordConsultations(a, 2)
    await server.setMinAppVersion('9.0.0')
    const since = server.requests.length
    const outcome = await a.engine.syncNow()
    expect(outcome.state).toBe('updateRequired')
    const status = a.engine.getStatus()
    expect(status).toMatchObject({ state: 'updateRequired', minAppVersion: '9.0.0', pendingCount: 2, nextRetryAt: null })
    expect(status.lastError).toBe(MESSAGES.updateRequired('9.0.0'))
    expect(server.pushedIds(since)).toHaveLength(2)
    // Automatic triggers do nothing until the app is updated.
    a.engine.notifyLocalWrite()
    await new Promise(resolve => setTimeout(resolve, 150))
    expect(server.requests.length).toBe(since + 2) // the health check and the refused push, nothing after
  })

  it('a push body the server refuses for its envelope (bad appVersion) is an error to retry, not the events\' fault', async () => {
    const a = await tablet({ appVersion: 'dev' })
    await recordConsultations(a, 3)
    const outcome = await a.engine.syncNow()
    expect(outcome).toMatchObject({ ok: false, state: 'error', rejected: 0 })
    expect(a.engine.getStatus()).toMatchObject({ pendingCount: 3, rejectedCount: 0 })
    expect(a.engine.getStatus().nextRetryAt).not.toBeNull()
  })

  it('401 (revoked device): unauthorized, the outbox is kept', async () => {
    const a = await tablet()
    await recordConsultations(a, 2)
    await revokeDevice(server.db, a.deviceId)
    const outcome = await a.engine.syncNow()
    expect(outcome.state).toBe('unauthorized')
    expect(a.engine.getStatus()).toMatchObject({ state: 'unauthorized', pendingCount: 2, nextRetryAt: null, lastError: MESSAGES.unauthorized })
    expect(await createDataSyncPort().countOutbox()).toBe(2)
  })
})

describe('clock', () => {
  it('a device clock one day behind: data accepted, the offset reported and a warning raised', async () => {
    const behind = () => Date.now() - DAY_MS
    const a = await tablet({ now: behind })
    const events = await recordConsultations(a, 2, { occurredAt: new Date(behind()).toISOString() })
    const outcome = await a.engine.syncNow()
    expect(outcome).toMatchObject({ ok: true, applied: 2 })
    const { clockOffsetMs, clockWarning } = a.engine.getStatus()
    expect(clockWarning).toBe(true)
    expect(Math.abs((clockOffsetMs ?? 0) - DAY_MS)).toBeLessThan(60_000)
    expect([...(await server.eventRows(events.map(e => e.id))).values()]).toEqual([1, 1])
  })

  it('a correct clock raises no warning', async () => {
    const a = await tablet()
    await recordConsultations(a, 1)
    await a.engine.syncNow()
    expect(a.engine.getStatus().clockWarning).toBe(false)
    expect(Math.abs(a.engine.getStatus().clockOffsetMs ?? Number.NaN)).toBeLessThan(5_000)
  })
})

describe('outbox of the previous schema version', () => {
  it('survives the app update and is pushed', async () => {
    const a = await tablet()
    const events: DomainEvent[] = [consultationRecorded(a), consultationRecorded(a)]
    const { Dexie } = await import('dexie')
    const { SCHEMA_V1 } = await import('../../../src/app/data/schema')
    const name = `old-schema-${Date.now()}`
    // The app as shipped with schema v1: its own stores, outbox rows without stream/staffId.
    const old = new Dexie(name)
    old.version(1).stores(SCHEMA_V1)
    await old.open()
    const token = (await createDataSyncPort().getDevice())?.token
    await old.table('events').bulkAdd(events)
    await old.table('outbox').bulkAdd(events.map(e => ({ eventId: e.id, queuedAt: e.occurredAt, attempts: 0, lastError: null, lastAttemptAt: null })))
    await old.table('meta').bulkPut([{ key: 'deviceId', value: a.deviceId }, { key: 'stationId', value: a.stationId }, { key: 'deviceToken', value: token }])
    old.close()

    useDatabase(new BianminDb(name)) // the updated app opens the same database at the current version
    const outcome = await a.engine.syncNow()
    expect(outcome).toMatchObject({ ok: true, applied: 2 })
    expect(await createDataSyncPort().countOutbox()).toBe(0)
    expect([...(await server.eventRows(events.map(e => e.id))).values()]).toEqual([1, 1])
  })
})
