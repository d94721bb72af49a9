/**
 * Rectification tasks and appeals (7.2, DOMAIN.md 好差评): opening a task for a 差评, its deadline in working
 * days (暂定 through an unpublished year), progress, the office's re-check closing it or sending it back, and
 * an upheld appeal taking the rating out of the figures.
 */
import { describe, expect, it } from 'vitest'
import { appealStreamFor, foldAppeal, upheldRatings, withoutUpheldAppeals } from '../../src/domain/appeal'
import { builtinWorkCalendar, createWorkCalendar } from '../../src/domain/calendar'
import { validateDomainEvent } from '../../src/domain/eventTypes'
import { followUpCell } from '../../src/domain/ledgerF'
import { complaintTimeliness } from '../../src/domain/metrics'
import { foldRating } from '../../src/domain/rating'
import { foldRectification, isRectificationOverdue, RECTIFICATION_WORKDAYS, rectificationDue, rectificationDueFields, rectificationStreamFor, rectificationWorkdays } from '../../src/domain/rectification'
import { satisfactionSummary } from '../../src/domain/satisfaction'
import { makeEvent, RATING_STREAM } from './support/eventFactory'

const TASK = rectificationStreamFor(RATING_STREAM)
const APPEAL = appealStreamFor(RATING_STREAM)
const source = { kind: 'rating' as const, subject: RATING_STREAM }

function defined<T>(value: T | null | undefined): T {
  if (value === null || value === undefined)
    throw new Error('expected a value')
  return value
}

function opened(at = '10:00', extra: Record<string, unknown> = {}) {
  return makeEvent('rectification.opened', at, { source, ownerStaffId: 'staff-wang', ...rectificationDueFields(at.length === 5 ? `2026-03-02T${at}:00+08:00` : at, RECTIFICATION_WORKDAYS, builtinWorkCalendar()), ...extra }, { stream: TASK })
}
const progressed = (at: string, submitted: boolean) => makeEvent('rectification.progressed', at, { note: '已当面致歉并优化叫号流程', submitted }, { stream: TASK })
const rechecked = (at: string, result: 'closed' | 'sentBack', device = 'office:reviewer') => makeEvent('rectification.rechecked', at, { result, reason: result === 'closed' ? '整改到位' : '未见回访记录', by: '复查员' }, { stream: TASK, device, staff: null })

describe('rectification tasks', () => {
  it('opens for a 差评 on the rating\'s own task stream, due after 15 working days, and every event passes the validator', () => {
    const e = opened()
    expect(validateDomainEvent(e)).toMatchObject({ ok: true })
    const state = foldRectification([e], builtinWorkCalendar())
    expect(state).toMatchObject({ id: TASK, source, ownerStaffId: 'staff-wang', status: 'open', workdays: 15, dueProvisional: false, needsAttention: false })
    // 2026-03-02 (Mon) + 15 working days = 2026-03-23 (no holiday in between).
    expect(state?.dueAt).toBe('2026-03-23T23:59:59.999+08:00')
    expect(rectificationWorkdays(undefined)).toBe(15)
    expect(rectificationWorkdays(10)).toBe(10)
    expect(rectificationWorkdays(0)).toBe(15)
  })

  it('counts over the Spring Festival holidays, and Monday–Friday (暂定) in a year not yet published', () => {
    // 2026 Spring Festival: 2026-02-15..23 off, 02-14 and 02-28 make-up working days.
    expect(rectificationDue('2026-02-13T10:00:00+08:00', 3, builtinWorkCalendar()).dueAt).toBe('2026-02-25T23:59:59.999+08:00')
    const noYears = createWorkCalendar({ builtin: false })
    const provisional = rectificationDue('2026-03-02T10:00:00+08:00', 15, noYears)
    expect(provisional).toMatchObject({ provisional: true, unpublishedYears: [2026], dueAt: '2026-03-23T23:59:59.999+08:00' })
    const stored = opened('2026-12-28T10:00:00+08:00', { dueAt: '2027-01-18T23:59:59.999+08:00', dueProvisional: true })
    expect(foldRectification([stored], noYears)).toMatchObject({ dueProvisional: true })
  })

  it('records progress, is sent back by the re-check with its reason, and is closed by the next', () => {
    const events = [opened(), progressed('11:00', false), progressed('12:00', true), rechecked('13:00', 'sentBack'), progressed('14:00', true), rechecked('15:00', 'closed')]
    expect(foldRectification(events.slice(0, 3), builtinWorkCalendar())?.status).toBe('submitted')
    const back = foldRectification(events.slice(0, 4), builtinWorkCalendar())
    expect(back).toMatchObject({ status: 'sentBack', closedAt: null })
    expect(back?.rechecks.at(-1)).toMatchObject({ result: 'sentBack', reason: '未见回访记录', by: '复查员' })
    const done = foldRectification(events, builtinWorkCalendar())
    expect(done).toMatchObject({ status: 'closed', closedAt: '2026-03-02T15:00:00+08:00', needsAttention: false })
    expect(done?.progress).toHaveLength(3)
    expect(isRectificationOverdue(defined(done), new Date('2026-04-30T00:00:00Z'))).toBe(false)
    expect(isRectificationOverdue(defined(foldRectification([opened()], builtinWorkCalendar())), new Date('2026-03-24T00:00:00Z'))).toBe(true)
  })

  it('refuses a re-check from a tablet, progress after closing, and events before the task was opened', () => {
    const fromTablet = foldRectification([opened(), rechecked('11:00', 'closed', 'tablet-A')], builtinWorkCalendar())
    expect(fromTablet).toMatchObject({ status: 'open', needsAttention: true })
    expect(fromTablet?.attentionReasons[0]).toContain('复查须由主管机构作出')
    const late = foldRectification([opened(), rechecked('11:00', 'closed'), progressed('12:00', false)], builtinWorkCalendar())
    expect(late).toMatchObject({ status: 'closed', needsAttention: true })
    expect(foldRectification([progressed('09:00', false)], builtinWorkCalendar())).toBeNull()
  })

  it('opened twice for the same source (tablet and server) is one task', () => {
    const state = foldRectification([opened('10:00'), { ...opened('10:01'), deviceId: 'server:public-rating' }], builtinWorkCalendar())
    expect(state).toMatchObject({ status: 'open', needsAttention: false, openedAt: '2026-03-02T10:00:00+08:00' })
  })

  it('takes a complaint as its source and refuses one on another task\'s stream', () => {
    const complaint = { kind: 'complaint' as const, subject: 'complaint:01950000-0000-7000-8000-00000000c0a1' }
    const ok = makeEvent('rectification.opened', '10:00', { source: complaint, ownerStaffId: null, ...rectificationDueFields('2026-03-02T10:00:00+08:00', RECTIFICATION_WORKDAYS, builtinWorkCalendar()) }, { stream: rectificationStreamFor(complaint) })
    expect(validateDomainEvent(ok)).toMatchObject({ ok: true })
    expect(foldRectification([ok], builtinWorkCalendar())).toMatchObject({ source: complaint, ownerStaffId: null })
    expect(foldRectification([{ ...ok, stream: TASK }], builtinWorkCalendar())).toBeNull()
    const wrongKind = makeEvent('rectification.opened', '10:00', { source: { kind: 'complaint', subject: RATING_STREAM }, ownerStaffId: null, ...rectificationDueFields('2026-03-02T10:00:00+08:00', RECTIFICATION_WORKDAYS, builtinWorkCalendar()) }, { stream: TASK })
    expect(validateDomainEvent(wrongKind)).toMatchObject({ ok: false })
  })
})

describe('appeals (申诉复核)', () => {
  const given = makeEvent('rating.prompted', '09:00', { subject: 'case:01950000-0000-7000-8000-00000000ca5e', staffId: 'staff-wang' })
  const rating = makeEvent('rating.given', '09:01', { subject: 'case:01950000-0000-7000-8000-00000000ca5e', staffId: 'staff-wang', channel: 'counter', enteredBy: 'citizen', level: 1, dimensions: { attitude: 1, quality: 2, efficiency: 1 }, reasons: ['poorAttitude'], followUpDueAt: '2026-03-23T23:59:59.999+08:00' }, { staff: 'staff-wang' })
  const filed = makeEvent('appeal.filed', '10:00', { rating: RATING_STREAM, ground: 'malicious', reason: '该群众未在本站办理业务' }, { stream: APPEAL })
  const decided = (decision: 'upheld' | 'rejected', device = 'office:reviewer') => makeEvent('appeal.decided', '11:00', { rating: RATING_STREAM, decision, reason: decision === 'upheld' ? '核实为误评' : '评价属实', by: '复核员' }, { stream: APPEAL, device, staff: null })

  it('is filed with a reason and decided by the office; a tablet cannot decide; one appeal per rating', () => {
    expect(validateDomainEvent(filed)).toMatchObject({ ok: true })
    expect(foldAppeal([filed])).toMatchObject({ status: 'filed', ground: 'malicious', rating: RATING_STREAM })
    expect(foldAppeal([filed, decided('rejected')])).toMatchObject({ status: 'rejected', decisionReason: '评价属实', decidedBy: '复核员' })
    expect(foldAppeal([filed, decided('upheld', 'tablet-A')])).toMatchObject({ status: 'filed', needsAttention: true })
    const again = makeEvent('appeal.filed', '12:00', { rating: RATING_STREAM, ground: 'mistaken', reason: '再次申诉' }, { stream: APPEAL })
    expect(foldAppeal([filed, decided('rejected'), again])).toMatchObject({ status: 'rejected', needsAttention: true })
  })

  it('upheld takes the rating out of complaint timeliness and satisfaction, and says how many', () => {
    const state = defined(foldRating([given, rating], builtinWorkCalendar()))
    expect(state.isBad).toBe(true)
    const options = { asOf: new Date('2026-04-30T00:00:00Z'), calendar: builtinWorkCalendar() }
    const before = complaintTimeliness([state], [], '2026-03-01', '2026-03-31', options)
    expect(before.cases.length + before.pending.length).toBe(1)
    expect(satisfactionSummary([state]).total).toBe(1)

    const appeals = [defined(foldAppeal([filed, decided('upheld')]))]
    const { counted, excluded } = withoutUpheldAppeals([state], upheldRatings(appeals))
    expect(excluded).toBe(1)
    const after = complaintTimeliness(counted, [], '2026-03-01', '2026-03-31', options)
    expect(after.cases.length + after.pending.length).toBe(0)
    expect(satisfactionSummary(counted, excluded)).toMatchObject({ total: 0, excluded: 1, satisfiedRate: null })

    // Ledger F shows the rating, marked 申诉成立 and not counted.
    expect(followUpCell(undefined, state, true)).toBe('2026-03-02 评价：非常不满意（差评，应于 2026-03-23 前回访）（申诉成立，不计入统计）')
    expect(followUpCell(undefined, state, false)).not.toContain('申诉成立')
    const rejected = [defined(foldAppeal([filed, decided('rejected')]))]
    expect(withoutUpheldAppeals([state], upheldRatings(rejected)).excluded).toBe(0)
  })
})

describe('satisfaction figures', () => {
  it('counts levels, the share rated 基本满意 or better, and each dimension\'s average', () => {
    const s = satisfactionSummary([
      { level: 5, dimensions: { attitude: 5, quality: 5, efficiency: 4 } },
      { level: 3, dimensions: { attitude: 4, quality: 3, efficiency: 3 } },
      { level: 2, dimensions: { attitude: 2, quality: 3, efficiency: 1 } },
      { level: null, dimensions: null },
    ])
    expect(s).toMatchObject({ total: 3, bad: 1, byLevel: { 5: 1, 4: 0, 3: 1, 2: 1, 1: 0 } })
    expect(s.satisfiedRate).toBeCloseTo(2 / 3)
    expect(s.dimensions.attitude.average).toBe(3.67)
    expect(s.dimensions.efficiency.satisfiedRate).toBeCloseTo(2 / 3)
  })
})
