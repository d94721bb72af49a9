import { describe, expect, it } from 'vitest'
import { builtinWorkCalendar } from '../../src/domain/calendar'
import { foldConsultation } from '../../src/domain/consultation'
import { consultationEvent as q } from './support/eventFactory'

/** The bundled years (2004–2026): every date here is in them. */
const calendar = builtinWorkCalendar()

// 6.3.3.1.3 end to end: the caller computes the referral's due with the calendar, the fold judges the reply.
describe('a referred consultation is due 1 working day after it was recorded (calendar)', () => {
  it.each([
    ['before 国庆: recorded 9/30, due 10/8', '2026-09-30T16:00:00+08:00', '2026-10-08T23:59:59.999+08:00', '2026-10-08T17:00:00+08:00', true],
    ['a make-up Saturday: recorded 2/14, due 2/24', '2026-02-14T10:00:00+08:00', '2026-02-24T23:59:59.999+08:00', '2026-02-25T09:00:00+08:00', false],
    ['recorded 00:30 CST Tuesday (still Monday in UTC): counted from the CST day', '2026-03-02T16:30:00Z', '2026-03-04T23:59:59.999+08:00', '2026-03-04T12:00:00+08:00', true],
  ])('%s', (_name, recordedAt, expectedDue, repliedAt, onTime) => {
    const dueAt = calendar.dueAfterWorkdays(recordedAt, 1)
    expect(dueAt).toBe(expectedDue)
    const state = foldConsultation([
      q('consultation.recorded', recordedAt),
      q('consultation.referred', recordedAt, { dueAt }),
      q('consultation.replied', repliedAt, { repliedAt }),
    ], calendar)
    expect(state).toMatchObject({ status: 'replied', dueAt: expectedDue, repliedOnTime: onTime, needsAttention: false })
  })
})
