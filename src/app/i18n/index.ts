import type { Ref, WritableComputedRef } from 'vue'
import type { MessageSchema } from './zh-CN'
import { Locale as VantLocale } from 'vant'
import vantEnUS from 'vant/es/locale/lang/en-US'
import vantZhCN from 'vant/es/locale/lang/zh-CN'
import { createI18n } from 'vue-i18n'
import en from './en'
import zhCN from './zh-CN'

export const supportedLocales = ['zh-CN', 'en'] as const
export type AppLocale = typeof supportedLocales[number]
export const defaultLocale: AppLocale = 'zh-CN'

const STORAGE_KEY = 'bianmin.locale'
const vantMessages = { 'zh-CN': ['zh-CN', vantZhCN], 'en': ['en-US', vantEnUS] } as const

export function isAppLocale(value: unknown): value is AppLocale {
  return supportedLocales.includes(value as AppLocale)
}

/** The locale staff chose on this tablet, else Chinese (never the browser's, which may be English on a rented device). */
export function savedLocale(): AppLocale {
  try {
    const value = globalThis.localStorage?.getItem(STORAGE_KEY)
    return isAppLocale(value) ? value : defaultLocale
  }
  catch {
    return defaultLocale
  }
}

export function createAppI18n(locale: AppLocale = savedLocale()) {
  return createI18n<[MessageSchema], AppLocale, false>({
    legacy: false,
    locale,
    fallbackLocale: defaultLocale,
    messages: { 'zh-CN': zhCN, 'en': en },
  })
}

export type AppI18n = ReturnType<typeof createAppI18n>

/** Switches our messages, Vant's built-in texts and <html lang>, and remembers the choice. */
export function setLocale(current: WritableComputedRef<string> | Ref<string>, locale: AppLocale): void {
  current.value = locale
  const [vantName, vantLang] = vantMessages[locale]
  VantLocale.use(vantName, vantLang)
  if (typeof document !== 'undefined')
    document.documentElement.lang = locale
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, locale)
  }
  catch {
    // Private mode or storage full: the choice lasts for this session only.
  }
}
