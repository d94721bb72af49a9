import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { eventsRepo } from '../../../src/app/data'
import { useRatingsStore } from '../../../src/app/stores/ratings'
import { createDataSyncPort } from '../../../src/app/data'
import { newStreamId } from '../../../src/domain/events'
import { ratingStreamFor } from '../../../src/domain/rating'
import fixture2027 from '../../fixtures/calendar-2027.json'
import { signedInCounter } from '../support/signedInCounter'

// 2026-12-20 + 15 working days: Monday–Friday 2027-01-08; with 元旦 01-01…03 off, 2027-01-11.
const PROVISIONAL_DUE = '2027-01-08T23:59:59.999+08:00'
const FINAL_DUE = '2027-01-11T23:59:59.999+08:00'

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(new Date('2026-12-20T10:00:00+08:00'))
})

afterEach(() => {
  vi.useRealTimers()
})

describe('a 差评 at the counter on 2026-12-20 (DOMAIN.md 暂定)', () => {
  it('records its call-back due provisional, and the fold makes it final once 2027 is pulled', async () => {
    await signedInCounter()
    const subject = newStreamId('case')
    const ratings = useRatingsStore()
    await ratings.prompt(subject)
    await ratings.give(subject, { level: 1, dimensions: { attitude: 1, quality: 2, efficiency: 1 }, reasons: ['longWait'], comment: null })
    const given = (await eventsRepo.byStream(ratingStreamFor(subject))).find(e => e.type === 'rating.given')
    expect(given?.payload).toMatchObject({ followUpDueAt: PROVISIONAL_DUE, followUpDueProvisional: true })
    expect(ratings.current).toMatchObject({ followUpDueAt: PROVISIONAL_DUE, followUpDueProvisional: true, followUpDueUnpublishedYears: [2027] })

    await createDataSyncPort().applyPullPage([], { revision: 61, calendarYears: [{ ...fixture2027, revision: 61, id: undefined }] }, 0)
    expect(await ratings.open(subject)).toMatchObject({ followUpDueAt: FINAL_DUE, dueAt: FINAL_DUE, followUpDueProvisional: false })
  })
})
