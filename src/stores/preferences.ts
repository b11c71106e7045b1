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

/**
 * One rule per field: a bad value falls back alone, the others are kept. A missing field (a record saved before
 * the field existed) takes its default without a word; a present but unreadable one is counted and reported.
 */
const FIELDS: { [K in keyof Prefs]: { ok: (v: unknown) => v is Prefs[K]; fallback: () => Prefs[K] } } = {
  locale: { ok: isLocale, fallback: deviceLocale },
  reminderMinutes: {
    ok: (v): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 1440,
    fallback: () => 15,
  },
  theme: { ok: isTheme, fallback: () => 'system' },
}

function deviceLocale(): Locale {
  // An empty languages list (some WebViews) falls back to navigator.language, as public/lang.js does.
  return typeof navigator === 'undefined' ? 'en' : detectLocale(navigator.languages?.length ? navigator.languages : [navigator.language])
}

export function checkPrefs(data: unknown, drop: () => void = () => {}): Prefs | null {
  if (!data || typeof data !== 'object' || Array.isArray(data)) return null
  const record = data as Record<string, unknown>
  const field = <K extends keyof Prefs>(k: K): Prefs[K] => {
    const rule = FIELDS[k]
    const v = record[k]
    if (rule.ok(v)) return v
    if (v !== undefined) drop()
    return rule.fallback()
  }
  return { locale: field('locale'), reminderMinutes: field('reminderMinutes'), theme: field('theme') }
}

/** v1 stored `{ lang }` only. */
function migrate(from: number, data: unknown): unknown {
  if (from === 1 && data && typeof data === 'object' && 'lang' in data) {
    return { locale: (data as { lang: unknown }).lang, reminderMinutes: 15 }
  }
  return data
}

export const usePreferencesStore = defineStore('preferences', () => {
  const notices = useNoticesStore()
  const loaded = loadPersisted(PREFS_KEY, checkPrefs, PREFS_VERSION, migrate)
  if (loaded.recovered) notices.push('prefs.reset_notice', undefined, 'warning')
  if (loaded.dropped) notices.push('saved_state.dropped', { count: loaded.dropped }, 'warning')
  // Settings saved by a newer version of the guide are used as far as they are understood, and never written.
  if (loaded.newer) notices.push('saved_state.newer', undefined, 'warning')
  const locale = ref<Locale>(loaded.value?.locale ?? deviceLocale())
  const reminderMinutes = ref(loaded.value?.reminderMinutes ?? FIELDS.reminderMinutes.fallback())
  const theme = ref<Theme>(loaded.value?.theme ?? FIELDS.theme.fallback())
  if (typeof document !== 'undefined') watchEffect(() => applyTheme(document.documentElement, theme.value))

  function setLocale(l: Locale) {
    locale.value = l
  }

  watch([locale, reminderMinutes, theme], () => {
    if (loaded.newer) return
    savePersisted(PREFS_KEY, PREFS_VERSION, { locale: locale.value, reminderMinutes: reminderMinutes.value, theme: theme.value } satisfies Prefs)
  })

  return { locale, reminderMinutes, theme, setLocale }
})
