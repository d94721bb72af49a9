/** The citizen's choices on the rating form, and what is still missing before they can be sent (6.3.3.4, 7.1.2). */
import type { RatingDimension, RatingLevel } from '../../../domain/rating/scale'
import type { RatingPageKey } from './messages'
import { OTHER } from '../../../domain/rating/reasons'
import { isBadRating, ratingDimensions } from '../../../domain/rating/scale'

export interface RatingDraft {
  level: RatingLevel | null
  dimensions: Record<RatingDimension, RatingLevel | null>
  reasons: readonly string[]
  comment: string
}

/** The first thing missing (the message key saying so), or null when the rating can be sent. */
export function missingForRating(draft: RatingDraft): RatingPageKey | null {
  if (draft.level === null)
    return 'needLevel'
  if (ratingDimensions.some(d => draft.dimensions[d] === null))
    return 'needDimensions'
  if (isBadRating(draft.level) && draft.reasons.length === 0)
    return 'needReason'
  if (draft.reasons.includes(OTHER.code) && !draft.comment.trim())
    return 'commentRequired'
  return null
}
