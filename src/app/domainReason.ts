/**
 * The domain's reasons (src/domain/reason.ts) in the staff's language: a refused step, a conflict between
 * tablets, an unreadable record, worded from its code and parameters through vue-i18n (`reason.<code>` in
 * src/app/i18n/refusals.*.ts). What an older version stored as text alone (a projection folded before reasons
 * had codes) is shown as it was stored.
 */
import type { NestedReason, Reason, ReasonParam } from '../domain/reason'
import { isList, isStep, reasonText } from '../domain/reason'

/** What the wording needs of vue-i18n (a component's useI18n() or the app's i18n.global). */
export interface ReasonTranslator {
  t: (key: string, params?: Record<string, unknown>) => string
  te: (key: string) => boolean
}

export type ReasonWords = (reason: Reason | NestedReason) => string

/** Words reasons with `i18n`; a code it has no message for (a newer tablet's) reads as the domain's Chinese. */
export function reasonWordsWith(i18n: ReasonTranslator): ReasonWords {
  const words: ReasonWords = (reason) => {
    const key = `reason.${reason.code}`
    if (!i18n.te(key))
      return reasonText(reason)
    const params: Record<string, string> = {}
    for (const [name, value] of Object.entries(reason.params ?? {}) as [string, ReasonParam][])
      params[name] = param(value)
    return i18n.t(key, params)
  }
  const param = (value: ReasonParam): string => {
    if (typeof value === 'string' || typeof value === 'number')
      return String(value)
    if (isList(value))
      return value.join(i18n.t('reasonList.separator'))
    if (isStep(value))
      return i18n.te(`reasonStep.${value.event}`) ? i18n.t(`reasonStep.${value.event}`) : value.label
    return words(value)
  }
  return words
}

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
