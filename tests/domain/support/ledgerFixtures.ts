/**
 * Case, consultation and rating states for the ledger and metric tables: each built by folding real
 * events from eventFactory, on its own stream so several can sit in one listing.
 */
import type { CaseState } from '../../../src/domain/case'
import type { ConsultationState } from '../../../src/domain/consultation'
import type { DomainEvent } from '../../../src/domain/events'
import type { LedgerRowContext } from '../../../src/domain/ledger'
import type { RatingState } from '../../../src/domain/rating'
import { foldCase } from '../../../src/domain/case'
import { foldConsultation } from '../../../src/domain/consultation'
import { foldRating, ratingStreamFor } from '../../../src/domain/rating'
import { caseEvent, consultationEvent, INCOMPLETE_CHECK, ratingEvent } from './eventFactory'
import { builtinWorkCalendar } from '../../../src/domain/calendar'

/** A distinct case stream id per n. */
export function caseStream(n: number): string {
  return `case:01950000-0000-7000-8000-${(0xC000 + n).toString(16).padStart(12, '0')}`
}

/** A distinct consultation stream id per n. */
export function consultationStream(n: number): string {
  return `consultation:01950000-0000-7000-8000-${(0xD000 + n).toString(16).padStart(12, '0')}`
}

/** Fold events into a case state, failing the test when there is none. */
export function foldOk(events: DomainEvent[]): CaseState {
  const state = foldCase(events, builtinWorkCalendar())
  if (!state)
    throw new Error('expected a case state')
  return state
}

/** Fold events into a consultation state, failing the test when there is none. */
export function foldConsultationOk(events: DomainEvent[]): ConsultationState {
  const state = foldConsultation(events, builtinWorkCalendar())
  if (!state)
    throw new Error('expected a consultation state')
  return state
}

/** A ledger row context for station TY01 with its two staff members, masked unless said. */
export function ctx(patch: Partial<LedgerRowContext> = {}): LedgerRowContext {
  return {
    stationName: '迎泽区柳巷便民服务站',
    window: '综合窗口',
    staffNames: { 'staff-wang': '王芳', 'staff-li': '李娜' },
    rowNumber: 1,
    ...patch,
  }
}

type Step = (stream: string) => DomainEvent[]

const received = (kind: 'intake' | 'assisted' | 'proxy', at = '09:00', patch = {}): Step => s => [caseEvent('case.received', at, { kind, ...patch }, { stream: s })]
const checked = (at = '09:05'): Step => s => [caseEvent('case.materialsChecked', at, {}, { stream: s })]
const accepted = (at = '09:10', patch = {}): Step => s => [caseEvent('case.accepted', at, patch, { stream: s, staff: 'staff-li' })]
const entrusted = (at = '09:08'): Step => s => [caseEvent('case.entrusted', at, {}, { stream: s })]

/** Build a case from steps on stream `caseStream(n)`. */
export function buildCase(n: number, ...steps: Step[]): CaseState {
  const stream = caseStream(n)
  return foldOk(steps.flatMap(step => step(stream)))
}

/** A raw case event on a stream, as a step. */
export function step(type: Parameters<typeof caseEvent>[0], at: string, patch: Record<string, unknown> = {}, staff?: string | null): Step {
  return s => [caseEvent(type, at, patch as never, { stream: s, ...(staff === undefined ? {} : { staff }) })]
}

export const steps = { received, checked, accepted, entrusted }

/** An intake (收件) case accepted at 09:10 on Monday 2026-03-02, due 2026-03-23. */
export function intakeAccepted(n = 1): CaseState {
  return buildCase(n, received('intake'), checked(), accepted())
}

/** An intake case returned at 09:20. */
export function intakeReturned(n = 2): CaseState {
  return buildCase(n, received('intake'), step('case.returned', '09:20', { reason: '不属于本站受理范围' }))
}

/** An intake case whose check found 居民户口簿 missing (one-time notice given). */
export function intakeAwaitingSupplement(n = 3): CaseState {
  const stream = caseStream(n)
  return foldOk([caseEvent('case.received', '09:00', { kind: 'intake' }, { stream }), caseEvent('case.materialsChecked', '09:05', INCOMPLETE_CHECK, { stream })])
}

/** A 即办 intake case accepted and completed the same CST day at 16:30. */
export function intakeCompletedSameDay(n = 4): CaseState {
  return buildCase(n, received('intake', '09:00', { promisedLimitWorkdays: 0 }), checked(), accepted('09:10', { dueAt: '2026-03-02T23:59:59.999+08:00' }), step('case.completed', '16:40', { completedAt: '2026-03-02T16:30:00+08:00' }))
}

/** An intake case accepted 2026-03-02 and completed 2026-03-20 (before its due 03-23). */
export function intakeCompletedLater(n = 5): CaseState {
  return buildCase(n, received('intake'), checked(), accepted(), step('case.completed', '2026-03-20T15:10:00+08:00'))
}

/** A 帮办 case helped by 陪同办理 (at acceptance) and 填表, the applicant elderly. */
export function assistedWithModes(n = 6): CaseState {
  return buildCase(n, received('assisted', '09:00', { applicant: { type: 'person', name: '张小明', idNumber: '11010519491231002X', mobile: '13812345678', specialGroups: ['elderly'] } }), checked(), accepted(), step('case.accompanied', '09:30', { mode: 'formFilling' }))
}

/** A 帮办 case converted to 代办 at 10:00 (not yet entrusted). */
export function assistedConverted(n = 7): CaseState {
  return buildCase(n, received('assisted'), checked(), step('case.convertedToProxy', '10:00'))
}

/** A rating state of `subject` at a level, given on the counter screen. */
export function rated(subject: string, level: 1 | 2 | 3 | 4 | 5, at = '2026-03-20T16:00:00+08:00', followUpDueAt: string | null = null): RatingState {
  const stream = ratingStreamFor(subject)
  const reasons = level <= 2 ? ['poorAttitude'] : level === 3 ? ['basicallyAdequate'] : ['warmService']
  const state = foldRating([
    ratingEvent('rating.prompted', at, { subject }, { stream }),
    ratingEvent('rating.given', at, { subject, level, reasons, comment: null, dimensions: { attitude: level, quality: level, efficiency: level }, ...(followUpDueAt ? { followUpDueAt } : {}) }, { stream, staff: null }),
  ], builtinWorkCalendar())
  if (!state)
    throw new Error('expected a rating state')
  return state
}

/** A declined rating of `subject`. */
export function declined(subject: string): RatingState {
  const stream = ratingStreamFor(subject)
  const state = foldRating([ratingEvent('rating.declined', '2026-03-02T10:00:00+08:00', { subject }, { stream })], builtinWorkCalendar())
  if (!state)
    throw new Error('expected a rating state')
  return state
}

/** A consultation recorded at `at` on stream n, with more events after. */
export function consultation(n: number, at: string, more: ((stream: string) => DomainEvent[]) = () => [], patch: Record<string, unknown> = {}): ConsultationState {
  const stream = consultationStream(n)
  return foldConsultationOk([consultationEvent('consultation.recorded', at, patch, { stream }), ...more(stream)])
}

export { consultationEvent }
