/**
 * Follow-up tasks (回访任务, 7.1.3; DOMAIN.md 好差评: every 差评 is called back): derived, not recorded —
 * the same inputs give the same tasks on the tablet and at the office.
 * - Every 差评 (rating level ≤ 2) opens a task at the rating, due FOLLOW_UP_WORKDAYS working day after it.
 * - Of the other completed cases (办结), a sample of `samplePercent` % (setting `followUpSamplePercent`,
 *   default 10) opens a task at completion, due the same way. The sample is chosen by a hash of the case id,
 *   so every device agrees without asking anyone.
 * - A subject with recorded call-backs but no longer derived (the sample rate changed) keeps its task.
 * A task is done when a call-back reached the citizen. Due dates in an unpublished year are counted
 * Monday–Friday and marked 暂定 (provisional).
 */
import type { WorkCalendar } from '../calendar'
import type { CaseState } from '../case'
import type { RatingLevel, RatingState } from '../rating'
import type { FollowUpState } from './fold'
import type { FollowUpReason } from './payloads'
import { streamUuid } from '../events'

/** 7.1.3: working days to call back (the issue: 差评 due in 1 working day; samples alike). */
export const FOLLOW_UP_WORKDAYS = 1

/** Default share of other completed cases called back, in percent (setting `followUpSamplePercent`). */
export const FOLLOW_UP_SAMPLE_PERCENT = 10

/** The setting as pulled: a whole percent 0–100, else the default. */
export function followUpSamplePercent(value: unknown): number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 100 ? value : FOLLOW_UP_SAMPLE_PERCENT
}

/** FNV-1a 32-bit of a string's UTF-16 code units: small, fast, the same in every JS engine. */
export function fnv1a32(text: string): number {
  let hash = 0x811C9DC5
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193) >>> 0
  }
  return hash >>> 0
}

/** 7.1.3 sample: whether a case is among the `percent` % called back (by a hash of its uuid, lower case). */
export function isSampledForFollowUp(caseId: string, percent: number): boolean {
  if (percent <= 0)
    return false
  if (percent >= 100)
    return true
  return fnv1a32(streamUuid(caseId).toLowerCase()) % 100 < percent
}

export interface FollowUpTask {
  /** The case or consultation called back about. */
  subject: string
  stationId: string
  reason: FollowUpReason
  /** The rating (差评) or the completion (sample) that opened the task. */
  openedAt: string
  dueAt: string
  /** DOMAIN.md 暂定: counted Monday–Friday through an unpublished year. */
  dueProvisional: boolean
  status: 'open' | 'done'
  /** When the citizen was reached; null while open. */
  doneAt: string | null
  attempts: number
  lastAttemptAt: string | null
  /** The staff member the case or rating is about. */
  staffId: string | null
  receiptNumber: string | null
  itemName: string | null
  ratingLevel: RatingLevel | null
}

export interface FollowUpTaskInputs {
  ratings: readonly RatingState[]
  cases: readonly CaseState[]
  followUps: readonly FollowUpState[]
  samplePercent: number
  /** Counts each task's due (7.1.3: working days). */
  calendar: Pick<WorkCalendar, 'provisionalDueAfterWorkdays'>
}

/** 7.1.3: every follow-up task of the inputs, open ones first, then by due. */
export function deriveFollowUpTasks(inputs: FollowUpTaskInputs): FollowUpTask[] {
  const { calendar } = inputs
  const casesById = new Map(inputs.cases.map(c => [c.id, c]))
  const calls = new Map(inputs.followUps.map(f => [f.subject, f]))
  const tasks = new Map<string, FollowUpTask>()
  function open(subject: string, stationId: string, reason: FollowUpReason, openedAt: string, staffId: string | null, ratingLevel: RatingLevel | null): void {
    const d = calendar.provisionalDueAfterWorkdays(openedAt, FOLLOW_UP_WORKDAYS)
    const c = casesById.get(subject)
    const f = calls.get(subject)
    tasks.set(subject, {
      subject,
      stationId,
      reason,
      openedAt,
      dueAt: d.due,
      dueProvisional: d.provisional,
      status: f?.reachedAt ? 'done' : 'open',
      doneAt: f?.reachedAt ?? null,
      attempts: f?.attempts.length ?? 0,
      lastAttemptAt: f?.attempts.at(-1)?.at ?? null,
      staffId: staffId ?? c?.staffId ?? null,
      receiptNumber: c?.receiptNumber ?? null,
      itemName: c?.itemName ?? null,
      ratingLevel,
    })
  }
  for (const r of inputs.ratings) {
    if (r.status === 'rated' && r.isBad && r.ratedAt)
      open(r.subject, r.stationId, 'badRating', r.ratedAt, r.staffId, r.level)
  }
  for (const c of inputs.cases) {
    if (tasks.has(c.id) || c.completedAt === null || c.status === 'terminated')
      continue
    if (isSampledForFollowUp(c.id, inputs.samplePercent))
      open(c.id, c.stationId, 'sample', c.completedAt, c.staffId, null)
  }
  for (const f of inputs.followUps) {
    const first = f.attempts[0]
    if (!tasks.has(f.subject) && first) {
      const c = casesById.get(f.subject)
      open(f.subject, f.stationId, f.reason, c?.completedAt ?? first.at, c?.staffId ?? null, null)
    }
  }
  return [...tasks.values()].sort(compareTasks)
}

function compareTasks(a: FollowUpTask, b: FollowUpTask): number {
  if (a.status !== b.status)
    return a.status === 'open' ? -1 : 1
  return Date.parse(a.dueAt) - Date.parse(b.dueAt) || (a.subject < b.subject ? -1 : a.subject > b.subject ? 1 : 0)
}
