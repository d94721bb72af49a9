/**
 * The reply due of a referred consultation (6.3.3.1.3: 1 working day after recording), and its recount
 * when it was recorded provisional (DOMAIN.md 暂定: counted Monday–Friday into an unpublished year).
 */
import type { WorkCalendar } from './calendar'

/** 6.3.3.1.3: a referral is due this many working days after the consultation was recorded. */
export const CONSULTATION_REPLY_WORKDAYS = 1

/** The calendar a consultation fold counts working days with (the caller's: the app's or the server's, holding the years imported there). */
export type ConsultationFoldCalendar = Pick<WorkCalendar, 'provisionalDueAfterWorkdays'>

/**
 * 6.3.3.1.3, DOMAIN.md 暂定: the due of a referral. A final due recorded with it stands; one recorded as
 * provisional is counted again from the recording with this calendar, so it becomes final once published.
 */
export function referredDue(payload: { dueAt: string, dueProvisional?: boolean | undefined }, recordedAt: string, calendar: ConsultationFoldCalendar): { dueAt: string, dueProvisional: boolean, dueUnpublishedYears: number[] } {
  if (payload.dueProvisional !== true)
    return { dueAt: payload.dueAt, dueProvisional: false, dueUnpublishedYears: [] }
  const due = calendar.provisionalDueAfterWorkdays(recordedAt, CONSULTATION_REPLY_WORKDAYS)
  return { dueAt: due.due, dueProvisional: due.provisional, dueUnpublishedYears: due.unpublishedYears }
}
