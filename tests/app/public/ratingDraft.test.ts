/** What the rating page asks for before it sends (6.3.3.4, 7.1.2): one missing thing at a time, in form order. */
import type { RatingDraft } from '../../../src/app/public/rating/ratingDraft'
import { describe, expect, it } from 'vitest'
import { missingForRating } from '../../../src/app/public/rating/ratingDraft'

const complete: RatingDraft = { level: 5, dimensions: { attitude: 5, quality: 4, efficiency: 5 }, reasons: [], comment: '' }

describe('a rating draft', () => {
  it.each([
    ['no overall level', { ...complete, level: null }, 'needLevel'],
    ['a dimension without a score', { ...complete, dimensions: { ...complete.dimensions, quality: null } }, 'needDimensions'],
    ['不满意 without a reason', { ...complete, level: 2 }, 'needReason'],
    ['"other" without a comment', { ...complete, level: 1, reasons: ['other'], comment: '  ' }, 'commentRequired'],
  ] as const)('asks again when it has %s', (_, draft, expected) => {
    expect(missingForRating(draft)).toBe(expected)
  })

  it('sends a satisfied rating without reasons, and an unsatisfied one with a reason and, for "other", a comment', () => {
    expect(missingForRating(complete)).toBeNull()
    expect(missingForRating({ ...complete, level: 1, reasons: ['other'], comment: '窗口太少' })).toBeNull()
  })
})
