/**
 * 好差评 at the counter (6.3.3.4; issue 4 item 9): a subject's rating stream folded on demand (ratings
 * have no projection table yet), the customer-facing prompt, the citizen's rating or 不评价, and a QR
 * token for the phone. Every event is checked with ratingTransitionError first; staff never rate: the
 * screen that calls `give` is the citizen's, and it always records enteredBy 'citizen'.
 */
import type { RatingEventInput, RatingGivenPayload, RatingState } from '../../domain/rating'
import type { Reason } from '../../domain/reason'
import { acceptHMRUpdate, defineStore } from 'pinia'
import { shallowRef } from 'vue'
import { BAD_RATING_FOLLOW_UP_WORKDAYS, isBadRating, foldRating, ratingFollowUpDue, ratingStreamFor, ratingTransitionRefusal } from '../../domain/rating'
import { eventsRepo, isoWithOffset, recordAs, workCalendar } from '../data'
import { reasonText } from '../../domain/reason'
import { AppError } from '../appError'
import { newRatingToken, ratingTokenExpiry } from '../rating/ratingToken'
import { useRectificationsStore } from './rectifications'
import { useSessionStore } from './session'

/** The domain refused a rating step, worded from its reason's code. */
export class RatingRefused extends AppError {
  override readonly name = 'RatingRefused'
  static because(reason: Reason): RatingRefused {
    return new RatingRefused('refused', { reason: reasonText(reason) }, { domainReason: reason })
  }
}

/** What the citizen chose on the screen. */
export type CitizenRating = Pick<RatingGivenPayload, 'level' | 'dimensions' | 'reasons' | 'comment'>

export const useRatingsStore = defineStore('ratings', () => {
  /** The rating of the subject open now. */
  const current = shallowRef<RatingState | null>(null)

  async function open(subject: string): Promise<RatingState | null> {
    current.value = foldRating(await eventsRepo.byStream(ratingStreamFor(subject)), workCalendar())
    return current.value
  }

  async function record(ev: RatingEventInput, at: Date = new Date()): Promise<void> {
    const subject = ev.payload.subject
    const state = await open(subject)
    const staffId = useSessionStore().staff?.id ?? null
    const refusal = ratingTransitionRefusal(state, ev, { occurredAt: isoWithOffset(at), staffId })
    if (refusal)
      throw RatingRefused.because(refusal)
    await recordAs(useSessionStore().author, { stream: ratingStreamFor(subject), type: ev.type, payload: ev.payload })
    await open(subject)
  }

  function staffId(): string {
    return useSessionStore().staff?.id ?? ''
  }

  /** The customer-facing screen opened (needed before a counter rating). */
  async function prompt(subject: string): Promise<void> {
    await record({ type: 'rating.prompted', payload: { subject, staffId: staffId() } })
  }

  /** The citizen's own rating on the counter screen; a 差评 gets its call-back due. */
  async function give(subject: string, rating: CitizenRating, at: Date = new Date()): Promise<void> {
    const comment = rating.comment?.trim() ? rating.comment.trim() : null
    // Plain copies: a reactive proxy from the form cannot be stored (structured clone).
    const followUp = isBadRating(rating.level) ? ratingFollowUpDue(at, BAD_RATING_FOLLOW_UP_WORKDAYS, workCalendar()) : {}
    await record({
      type: 'rating.given',
      payload: { subject, staffId: staffId(), channel: 'counter', enteredBy: 'citizen', level: rating.level, dimensions: { ...rating.dimensions }, reasons: [...rating.reasons], comment, ...followUp },
    }, at)
    // 7.2.1: a 差评 opens its rectification task, owned by the staff member rated.
    if (isBadRating(rating.level))
      await useRectificationsStore().openForRating(ratingStreamFor(subject), staffId() || null, at)
  }

  /** The citizen tapped 不评价. */
  async function decline(subject: string): Promise<void> {
    await record({ type: 'rating.declined', payload: { subject, staffId: staffId(), channel: 'counter', enteredBy: 'citizen' } })
  }

  /** A one-time QR token: only its hash is recorded; the token is returned for the QR code and never stored. */
  async function mintToken(subject: string, at: Date = new Date()): Promise<{ token: string, expiresAt: string }> {
    const { token, sha256 } = await newRatingToken()
    const expiresAt = isoWithOffset(ratingTokenExpiry(at))
    await record({ type: 'rating.tokenMinted', payload: { subject, staffId: staffId(), tokenSha256: sha256, expiresAt } }, at)
    return { token, expiresAt }
  }

  return { current, open, prompt, give, decline, mintToken }
})

if (import.meta.hot)
  import.meta.hot.accept(acceptHMRUpdate(useRatingsStore, import.meta.hot))
