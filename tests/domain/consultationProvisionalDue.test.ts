import type { CalendarYearData } from '../../src/domain/calendar'
import type { DomainEvent } from '../../src/domain/events'
import { describe, expect, it } from 'vitest'
import { calendarYearSchema, createWorkCalendar } from '../../src/domain/calendar'
import { consultationReferredPayloadSchema, foldConsultation } from '../../src/domain/consultation'
import { foldRating, ratingFollowUpDue, ratingFollowUpDueAt } from '../../src/domain/rating'
import fixture2027Json from '../fixtures/calendar-2027.json'
import { consultationEvent, ratingEvent, scrambled } from './support/eventFactory'

const fixture2027: CalendarYearData = calendarYearSchema.parse(fixture2027Json)

const RECORDED = '2026-12-31T16:00:00+08:00'
// Monday–Friday: the next day, Friday 2027-01-01.
const PROVISIONAL_REFERRAL_DUE = '2027-01-01T23:59:59.999+08:00'
// With 2027 published: 元旦 01-01…01-03 off, so the first working day is Monday 01-04.
const FINAL_REFERRAL_DUE = '2027-01-04T23:59:59.999+08:00'

/** A consultation recorded on New Year's Eve and referred, with the due the tablet recorded. */
function newYearsEve(referred: Record<string, unknown>): DomainEvent[] {
  return [
    consultationEvent('consultation.recorded', RECORDED, { answer: null }),
    consultationEvent('consultation.referred', '2026-12-31T16:05:00+08:00', referred),
  ]
}

describe('consultation referral due (暂定) into a year not yet published', () => {
  it('is counted Monday–Friday, marked, and recounted once 2027 is imported', () => {
    const due = createWorkCalendar().provisionalDueAfterWorkdays(RECORDED, 1)
    expect(due).toEqual({ due: PROVISIONAL_REFERRAL_DUE, dueDate: '2027-01-01', provisional: true, unpublishedYears: [2027] })
    const events = newYearsEve({ dueAt: PROVISIONAL_REFERRAL_DUE, dueProvisional: true })

    const before = foldConsultation(events, createWorkCalendar())
    expect(before).toMatchObject({ status: 'referred', dueAt: PROVISIONAL_REFERRAL_DUE, dueProvisional: true, dueUnpublishedYears: [2027], needsAttention: false })
    expect(before?.referrals[0]?.dueAt).toBe(PROVISIONAL_REFERRAL_DUE)

    const after = foldConsultation(scrambled(events), createWorkCalendar({ years: [fixture2027] }))
    expect(after).toMatchObject({ status: 'referred', dueAt: FINAL_REFERRAL_DUE, dueProvisional: false, dueUnpublishedYears: [], needsAttention: false })
    expect(after?.referrals[0]?.dueAt).toBe(FINAL_REFERRAL_DUE)
  })

  it('a reply on 01-04 is on time once the year is known', () => {
    const events = [...newYearsEve({ dueAt: PROVISIONAL_REFERRAL_DUE, dueProvisional: true }), consultationEvent('consultation.replied', '2027-01-04T09:00:00+08:00', { repliedAt: '2027-01-04T09:00:00+08:00' })]
    expect(foldConsultation(events, createWorkCalendar())?.repliedOnTime).toBe(false)
    expect(foldConsultation(events, createWorkCalendar({ years: [fixture2027] }))?.repliedOnTime).toBe(true)
  })

  it('a final due stands whatever the calendar', () => {
    const events = newYearsEve({ dueAt: FINAL_REFERRAL_DUE })
    expect(foldConsultation(events, createWorkCalendar())).toMatchObject({ dueAt: FINAL_REFERRAL_DUE, dueProvisional: false })
  })

  it('the payload takes only `dueProvisional: true`', () => {
    const base = { department: '市人社局', personContacted: { name: '赵科员' }, dueAt: PROVISIONAL_REFERRAL_DUE }
    expect(consultationReferredPayloadSchema.safeParse({ ...base, dueProvisional: true }).success).toBe(true)
    expect(consultationReferredPayloadSchema.safeParse({ ...base, dueProvisional: false }).success).toBe(false)
    expect(consultationReferredPayloadSchema.safeParse({ ...base, dueProvisonal: true }).success).toBe(false)
  })
})

const RATED = '2026-12-20T10:00:00+08:00'
// 15 working days Monday–Friday: 12-21…12-31 (9), 2027-01-01 (10), 01-04…01-08 (15).
const PROVISIONAL_FOLLOW_UP = '2027-01-08T23:59:59.999+08:00'
const FINAL_FOLLOW_UP = '2027-01-11T23:59:59.999+08:00'
const bad = { level: 1 as const, dimensions: { attitude: 1 as const, quality: 2 as const, efficiency: 1 as const }, reasons: ['slowOrOverdue'], comment: null }

describe('差评 call-back due (暂定) into a year not yet published', () => {
  it('ratingFollowUpDue gives the due Monday–Friday, marked; ratingFollowUpDueAt keeps its exact-only answer', () => {
    expect(ratingFollowUpDue(RATED, 15, createWorkCalendar())).toEqual({ followUpDueAt: PROVISIONAL_FOLLOW_UP, followUpDueProvisional: true })
    expect(ratingFollowUpDue(RATED, 15, createWorkCalendar({ years: [fixture2027] }))).toEqual({ followUpDueAt: FINAL_FOLLOW_UP })
    expect(ratingFollowUpDueAt(RATED, 15, createWorkCalendar())).toBeNull()
  })

  it('the rating fold recounts a provisional call-back due with the calendar it is given', () => {
    const events = [
      ratingEvent('rating.prompted', '2026-12-20T09:59:00+08:00'),
      ratingEvent('rating.given', RATED, { ...bad, followUpDueAt: PROVISIONAL_FOLLOW_UP, followUpDueProvisional: true }),
    ]
    expect(foldRating(events, createWorkCalendar())).toMatchObject({ status: 'rated', isBad: true, followUpDueAt: PROVISIONAL_FOLLOW_UP, dueAt: PROVISIONAL_FOLLOW_UP, followUpDueProvisional: true, followUpDueUnpublishedYears: [2027], needsAttention: false })
    expect(foldRating(events, createWorkCalendar({ years: [fixture2027] }))).toMatchObject({ followUpDueAt: FINAL_FOLLOW_UP, dueAt: FINAL_FOLLOW_UP, followUpDueProvisional: false, followUpDueUnpublishedYears: [] })
  })

  it('a good rating has no call-back due, provisional or not', () => {
    const events = [ratingEvent('rating.prompted', '2026-12-20T09:59:00+08:00'), ratingEvent('rating.given', RATED)]
    expect(foldRating(events, createWorkCalendar())).toMatchObject({ isBad: false, followUpDueAt: null, followUpDueProvisional: false })
  })
})
