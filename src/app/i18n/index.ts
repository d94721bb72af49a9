import type { Ref, WritableComputedRef } from 'vue'
import type { OfficeMessageSchema } from './office.zh-CN'
import type refusalsZh from './refusals.zh-CN'
import type { CounterMessageSchema, MessageSchema } from './zh-CN'
import { Locale as VantLocale } from 'vant'
import vantZhCN from 'vant/es/locale/lang/zh-CN'
import { createI18n } from 'vue-i18n'
import zhCN from './zh-CN'

export const supportedLocales = ['zh-CN', 'en'] as const
export type AppLocale = typeof supportedLocales[number]
export const defaultLocale: AppLocale = 'zh-CN'

const STORAGE_KEY = 'bianmin.locale'

/**
 * Chinese is the default and the fallback, so it ships with the first screen; English (and Vant's English texts)
 * loads on demand, when chosen or when the tablet was left in English (issue 12 item 5: the first screen carries
 * one locale's messages, not both).
 */
const loaders: Record<Exclude<AppLocale, 'zh-CN'>, () => Promise<{ messages: CounterMessageSchema, vant: readonly [string, Parameters<typeof VantLocale.use>[1]] }>> = {
  en: async () => {
    const [messages, vant] = await Promise.all([import('./en'), import('vant/es/locale/lang/en-US')])
    return { messages: messages.default, vant: ['en-US', vant.default] }
  },
}
/**
 * The office console's messages load with its first page (the router's office guard), in each locale loaded then
 * or later: the counter's first screen does not carry them (issue 14 item 11).
 */
const officeLoaders: Record<AppLocale, () => Promise<OfficeMessageSchema>> = {
  'zh-CN': async () => (await import('./office.zh-CN')).default,
  'en': async () => (await import('./office.en')).default,
}
let officeWanted = false
const vantMessages: Partial<Record<AppLocale, readonly [string, Parameters<typeof VantLocale.use>[1]]>> = { 'zh-CN': ['zh-CN', vantZhCN] }

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
    // Typed with every message, the office's included: those are merged in by loadOfficeMessages.
    messages: { 'zh-CN': zhCN } as Record<AppLocale, MessageSchema>,
  })
}

export type AppI18n = ReturnType<typeof createAppI18n>

/** What setLocale needs of an i18n instance: the global composer (`i18n.global`, or `useI18n()` in a component). */
export interface LocaleTarget {
  locale: WritableComputedRef<string> | Ref<string>
  availableLocales: readonly string[]
  setLocaleMessage: (locale: AppLocale, messages: MessageSchema) => void
  getLocaleMessage: (locale: AppLocale) => object
  mergeLocaleMessage: (locale: AppLocale, messages: OfficeMessageSchema | RefusalMessages) => void
}

async function loadOfficeMessagesFor(target: Omit<LocaleTarget, 'locale'>, locale: AppLocale): Promise<void> {
  if ('officeNav' in target.getLocaleMessage(locale))
    return
  const messages = await officeLoaders[locale]()
  if (!('officeNav' in target.getLocaleMessage(locale)))
    target.mergeLocaleMessage(locale, messages)
}

/** The office console's messages, in every locale loaded now and (from then on) later. */
export async function loadOfficeMessages(target: Omit<LocaleTarget, 'locale'>): Promise<void> {
  officeWanted = true
  await Promise.all(supportedLocales.filter(locale => target.availableLocales.includes(locale)).map(locale => loadOfficeMessagesFor(target, locale)))
}

type RefusalMessages = typeof refusalsZh

/**
 * The words of the domain's reasons (refusals.*.ts) hold the domain's templates, which the first screen does not
 * need: they are merged into a locale after its own messages. Until then a reason reads as the domain's Chinese
 * (src/app/reasonWords.ts), which is what the Chinese UI says anyway.
 */
const refusalLoaders: Record<AppLocale, () => Promise<RefusalMessages>> = {
  'zh-CN': async () => (await import('./refusals.zh-CN')).default,
  'en': async () => (await import('./refusals.en')).default,
}

/** Merges the words of the domain's reasons for `locale` into the instance, once (after the locale's own messages). */
export async function loadRefusalMessages(target: Omit<LocaleTarget, 'locale'>, locale: AppLocale): Promise<void> {
  if ('reasonList' in target.getLocaleMessage(locale))
    return
  const messages = await refusalLoaders[locale]()
  if (!('reasonList' in target.getLocaleMessage(locale)))
    target.mergeLocaleMessage(locale, messages)
}

/** Makes sure the locale's messages (ours, the office's once wanted, the refusals' and Vant's) are loaded into the instance. */
export async function loadLocaleMessages(target: Omit<LocaleTarget, 'locale'>, locale: AppLocale): Promise<void> {
  if (locale !== 'zh-CN' && !(target.availableLocales.includes(locale) && vantMessages[locale])) {
    const loaded = await loaders[locale]()
    if (!target.availableLocales.includes(locale))
      target.setLocaleMessage(locale, loaded.messages as MessageSchema) // the office's are merged in below
    vantMessages[locale] = loaded.vant
  }
  if (officeWanted)
    await loadOfficeMessagesFor(target, locale)
  if (locale !== 'zh-CN')
    return loadRefusalMessages(target, locale)
  // Not awaited in Chinese: the first screen does not wait for them, and until they are in, a reason reads the same.
  void loadRefusalMessages(target, locale).catch(() => {
    // Nothing to tell staff: a reason then reads as the domain's own Chinese, word for word the same.
  })
}

/** Switches our messages, Vant's built-in texts and <html lang>, and remembers the choice (loading its messages first). */
export async function setLocale(target: LocaleTarget, locale: AppLocale): Promise<void> {
  await loadLocaleMessages(target, locale)
  target.locale.value = locale
  const [vantName, vantLang] = vantMessages[locale] ?? ['zh-CN', vantZhCN]
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
