/** 7.1.1 satisfaction figures as the office metrics and the public results page read them (domain/satisfaction.ts). */
import { z } from 'zod'
import { ratingDimensions } from '../rating/scale'

const count = z.number().int().min(0)
const share = z.number().nullable()

export const levelCountsSchema = z.object({ 1: count, 2: count, 3: count, 4: count, 5: count })
export const dimensionFigureSchema = z.object({ average: z.number().nullable(), satisfiedRate: share, byLevel: levelCountsSchema })

/** 7.1.1 (domain/satisfaction.ts SatisfactionSummary). */
export const satisfactionSummarySchema = z.object({
  total: count,
  excluded: count,
  byLevel: levelCountsSchema,
  bad: count,
  satisfiedRate: share,
  dimensions: z.object(Object.fromEntries(ratingDimensions.map(d => [d, dimensionFigureSchema])) as Record<(typeof ratingDimensions)[number], typeof dimensionFigureSchema>),
})
