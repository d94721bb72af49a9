// Issue 11 item 4: the background purge takes its period from the office's setting pulled with the reference
// data (personalRetentionDaysTablet), falls back on 90 days without it, and reports n of m as it goes.
import { createPinia, setActivePinia } from 'pinia'
import { describe, expect, it } from 'vitest'
import { applyPulledEvents, casesRepo, referenceRepo } from '../../../src/app/data'
import { database } from '../../../src/app/data/db'
import { useRetentionStore } from '../../../src/app/stores/retention'
import { PURGED_VALUE, TABLET_RETENTION_SETTING } from '../../../src/domain/personalFields'
import { caseReceived, freshDatabase } from '../support/database'

const NOW = new Date('2026-06-10T12:00:00+08:00')
/** 40 days before NOW. */
const FORTY_DAYS_AGO = '2026-05-01T12:00:00+08:00'

describe('retention store', () => {
  it('keeps a 40-day-old synced case under the default 90 days', async () => {
    freshDatabase()
    setActivePinia(createPinia())
    const e = caseReceived({ occurredAt: FORTY_DAYS_AGO })
    await applyPulledEvents([{ ...e, seq: 1, receivedAt: '2026-05-01T05:00:00Z' }], 1)
    const store = useRetentionStore()
    await store.run({ now: NOW })
    expect(store.days).toBe(90)
    expect(store.last).toMatchObject({ total: 0, purged: 0 })
    expect((await casesRepo.get(e.stream))?.applicant).toMatchObject({ name: '张三' })
  })

  it('purges it once the office sets 30 days, with progress', async () => {
    freshDatabase()
    setActivePinia(createPinia())
    await referenceRepo.replaceAll('settings', [{ id: TABLET_RETENTION_SETTING, value: 30, revision: 7 }])
    const e = caseReceived({ occurredAt: FORTY_DAYS_AGO })
    await applyPulledEvents([{ ...e, seq: 1, receivedAt: '2026-05-01T05:00:00Z' }], 1)
    const store = useRetentionStore()
    await store.run({ now: NOW })
    expect(store.days).toBe(30)
    expect(store.error).toBeNull()
    expect(store.last).toMatchObject({ done: 1, total: 1, purged: 1 })
    expect(store.done).toBe(1)
    expect(store.total).toBe(1)
    expect(store.purging).toBe(false)
    expect((await database().cases.get(e.stream))?.applicant).toMatchObject({ name: PURGED_VALUE })
  })

  it('runs at most every six hours after syncs, unless forced', async () => {
    freshDatabase()
    setActivePinia(createPinia())
    const store = useRetentionStore()
    await store.run({ now: NOW })
    expect(store.last).toMatchObject({ total: 0 })
    await referenceRepo.replaceAll('settings', [{ id: TABLET_RETENTION_SETTING, value: 30, revision: 7 }])
    const e = caseReceived({ occurredAt: FORTY_DAYS_AGO })
    await applyPulledEvents([{ ...e, seq: 1, receivedAt: '2026-05-01T05:00:00Z' }], 1)
    await store.run()
    expect(store.days).toBe(90)
    expect((await casesRepo.get(e.stream))?.applicant).toMatchObject({ name: '张三' })
    await store.run({ now: NOW, force: true })
    expect(store.days).toBe(30)
    expect((await database().cases.get(e.stream))?.applicant).toMatchObject({ name: PURGED_VALUE })
  })
})
