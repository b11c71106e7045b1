import { beforeEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { nextTick } from 'vue'
import { usePreferencesStore, PREFS_KEY, PREFS_VERSION } from '../../src/stores/preferences'
import { useNoticesStore } from '../../src/stores/notices'

function fresh() {
  setActivePinia(createPinia())
  return { prefs: usePreferencesStore(), notices: useNoticesStore() }
}

describe('preferences', () => {
  beforeEach(() => localStorage.clear())

  it('starts from the device language without a notice', () => {
    const { prefs, notices } = fresh()
    expect(['zh', 'ru', 'en']).toContain(prefs.locale)
    expect(notices.notices).toEqual([])
  })

  it('remembers a chosen language', async () => {
    fresh().prefs.setLocale('ru')
    await nextTick()
    expect(JSON.parse(localStorage.getItem(PREFS_KEY)!)).toEqual({ v: PREFS_VERSION, data: { locale: 'ru', reminderMinutes: 15, theme: 'system' } })
    expect(fresh().prefs.locale).toBe('ru')
  })

  it.each([
    ['not JSON', '{oops'],
    ['wrong shape', JSON.stringify({ v: PREFS_VERSION, data: { locale: 'fr', reminderMinutes: 15 } })],
    ['from the future', JSON.stringify({ v: PREFS_VERSION + 1, data: {} })],
    ['null', 'null'],
  ])('recovers from corrupt saved state (%s) with a notice', (_name, raw) => {
    localStorage.setItem(PREFS_KEY, raw)
    const { prefs, notices } = fresh()
    expect(['zh', 'ru', 'en']).toContain(prefs.locale)
    expect(notices.notices.map((n) => n.key)).toEqual(['prefs.reset_notice'])
    expect(localStorage.getItem(PREFS_KEY)).toBeNull()
  })

  it('migrates version 1', () => {
    localStorage.setItem(PREFS_KEY, JSON.stringify({ v: 1, data: { lang: 'zh' } }))
    const { prefs, notices } = fresh()
    expect(prefs.locale).toBe('zh')
    expect(notices.notices).toEqual([])
    expect(JSON.parse(localStorage.getItem(PREFS_KEY)!).v).toBe(PREFS_VERSION)
  })
})
