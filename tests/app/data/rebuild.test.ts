import type { RebuildProgress } from '../../../src/app/data'
import { describe, expect, it } from 'vitest'
import { applyPulledEvents, metaRepo, rebuildProjections, recordEvent, recordEvents } from '../../../src/app/data'
import { newStreamId } from '../../../src/domain/events'
import { caseReceived, consultationRecorded, consultationReferred, freshDatabase } from '../support/database'

describe('rebuildProjections', () => {
  it('reproduces every projection from events alone, reporting progress n of m', async () => {
    const { db } = freshDatabase()
    const asked = consultationRecorded()
    const twice = consultationRecorded()
    await recordEvents([asked, consultationReferred(asked.stream, '2026-03-03T23:59:59.999+08:00')])
    await recordEvents([twice, consultationRecorded({ stream: twice.stream, deviceId: 'device-b' })])
    await recordEvent(caseReceived())
    await recordEvent(caseReceived({ occurredAt: '2026-03-03T08:30:00+08:00' }))
    await applyPulledEvents([{ ...caseReceived({ deviceId: 'device-b' }), seq: 1, receivedAt: '2026-03-02T18:00:00Z' }], 1)
    const expected = { cases: await db.cases.toArray(), consultations: await db.consultations.toArray() }
    expect(expected.cases).toHaveLength(3)
    expect(expected.consultations).toHaveLength(2)
    expect(expected.consultations.some(c => c.needsAttention)).toBe(true)

    await db.cases.clear()
    await db.consultations.clear()
    const progress: RebuildProgress[] = []
    const result = await rebuildProjections(p => progress.push(p), { chunkSize: 2 })

    expect({ cases: await db.cases.toArray(), consultations: await db.consultations.toArray() }).toEqual(expected)
    expect(progress).toEqual([{ done: 0, total: 5 }, { done: 2, total: 5 }, { done: 4, total: 5 }, { done: 5, total: 5 }])
    expect(result).toEqual({ done: 5, total: 5 })
  })

  it('drops projection rows no events support, and leaves no rebuild marker behind', async () => {
    const { db } = freshDatabase()
    const real = caseReceived()
    await recordEvent(real)
    const row = await db.cases.get(real.stream)
    expect(row).toBeDefined()
    if (row)
      await db.cases.put({ ...row, id: newStreamId('case') })
    expect(await db.cases.count()).toBe(2)

    await rebuildProjections()

    expect((await db.cases.toArray()).map(c => c.id)).toEqual([real.stream])
    expect(await metaRepo.get('projectionRebuildStartedAt')).toBeUndefined()
    expect(await metaRepo.get('projectionsRebuiltAt')).toEqual(expect.any(String))
  })

  it('leaves the marker when interrupted, so the app knows to rebuild again', async () => {
    const { faults } = freshDatabase()
    await recordEvent(caseReceived())
    faults.failWrites('cases', new Error('disk error'), ['put']) // clearing works, refolding fails

    await expect(rebuildProjections()).rejects.toThrow('disk error')

    faults.clear()
    expect(await metaRepo.get('projectionRebuildStartedAt')).toEqual(expect.any(String))
  })

  it('reports 0 of 0 on an empty database', async () => {
    freshDatabase()
    const progress: RebuildProgress[] = []
    await rebuildProjections(p => progress.push(p))
    expect(progress).toEqual([{ done: 0, total: 0 }])
  })
})
