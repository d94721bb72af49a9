/**
 * The domain's reasons (src/domain/reason.ts) in the staff's language: a refused step, a conflict between
 * tablets, an unreadable record, worded from its code and parameters through vue-i18n (`reason.<code>` in
 * src/app/i18n/refusals.*.ts, merged in after the first screen). This module imports the domain's reasons as
 * types only, so errorText can use it on the first screen without loading the domain's templates.
 */
import type { NestedReason, Reason, ReasonParam, ReasonStep } from '../domain/reason'

/** What the wording needs of vue-i18n (a component's useI18n() or the app's i18n.global). */
export interface ReasonTranslator {
  t: (key: string, params?: Record<string, unknown>) => string
  te: (key: string) => boolean
}

export type ReasonWords = (reason: Reason | NestedReason) => string

const isList = (value: ReasonParam): value is readonly string[] => Array.isArray(value)
const isStep = (value: ReasonParam): value is ReasonStep => typeof value === 'object' && 'event' in value

/**
 * Words reasons with `i18n`. `fallback` words one it has no message for: a code of a newer tablet, or any code
 * before the refusal messages are merged in (the domain's Chinese, which is what zh-CN says anyway).
 */
export function reasonWordsWith(i18n: ReasonTranslator, fallback: (reason: Reason | NestedReason) => string): ReasonWords {
  const words: ReasonWords = (reason) => {
    const key = `reason.${reason.code}`
    if (!i18n.te(key))
      return fallback(reason)
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
