import { defineStore } from 'pinia'
import { ref, watch, watchEffect } from 'vue'
import type { Locale } from '../content/schema'
import { detectLocale, isLocale } from '../domain/lang'
import { applyTheme, isTheme, type Theme } from '../domain/theme'
import { loadPersisted, savePersisted } from './persisted'
import { useNoticesStore } from './notices'

export const PREFS_KEY = 'qd.prefs'
export const PREFS_VERSION = 2

export type Prefs = { locale: Locale; reminderMinutes: number; theme: Theme }

function checkPrefs(data: unknown): Prefs | null {
  if (!data || typeof data !== 'object') return null
  const { locale, reminderMinutes, theme } = data as Record<string, unknown>
  if (!isLocale(locale)) return null
  if (typeof reminderMinutes !== 'number' || !Number.isInteger(reminderMinutes) || reminderMinutes < 0 || reminderMinutes > 1440) return null
  // Records saved before the theme switch have none: the device's scheme, as before.
  if (theme !== undefined && !isTheme(theme)) return null
  return { locale, reminderMinutes, theme: theme ?? 'system' }
}

/** v1 stored `{ lang }` only. */
function migrate(from: number, data: unknown): unknown {
  if (from === 1 && data && typeof data === 'object' && 'lang' in data) {
    return { locale: (data as { lang: unknown }).lang, reminderMinutes: 15 }
  }
  return data
}

export const usePreferencesStore = defineStore('preferences', () => {
  const loaded = loadPersisted(PREFS_KEY, checkPrefs, PREFS_VERSION, migrate)
  if (loaded.recovered) useNoticesStore().push('prefs.reset_notice', undefined, 'warning')
  // An empty languages list (some WebViews) falls back to navigator.language, as public/lang.js does.
  const fromDevice = typeof navigator === 'undefined' ? 'en' : detectLocale(navigator.languages?.length ? navigator.languages : [navigator.language])
  const locale = ref<Locale>(loaded.value?.locale ?? fromDevice)
  /** True once the visitor chose a language; until then the device language may still apply. */
  const chosen = ref(loaded.value !== null)
  const reminderMinutes = ref(loaded.value?.reminderMinutes ?? 15)
  const theme = ref<Theme>(loaded.value?.theme ?? 'system')
  if (typeof document !== 'undefined') watchEffect(() => applyTheme(document.documentElement, theme.value))

  function setLocale(l: Locale) {
    locale.value = l
    chosen.value = true
  }

  watch([locale, reminderMinutes, theme], () => {
    chosen.value = true
    savePersisted(PREFS_KEY, PREFS_VERSION, { locale: locale.value, reminderMinutes: reminderMinutes.value, theme: theme.value })
  })

  return { locale, chosen, reminderMinutes, theme, setLocale }
})
