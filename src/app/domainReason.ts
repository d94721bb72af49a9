/**
 * Reasons as a projection stored them (src/domain/reason.ts): the Chinese text, the key a resolution names a flag
 * by, and beside it the code the app words it from. What an older version stored as text alone (a projection
 * folded before reasons had codes) is shown as it was stored.
 */
import type { Reason } from '../domain/reason'
import type { ReasonWords } from './reasonWords'
import { reasonText } from '../domain/reason'

/** A reason as stored: its text (the key staff resolve it by) and, when the fold gave one, its code. */
export interface StoredReason {
  text: string
  reason: Reason | null
}

/** The attention reasons of a projection with their codes; a row folded before codes (or out of step) has none. */
export function storedReasons(state: { attentionReasons: readonly string[], attentionCodes?: readonly Reason[] | undefined }): StoredReason[] {
  return state.attentionReasons.map((text, i) => {
    const reason = state.attentionCodes?.[i]
    return { text, reason: reason && reasonText(reason) === text ? reason : null }
  })
}

/** A timeline entry's refusal as stored: its code when the fold gave one that still reads as the stored text. */
export function storedRefusal(entry: { rejection: string | null, refusal?: Reason | null | undefined }): StoredReason | null {
  if (entry.rejection === null)
    return null
  const reason = entry.refusal
  return { text: entry.rejection, reason: reason && reasonText(reason) === entry.rejection ? reason : null }
}

/** A stored reason in the staff's language: by its code, else as the text it was stored as. */
export function storedReasonWords(words: ReasonWords, stored: StoredReason): string {
  return stored.reason ? words(stored.reason) : stored.text
}
