// Issue 11 item 4: retention on the tablet. A synced case whose last activity is 100 days old loses its
// personal values (tombstones in events and projection), still counts in ledger D; an unsynced one, or a
// recent one, is untouched; progress is reported n of m.
import type { CaseState } from '../../../src/domain/case'
import type { PurgeProgress } from '../../../src/app/data'
import { describe, expect, it } from 'vitest'
import { applyPulledEvents, casesRepo, eventsRepo, purgeExpiredPersonalData, recordEvent } from '../../../src/app/data'
import { ledgerRows } from '../../../src/domain/ledgerFilter'
import { PURGED_VALUE } from '../../../src/domain/personalFields'
import { caseReceived, consultationRecorded, freshDatabase } from '../support/database'

const NOW = new Date('2026-06-10T12:00:00+08:00')
/** 100 days before NOW. */
const OLD = '2026-03-02T09:00:00+08:00'
const RECENT = '2026-06-01T09:00:00+08:00'

let seq = 0
const pulled = (e: ReturnType<typeof caseReceived>) => ({ ...e, seq: ++seq, receivedAt: '2026-03-02T10:00:00Z' })

function allText(value: unknown): string {
  return JSON.stringify(value)
}

describe('purgeExpiredPersonalData', () => {
  it('purges a synced 100-day-old case to tombstones, which still counts in ledger D', async () => {
    const { db } = freshDatabase()
    const old = caseReceived({ occurredAt: OLD })
    const oldAsk = consultationRecorded({ occurredAt: OLD })
    await applyPulledEvents([pulled(old), pulled(oldAsk)], seq)

    const progress: PurgeProgress[] = []
    const result = await purgeExpiredPersonalData({ retentionDays: 90, now: NOW, chunkSize: 1, onProgress: p => progress.push(p) })

    expect(result).toEqual({ done: 2, total: 2, purged: 2, skippedUnsynced: 0 })
    expect(progress.map(p => `${p.done}/${p.total}`)).toEqual(['0/2', '1/2', '2/2'])
    const event = await db.events.get(old.id)
    expect(event?.payload).toMatchObject({ applicant: { name: PURGED_VALUE, idNumber: PURGED_VALUE, mobile: PURGED_VALUE }, itemName: '城乡居民基本养老保险参保登记' })
    const row = await db.cases.get(old.stream)
    expect(row?.applicant).toMatchObject({ name: PURGED_VALUE, idNumber: PURGED_VALUE, mobile: PURGED_VALUE })
    for (const text of ['张三', '11010519491231002X', '13800138000', '李四', '13900139000', '灵活就业人员'])
      expect(allText(await db.events.toArray()) + allText(await db.cases.toArray()) + allText(await db.consultations.toArray())).not.toContain(text)

    // Ledger D still counts it, with the tombstone in place of the name (masked or not).
    const cases = (await db.cases.toArray()) as unknown as CaseState[]
    const rows = ledgerRows('D', cases, {}, { stationName: '测试站' })
    expect(rows).toHaveLength(1)
    expect(rows[0]?.applicantName).toBe(PURGED_VALUE)
    expect(ledgerRows('D', cases, {}, { stationName: '测试站', masked: false })[0]?.applicantName).toBe(PURGED_VALUE)
  })

  it('never touches an unsynced case, nor one inside the retention period', async () => {
    freshDatabase()
    const unsynced = caseReceived({ occurredAt: OLD })
    await recordEvent(unsynced)
    const recent = caseReceived({ occurredAt: RECENT })
    await applyPulledEvents([pulled(recent)], seq)

    const result = await purgeExpiredPersonalData({ retentionDays: 90, now: NOW })

    expect(result).toMatchObject({ total: 1, purged: 0, skippedUnsynced: 1 })
    expect((await eventsRepo.get(unsynced.id))?.payload).toMatchObject({ applicant: { name: '张三', mobile: '13800138000' } })
    expect((await casesRepo.get(unsynced.stream))?.applicant).toMatchObject({ name: '张三' })
    expect((await casesRepo.get(recent.stream))?.applicant).toMatchObject({ name: '张三' })
  })

  it('purges once the outbox is confirmed, and a second run finds nothing left to change', async () => {
    const { db } = freshDatabase()
    const e = caseReceived({ occurredAt: OLD })
    await recordEvent(e)
    await db.outbox.clear()

    expect(await purgeExpiredPersonalData({ retentionDays: 90, now: NOW })).toMatchObject({ purged: 1 })
    expect(await purgeExpiredPersonalData({ retentionDays: 90, now: NOW })).toMatchObject({ total: 1, purged: 0 })
    expect((await db.cases.get(e.stream))?.applicant).toMatchObject({ name: PURGED_VALUE })
  })

  it('keeps a shorter setting honest: 200 days keeps the 100-day-old case', async () => {
    freshDatabase()
    const e = caseReceived({ occurredAt: OLD })
    await applyPulledEvents([pulled(e)], seq)
    expect(await purgeExpiredPersonalData({ retentionDays: 200, now: NOW })).toMatchObject({ total: 0 })
    expect((await casesRepo.get(e.stream))?.applicant).toMatchObject({ name: '张三' })
  })
})
