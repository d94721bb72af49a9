/**
 * Issue 8 item 7: staff clear a fold conflict by choosing the fact that stands, recorded as an event.
 * Keeping the earlier fact clears the flag; choosing the later one sets the earlier aside (it stays in
 * the timeline, not applied) and the later one applies. Nothing is deleted.
 */
import type { CaseState } from '../../src/domain/case'
import type { DomainEvent } from '../../src/domain/events'
import { describe, expect, it } from 'vitest'
import { caseTransitionError, foldCase } from '../../src/domain/case'
import { consultationTransitionError, foldConsultation } from '../../src/domain/consultation'
import { OVERRULED_REASON } from '../../src/domain/attentionResolution'
import { caseEvent as c, consultationEvent as q } from './support/eventFactory'
import { builtinWorkCalendar } from '../../src/domain/calendar'

const B = { device: 'tablet-B', staff: 'staff-li' }

function fold(events: DomainEvent[]): CaseState {
  const state = foldCase(events, builtinWorkCalendar())
  if (!state)
    throw new Error('no case')
  return state
}

/** A accepts at 09:10, B returns at 09:20: the acceptance stands until staff choose. */
function acceptedThenReturned() {
  const accepted = c('case.accepted', '09:10')
  const returned = c('case.returned', '09:20', {}, B)
  return { accepted, returned, events: [c('case.received', '09:00'), c('case.materialsChecked', '09:05'), accepted, returned] }
}

describe('choosing the fact that stands (issue 8 item 7)', () => {
  it('names, on the refused record, the earlier event it contradicted', () => {
    const { accepted, returned, events } = acceptedThenReturned()
    const state = fold(events)
    const refused = state.log.find(l => l.eventId === returned.id)
    expect(refused).toMatchObject({ applied: false, conflictsWith: accepted.id })
    expect(state.status).toBe('accepted')
  })

  it('keeping the earlier fact clears the flag and changes nothing else', () => {
    const { events } = acceptedThenReturned()
    const before = fold(events)
    const keep = c('case.attentionResolved', '10:00', { note: '经核实已受理，退件为误操作', reasons: before.attentionReasons })
    expect(caseTransitionError(before, { type: 'case.attentionResolved', payload: keep.payload } as never, keep.occurredAt)).toBeNull()
    const after = fold([...events, keep])
    expect(after.needsAttention).toBe(false)
    expect(after.status).toBe('accepted')
    expect(after.receiptNumber).toBe(before.receiptNumber)
  })

  it('choosing the later fact sets the earlier aside: the case is returned, the flag is gone, every event stays', () => {
    const { accepted, events } = acceptedThenReturned()
    const before = fold(events)
    const choose = c('case.attentionResolved', '10:00', { note: '经核实应退件：不属于本站受理范围', reasons: before.attentionReasons, overrules: [accepted.id] })
    expect(caseTransitionError(before, { type: 'case.attentionResolved', payload: choose.payload } as never, choose.occurredAt)).toBeNull()
    const after = fold([...events, choose])
    expect(after.status).toBe('returned')
    expect(after.receiptNumber).toBeNull()
    expect(after.returnReason).toBe('不属于本站受理范围')
    expect(after.needsAttention).toBe(false)
    expect(after.log).toHaveLength(events.length + 1)
    expect(after.log.find(l => l.eventId === accepted.id)).toMatchObject({ applied: false, rejection: OVERRULED_REASON })
    // Fold order does not matter: the same state from any order of the same events.
    expect(fold([choose, ...events].reverse())).toMatchObject({ status: 'returned', needsAttention: false })
  })

  it('refuses to set aside a fact that nothing contradicted', () => {
    const { events } = acceptedThenReturned()
    const before = fold(events)
    const received = events[0]
    const stray = c('case.attentionResolved', '10:00', { note: '误选', reasons: before.attentionReasons, overrules: [received?.id ?? ''] })
    expect(caseTransitionError(before, { type: 'case.attentionResolved', payload: stray.payload } as never, stray.occurredAt)).toBe('处理提示未生效：只能认定相互矛盾的记录中哪一条为准')
  })
})

describe('choosing the reply that stands on a consultation (issue 8 item 7)', () => {
  function twoReplies() {
    const recorded = q('consultation.recorded', '09:00')
    const first = q('consultation.replied', '10:00', { reply: '可以在本站补办', repliedAt: '2026-03-02T10:00:00+08:00' })
    const second = q('consultation.replied', '10:05', { reply: '需到市人社局补办', repliedAt: '2026-03-02T10:05:00+08:00' }, B)
    return { first, second, events: [recorded, first, second] }
  }

  it('flags two different replies, names the earlier on the refused one, and the later can be chosen', () => {
    const { first, second, events } = twoReplies()
    const before = foldConsultation(events, builtinWorkCalendar())
    expect(before?.needsAttention).toBe(true)
    expect(before?.answer).toBe('可以在本站补办')
    expect(before?.log.find(l => l.eventId === second.id)).toMatchObject({ applied: false, conflictsWith: first.id })
    const payload = { note: '经核实应到市人社局补办', reasons: before?.attentionReasons ?? [], overrules: [first.id] }
    expect(before && consultationTransitionError(before, { type: 'consultation.attentionResolved', payload })).toBeNull()
    const after = foldConsultation([...events, q('consultation.attentionResolved', '11:00', payload)], builtinWorkCalendar())
    expect(after).toMatchObject({ needsAttention: false, answer: '需到市人社局补办', status: 'replied' })
    expect(after?.log.find(l => l.eventId === first.id)).toMatchObject({ applied: false, rejection: OVERRULED_REASON })
  })

  it('keeping the first reply clears the flag; a resolution with nothing flagged is refused', () => {
    const { events } = twoReplies()
    const before = foldConsultation(events, builtinWorkCalendar())
    const payload = { note: '以首次答复为准', reasons: before?.attentionReasons ?? [] }
    const after = foldConsultation([...events, q('consultation.attentionResolved', '11:00', payload)], builtinWorkCalendar())
    expect(after).toMatchObject({ needsAttention: false, answer: '可以在本站补办' })
    expect(after && consultationTransitionError(after, { type: 'consultation.attentionResolved', payload })).toBe('处理提示未生效：没有需要处理的提示')
  })
})
