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
/** public/lang.js, the classic script that runs before the first paint, on a page with nothing prerendered. */
function runPrepaint() {
  document.body.innerHTML = '<div id="app"></div><script></script>'
  new Function(readFileSync('public/lang.js', 'utf8'))()
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

  it('an unknown saved theme falls back alone, with a notice, and the language is kept', () => {
    localStorage.setItem(PREFS_KEY, JSON.stringify({ v: PREFS_VERSION, data: { locale: 'ru', reminderMinutes: 15, theme: 'sepia' } }))
    const prefs = fresh()
    expect(prefs.theme).toBe('system')
    expect(prefs.locale).toBe('ru')
    expect(useNoticesStore().notices.map((n) => n.key)).toEqual(['saved_state.dropped'])
  })

  it('the pre-paint script applies a saved choice and ignores anything else', () => {
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
