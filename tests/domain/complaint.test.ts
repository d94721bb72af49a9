/** Issue 9 item 5: complaints (投诉, 6.2.3) — events, due, the fold, and the 6.2.3 rate from recorded complaints and call-backs. */
import { describe, expect, it } from 'vitest'
import { builtinWorkCalendar, createWorkCalendar } from '../../src/domain/calendar'
import { COMPLAINT_DUE_WORKDAYS, complaintDue, complaintDueWorkdays, complaintsById, foldComplaint, openComplaints } from '../../src/domain/complaint'
import { validateDomainEvent } from '../../src/domain/eventTypes'
import { foldFollowUp, followUpRecords, followUpStreamFor } from '../../src/domain/followUp'
import { complaintTimeliness, qualityMetrics } from '../../src/domain/metrics'
import { makeEvent } from './support/eventFactory'
import { caseStream, rated } from './support/ledgerFixtures'

const END = 'T23:59:59.999+08:00'
const streamOf = (n: number) => `complaint:01950000-0000-7000-8000-${(0xE000 + n).toString(16).padStart(12, '0')}`

function recorded(n: number, at: string, patch: Record<string, unknown> = {}) {
  return makeEvent('complaint.recorded', at, { subject: caseStream(n), channel: 'phone', content: '窗口人员态度差', ...complaintDue(at, COMPLAINT_DUE_WORKDAYS, builtinWorkCalendar()), ...patch }, { stream: streamOf(n) })
}
function handled(n: number, at: string, result = '已核实并向群众说明') {
  return makeEvent('complaint.handled', at, { result }, { stream: streamOf(n) })
}

describe('complaint events', () => {
  it('validates subject, channel, content and due', () => {
    expect(validateDomainEvent(recorded(1, '2026-03-02T10:00:00+08:00')).ok).toBe(true)
    expect(validateDomainEvent(recorded(1, '2026-03-02T10:00:00+08:00', { subject: 'staff:staff-wang' })).ok).toBe(true)
    expect(validateDomainEvent(recorded(1, '2026-03-02T10:00:00+08:00', { subject: null })).ok).toBe(true)
    const bad = validateDomainEvent(recorded(1, '2026-03-02T10:00:00+08:00', { subject: 'station:x', channel: 'fax', content: ' ' }))
    expect(bad.ok ? [] : bad.errors.map(e => e.path).sort()).toEqual(['payload.channel', 'payload.content', 'payload.subject'])
    expect(validateDomainEvent(handled(1, '2026-03-03T10:00:00+08:00', 'x'.repeat(2001))).ok).toBe(false)
  })

  it('is due after 5 working days by default (the setting), 暂定 in an unpublished year', () => {
    // 9/29, 9/30, (国庆) 10/8, 10/9 and the make-up Saturday 10/10.
    expect(complaintDue('2026-09-28T10:00:00+08:00', COMPLAINT_DUE_WORKDAYS, builtinWorkCalendar())).toEqual({ dueAt: `2026-10-10${END}` })
    expect(complaintDue('2026-03-02T10:00:00+08:00', 1, builtinWorkCalendar())).toEqual({ dueAt: `2026-03-03${END}` })
    expect(complaintDue('2026-03-06T10:00:00+08:00', 5, createWorkCalendar({ builtin: false }))).toEqual({ dueAt: `2026-03-13${END}`, dueProvisional: true })
    expect([complaintDueWorkdays(3), complaintDueWorkdays(0), complaintDueWorkdays(undefined)]).toEqual([3, 5, 5])
  })

  it('folds to open then handled; the first result wins and a second flags it', () => {
    const open = foldComplaint([recorded(1, '2026-03-02T10:00:00+08:00')])
    expect(open).toMatchObject({ id: streamOf(1), subject: caseStream(1), status: 'open', dueAt: `2026-03-09${END}`, recordedOn: '2026-03-02' })
    const done = foldComplaint([handled(1, '2026-03-05T10:00:00+08:00', '第二次'), handled(1, '2026-03-04T10:00:00+08:00'), recorded(1, '2026-03-02T10:00:00+08:00')])
    expect(done).toMatchObject({ status: 'handled', handledAt: '2026-03-04T10:00:00+08:00', result: '已核实并向群众说明', needsAttention: true })
    expect(foldComplaint([handled(1, '2026-03-04T10:00:00+08:00')])).toBeNull()
    const states = [done, foldComplaint([recorded(2, '2026-03-01T10:00:00+08:00')]), foldComplaint([recorded(3, '2026-03-02T11:00:00+08:00')])].filter(s => s !== null)
    expect(openComplaints(states).map(s => s.id)).toEqual([streamOf(2), streamOf(3)])
    expect(complaintsById(states).get(streamOf(1))?.status).toBe('handled')
  })
})

describe('6.2.3 complaint timely-handling rate from recorded complaints and call-backs', () => {
  const asOf = '2026-03-31T12:00:00+08:00'
  it('handled by the due → timely; after it or still open past it → late; not yet due → pending', () => {
    const complaints = [
      foldComplaint([recorded(1, '2026-03-02T10:00:00+08:00'), handled(1, '2026-03-09T18:00:00+08:00')]),
      foldComplaint([recorded(2, '2026-03-02T10:00:00+08:00'), handled(2, '2026-03-10T09:00:00+08:00')]),
      foldComplaint([recorded(3, '2026-03-02T10:00:00+08:00')]),
      foldComplaint([recorded(4, '2026-03-30T10:00:00+08:00')]),
    ].filter(s => s !== null)
    const result = complaintTimeliness([], [], '2026-03-01', '2026-04-30', { asOf, calendar: builtinWorkCalendar() }, complaints)
    expect(result).toMatchObject({ due: 3, onTime: 1, late: 2, rate: 1 / 3 })
    expect(result.cases.map(c => [c.id, c.outcome])).toEqual([[streamOf(1), 'onTime'], [streamOf(2), 'late'], [streamOf(3), 'late']])
    expect(result.pending.map(c => c.id)).toEqual([streamOf(4)])
  })

  it('a 差评 is handled by the first call-back that reached the citizen; an unanswered call does not count', () => {
    const a = rated(caseStream(1), 2, '2026-03-02T16:00:00+08:00', `2026-03-23${END}`)
    const b = rated(caseStream(2), 1, '2026-03-02T16:00:00+08:00', `2026-03-23${END}`)
    const stream = (s: string) => ({ stream: followUpStreamFor(s) })
    const states = [
      foldFollowUp([makeEvent('followUp.recorded', '2026-03-03T10:00:00+08:00', { subject: a.subject, reason: 'badRating', reached: true, view: 'unsatisfied' }, stream(a.subject))]),
      foldFollowUp([makeEvent('followUp.recorded', '2026-03-03T10:00:00+08:00', { subject: b.subject, reason: 'badRating', reached: false }, stream(b.subject))]),
    ].filter(s => s !== null)
    const complaint = foldComplaint([recorded(3, '2026-03-10T10:00:00+08:00'), handled(3, '2026-03-11T10:00:00+08:00')])
    const m = qualityMetrics({ cases: [], ratings: [a, b], followUps: followUpRecords(states), complaints: complaint ? [complaint] : [] }, '2026-03-01', '2026-03-31', { asOf, calendar: builtinWorkCalendar() })
    expect(m.complaints).toMatchObject({ due: 3, onTime: 2, late: 1 })
    expect(m.complaints.cases.find(c => c.subject === b.subject)).toMatchObject({ outcome: 'late', completedAt: null })
    expect(m.timelyHandling.due).toBe(3)
  })
})
