/**
 * The citizen's rating page (SYNC-API.md "Public"; issue 9 item 3), no login; the token in the path is the key:
 *   GET  /api/public/ratings/:token → RatingInfo
 *   POST /api/public/ratings/:token RatingRequest → 201 {status: 'rated'}
 */
import { z } from 'zod'
import { ratingLevelSchema } from '../rating/levels'

export const ratingRequestSchema = z.object({
  level: ratingLevelSchema,
  dimensions: z.object({ attitude: ratingLevelSchema, quality: ratingLevelSchema, efficiency: ratingLevelSchema }).strict(),
  reasons: z.array(z.string().min(1).max(40)).max(10, '最多选择 10 项原因'),
  comment: z.string().max(500, '意见建议不能超过 500 字').nullable().optional(),
}).strict()
/** The citizen's answers as the phone page sends them. */
export type RatingRequest = z.infer<typeof ratingRequestSchema>

/** What the phone page shows before the citizen rates (no personal data of the citizen). */
export const ratingInfoSchema = z.object({
  stationName: z.string(),
  subjectKind: z.enum(['case', 'consultation']),
  /** The service item, when the case or consultation named one. */
  itemName: z.string().nullable(),
  /** The staff member who served the citizen (7.1.1: results are published per staff member). */
  staffName: z.string().nullable(),
  expiresAt: z.string(),
})
export type RatingInfo = z.infer<typeof ratingInfoSchema>

export const ratingSubmittedSchema = z.object({ status: z.literal('rated') })
export type RatingSubmitted = z.infer<typeof ratingSubmittedSchema>
