/**
 * Satisfaction figures (7.1.1 published results, 7.1.2 dimensions; DOMAIN.md 好差评): over a set of given
 * ratings, the count at each level, the satisfaction rate — the share rated 基本满意 or better (GB/T 39735
 * counts 非常满意, 满意 and 基本满意 as 好评) — and per dimension the average score and the same share.
 * Ratings an upheld appeal excluded are left out by the caller (appeal.ts withoutUpheldAppeals) and
 * reported as `excluded`, so every published figure says how many were taken out.
 */
import type { RatingDimension, RatingLevel } from './rating/scale'
import { ratingDimensions } from './rating/scale'

/** What a figure needs of a rating: its level and dimension scores. */
export interface SatisfactionInput {
  level: RatingLevel | null
  dimensions: Record<RatingDimension, RatingLevel> | null
}

export type LevelCounts = Record<RatingLevel, number>

export interface DimensionFigure {
  /** Mean score 1–5, two decimals; null when nothing counted. */
  average: number | null
  /** Share scored 3 or more, 0–1; null when nothing counted. */
  satisfiedRate: number | null
  byLevel: LevelCounts
}

export interface SatisfactionSummary {
  /** Ratings counted. */
  total: number
  /** Ratings left out because an appeal against them was upheld (申诉成立). */
  excluded: number
  byLevel: LevelCounts
  /** 差评: 不满意 and 非常不满意. */
  bad: number
  /** Share rated 基本满意 or better, 0–1; null when nothing counted (shown 暂无评价, never 100%). */
  satisfiedRate: number | null
  dimensions: Record<RatingDimension, DimensionFigure>
}

const noCounts = (): LevelCounts => ({ 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 })

function figure(scores: readonly RatingLevel[]): DimensionFigure {
  const byLevel = noCounts()
  for (const s of scores)
    byLevel[s]++
  if (scores.length === 0)
    return { average: null, satisfiedRate: null, byLevel }
  const sum = scores.reduce<number>((a, s) => a + s, 0)
  return { average: Math.round((sum / scores.length) * 100) / 100, satisfiedRate: scores.filter(s => s >= 3).length / scores.length, byLevel }
}

/** 7.1.1: the satisfaction figures of `ratings` (those with a level); `excluded` is reported as given. */
export function satisfactionSummary(ratings: readonly SatisfactionInput[], excluded = 0): SatisfactionSummary {
  const rated = ratings.filter((r): r is SatisfactionInput & { level: RatingLevel } => r.level !== null)
  const overall = figure(rated.map(r => r.level))
  const dimensions = Object.fromEntries(ratingDimensions.map(d => [d, figure(rated.flatMap(r => (r.dimensions ? [r.dimensions[d]] : [])))])) as Record<RatingDimension, DimensionFigure>
  return {
    total: rated.length,
    excluded,
    byLevel: overall.byLevel,
    bad: overall.byLevel[1] + overall.byLevel[2],
    satisfiedRate: overall.satisfiedRate,
    dimensions,
  }
}
