import { markRaw } from 'vue'
import { createI18n } from 'vue-i18n'
import type { Locale } from '../content/schema'
import { HTML_LANG, ruPluralIndex } from '../domain/lang'
import { QINGDAO_TZ } from '../domain/time'
export type MessageSchema = typeof import('../../locales/en.json')

const dateFormats = {
  /** A calendar day in Qingdao: 18 July 2025. */
  day: { year: 'numeric', month: 'long', day: 'numeric', timeZone: QINGDAO_TZ },
  /** A short day for chips: Fri, 18 Jul. */
  dayShort: { weekday: 'short', month: 'short', day: 'numeric', timeZone: QINGDAO_TZ },
  /** A clock time in Qingdao: 09:30. */
  time: { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: QINGDAO_TZ },
  /** A date without a zone shift, for YYYY-MM-DD values read as UTC midnight. */
  plainDay: { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' },
  plainMonth: { year: 'numeric', month: 'long', timeZone: 'UTC' },
} as const

const numberFormats = {
  integer: { maximumFractionDigits: 0 },
  decimal: { maximumFractionDigits: 2 },
} as const

// Every language loads on demand, English too: the messages grow with every feature, and the home page paints
// from the build's markup before any script, so they need not sit in the entry. They are precached by the service
// worker, so the start and a switch work offline. The three files have the same keys (tests/unit/locales.spec.ts).
const loaders: Record<Locale, () => Promise<{ default: MessageSchema }>> = {
  en: () => import('../../locales/en.json'),
  zh: () => import('../../locales/zh.json'),
  ru: () => import('../../locales/ru.json'),
}

export const i18n = createI18n<[MessageSchema], Locale, false>({
  legacy: false,
  locale: 'en',
  fallbackLocale: 'en',
  messages: {} as Record<Locale, MessageSchema>,
  pluralRules: { ru: ruPluralIndex },
  datetimeFormats: { en: dateFormats, ru: dateFormats, zh: dateFormats },
  numberFormats: { en: numberFormats, ru: numberFormats, zh: numberFormats },
  missingWarn: false,
  fallbackWarn: false,
})

export async function loadLocaleMessages(locale: Locale): Promise<void> {
  if (i18n.global.availableLocales.includes(locale)) return
  const mod = await loaders[locale]()
  // vue-i18n keeps its messages in a deep ref: every translation would then walk the precompiled messages through
  // reactive proxies, tracking each part as it reads it. They never change in place (a language is set whole),
  // so they are marked raw: a translation reads plain objects, several times faster.
  i18n.global.setLocaleMessage(locale, markRaw(mod.default))
}

/** Switch UI language in place: no reload, route and state kept. */
export async function applyLocale(locale: Locale): Promise<void> {
  await loadLocaleMessages(locale)
  i18n.global.locale.value = locale
  document.documentElement.lang = HTML_LANG[locale]
  document.title = i18n.global.t('app.name')
  // The installed app's name in this language (build/locale-manifests.ts; public/lang.js does the same before paint).
  document.querySelector('link[rel=manifest]')?.setAttribute('href', `/manifest-${locale}.webmanifest`)
  const title = document.querySelector('meta[name=apple-mobile-web-app-title]')
  const short = title?.getAttribute(`data-${locale}`)
  if (short) title?.setAttribute('content', short)
}
