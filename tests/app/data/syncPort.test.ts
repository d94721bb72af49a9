/**
 * The sync port's import of another tablet's export (data/syncPort.ts importEvents): one transaction, so
 * a failure at any step leaves nothing of the file applied (issue 13 item 2: it used to be two).
 */
import type { RejectedItem } from '../../../src/app/data'
import type { DomainEvent } from '../../../src/domain/events'
import { describe, expect, it } from 'vitest'
import { BlobHashMismatchError, createDataSyncPort, EventValidationError, rejectedRepo } from '../../../src/app/data'
import { newEventId } from '../../../src/domain/events'
import { caseReceived, consultationRecorded, counts, freshDatabase, HELLO_SHA256, testBlob } from '../support/database'

/** A received case and its materials check with a photo of `sha256`, as another tablet recorded them. */
function caseWithPhoto(sha256: string): DomainEvent[] {
  const received = caseReceived({ deviceId: 'device-b' })
  const material = { name: '身份证', required: true, status: 'provided', form: '原件', copies: 1, photoSha256: sha256 }
  const checked = { ...received, id: newEventId(), type: 'case.materialsChecked', payload: { materials: [material], complete: true }, occurredAt: '2026-03-02T09:05:00+08:00' }
  return [received, checked]
}

function rejectedItem(): RejectedItem {
  return { event: consultationRecorded({ deviceId: 'device-b' }), reason: 'scope', rejectedAt: '2026-03-02T11:00:00.000Z' }
}

describe('importEvents', () => {
  it('records the fresh events with their blobs and outbox rows, and the rejected ones as needs attention', async () => {
    const { db } = freshDatabase()
    const port = createDataSyncPort()
    const events = [...caseWithPhoto(HELLO_SHA256), consultationRecorded({ deviceId: 'device-b' })]

    const result = await port.importEvents(events, [{ sha256: HELLO_SHA256, data: testBlob('hello') }], [rejectedItem()])

    expect(result).toEqual({ imported: 3, skipped: 0, idConflicts: [], rejected: 1 })
    expect(await counts(db)).toMatchObject({ events: 4, outbox: 3, blobs: 1, cases: 1, consultations: 2 })
    expect(await port.countRejected()).toBe(1)
    const again = await port.importEvents(events, [{ sha256: HELLO_SHA256, data: testBlob('hello') }], [])
    expect(again).toEqual({ imported: 0, skipped: 3, idConflicts: [], rejected: 0 })
  })

  it('leaves nothing applied when a write fails after the fresh events were written', async () => {
    const { db, faults } = freshDatabase()
    const port = createDataSyncPort()
    // The needs-attention rows are the last write of the import: the events, outbox rows and projections are in by then.
    faults.failWrites('rejected', new Error('disk error'))

    await expect(port.importEvents([caseReceived({ deviceId: 'device-b' }), consultationRecorded({ deviceId: 'device-b' })], [], [rejectedItem()])).rejects.toThrow('disk error')

    expect(await counts(db)).toMatchObject({ events: 0, outbox: 0, blobs: 0, cases: 0, consultations: 0 })
    expect(await rejectedRepo.count()).toBe(0)
  })

  it('leaves nothing applied when one fresh event is invalid or a blob does not match its name', async () => {
    const { db } = freshDatabase()
    const port = createDataSyncPort()
    const invalid = { ...consultationRecorded(), payload: { channel: 'carrier-pigeon' } }

    await expect(port.importEvents([caseReceived(), invalid], [], [rejectedItem()])).rejects.toBeInstanceOf(EventValidationError)
    await expect(port.importEvents(caseWithPhoto(HELLO_SHA256), [{ sha256: HELLO_SHA256, data: testBlob('not hello') }], [rejectedItem()])).rejects.toBeInstanceOf(BlobHashMismatchError)

    expect(await counts(db)).toMatchObject({ events: 0, outbox: 0, blobs: 0, cases: 0, consultations: 0 })
    expect(await rejectedRepo.count()).toBe(0)
  })
})
