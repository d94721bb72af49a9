/**
 * Rating levels and dimensions (DOMAIN.md 好差评, 7.1.2), and the call-back due after a 差评.
 */
import type { WorkCalendar } from '../calendar'
import { z } from 'zod'

export type { RatingDimension, RatingLevel } from './scale'
export { isBadRating, ratingDimensionLabels, ratingDimensions, ratingLevelLabels } from './scale'

export const ratingLevelSchema = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)], { error: '评价等级应为 1–5' })

/** DOMAIN.md 好差评: default working days to call back and rectify a 差评 (a setting). */
export const BAD_RATING_FOLLOW_UP_WORKDAYS = 15

/**
 * DOMAIN.md 好差评 call-back: end of the n-th working day after the rating's CST day, for the caller to put
 * in `followUpDueAt`; null when the holiday schedule of that year is not published.
 */
export function ratingFollowUpDueAt(ratedAt: string | Date, workdays: number = BAD_RATING_FOLLOW_UP_WORKDAYS, calendar: Pick<WorkCalendar, 'tryDueAfterWorkdays'>): string | null {
  const due = calendar.tryDueAfterWorkdays(ratedAt, workdays)
  return due.ok ? due.due : null
}

/** The call-back due fields of a 差评's `rating.given` payload. */
export interface RatingFollowUpDue {
  followUpDueAt: string
  /** Present (true) when counted Monday–Friday through an unpublished year (暂定). */
  followUpDueProvisional?: true
}

/**
 * DOMAIN.md 好差评 call-back with 暂定: like ratingFollowUpDueAt, but always given — counted Monday–Friday in
 * unpublished years and marked `followUpDueProvisional`, for the rating fold to recount once published.
 */
export function ratingFollowUpDue(ratedAt: string | Date, workdays: number = BAD_RATING_FOLLOW_UP_WORKDAYS, calendar: Pick<WorkCalendar, 'provisionalDueAfterWorkdays'>): RatingFollowUpDue {
  const due = calendar.provisionalDueAfterWorkdays(ratedAt, workdays)
  return due.provisional ? { followUpDueAt: due.due, followUpDueProvisional: true } : { followUpDueAt: due.due }
}
