/**
 * Call-backs (回访, 7.1.3; DOMAIN.md 好差评: a 差评 is called back, verified and answered within a deadline).
 * Recorded as `followUp.recorded` events on 'followUp:<uuid of the subject>' (./followUp/payloads.ts), from
 * the tablet or the office; folded by foldFollowUp; the tasks are derived by deriveFollowUpTasks. The
 * ledger F column 回访日期及结果 and the 6.2.3 complaint rate read them as FollowUpRecords.
 */
import type { FollowUpState } from './followUp/fold'
import { followUpResultText } from './followUp/fold'

export type { FollowUpAttempt, FollowUpState } from './followUp/fold'
export { foldFollowUp, followUpResultText } from './followUp/fold'
export type { FollowUpEventType, FollowUpReason, FollowUpRecordedPayload, FollowUpView } from './followUp/payloads'
export { FOLLOW_UP_STREAM_KIND, followUpEventSchemas, followUpEventTypes, followUpReasonLabels, followUpReasonSchema, followUpRecordedPayloadSchema, followUpStreamFor, followUpSubjectSchema, followUpViewLabels, followUpViews, followUpViewSchema } from './followUp/payloads'
export type { FollowUpTask, FollowUpTaskInputs } from './followUp/tasks'
export { deriveFollowUpTasks, fnv1a32, FOLLOW_UP_SAMPLE_PERCENT, FOLLOW_UP_WORKDAYS, followUpSamplePercent, isSampledForFollowUp } from './followUp/tasks'

/** 7.1.3: one call-back to the citizen about a case or a consultation (or the 差评 given on it). */
export interface FollowUpRecord {
  /** The case or consultation called back about: 'case:<uuid>' or 'consultation:<uuid>'. */
  subject: string
  /** When the call-back was made (ISO instant with offset). */
  at: string
  /** What came of it, in Chinese, without personal data (e.g. '已回访，群众意见：满意'). */
  result: string
  /** Whether the citizen was reached; a call not reached does not handle a 差评 (absent: reached). */
  reached?: boolean
}

/** 7.1.3: every attempt of the folded follow-up streams as FollowUpRecords (for ledger F and 6.2.3). */
export function followUpRecords(states: readonly FollowUpState[]): FollowUpRecord[] {
  return states.flatMap(s => s.attempts.map(a => ({ subject: s.subject, at: a.at, result: followUpResultText(a), reached: a.reached })))
}

/** 7.1.3: the call-backs of each subject, earliest first. */
export function followUpsBySubject(records: readonly FollowUpRecord[]): Map<string, FollowUpRecord[]> {
  const bySubject = new Map<string, FollowUpRecord[]>()
  for (const record of records) {
    const list = bySubject.get(record.subject)
    if (list)
      list.push(record)
    else bySubject.set(record.subject, [record])
  }
  for (const list of bySubject.values())
    list.sort((a, b) => Date.parse(a.at) - Date.parse(b.at))
  return bySubject
}
