/**
 * The rating scale (DOMAIN.md 好差评, 7.1.2): five levels and three dimensions, with their Chinese labels.
 * Imports nothing, so the citizen's small rating page can show it without zod or the calendar.
 */

/** DOMAIN.md 好差评: 非常满意 5, 满意 4, 基本满意 3, 不满意 2, 非常不满意 1. */
export type RatingLevel = 1 | 2 | 3 | 4 | 5
export const ratingLevelLabels: Record<RatingLevel, string> = { 5: '非常满意', 4: '满意', 3: '基本满意', 2: '不满意', 1: '非常不满意' }

/** DOMAIN.md: a 差评 (不满意 or 非常不满意) must be called back. */
export function isBadRating(level: RatingLevel): boolean {
  return level <= 2
}

/** 7.1.2: the three dimensions rated besides the overall level. */
export const ratingDimensions = ['attitude', 'quality', 'efficiency'] as const
export type RatingDimension = typeof ratingDimensions[number]
export const ratingDimensionLabels: Record<RatingDimension, string> = { attitude: '服务态度', quality: '服务质量', efficiency: '服务效率' }
