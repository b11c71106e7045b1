import { useI18n } from 'vue-i18n'
import type { L10n, Locale } from '../content/schema'

/** Pick the current language from a content text: content follows the UI language switch. */
export function useL10n() {
  const { locale, t } = useI18n()
  const tx = (text: L10n | null | undefined): string => (text ? text[locale.value as Locale] : '')
  return { tx, t, locale }
}
