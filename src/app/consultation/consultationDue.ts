/**
 * 6.3.3.1.3 on the counter: how a referred consultation's reply deadline stands now (overdue, due
 * today, later) and the countdown shown to staff. Civil days are China Standard Time.
 */
import type { ConsultationState } from '../../domain/consultation'
import { toCivilDate } from '../../domain/calendar'

export type DueState = 'overdue' | 'dueToday' | 'later'

/** Where a deadline stands at `now`: past, later today (CST), or on a later day. */
export function dueState(dueAt: string, now: Date): DueState {
  const due = Date.parse(dueAt)
  if (due < now.getTime())
    return 'overdue'
  return toCivilDate(dueAt) === toCivilDate(now) ? 'dueToday' : 'later'
}

export interface Countdown {
  overdue: boolean
  days: number
  hours: number
  minutes: number
}

/** Time left until `dueAt` (or past it, when overdue), in whole days, hours and minutes. */
export function countdown(dueAt: string, now: Date): Countdown {
  const diff = Date.parse(dueAt) - now.getTime()
  const total = Math.floor(Math.abs(diff) / 60_000)
  return { overdue: diff < 0, days: Math.floor(total / 1440), hours: Math.floor((total % 1440) / 60), minutes: total % 60 }
}

/** Still waiting for a reply with a deadline (referred, not replied). */
export function awaitsReply(c: Pick<ConsultationState, 'status' | 'dueAt'>): boolean {
  return c.status === 'referred' && c.dueAt !== null
}

/**
 * The home screen's list: every referred consultation awaiting its reply — overdue, due today, then due
 * later (issue 14: all open work) — each group by deadline (earliest first), then by recording time.
 */
export function urgentConsultations<C extends Pick<ConsultationState, 'status' | 'dueAt' | 'recordedAt'>>(rows: readonly C[], now: Date): C[] {
  const ranks = { overdue: 0, dueToday: 1, later: 2 } as const
  const rank = (c: C) => ranks[dueState(c.dueAt as string, now)]
  return rows
    .filter(c => awaitsReply(c))
    .sort((a, b) => rank(a) - rank(b)
      || Date.parse(a.dueAt as string) - Date.parse(b.dueAt as string)
      || Date.parse(a.recordedAt) - Date.parse(b.recordedAt))
}
