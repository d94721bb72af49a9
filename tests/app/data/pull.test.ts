import { describe, expect, it } from 'vitest'
import {
  applyPulledEvents,
  casesRepo,
  consultationsRepo,
  EventValidationError,
  eventsRepo,
  metaRepo,
  outboxRepo,
  recordEvent,
  referenceRepo,
} from '../../../src/app/data'
import { newEventId } from '../../../src/domain/events'
import { caseReceived, consultationRecorded, consultationReferred, counts, freshDatabase } from '../support/database'

/** As the server sends them: with seq and receivedAt. */
function fromServer<E extends object>(event: E, seq: number): E & { seq: number, receivedAt: string } {
  return { ...event, seq, receivedAt: '2026-03-02T18:00:00.000Z' }
}

describe('applyPulledEvents', () => {
  it('stores server events and their projections, saves the cursor, and queues nothing to push back', async () => {
    const { db } = freshDatabase()
    const recorded = consultationRecorded({ deviceId: 'device-b' })
    const referred = consultationReferred(recorded.stream, '2026-03-03T23:59:59.999+08:00', { deviceId: 'device-b' })
    const received = caseReceived({ deviceId: 'device-b' })

    const result = await applyPulledEvents([fromServer(recorded, 11), fromServer(referred, 12), fromServer(received, 13)], 13)

    expect(result).toEqual({ added: 3, known: 0, recounted: 0 })
    expect(await outboxRepo.count()).toBe(0)
    expect(await metaRepo.get('cursor')).toBe(13)
    expect(await eventsRepo.get(referred.id)).toMatchObject({ seq: 12 })
    expect(await consultationsRepo.get(recorded.stream)).toMatchObject({ status: 'referred', dueAt: '2026-03-03T23:59:59.999+08:00' })
    expect(await casesRepo.get(received.stream)).toMatchObject({ status: 'received', kind: 'assisted' })
    expect(await counts(db)).toMatchObject({ events: 3, outbox: 0, consultations: 1, cases: 1 })
  })

  it('is idempotent: the same page twice changes nothing', async () => {
    const { db } = freshDatabase()
    const page = [fromServer(caseReceived(), 1), fromServer(consultationRecorded(), 2)]
    await applyPulledEvents(page, 2)
    const snapshot = { events: await db.events.toArray(), cases: await db.cases.toArray(), consultations: await db.consultations.toArray() }

    const again = await applyPulledEvents(page, 2)

    expect(again).toEqual({ added: 0, known: 2, recounted: 0 })
    expect({ events: await db.events.toArray(), cases: await db.cases.toArray(), consultations: await db.consultations.toArray() }).toEqual(snapshot)
    expect(await counts(db)).toMatchObject({ events: 2, outbox: 0 })
  })

  it('counts an event twice in one page once', async () => {
    const { db } = freshDatabase()
    const event = fromServer(caseReceived(), 5)

    expect(await applyPulledEvents([event, event], 5)).toEqual({ added: 1, known: 0, recounted: 0 })
    expect(await counts(db)).toMatchObject({ events: 1, cases: 1 })
  })

  it('takes only seq and receivedAt for an event recorded here, and leaves its outbox entry for the push answer', async () => {
    freshDatabase()
    const mine = caseReceived()
    await recordEvent(mine)

    const result = await applyPulledEvents([{ ...fromServer(mine, 42), payload: { tampered: true } }], 42)

    expect(result).toEqual({ added: 0, known: 1, recounted: 0 })
    expect(await eventsRepo.get(mine.id)).toEqual({ ...mine, seq: 42, receivedAt: '2026-03-02T18:00:00.000Z' })
    expect(await outboxRepo.count()).toBe(1)
  })

  it('saves events and cursor atomically: a failed cursor write keeps neither', async () => {
    const { db, faults } = freshDatabase()
    await applyPulledEvents([fromServer(caseReceived(), 1)], 1)
    faults.failWrites('meta', new Error('disk error'))

    await expect(applyPulledEvents([fromServer(caseReceived(), 2), fromServer(consultationRecorded(), 3)], 3)).rejects.toThrow()

    faults.clear()
    expect(await metaRepo.get('cursor')).toBe(1)
    expect(await counts(db)).toMatchObject({ events: 1, cases: 1, consultations: 0 })
  })

  it('refuses a malformed page with field errors and writes nothing', async () => {
    const { db } = freshDatabase()

    const error = await applyPulledEvents([fromServer(caseReceived(), 1), { id: 'nope' }], 2).catch((e: unknown) => e)

    expect(error).toBeInstanceOf(EventValidationError)
    expect((error as EventValidationError).errors.some(e => e.path.startsWith('[1].'))).toBe(true)
    expect(await metaRepo.get('cursor')).toBeUndefined()
    expect(await counts(db)).toMatchObject({ events: 0, cases: 0 })
  })

  it('keeps an event of a type this version does not know, and flags its record', async () => {
    freshDatabase()
    const received = caseReceived()
    const future = { ...caseReceived({ stream: received.stream, occurredAt: '2026-03-02T09:30:00+08:00' }), id: newEventId(), type: 'case.escalated', payload: { to: 'county' } }

    await applyPulledEvents([fromServer(received, 1), fromServer(future, 2)], 2)

    expect(await eventsRepo.get(future.id)).toMatchObject({ type: 'case.escalated' })
    const row = await casesRepo.get(received.stream)
    expect(row).toMatchObject({ status: 'received', needsAttention: true, attention: 1 })
    expect(row?.attentionReasons.join()).toContain('case.escalated')
  })

  it('saves reference rows of the page in the same transaction, newer revisions only', async () => {
    const { faults } = freshDatabase()
    await applyPulledEvents([], 1, { reference: { staff: [{ id: 'staff-wang', revision: 3, name: '王芳' }] } })
    await applyPulledEvents([], 2, { reference: { staff: [{ id: 'staff-wang', revision: 2, name: '旧名字' }, { id: 'staff-li', revision: 4, name: '李明' }] } })

    expect(await referenceRepo.get('staff', 'staff-wang')).toEqual({ id: 'staff-wang', revision: 3, name: '王芳' })
    expect(await referenceRepo.get('staff', 'staff-li')).toMatchObject({ revision: 4 })

    faults.failWrites('staff', new Error('disk error'))
    await expect(applyPulledEvents([fromServer(caseReceived(), 3)], 3, { reference: { staff: [{ id: 'staff-zhao', revision: 5 }] } })).rejects.toThrow()
    faults.clear()
    expect(await metaRepo.get('cursor')).toBe(2)
    expect(await eventsRepo.count()).toBe(0)
  })
})
