/**
 * Rating levels and dimensions (DOMAIN.md 好差评, 7.1.2), and the call-back due after a 差评.
 */
import type { WorkCalendar } from '../calendar'
import { z } from 'zod'
import { tryDueAfterWorkdays } from '../calendar'

/** DOMAIN.md 好差评: 非常满意 5, 满意 4, 基本满意 3, 不满意 2, 非常不满意 1. */
export type RatingLevel = 1 | 2 | 3 | 4 | 5
export const ratingLevelSchema = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)], { error: '评价等级应为 1–5' })
export const ratingLevelLabels: Record<RatingLevel, string> = { 5: '非常满意', 4: '满意', 3: '基本满意', 2: '不满意', 1: '非常不满意' }

/** DOMAIN.md: a 差评 (不满意 or 非常不满意) must be called back. */
export function isBadRating(level: RatingLevel): boolean {
  return level <= 2
}

/** 7.1.2: the three dimensions rated besides the overall level. */
export const ratingDimensions = ['attitude', 'quality', 'efficiency'] as const
export type RatingDimension = typeof ratingDimensions[number]
export const ratingDimensionLabels: Record<RatingDimension, string> = { attitude: '服务态度', quality: '服务质量', efficiency: '服务效率' }

/** DOMAIN.md 好差评: default working days to call back and rectify a 差评 (a setting). */
export const BAD_RATING_FOLLOW_UP_WORKDAYS = 15

/**
 * DOMAIN.md 好差评 call-back: end of the n-th working day after the rating's CST day, for the caller to put
 * in `followUpDueAt`; null when the holiday schedule of that year is not published.
 */
export function ratingFollowUpDueAt(ratedAt: string | Date, workdays: number = BAD_RATING_FOLLOW_UP_WORKDAYS, calendar?: Pick<WorkCalendar, 'tryDueAfterWorkdays'>): string | null {
  const due = calendar ? calendar.tryDueAfterWorkdays(ratedAt, workdays) : tryDueAfterWorkdays(ratedAt, workdays)
  return due.ok ? due.due : null
}
