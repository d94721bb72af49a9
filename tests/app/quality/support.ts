/**
 * Quality and dashboard fixtures: cases, consultations and ratings recorded as real events through the
 * data layer (recordEvents folds them into the projections and their indexes), at chosen CST instants.
 */
import type { CaseKind } from '../../../src/domain/case'
import type { DomainEvent } from '../../../src/domain/events'
import type { RatingLevel } from '../../../src/domain/rating'
import { v7 } from 'uuid'
import { recordEvents } from '../../../src/app/data'
import { ratingReasonsByLevel, ratingStreamFor } from '../../../src/domain/rating'
import { caseEvent, ratingEvent } from '../../domain/support/eventFactory'
import { caseStream } from '../../domain/support/ledgerFixtures'
import { STATION_ID } from '../support/enrolledTablet'

const END = 'T23:59:59.999+08:00'

/** Ids made at the event's instant, as the recording tablet makes them (UUIDv7 carries the time). */
function stamped(event: DomainEvent): DomainEvent {
  return { ...event, id: v7({ msecs: Date.parse(event.occurredAt) }), stationId: STATION_ID }
}

/** `at` plus some minutes (events of one step get distinct instants, so their fold order is certain). */
function plus(at: string, minutes: number): string {
  return new Date(Date.parse(at) + minutes * 60_000).toISOString()
}

export interface SeededCase {
  id: string
  receiptNumber: string
}

/**
 * Case n of `kind`, received and accepted at `acceptedAt`, due at the end of CST day `dueDay`, completed at
 * `completedAt` when given.
 */
export async function seedCase(n: number, kind: CaseKind, acceptedAt: string, dueDay: string | null, completedAt?: string): Promise<SeededCase> {
  const stream = caseStream(n)
  const receiptNumber = `TY01-2026-${String(n).padStart(6, '0')}`
  const events = [
    caseEvent('case.received', plus(acceptedAt, -2), { kind }, { stream }),
    caseEvent('case.materialsChecked', plus(acceptedAt, -1), {}, { stream }),
    ...(dueDay === null ? [] : [caseEvent('case.accepted', acceptedAt, { receiptNumber, dueAt: `${dueDay}${END}` }, { stream })]),
    ...(completedAt ? [caseEvent('case.completed', completedAt, { completedAt }, { stream })] : []),
  ].map(stamped)
  await recordEvents(events)
  return { id: stream, receiptNumber }
}

/** A counter rating of `subject` at `level`, given at `at` (a 差评 carries its call-back due). */
export async function seedRating(subject: string, level: RatingLevel, at: string, followUpDueAt?: string): Promise<void> {
  const stream = ratingStreamFor(subject)
  const reason = ratingReasonsByLevel[level][0]?.code ?? 'other'
  await recordEvents([
    ratingEvent('rating.prompted', plus(at, -1), { subject }, { stream }),
    ratingEvent('rating.given', at, { subject, level, reasons: [reason], comment: null, dimensions: { attitude: level, quality: level, efficiency: level }, ...(followUpDueAt ? { followUpDueAt } : {}) }, { stream, staff: null }),
  ].map(stamped))
}
