import type { Locale } from '../content/schema'

export const SUPPORTED_LOCALES: readonly Locale[] = ['zh', 'ru', 'en']
export const HTML_LANG: Record<Locale, string> = { zh: 'zh-CN', ru: 'ru', en: 'en' }
/** Each language named in itself, for the switcher. */
export const LOCALE_NAMES: Record<Locale, string> = { zh: '中文', ru: 'Русский', en: 'English' }

export function isLocale(x: unknown): x is Locale {
  return typeof x === 'string' && (SUPPORTED_LOCALES as readonly string[]).includes(x)
}

/** First visit: zh* → Chinese, ru* → Russian, otherwise English. The first browser language decides. */
export function detectLocale(languages: readonly string[] | undefined): Locale {
  const first = languages?.find((l) => typeof l === 'string' && l.trim() !== '')?.trim().toLowerCase() ?? ''
  if (first === 'zh' || first.startsWith('zh-') || first.startsWith('zh_')) return 'zh'
  if (first === 'ru' || first.startsWith('ru-') || first.startsWith('ru_')) return 'ru'
  return 'en'
}

const ruRules = new Intl.PluralRules('ru')

/**
 * vue-i18n plural index for Russian. Messages list `one | few | many`, optionally preceded by a zero
 * form (`zero | one | few | many`). Fractions take the "few" form (1,5 события).
 */
export function ruPluralIndex(choice: number, choicesLength: number): number {
  const n = Math.abs(choice)
  const offset = choicesLength >= 4 ? 1 : 0
  if (offset === 1 && n === 0) return 0
  const category = ruRules.select(n)
  const index = category === 'one' ? 0 : category === 'many' ? 2 : 1
  return Math.min(index + offset, choicesLength - 1)
}
