import { beforeEach, describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { createPinia, setActivePinia } from 'pinia'
import { nextTick } from 'vue'
import { applyTheme } from '../../src/domain/theme'
import { usePreferencesStore, PREFS_KEY, PREFS_VERSION } from '../../src/stores/preferences'
import { useNoticesStore } from '../../src/stores/notices'

const root = () => document.documentElement
function fresh() {
  setActivePinia(createPinia())
  return usePreferencesStore()
}
/** public/theme-prepaint.js as the page runs it: a plain script defining one function. */
function runPrepaint() {
  const source = readFileSync('public/theme-prepaint.js', 'utf8')
  new Function(`${source}\nqdApplySavedTheme()`)()
}

describe('theme', () => {
  beforeEach(() => {
    localStorage.clear()
    applyTheme(root(), 'system')
  })

  it('applyTheme sets data-theme and color-scheme, and system removes both', () => {
    applyTheme(root(), 'dark')
    expect(root().getAttribute('data-theme')).toBe('dark')
    expect(root().style.getPropertyValue('color-scheme')).toBe('dark')
    applyTheme(root(), 'system')
    expect(root().hasAttribute('data-theme')).toBe(false)
    expect(root().style.getPropertyValue('color-scheme')).toBe('')
  })

  it('is remembered in the preferences record and applied by the store', async () => {
    const prefs = fresh()
    expect(prefs.theme).toBe('system')
    prefs.theme = 'dark'
    await nextTick()
    expect(root().getAttribute('data-theme')).toBe('dark')
    expect(JSON.parse(localStorage.getItem(PREFS_KEY)!).data.theme).toBe('dark')
    applyTheme(root(), 'system')
    expect(fresh().theme).toBe('dark')
    expect(root().getAttribute('data-theme')).toBe('dark')
  })

  it('a record saved before the switch existed keeps its language and gets the system theme', () => {
    localStorage.setItem(PREFS_KEY, JSON.stringify({ v: PREFS_VERSION, data: { locale: 'ru', reminderMinutes: 15 } }))
    const prefs = fresh()
    expect(prefs.locale).toBe('ru')
    expect(prefs.theme).toBe('system')
  })

  it('an unknown saved theme is corrupt state: reset with a notice', () => {
    localStorage.setItem(PREFS_KEY, JSON.stringify({ v: PREFS_VERSION, data: { locale: 'ru', reminderMinutes: 15, theme: 'sepia' } }))
    expect(fresh().theme).toBe('system')
    expect(useNoticesStore().notices.map((n) => n.key)).toEqual(['prefs.reset_notice'])
  })

  it('the pre-paint function applies a saved choice and ignores anything else', () => {
    localStorage.setItem(PREFS_KEY, JSON.stringify({ v: PREFS_VERSION, data: { locale: 'en', reminderMinutes: 15, theme: 'light' } }))
    runPrepaint()
    expect(root().getAttribute('data-theme')).toBe('light')
    applyTheme(root(), 'system')
    for (const raw of ['{oops', JSON.stringify({ v: 2, data: { theme: 'sepia' } }), JSON.stringify({ v: 2, data: { theme: 'system' } })]) {
      localStorage.setItem(PREFS_KEY, raw)
      runPrepaint()
      expect(root().hasAttribute('data-theme')).toBe(false)
    }
  })
})
