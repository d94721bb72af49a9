import type { CaseStatus } from '../../../src/domain/case'
import { Dexie } from 'dexie'
import { describe, expect, it } from 'vitest'
import {
  blobsRepo,
  casesRepo,
  consultationsRepo,
  eventsRepo,
  isQuotaExceeded,
  metaRepo,
  outboxRepo,
  recordEvent,
  recordEvents,
  referenceRepo,
  ReferenceValidationError,
  rejectedRepo,
  StorageQuotaError,
} from '../../../src/app/data'
import { caseStatusLabels } from '../../../src/domain/case'
import { caseReceived, consultationRecorded, consultationReferred, freshDatabase, HELLO_SHA256, STAFF, STATION, testBlob } from '../support/database'

describe('outboxRepo', () => {
  it('hands out batches in recording order and counts per staff member', async () => {
    freshDatabase()
    const events = [caseReceived(), consultationRecorded({ staffId: 'staff-li' }), caseReceived()]
    for (const e of events)
      await recordEvent(e)

    expect((await outboxRepo.peek(2)).map(i => i.eventId)).toEqual([events[0]?.id, events[1]?.id])
    expect(await outboxRepo.count()).toBe(3)
    expect(await outboxRepo.count(STAFF)).toBe(2)
    expect(await outboxRepo.count('staff-li')).toBe(1)
  })

  it('records failed attempts with their error', async () => {
    freshDatabase()
    const event = caseReceived()
    await recordEvent(event)

    await outboxRepo.markAttempt([event.id], 'HTTP 503')
    await outboxRepo.markAttempt([event.id], 'timeout')

    expect(await outboxRepo.peek(1)).toMatchObject([{ attempts: 2, lastError: 'timeout', lastAttemptAt: expect.any(String) }])
  })

  it('settles a push answer: accepted entries leave, rejected ones move to the needs-attention list with the reason', async () => {
    const { db } = freshDatabase()
    const [applied, duplicate, rejected, unanswered] = [caseReceived(), caseReceived(), consultationRecorded(), caseReceived()]
    await recordEvents([applied, duplicate, rejected, unanswered])

    await outboxRepo.settle([
      { id: applied.id, status: 'applied' },
      { id: duplicate.id, status: 'duplicate' },
      { id: rejected.id, status: 'rejected', reason: 'station-mismatch' },
    ])

    expect((await outboxRepo.peek(10)).map(i => i.eventId)).toEqual([unanswered.id])
    expect(await rejectedRepo.list()).toEqual([{ eventId: rejected.id, stream: rejected.stream, type: 'consultation.recorded', staffId: STAFF, reason: 'station-mismatch', rejectedAt: expect.any(String) }])
    expect(await rejectedRepo.count()).toBe(1)
    expect(await db.events.count()).toBe(4) // nothing recorded is deleted on the device

    await rejectedRepo.dismiss(rejected.id)
    expect(await rejectedRepo.count()).toBe(0)
  })

  it('removes entries only by the ids it is given', async () => {
    freshDatabase()
    const [a, b] = [caseReceived(), caseReceived()]
    await recordEvents([a, b])
    await outboxRepo.remove([a.id])
    expect((await outboxRepo.peek(10)).map(i => i.eventId)).toEqual([b.id])
  })
})

describe('blobsRepo', () => {
  it('stores content-addressed by SHA-256 (WebCrypto), once, until uploaded', async () => {
    const { db } = freshDatabase()

    expect(await blobsRepo.put(testBlob('hello', 'image/jpeg'))).toBe(HELLO_SHA256)
    expect(await blobsRepo.put(testBlob('hello', 'image/jpeg'))).toBe(HELLO_SHA256)
    const other = await blobsRepo.put(testBlob('signature'))

    expect(await db.blobs.count()).toBe(2)
    expect((await blobsRepo.pendingUploads()).map(b => b.sha256).sort()).toEqual([HELLO_SHA256, other].sort())
    await blobsRepo.markUploaded(HELLO_SHA256)
    expect((await blobsRepo.pendingUploads()).map(b => b.sha256)).toEqual([other])
    expect(await blobsRepo.get(HELLO_SHA256)).toMatchObject({ type: 'image/jpeg', size: 5, uploaded: 1 })
  })
})

describe('casesRepo and consultationsRepo', () => {
  it('list recent, needing attention and due before an instant', async () => {
    freshDatabase()
    const early = consultationRecorded({ occurredAt: '2026-03-02T09:00:00+08:00' })
    const late = consultationRecorded({ occurredAt: '2026-03-02T11:00:00+08:00' })
    // 02:30Z (10:30 in Beijing) is later than early's referral at 10:00+08:00, although it sorts first as text: lists use instants.
    const utc = consultationRecorded({ occurredAt: '2026-03-02T02:30:00Z' })
    const conflicted = consultationRecorded({ occurredAt: '2026-03-02T08:00:00+08:00' })
    await recordEvents([early, late, utc, conflicted, consultationRecorded({ stream: conflicted.stream, deviceId: 'device-b', occurredAt: '2026-03-02T08:01:00+08:00' })])
    await recordEvent(consultationReferred(early.stream, '2026-03-03T23:59:59.999+08:00'))
    await recordEvent(consultationReferred(late.stream, '2026-03-05T23:59:59.999+08:00', { occurredAt: '2026-03-02T11:30:00+08:00' }))

    expect((await consultationsRepo.listRecent()).map(c => c.id)).toEqual([late.stream, utc.stream, early.stream, conflicted.stream])
    expect((await consultationsRepo.listRecent(1)).map(c => c.id)).toEqual([late.stream])
    expect((await consultationsRepo.listNeedingAttention()).map(c => c.id)).toEqual([conflicted.stream])
    expect(await consultationsRepo.countNeedingAttention()).toBe(1)
    expect((await consultationsRepo.listDueBefore('2026-03-04T00:00:00+08:00')).map(c => c.id)).toEqual([early.stream])
    expect((await consultationsRepo.listDueBefore(new Date('2026-03-06T00:00:00+08:00'))).map(c => c.id)).toEqual([early.stream, late.stream])
    expect(await casesRepo.listRecent()).toEqual([])
  })

  it('leave replied consultations out of what is due, unless asked for every record', async () => {
    freshDatabase()
    const waiting = consultationRecorded()
    const replied = consultationRecorded()
    await recordEvents([waiting, replied])
    await recordEvent(consultationReferred(waiting.stream, '2026-03-03T23:59:59.999+08:00'))
    await recordEvent(consultationReferred(replied.stream, '2026-03-03T12:00:00+08:00'))
    await recordEvent({ ...consultationRecorded({ stream: replied.stream, occurredAt: '2026-03-03T11:00:00+08:00' }), type: 'consultation.replied', payload: { reply: '已电话答复', repliedAt: '2026-03-03T11:00:00+08:00', via: 'phone' } })
    const endOfDay = '2026-03-04T00:00:00+08:00'

    expect(await consultationsRepo.get(replied.stream)).toMatchObject({ status: 'replied', dueAt: '2026-03-03T12:00:00+08:00' })
    expect((await consultationsRepo.listDueBefore(endOfDay)).map(c => c.id)).toEqual([waiting.stream])
    expect((await consultationsRepo.listDueBefore(endOfDay, { openOnly: true })).map(c => c.id)).toEqual([waiting.stream])
    expect((await consultationsRepo.listDueBefore(endOfDay, { openOnly: false })).map(c => c.id)).toEqual([replied.stream, waiting.stream])
  })

  it('count only open cases as due: completed, handed over, returned and terminated ones are settled', async () => {
    const { db } = freshDatabase()
    const statuses = Object.keys(caseStatusLabels) as CaseStatus[]
    // One case per status, all with a deadline; the settled ones have the earliest deadlines, so a limit must skip them.
    const settled: CaseStatus[] = ['completed', 'handedOver', 'returned', 'terminated']
    const ordered = [...settled, ...statuses.filter(s => !settled.includes(s))]
    await db.table('cases').bulkPut(ordered.map((status, i) => ({
      id: `case:${status}`,
      stationId: STATION,
      staffId: STAFF,
      status,
      needsAttention: false,
      attentionReasons: [],
      lastOccurredAt: '2026-03-02T09:00:00+08:00',
      dueAt: `2026-03-${String(3 + i).padStart(2, '0')}T17:00:00+08:00`,
      attention: 0,
      lastAt: Date.parse('2026-03-02T09:00:00+08:00'),
      dueAtMs: Date.parse(`2026-03-${String(3 + i).padStart(2, '0')}T17:00:00+08:00`),
    })))
    const later = '2026-04-01T00:00:00+08:00'

    const open = (await casesRepo.listDueBefore(later)).map(c => c.status)
    expect(open).toEqual(['received', 'awaitingSupplement', 'materialsComplete', 'accepted', 'inProgress', 'supplementRequested', 'suspended'])
    expect(open.filter(s => settled.includes(s))).toEqual([])
    expect((await casesRepo.listDueBefore(later, { openOnly: false })).map(c => c.status)).toEqual(ordered)
    expect((await casesRepo.listDueBefore(later, { limit: 2 })).map(c => c.status)).toEqual(['received', 'awaitingSupplement'])
    expect(await casesRepo.listDueBefore('2026-03-07T00:00:00+08:00')).toEqual([]) // only settled cases were due by then
  })

  it('give back a case with its domain fields', async () => {
    freshDatabase()
    const event = caseReceived()
    await recordEvent(event)
    expect(await casesRepo.get(event.stream)).toMatchObject({ id: event.stream, kind: 'assisted', status: 'received', receivedAt: event.occurredAt })
    expect(await eventsRepo.byStream(event.stream)).toEqual([event])
    expect(await eventsRepo.count()).toBe(1)
  })
})

describe('metaRepo', () => {
  it('keeps typed device facts', async () => {
    freshDatabase()
    await metaRepo.set('deviceId', 'device-a')
    await metaRepo.set('cursor', 1200)
    expect(await metaRepo.get('deviceId')).toBe('device-a')
    expect(await metaRepo.get('cursor')).toBe(1200)
    expect(await metaRepo.get('lastSyncAt')).toBeUndefined()
  })

  it('keeps the enrollment together and the keys other stores used to write untyped', async () => {
    const { db } = freshDatabase()
    await metaRepo.setMany({ deviceId: 'device-a', stationId: STATION, deviceToken: 'token-a' })
    await metaRepo.set('refRevision', 9)
    await metaRepo.set('serverBaseUrl', 'https://bianmin.example.cn')
    await metaRepo.set('pinLockouts', { [STAFF]: { failures: 5, lockedUntil: 1_772_420_400_000 } })

    // The same rows the app wrote by hand before, so nothing stored by an older build is lost.
    expect(await db.meta.bulkGet(['deviceId', 'stationId', 'deviceToken', 'refRevision', 'serverBaseUrl'])).toEqual([
      { key: 'deviceId', value: 'device-a' },
      { key: 'stationId', value: STATION },
      { key: 'deviceToken', value: 'token-a' },
      { key: 'refRevision', value: 9 },
      { key: 'serverBaseUrl', value: 'https://bianmin.example.cn' },
    ])
    expect(await metaRepo.get('pinLockouts')).toEqual({ [STAFF]: { failures: 5, lockedUntil: 1_772_420_400_000 } })
    await metaRepo.remove('deviceToken')
    expect(await metaRepo.get('deviceToken')).toBeUndefined()
    expect(await metaRepo.get('deviceId')).toBe('device-a')
  })
})

describe('referenceRepo', () => {
  it('applies rows by revision, deletes rows marked deleted, and replaces a whole table', async () => {
    freshDatabase()
    await referenceRepo.apply('serviceItems', [{ id: 'item-1', revision: 1, code: 'SX-0001' }, { id: 'item-2', revision: 1, code: 'SX-0002' }])
    await referenceRepo.apply('serviceItems', [{ id: 'item-1', revision: 2, code: 'SX-0001A' }, { id: 'item-2', revision: 3, deleted: true }])

    expect(await referenceRepo.list('serviceItems')).toEqual([{ id: 'item-1', revision: 2, code: 'SX-0001A' }])
    expect(await referenceRepo.maxRevision('serviceItems')).toBe(2)

    await referenceRepo.replaceAll('serviceItems', [{ id: 'item-9', revision: 7 }])
    expect((await referenceRepo.list('serviceItems')).map(r => r.id)).toEqual(['item-9'])
  })

  it('refuses malformed rows from the network and writes none of them', async () => {
    freshDatabase()
    await expect(referenceRepo.apply('stations', [{ id: 'st-1', revision: 1 }, { id: 'st-2' }])).rejects.toBeInstanceOf(ReferenceValidationError)
    expect(await referenceRepo.list('stations')).toEqual([])
  })
})

describe('quota errors', () => {
  it('are recognised however IndexedDB and Dexie wrap them', () => {
    const quota = new DOMException('The quota has been exceeded.', 'QuotaExceededError')
    expect(isQuotaExceeded(quota)).toBe(true)
    expect(isQuotaExceeded(new Dexie.AbortError('Transaction aborted', quota))).toBe(true)
    expect(isQuotaExceeded(new Dexie.BulkError('1 of 2 failed', { 1: quota }))).toBe(true)
    expect(isQuotaExceeded(new StorageQuotaError(quota))).toBe(true)
    expect(isQuotaExceeded(new DOMException('constraint', 'ConstraintError'))).toBe(false)
    expect(isQuotaExceeded(new Error('disk error'))).toBe(false)
  })

  it('surface from repositories too', async () => {
    const { faults } = freshDatabase()
    faults.failWrites('blobs', new DOMException('The quota has been exceeded.', 'QuotaExceededError'))
    await expect(blobsRepo.put(testBlob('hello'))).rejects.toBeInstanceOf(StorageQuotaError)
  })
})
