import type { ErrorCode } from '../appError'
import { useI18n } from 'vue-i18n'
import { AppError, codedMessageOf } from '../appError'
import { reasonWordsWith } from '../reasonWords'

export type ErrorText = (error: unknown, fallback?: ErrorCode) => string

/** What errorText needs of vue-i18n (a component's useI18n() or the app's i18n.global). */
export interface ErrorTranslator {
  t: (key: string, params?: Record<string, unknown>) => string
  te: (key: string) => boolean
  locale: { value: string }
}

/**
 * How the app says what went wrong, in the chosen language: an AppError (or a text messageRef wrote) by its
 * code, or a domain refusal by its reason's code (AppError.domainReason); the server's own words (AppError.serverText,
 * Chinese) in the Chinese UI only; any other Error by its message, else the `fallback` code.
 */
export function errorTextWith(i18n: ErrorTranslator): ErrorText {
  return (error, fallback) => {
    if (error instanceof AppError && error.serverText && i18n.locale.value === 'zh-CN')
      return error.serverText
    if (error instanceof AppError && error.domainReason) {
      // Until the refusal messages are merged in, a refusal reads as the domain's Chinese the error carries.
      const carried = String(error.params.reason ?? error.domainReason.code)
      return reasonWordsWith(i18n, () => carried)(error.domainReason)
    }
    const coded = codedMessageOf(error)
    if (coded)
      return i18n.te(`appError.${coded.code}`) ? i18n.t(`appError.${coded.code}`, coded.params) : coded.code
    if (fallback)
      return i18n.t(`appError.${fallback}`)
    if (error instanceof Error)
      return error.message
    if (typeof error === 'object' && error !== null && 'message' in error)
      return String((error as { message: unknown }).message)
    return String(error)
  }
}

/** errorText for a component (or a composable it calls in setup). */
export function useErrorText(): ErrorText {
  const { t, te, locale } = useI18n()
  return errorTextWith({ t, te, locale })
}
