import type { StorageNotice } from '../../../src/app/data'
import { describe, expect, it, vi } from 'vitest'
import {
  BlobHashMismatchError,
  blobsRepo,
  consultationsRepo,
  EventIdReuseError,
  EventValidationError,
  eventsRepo,
  onStorageNotice,
  outboxRepo,
  recordEvent,
  recordEvents,
  StorageQuotaError,
} from '../../../src/app/data'
import { caseReceived, consultationRecorded, counts, freshDatabase, HELLO_SHA256, STAFF, testBlob } from '../support/database'

describe('recordEvent', () => {
  it('stores the event, its projection and its outbox entry together', async () => {
    const { db } = freshDatabase()
    const event = consultationRecorded()

    await recordEvent(event)

    expect(await eventsRepo.get(event.id)).toEqual(event)
    const consultation = await consultationsRepo.get(event.stream)
    expect(consultation).toMatchObject({ id: event.stream, status: 'open', staffId: STAFF, needsAttention: false, attention: 0 })
    const [queued, ...more] = await outboxRepo.peek(10)
    expect(more).toEqual([])
    expect(queued).toMatchObject({ eventId: event.id, stream: event.stream, staffId: STAFF, attempts: 0, lastError: null, event })
    expect(await counts(db)).toMatchObject({ events: 1, outbox: 1, consultations: 1, cases: 0 })
  })

  it('opens the transaction with strict durability (the outbox survives a power cut)', async () => {
    freshDatabase()
    // Dexie binds IDBDatabase#transaction when it opens, so watch the prototype before the first use.
    const transaction = vi.spyOn(IDBDatabase.prototype, 'transaction')
    await recordEvent(caseReceived())
    const calls = [...transaction.mock.calls]
    transaction.mockRestore()

    const outboxWrites = calls.filter(([stores, mode]) => mode === 'readwrite' && [stores].flat().includes('outbox'))
    expect(outboxWrites).toHaveLength(1)
    expect(outboxWrites[0]?.[2]).toMatchObject({ durability: 'strict' })
  })

  it('refuses an invalid event with its field errors and writes nothing', async () => {
    const { db } = freshDatabase()
    const event = consultationRecorded()
    const invalid = { ...event, payload: { ...(event.payload as object), question: '' } }

    const error = await recordEvent(invalid).catch((e: unknown) => e)

    expect(error).toBeInstanceOf(EventValidationError)
    expect((error as EventValidationError).errors.map(e => e.path)).toContain('payload.question')
    expect(await counts(db)).toMatchObject({ events: 0, outbox: 0, consultations: 0 })
  })

  it('refuses a whole batch when one event is invalid, naming its position', async () => {
    const { db } = freshDatabase()
    const good = caseReceived()
    const bad = { ...consultationRecorded(), stationId: '' }

    const error = await recordEvents([good, bad]).catch((e: unknown) => e)

    expect(error).toBeInstanceOf(EventValidationError)
    expect((error as EventValidationError).errors.map(e => e.path)).toEqual(['[1].stationId'])
    expect(await counts(db)).toMatchObject({ events: 0, outbox: 0, cases: 0 })
  })

  it('leaves nothing half-written when the projection write fails after the event was written', async () => {
    const { db, faults } = freshDatabase()
    const first = consultationRecorded()
    await recordEvent(first)
    const before = { events: await db.events.toArray(), outbox: await db.outbox.toArray(), consultations: await db.consultations.toArray() }
    faults.failWrites('consultations', new Error('disk error'))

    await expect(recordEvent(consultationRecorded())).rejects.toThrow()

    expect(await db.events.toArray()).toEqual(before.events)
    expect(await db.outbox.toArray()).toEqual(before.outbox)
    expect(await db.consultations.toArray()).toEqual(before.consultations)
  })

  it('turns a full disk into a StorageQuotaError with its code, tells listeners, and writes nothing', async () => {
    const { db, faults } = freshDatabase()
    const notices: StorageNotice[] = []
    const stop = onStorageNotice(n => notices.push(n))
    faults.failWrites('outbox', new DOMException('The quota has been exceeded.', 'QuotaExceededError'))

    const error = await recordEvent(caseReceived()).catch((e: unknown) => e)
    stop()

    expect(error).toBeInstanceOf(StorageQuotaError)
    expect((error as StorageQuotaError).code).toBe('data.quota')
    expect(notices).toEqual([{ kind: 'quota-exceeded', code: 'data.quota' }])
    expect(await counts(db)).toMatchObject({ events: 0, outbox: 0, cases: 0 })
  })

  it('passes other storage errors through unchanged', async () => {
    const { faults } = freshDatabase()
    const disk = new Error('disk error')
    faults.failWrites('events', disk)

    const error = await recordEvent(caseReceived()).catch((e: unknown) => e)

    expect(error).not.toBeInstanceOf(StorageQuotaError)
    expect(JSON.stringify([error, (error as { inner?: unknown }).inner].map(e => (e as Error)?.message))).toContain('disk error')
  })

  it('is idempotent for the same event and refuses its id with other content', async () => {
    const { db } = freshDatabase()
    const event = caseReceived()
    await recordEvent(event)
    await recordEvent(structuredClone(event))

    expect(await counts(db)).toMatchObject({ events: 1, outbox: 1, cases: 1 })
    const reused = { ...event, occurredAt: '2026-03-02T11:00:00+08:00' }
    await expect(recordEvent(reused)).rejects.toBeInstanceOf(EventIdReuseError)
    expect(await eventsRepo.get(event.id)).toEqual(event)
    expect(await counts(db)).toMatchObject({ events: 1, outbox: 1, cases: 1 })
  })

  it('stores attachments in the same transaction, not yet uploaded', async () => {
    const { db } = freshDatabase()
    const event = caseReceived()

    await recordEvent(event, { blobs: [{ sha256: HELLO_SHA256, blob: testBlob('hello') }] })

    const stored = await blobsRepo.get(HELLO_SHA256)
    expect(stored).toMatchObject({ sha256: HELLO_SHA256, type: 'image/png', size: 5, uploaded: 0 })
    expect(await stored?.blob.text()).toBe('hello')
    expect(await counts(db)).toMatchObject({ events: 1, outbox: 1, blobs: 1 })
  })

  it('refuses an attachment whose bytes do not match its hash, and writes nothing', async () => {
    const { db } = freshDatabase()

    await expect(recordEvent(caseReceived(), { blobs: [{ sha256: HELLO_SHA256, blob: testBlob('hullo') }] }))
      .rejects.toBeInstanceOf(BlobHashMismatchError)
    expect(await counts(db)).toMatchObject({ events: 0, outbox: 0, blobs: 0, cases: 0 })
  })

  it('a failing attachment write takes the event down with it', async () => {
    const { db, faults } = freshDatabase()
    faults.failWrites('blobs', new DOMException('The quota has been exceeded.', 'QuotaExceededError'))

    await expect(recordEvent(caseReceived(), { blobs: [{ sha256: HELLO_SHA256, blob: testBlob('hello') }] }))
      .rejects.toBeInstanceOf(StorageQuotaError)
    expect(await counts(db)).toMatchObject({ events: 0, outbox: 0, blobs: 0, cases: 0 })
  })

  it('folds a conflict between two tablets into needsAttention', async () => {
    freshDatabase()
    const first = consultationRecorded()
    const second = consultationRecorded({ stream: first.stream, deviceId: 'device-b', occurredAt: '2026-03-02T09:05:00+08:00' })

    await recordEvents([first, second])

    const row = await consultationsRepo.get(first.stream)
    expect(row).toMatchObject({ needsAttention: true, attention: 1 })
    expect(row?.attentionReasons.join()).toContain('矛盾')
    expect((await consultationsRepo.listNeedingAttention()).map(r => r.id)).toEqual([first.stream])
  })
})
