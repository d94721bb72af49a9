/**
 * Ratings (好差评): the citizen's evaluation of a case or a consultation (6.3.3.4, 7.1; DOMAIN.md 好差评,
 * GB/T 39735), as events on a stream of their own, folded into a RatingState.
 *
 * Why a stream of its own ('rating:<uuid>') and not events on the case or consultation stream:
 * - one fold and one shape for both subjects (cases and consultations);
 * - the evaluator is protected and results are published per staff member and station (7.1.1): the server
 *   aggregates rating streams without folding (or decrypting) cases and their applicants' data;
 * - a QR rating from the citizen's phone arrives through the server, not from the station's tablet: it
 *   never has to append to a case stream, and call-backs and appeals follow the rating, not the case;
 * - the case and consultation projections (Dexie tables, server tables) keep their shape.
 * One evaluation per subject (一次一评): the stream's uuid IS the subject's uuid (`ratingStreamFor`), so
 * every tablet that rates the same case writes to the same stream, and a second `rating.given` is a
 * conflict the fold flags (first in fold order wins).
 *
 * Staff never rate on the citizen's behalf: `rating.given` carries `enteredBy`. The customer-facing
 * screen (opened by `rating.prompted`) and the phone page write 'citizen'; anything else is 'staff' and
 * the fold refuses it and flags the stream. A counter rating needs a prompt before it on the stream; a QR
 * rating needs a minted, unexpired token (only its SHA-256 is stored) and no staff member in the envelope.
 *
 * Not registered in `projectionFolds`: the tablet's Dexie data layer asserts a table for every projection
 * kind, and has none for ratings yet. `foldRating` folds a rating stream on demand.
 *
 * PERSONAL DATA: `comment` (free text the citizen typed) only.
 *
 * The module entry: levels, the reasons catalogue, payloads, the state, the rules and the fold live in
 * `./rating/`; this re-exports them.
 */

export type { RatingDimension, RatingFollowUpDue, RatingLevel } from './rating/levels'
export type { RatingReason } from './rating/reasons'
export type { RatingChannel, RatingDeclinedPayload, RatingEventInput, RatingEventPayloads, RatingEventType, RatingGivenPayload, RatingPromptedPayload, RatingStatus, RatingTokenMintedPayload } from './rating/payloads'
export type { RatingEventContext, RatingLogEntry, RatingState, RatingToken } from './rating/state'
export { BAD_RATING_FOLLOW_UP_WORKDAYS, isBadRating, ratingDimensionLabels, ratingDimensions, ratingFollowUpDue, ratingFollowUpDueAt, ratingLevelLabels, ratingLevelSchema } from './rating/levels'
export { ratingReasonsByLevel } from './rating/reasons'
export { RATING_STREAM_KIND, ratingChannelLabels, ratingChannelSchema, ratingDeclinedPayloadSchema, ratingEnteredBySchema, ratingEventLabels, ratingEventSchemas, ratingEventTypes, ratingGivenPayloadSchema, ratingPromptedPayloadSchema, ratingStatusLabels, ratingStreamFor, ratingSubjectSchema, ratingTokenMintedPayloadSchema } from './rating/payloads'
export { ratingTransitionError, ratingTransitionRefusal } from './rating/transitions'
export type { RatingFoldCalendar } from './rating/fold'
export { foldRating } from './rating/fold'
