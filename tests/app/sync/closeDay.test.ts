// @vitest-environment node
/**
 * 日结 (close the day) and the last-resort export/import of unsent data, against the real server
 * in-process: progress n of m, the day's counts in CST, what could not be sent and why; a file from
 * one tablet imported on another of the same station is pushed once, and refused for another station.
 */
import type { FetchLike } from '../../../src/app/sync/client'
import type { CloseDayProgress, SyncEngine } from '../../../src/app/sync/engine'
import type { TestServer } from '../support/testServer'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { BianminDb, useDatabase } from '../../../src/app/data/db'
import { recordEvent } from '../../../src/app/data/record'
import { blobsRepo } from '../../../src/app/data/repos/blobs'
import { eventsRepo } from '../../../src/app/data/repos/events'
import { createSyncClient } from '../../../src/app/sync/client'
import { createDataSyncPort, saveEnrollment } from '../../../src/app/data'
import { createSyncEngine } from '../../../src/app/sync/engine'
import { cstDay } from '../../../src/domain/calendar'
import { enrollDevice } from '../../../src/app/sync/index'
import { ImportRefusedError, MESSAGES } from '../../../src/app/sync/messages'
import { exportUnsent, parseUnsentFile } from '../../../src/app/sync/transfer'
import { consultationRecorded, freshTabletDb, recordConsultations } from './helpers'
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

interface Tablet {
  engine: SyncEngine
  deviceId: string
  stationId: string
  use: () => void
}

async function tablet(options: { fetch?: FetchLike } = {}): Promise<Tablet> {
  const db = freshTabletDb()
  const port = createDataSyncPort()
  const client = createSyncClient({ baseUrl: 'http://station.test', fetch: options.fetch ?? server.fetch, appVersion: '0.1.0', getToken: async () => (await port.getDevice())?.token })
  const identity = await enrollDevice(client, await server.mintCode(), '柜台平板')
  const engine = createSyncEngine({ client, port, locks: null, window: null, document: null, maxPushEvents: 2 })
  engines.push(engine)
  return { engine, deviceId: identity.deviceId, stationId: identity.stationId, use: () => useDatabase(new BianminDb(db.name)) }
}

describe('close the day', () => {
  it('sends everything with progress n of m, counts the day by kind, and lists what the server refused and why', async () => {
    const b = await tablet()
    const fromB = await recordConsultations(b, 1)
    await b.engine.syncNow()

    const a = await tablet()
    await recordConsultations(a, 4)
    const foreign = await recordEvent(consultationRecorded({ deviceId: a.deviceId, stationId: 'another-station' }))
    const progress: CloseDayProgress[] = []
    const report = await a.engine.closeDay(p => progress.push(p))

    expect(progress[0]).toMatchObject({ phase: 'push', sent: 0, total: 5 })
    const pushes = progress.filter(p => p.phase === 'push').map(p => p.sent)
    expect(pushes).toEqual([...pushes].sort((x, y) => x - y))
    expect(pushes.length).toBeGreaterThanOrEqual(3) // batches of 2: 2, 4, 5
    expect(progress.at(-1)).toMatchObject({ phase: 'done', sent: 5, total: 5 })

    expect(report).toMatchObject({ complete: true, sent: 5, total: 5, state: 'idle', lastError: null })
    expect(report.day).toBe(cstDay(Date.now()))
    // Station-wide after the pull: tablet B's consultation counts too; the refused one is still a fact recorded here.
    expect(report.counts.byKind.consultation?.records).toBeGreaterThanOrEqual(6)
    expect(report.counts.thisDevice).toBe(5)
    expect(await eventsRepo.get(fromB[0]?.id ?? '')).toBeDefined()
    expect(report.unsent.outbox).toEqual([])
    expect(report.unsent.rejected).toMatchObject([{ id: foreign.id, type: 'consultation.recorded', reason: 'scope' }])
  })

  it('without a network: stops, and lists each unsent event with its last error', async () => {
    let online = true
    const a = await tablet({ fetch: async (input, init) => {
      if (!online)
        throw new TypeError('Failed to fetch')
      return server.fetch(input, init)
    } })
    await recordConsultations(a, 3)
    online = false
    const report = await a.engine.closeDay()
    expect(report.complete).toBe(false)
    expect(report.state).toBe('offline')
    expect(report.lastError).toBe(MESSAGES.offline)
    expect(report.unsent.outbox).toHaveLength(3)
    expect(report.unsent.outbox.map(o => o.reason)).toEqual([MESSAGES.offline, MESSAGES.offline, MESSAGES.offline])
    expect(report.sent).toBe(0)
  })
})

describe('export and import of unsent data', () => {
  it('a file from tablet A imported on tablet B of the same station is pushed; the server holds each event once', async () => {
    const a = await tablet()
    const events = await recordConsultations(a, 3)
    const signature = await blobsRepo.put(new Blob([new TextEncoder().encode('签名')], { type: 'image/png' }))
    const file = await a.engine.exportUnsent()
    expect(file.name).toMatch(/^未上传数据-.*\.json$/)
    const parsed = await parseUnsentFile(file)
    expect(parsed).toMatchObject({ format: 'bianmin-unsent', version: 1, stationId: a.stationId, deviceId: a.deviceId })
    expect(parsed.events.map(e => e.id)).toEqual(events.map(e => e.id))
    expect(parsed.blobs.map(x => x.sha256)).toEqual([signature])

    const b = await tablet()
    const first = await b.engine.importUnsent(file)
    expect(first).toMatchObject({ imported: 3, skipped: 0, idConflicts: [], fromDeviceId: a.deviceId })
    const again = await b.engine.importUnsent(file)
    expect(again).toMatchObject({ imported: 0, skipped: 3 })

    const outcome = await b.engine.syncNow()
    expect(outcome).toMatchObject({ ok: true, applied: 3, rejected: 0 })
    // The events keep the deviceId of the tablet that recorded them.
    expect((await eventsRepo.get(events[0]?.id ?? ''))?.deviceId).toBe(a.deviceId)
    expect([...(await server.eventRows(events.map(e => e.id))).values()]).toEqual([1, 1, 1])

    // Tablet A comes back later and pushes its own copies: duplicates, nothing doubled.
    a.use()
    const late = await a.engine.syncNow()
    expect(late).toMatchObject({ ok: true, applied: 0, duplicate: 3 })
    expect([...(await server.eventRows(events.map(e => e.id))).values()]).toEqual([1, 1, 1])
  })

  it('pushes this tablet\'s own events plainly and the imported ones in separate relay pushes, in recording order', async () => {
    const a = await tablet()
    const fromA = await recordConsultations(a, 3)
    const file = await a.engine.exportUnsent()

    const b = await tablet()
    // Recording starts a background sync of its own; count B's pushes from before its first event.
    const since = server.requests.length
    const before = await recordConsultations(b, 1)
    await b.engine.importUnsent(file)
    const after = await recordConsultations(b, 2)
    const outcome = await b.engine.syncNow()
    expect(outcome).toMatchObject({ ok: true, rejected: 0 })

    // The outbox is read 2 at a time (maxPushEvents) and each window split by recorder, e.g. [B1 | A1] [A2 A3]
    // [B2 B3] when nothing pushed earlier; whatever the windows, every event goes once, in recording order, and a
    // push is either this tablet's own (plain) or the imported ones (relay).
    const pushes = server.requests.slice(since).filter(r => r.path === '/api/sync/push').map(r => r.body as { events: { id: string, deviceId: string }[], relay?: unknown })
    expect(pushes.flatMap(p => p.events.map(e => e.id))).toEqual([...before, ...fromA, ...after].map(e => e.id))
    expect(pushes.every(p => p.events.length <= 2)).toBe(true)
    expect(pushes.filter(p => p.relay === true).flatMap(p => p.events.map(e => e.id))).toEqual(fromA.map(e => e.id))
    for (const p of pushes)
      expect(p.events.every(e => (e.deviceId === b.deviceId) === (p.relay === undefined))).toBe(true)
    expect([...(await server.eventRows([...before, ...fromA, ...after].map(e => e.id))).values()]).toEqual([1, 1, 1, 1, 1, 1])
  })

  it('refuses a file of another station, with the reason in Chinese, and records nothing', async () => {
    freshTabletDb()
    await saveEnrollment({ deviceId: 'tablet-X', stationId: 'other-station', token: 'x'.repeat(43) })
    await recordConsultations({ deviceId: 'tablet-X', stationId: 'other-station' }, 2)
    const file = await exportUnsent(createDataSyncPort())

    const b = await tablet()
    const refusal = b.engine.importUnsent(file)
    await expect(refusal).rejects.toBeInstanceOf(ImportRefusedError)
    await expect(b.engine.importUnsent(file)).rejects.toMatchObject({ code: 'transfer.otherStation' })
    expect(await createDataSyncPort().countOutbox()).toBe(0)
  })

  it('refuses a file that was altered after export', async () => {
    const a = await tablet()
    await recordConsultations(a, 1)
    const text = await (await a.engine.exportUnsent()).text()
    const tampered = text.replace('外地户口', '本地户口')
    await expect(a.engine.importUnsent(tampered)).rejects.toMatchObject({ code: 'transfer.checksum' })
    await expect(a.engine.importUnsent('not json')).rejects.toBeInstanceOf(ImportRefusedError)
  })
})

describe('日结 progress bar (issue 14)', () => {
  it('shows what was sent, never 100% when 0 of 1 went', async () => {
    const { closeDayPercent } = await import('../../../src/app/sync/closeDay')
    expect(closeDayPercent({ phase: 'done', sent: 0, total: 1, pulled: 0 })).toBe(0)
    expect(closeDayPercent({ phase: 'done', sent: 1, total: 1, pulled: 0 })).toBe(100)
    expect(closeDayPercent({ phase: 'push', sent: 1, total: 4, pulled: 0 })).toBe(25)
    expect(closeDayPercent({ phase: 'done', sent: 0, total: 0, pulled: 3 })).toBe(100)
    expect(closeDayPercent(null)).toBe(0)
  })
})
