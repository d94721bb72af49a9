import type { StorageNotice } from '../../../src/app/data'
import { Dexie } from 'dexie'
import { afterEach, describe, expect, it } from 'vitest'
import { metaRepo, onStorageNotice, outboxRepo, recordEvent, referenceRepo, rejectedRepo, SCHEMA_V1, SCHEMA_V2, SCHEMA_V3, SCHEMA_V4, SCHEMA_VERSION } from '../../../src/app/data'
import { BianminDb, useDatabase } from '../../../src/app/data/db'
import { createDataSyncPort } from '../../../src/app/data'
import { caseReceived, consultationRecorded, counts, deleteAfterTest, freshDatabase, STAFF, STATION } from '../support/database'

let stopListening = (): void => {}
afterEach(() => stopListening())

function listen(): StorageNotice[] {
  const notices: StorageNotice[] = []
  stopListening = onStorageNotice(n => notices.push(n))
  return notices
}

describe('schema versions', () => {
  it('keeps the outbox written by the previous version through the upgrade, with its order and attempts', async () => {
    const name = `test-${crypto.randomUUID()}`
    // The previous app version: schema v1, outbox rows without stream or staffId.
    const old = new Dexie(name)
    old.version(1).stores(SCHEMA_V1)
    const first = caseReceived()
    const second = caseReceived({ staffId: 'staff-li' })
    await old.table('events').bulkAdd([first, second])
    await old.table('outbox').bulkAdd([
      { eventId: first.id, queuedAt: '2026-03-02T01:00:00.000Z', attempts: 3, lastError: '网络不可用', lastAttemptAt: '2026-03-02T02:00:00.000Z' },
      { eventId: second.id, queuedAt: '2026-03-02T01:01:00.000Z', attempts: 0, lastError: null, lastAttemptAt: null },
    ])
    old.close()

    const db = new BianminDb(name)
    deleteAfterTest(db)
    useDatabase(db)
    const pending = await outboxRepo.peek(10)

    expect(db.verno).toBe(SCHEMA_VERSION)
    expect(SCHEMA_VERSION).toBeGreaterThan(1)
    expect(pending.map(p => [p.event.id, p.attempts, p.lastError])).toEqual([[first.id, 3, '网络不可用'], [second.id, 0, null]])
    expect(pending.map(p => [p.stream, p.staffId])).toEqual([[first.stream, STAFF], [second.stream, 'staff-li']])
    expect(await outboxRepo.count(STAFF)).toBe(1) // the v2 index answers
    // New entries queue after the old ones.
    const third = caseReceived()
    await recordEvent(third)
    expect((await outboxRepo.peek(10)).map(p => p.eventId)).toEqual([first.id, second.id, third.id])
  })

  it('opens a v2 database as v3 with nothing lost, and the next pull fetches the station items v2 dropped', async () => {
    const name = `test-${crypto.randomUUID()}`
    // The previous app version: schema v2 (no stationItems table), with unsent work, a pulled catalog and a refRevision.
    const old = new Dexie(name)
    old.version(1).stores(SCHEMA_V1)
    old.version(2).stores(SCHEMA_V2)
    const [mine, theirs, refused] = [caseReceived(), consultationRecorded({ staffId: 'staff-li' }), caseReceived()]
    await old.table('events').bulkAdd([mine, theirs, refused])
    await old.table('outbox').bulkAdd([
      { eventId: mine.id, stream: mine.stream, staffId: STAFF, queuedAt: '2026-03-02T01:00:00.000Z', attempts: 2, lastError: 'HTTP 503', lastAttemptAt: '2026-03-02T02:00:00.000Z' },
      { eventId: theirs.id, stream: theirs.stream, staffId: 'staff-li', queuedAt: '2026-03-02T01:01:00.000Z', attempts: 0, lastError: null, lastAttemptAt: null },
    ])
    await old.table('rejected').add({ eventId: refused.id, stream: refused.stream, type: refused.type, staffId: STAFF, reason: 'station-mismatch', rejectedAt: '2026-03-02T03:00:00.000Z' })
    await old.table('serviceItems').add({ id: 'SX-0001', code: 'SX-0001', revision: 4 })
    await old.table('meta').bulkPut([
      { key: 'deviceId', value: 'device-a' },
      { key: 'stationId', value: STATION },
      { key: 'deviceToken', value: 'token-a' },
      { key: 'cursor', value: 42 },
      { key: 'refRevision', value: 9 },
    ])
    old.close()

    const db = new BianminDb(name)
    deleteAfterTest(db)
    useDatabase(db)
    const pending = await outboxRepo.peek(10)

    expect(db.verno).toBe(SCHEMA_VERSION)
    expect(SCHEMA_VERSION).toBeGreaterThanOrEqual(3)
    expect(pending.map(p => [p.event.id, p.staffId, p.attempts, p.lastError])).toEqual([[mine.id, STAFF, 2, 'HTTP 503'], [theirs.id, 'staff-li', 0, null]])
    expect(await outboxRepo.count('staff-li')).toBe(1)
    expect(await rejectedRepo.list()).toMatchObject([{ eventId: refused.id, reason: 'station-mismatch' }])
    expect(await counts(db)).toMatchObject({ events: 3, outbox: 2 })
    expect(await referenceRepo.list('serviceItems')).toEqual([{ id: 'SX-0001', code: 'SX-0001', revision: 4 }])
    expect([await metaRepo.get('deviceId'), await metaRepo.get('deviceToken'), await metaRepo.get('cursor')]).toEqual(['device-a', 'token-a', 42])
    expect(await referenceRepo.list('stationItems')).toEqual([])

    // The v2 tablet pulled up to revision 9 but dropped stationItems: the next pull must ask from 0 again.
    const port = createDataSyncPort()
    expect(await port.getRefRevision()).toBeNull()
    // What the server sends for refRevision 0 (src/server/sync/reference.ts): station items keyed by station and item code.
    await port.applyPullPage([], {
      revision: 9,
      serviceItems: [{ code: 'SX-0001', active: true, revision: 4 }],
      stationItems: [{ stationId: STATION, itemCode: 'SX-0001', offered: true, revision: 7 }, { stationId: STATION, itemCode: 'SX-0002', offered: false, revision: 8 }],
    }, 42)

    expect(await referenceRepo.list('stationItems')).toEqual([
      { id: `${STATION}:SX-0001`, stationId: STATION, itemCode: 'SX-0001', offered: true, revision: 7 },
      { id: `${STATION}:SX-0002`, stationId: STATION, itemCode: 'SX-0002', offered: false, revision: 8 },
    ])
    expect(await port.getRefRevision()).toBe(9)
    expect(await outboxRepo.count()).toBe(2) // applying a pull queues nothing and drops nothing
  })

  it('closes and tells staff to reload when another tab upgrades the database', async () => {
    const { db } = freshDatabase()
    await db.open()
    const notices = listen()

    const newer = new Dexie(db.name)
    newer.version(SCHEMA_VERSION + 1).stores({ ...SCHEMA_V1, ...SCHEMA_V2, ...SCHEMA_V3, ...SCHEMA_V4 })
    await newer.open() // would hang (blocked) if the old tab kept its connection
    newer.close()

    expect(db.isOpen()).toBe(false)
    expect(notices).toEqual([{ kind: 'closed-for-upgrade', code: 'data.closedForUpgrade' }])
    await expect(db.events.count()).rejects.toThrow() // no silent reopen on an outdated schema
  })

  it('surfaces an upgrade blocked by another tab that holds the old version open', async () => {
    const name = `test-${crypto.randomUUID()}`
    const stubborn = new Dexie(name)
    stubborn.version(1).stores(SCHEMA_V1)
    stubborn.on('versionchange', () => false) // an old tab that does not let go
    await stubborn.open()
    const notices = listen()

    const db = new BianminDb(name)
    deleteAfterTest(db)
    const opening = db.open()
    await expect.poll(() => notices.length).toBeGreaterThan(0)

    expect(notices[0]).toEqual({ kind: 'upgrade-blocked', code: 'data.upgradeBlocked' })
    expect(db.isOpen()).toBe(false)
    stubborn.close() // the other tab is closed: the upgrade goes on
    await opening
    expect(db.verno).toBe(SCHEMA_VERSION)
  })
})

describe('privacy of index keys (DESIGN §3)', () => {
  it('indexes no personal data: only ids, types, times, revisions, flags and keyed search hashes', async () => {
    const { db } = freshDatabase()
    await db.open()
    const allowed = new Set(['id', 'stream', 'type', 'occurredAt', 'seq', 'order', 'eventId', 'staffId', 'stationId', 'sha256', 'uploaded', 'createdAt', 'key', 'revision', 'code', 'status', 'attention', 'lastAt', 'dueAtMs', 'rejectedAt', 'kind', 'itemCode', 'receivedAtMs', 'acceptedAtMs', 'completedAtMs', 'recordedAtMs', 'repliedAtMs', 'searchTokens'])
    const idb = db.backendDB()
    const keyPaths: string[] = []
    for (const storeName of Array.from(idb.objectStoreNames)) {
      const store = idb.transaction(storeName).objectStore(storeName)
      keyPaths.push(...[store.keyPath ?? []].flat())
      for (const indexName of Array.from(store.indexNames))
        keyPaths.push(...[store.index(indexName).keyPath].flat())
    }

    expect(keyPaths.length).toBeGreaterThan(20)
    expect(keyPaths.filter(k => !allowed.has(k))).toEqual([])
  })
})
