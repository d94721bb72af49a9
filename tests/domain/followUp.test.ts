/** Issue 9 item 4: follow-up calls (回访, 7.1.3) — events, the fold, derived tasks, the sample and due dates. */
import { describe, expect, it } from 'vitest'
import { builtinWorkCalendar, createWorkCalendar } from '../../src/domain/calendar'
import { validateDomainEvent } from '../../src/domain/eventTypes'
import { deriveFollowUpTasks, fnv1a32, foldFollowUp, followUpRecords, followUpSamplePercent, followUpStreamFor, isSampledForFollowUp } from '../../src/domain/followUp'
import { followUpCell } from '../../src/domain/ledgerF'
import { followUpsBySubject } from '../../src/domain/followUp'
import { makeEvent } from './support/eventFactory'
import { buildCase, caseStream, intakeCompletedLater, rated, step, steps } from './support/ledgerFixtures'

const END = 'T23:59:59.999+08:00'

function call(subject: string, at: string, payload: Record<string, unknown>, opts: { device?: string } = {}) {
  return makeEvent('followUp.recorded', at, { subject, reason: 'badRating', ...payload }, { stream: followUpStreamFor(subject), ...opts })
}

describe('followUp.recorded events', () => {
  const subject = caseStream(1)
  it('a reached call needs the citizen\'s view; an unreached one has none', () => {
    expect(validateDomainEvent(call(subject, '10:00', { reached: true, view: 'satisfied', notes: '已解释' })).ok).toBe(true)
    expect(validateDomainEvent(call(subject, '10:00', { reached: false })).ok).toBe(true)
    const noView = validateDomainEvent(call(subject, '10:00', { reached: true }))
    expect(noView.ok ? [] : noView.errors.map(e => e.path)).toEqual(['payload.view'])
    expect(validateDomainEvent(call(subject, '10:00', { reached: false, view: 'unsatisfied' })).ok).toBe(false)
    expect(validateDomainEvent(call('staff:wang' as string, '10:00', { reached: false })).ok).toBe(false)
    expect(validateDomainEvent(call(subject, '10:00', { reached: false, notes: 'x'.repeat(501) })).ok).toBe(false)
  })

  it('folds attempts earliest first; done at the first reached call whatever the delivery order', () => {
    const events = [
      call(subject, '2026-03-03T15:00:00+08:00', { reached: true, view: 'basicallySatisfied' }, { device: 'office:li' }),
      call(subject, '2026-03-03T09:00:00+08:00', { reached: false }),
      call(subject, '2026-03-04T09:00:00+08:00', { reached: true, view: 'satisfied' }),
    ]
    const state = foldFollowUp(events)
    expect(state).toMatchObject({ subject, reachedAt: '2026-03-03T15:00:00+08:00', view: 'basicallySatisfied', needsAttention: false })
    expect(state?.attempts.map(a => a.reached)).toEqual([false, true, true])
    expect(foldFollowUp([...events].reverse())?.reachedAt).toBe('2026-03-03T15:00:00+08:00')
    expect(followUpRecords(state ? [state] : []).map(r => r.result)).toEqual(['回访未接通', '已回访，群众意见：基本满意', '已回访，群众意见：满意'])
  })
})

describe('follow-up tasks (7.1.3)', () => {
  it('every 差评 gets a task due 1 working day after the rating; a good rating does not', () => {
    const bad = rated(caseStream(1), 2, '2026-09-30T16:00:00+08:00')
    const good = rated(caseStream(2), 5, '2026-09-30T16:00:00+08:00')
    const tasks = deriveFollowUpTasks({ ratings: [bad, good], cases: [], followUps: [], samplePercent: 0, calendar: builtinWorkCalendar() })
    // 国庆 10/1–7: the first working day after 9/30 is 10/8.
    expect(tasks).toMatchObject([{ subject: caseStream(1), reason: 'badRating', dueAt: `2026-10-08${END}`, dueProvisional: false, status: 'open', ratingLevel: 2 }])
  })

  it('a 差评 on the make-up Saturday 2026-02-14 is due 2026-02-24 (春节)', () => {
    const tasks = deriveFollowUpTasks({ ratings: [rated(caseStream(1), 1, '2026-02-14T10:00:00+08:00')], cases: [], followUps: [], samplePercent: 0, calendar: builtinWorkCalendar() })
    expect(tasks[0]?.dueAt).toBe(`2026-02-24${END}`)
  })

  it('in a year not published the due is counted Monday–Friday and marked 暂定', () => {
    const calendar = createWorkCalendar({ builtin: false })
    const tasks = deriveFollowUpTasks({ ratings: [rated(caseStream(1), 2, '2026-03-06T10:00:00+08:00')], cases: [], followUps: [], samplePercent: 0, calendar })
    expect(tasks[0]).toMatchObject({ dueAt: `2026-03-09${END}`, dueProvisional: true })
  })

  it('the sample is a hash of the case id: the same on every device, about the share asked for', () => {
    expect(fnv1a32('a')).toBe(0xE40C292C)
    const ids = Array.from({ length: 2000 }, (_, i) => caseStream(i))
    const picked = ids.filter(id => isSampledForFollowUp(id, 10))
    expect(picked.length).toBeGreaterThan(120)
    expect(picked.length).toBeLessThan(280)
    expect(ids.filter(id => isSampledForFollowUp(id, 10))).toEqual(picked)
    expect(ids.filter(id => isSampledForFollowUp(id.toUpperCase().replace('CASE:', 'case:'), 10))).toEqual(picked)
    expect(ids.filter(id => isSampledForFollowUp(id, 0))).toEqual([])
    expect(ids.filter(id => isSampledForFollowUp(id, 100))).toHaveLength(2000)
    // A larger rate keeps every case a smaller one picked.
    const more = new Set(ids.filter(id => isSampledForFollowUp(id, 30)))
    expect(picked.every(id => more.has(id))).toBe(true)
    expect([followUpSamplePercent(25), followUpSamplePercent(101), followUpSamplePercent('x'), followUpSamplePercent(undefined)]).toEqual([25, 10, 10, 10])
  })

  it('sampled completed cases get a task at completion; open and unsampled ones do not; a 差评 wins over the sample', () => {
    const cases = Array.from({ length: 40 }, (_, i) => intakeCompletedLater(100 + i))
    const open = buildCase(99, steps.received('intake'), steps.checked(), steps.accepted())
    const tasks = deriveFollowUpTasks({ ratings: [], cases: [...cases, open], followUps: [], samplePercent: 30, calendar: builtinWorkCalendar() })
    expect(tasks.map(t => t.subject)).toEqual(cases.filter(c => isSampledForFollowUp(c.id, 30)).map(c => c.id).sort())
    expect(tasks[0]).toMatchObject({ reason: 'sample', openedAt: cases[0]?.completedAt, dueAt: `2026-03-23${END}`, itemName: cases[0]?.itemName })
    const first = cases.find(c => isSampledForFollowUp(c.id, 30))
    const both = deriveFollowUpTasks({ ratings: first ? [rated(first.id, 2)] : [], cases, followUps: [], samplePercent: 30, calendar: builtinWorkCalendar() })
    expect(both.find(t => t.subject === first?.id)?.reason).toBe('badRating')
  })

  it('a reached call closes the task; an unreached one leaves it open and most urgent first', () => {
    const a = rated(caseStream(1), 2, '2026-03-02T10:00:00+08:00')
    const b = rated(caseStream(2), 2, '2026-03-03T10:00:00+08:00')
    const c = rated(caseStream(3), 1, '2026-03-04T10:00:00+08:00')
    const followUps = [
      foldFollowUp([call(caseStream(1), '2026-03-03T09:00:00+08:00', { reached: true, view: 'unsatisfied' })]),
      foldFollowUp([call(caseStream(3), '2026-03-04T15:00:00+08:00', { reached: false })]),
    ].filter(f => f !== null)
    const tasks = deriveFollowUpTasks({ ratings: [c, b, a], cases: [], followUps, samplePercent: 0, calendar: builtinWorkCalendar() })
    expect(tasks.map(t => [t.subject, t.status, t.attempts])).toEqual([[caseStream(2), 'open', 0], [caseStream(3), 'open', 1], [caseStream(1), 'done', 1]])
    expect(tasks[2]?.doneAt).toBe('2026-03-03T09:00:00+08:00')
  })

  it('a subject with recorded calls but no longer sampled keeps its task', () => {
    const done = intakeCompletedLater(7)
    const f = foldFollowUp([makeEvent('followUp.recorded', '2026-03-21T10:00:00+08:00', { subject: done.id, reason: 'sample', reached: true, view: 'satisfied' }, { stream: followUpStreamFor(done.id) })])
    const tasks = deriveFollowUpTasks({ ratings: [], cases: [done], followUps: f ? [f] : [], samplePercent: 0, calendar: builtinWorkCalendar() })
    expect(tasks).toMatchObject([{ subject: done.id, reason: 'sample', status: 'done', openedAt: done.completedAt }])
  })

  it('a terminated case is never sampled', () => {
    const t = buildCase(8, steps.received('proxy'), steps.checked(), steps.accepted(), step('case.completed', '2026-03-20T15:10:00+08:00'))
    expect(deriveFollowUpTasks({ ratings: [], cases: [{ ...t, status: 'terminated' }], followUps: [], samplePercent: 100, calendar: builtinWorkCalendar() })).toEqual([])
  })
})

describe('ledger F 回访日期及结果 from recorded call-backs', () => {
  it('lists each attempt with its CST date, without the notes; before any, the rating with its call-back due', () => {
    const subject = caseStream(5)
    const state = foldFollowUp([
      call(subject, '2026-03-21T23:30:00+08:00', { reached: false, notes: '张先生电话关机' }),
      call(subject, '2026-03-23T09:00:00+08:00', { reached: true, view: 'satisfied', notes: '张先生表示满意' }),
    ])
    const records = followUpsBySubject(followUpRecords(state ? [state] : [])).get(subject)
    expect(followUpCell(records, rated(subject, 2))).toBe('2026-03-21：回访未接通；2026-03-23：已回访，群众意见：满意')
    expect(followUpCell(undefined, rated(subject, 2, '2026-03-20T16:00:00+08:00', `2026-04-10${END}`))).toBe('2026-03-20 评价：不满意（差评，应于 2026-04-10 前回访）')
  })
})
