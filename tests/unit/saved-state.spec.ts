import { beforeEach, describe, expect, it, vi } from 'vitest'
import { fc, test as fcTest } from '@fast-check/vitest'
import { createPinia, setActivePinia } from 'pinia'
import { nextTick } from 'vue'
import { PLAN_KEY, PLAN_VERSION, usePlanStore } from '../../src/stores/plan'
import { PREFS_KEY, PREFS_VERSION, usePreferencesStore } from '../../src/stores/preferences'
import { useNoticesStore } from '../../src/stores/notices'

vi.mock('../../src/composables/use-storage', () => ({ requestPersistentStorage: async () => true }))

const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/
function fresh() {
  setActivePinia(createPinia())
  return { plan: usePlanStore(), prefs: usePreferencesStore(), notices: useNoticesStore() }
}
const keys = () => useNoticesStore().notices.map((n) => n.key)
const validId = fc.stringMatching(/^[a-z0-9]{1,6}(?:-[a-z0-9]{1,6}){0,2}$/)

describe('saved plan, field by field', () => {
  beforeEach(() => localStorage.clear())

  it('counts what both the plan and the settings dropped in one notice', () => {
    localStorage.setItem(PLAN_KEY, JSON.stringify({ v: PLAN_VERSION, data: { ids: ['a', '<script>', 42] } }))
    localStorage.setItem(PREFS_KEY, JSON.stringify({ v: PREFS_VERSION, data: { locale: 'ru', theme: 'neon' } }))
    const { plan, prefs, notices } = fresh()
    expect(plan.ids).toEqual(['a'])
    expect(prefs.locale).toBe('ru')
    expect(notices.notices.filter((n) => n.key === 'saved_state.dropped')).toEqual([
      expect.objectContaining({ params: { count: 3 } }),
    ])
  })

  it('drops a bad id alone, keeps the valid stars and says how many were dropped', async () => {
    localStorage.setItem(PLAN_KEY, JSON.stringify({ v: PLAN_VERSION, data: { ids: ['a', '<script>', 'b', 42, 'c'] } }))
    const { plan, notices } = fresh()
    expect(plan.ids).toEqual(['a', 'b', 'c'])
    expect(notices.notices).toEqual([expect.objectContaining({ key: 'saved_state.dropped', params: { count: 2 } })])
    expect(JSON.parse(localStorage.getItem(PLAN_KEY)!).data.ids).toEqual(['a', 'b', 'c'])
  })

  it('leaves a plan from a newer version untouched and works read-only beside it', async () => {
    const newer = JSON.stringify({ v: PLAN_VERSION + 1, data: { ids: ['a', 'b'], extra: { x: 1 } } })
    localStorage.setItem(PLAN_KEY, newer)
    const { plan } = fresh()
    expect(plan.ids).toEqual(['a', 'b'])
    expect(plan.readOnly).toBe(true)
    expect(keys()).toContain('saved_state.newer')
    plan.toggle('c')
    plan.remove('a')
    plan.merge(['d'])
    await nextTick()
    expect(localStorage.getItem(PLAN_KEY)).toBe(newer)
  })

  it("an old tab's storage listener never overwrites a newer tab's plan", async () => {
    const { plan } = fresh()
    plan.add('a')
    await nextTick()
    const newer = JSON.stringify({ v: PLAN_VERSION + 1, data: { list: [{ id: 'a' }, { id: 'z' }] } })
    localStorage.setItem(PLAN_KEY, newer)
    window.dispatchEvent(new StorageEvent('storage', { key: PLAN_KEY }))
    await nextTick()
    plan.add('b')
    await nextTick()
    expect(localStorage.getItem(PLAN_KEY)).toBe(newer)
    expect(keys()).toContain('saved_state.newer')
  })

  fcTest.prop([fc.oneof(
    fc.string(),
    fc.jsonValue().map((x) => JSON.stringify(x)),
    fc.record({ v: fc.oneof(fc.integer({ min: -2, max: PLAN_VERSION + 2 }), fc.anything()), data: fc.anything() }).map((x) => JSON.stringify(x)),
    fc.array(fc.oneof(validId, fc.anything()), { maxLength: 20 }).map((ids) => JSON.stringify({ v: PLAN_VERSION, data: { ids } })),
  )])('any stored plan: the store starts, and every valid id that was stored survives', (raw) => {
    localStorage.clear()
    localStorage.setItem(PLAN_KEY, raw)
    let env: unknown
    try {
      env = JSON.parse(raw)
    } catch {
      env = undefined
    }
    const { plan } = fresh()
    expect(Array.isArray(plan.ids)).toBe(true)
    const e = env as { v?: unknown; data?: { ids?: unknown } } | null | undefined
    if (e && typeof e === 'object' && typeof e.v === 'number' && e.v <= PLAN_VERSION && Array.isArray(e.data?.ids)) {
      for (const id of e.data.ids as unknown[]) if (typeof id === 'string' && ID.test(id) && id.length <= 120) expect(plan.ids).toContain(id)
    }
    if (e && typeof e === 'object' && typeof e.v === 'number' && e.v > PLAN_VERSION) expect(localStorage.getItem(PLAN_KEY)).toBe(raw)
  })
})

describe('saved preferences, field by field', () => {
  beforeEach(() => localStorage.clear())

  it('a bad preference falls back alone', () => {
    localStorage.setItem(PREFS_KEY, JSON.stringify({ v: PREFS_VERSION, data: { locale: 'ru', reminderMinutes: -5, theme: 'dark' } }))
    const { prefs, notices } = fresh()
    expect(prefs.locale).toBe('ru')
    expect(prefs.theme).toBe('dark')
    expect(prefs.reminderMinutes).toBe(15)
    expect(notices.notices).toEqual([expect.objectContaining({ key: 'saved_state.dropped', params: { count: 1 } })])
  })

  it('a record saved before a field existed takes its default without a notice', () => {
    localStorage.setItem(PREFS_KEY, JSON.stringify({ v: PREFS_VERSION, data: { locale: 'zh', reminderMinutes: 30 } }))
    const { prefs, notices } = fresh()
    expect([prefs.locale, prefs.reminderMinutes, prefs.theme]).toEqual(['zh', 30, 'system'])
    expect(notices.notices).toEqual([])
  })

  it('settings from a newer version are used and never written', async () => {
    const newer = JSON.stringify({ v: PREFS_VERSION + 1, data: { locale: 'ru', reminderMinutes: 5, font: 'big' } })
    localStorage.setItem(PREFS_KEY, newer)
    const { prefs } = fresh()
    expect(prefs.locale).toBe('ru')
    prefs.setLocale('zh')
    await nextTick()
    expect(localStorage.getItem(PREFS_KEY)).toBe(newer)
  })

  fcTest.prop([fc.oneof(
    fc.string(),
    fc.record({ v: fc.oneof(fc.integer({ min: -2, max: PREFS_VERSION + 2 }), fc.anything()), data: fc.anything() }).map((x) => JSON.stringify(x)),
    fc.record({ locale: fc.oneof(fc.constantFrom('zh', 'ru', 'en'), fc.anything()), reminderMinutes: fc.anything(), theme: fc.anything() }, { requiredKeys: [] })
      .map((data) => JSON.stringify({ v: PREFS_VERSION, data })),
  )])('any stored preferences: the store starts with valid values, and a valid stored language is kept', (raw) => {
    localStorage.clear()
    localStorage.setItem(PREFS_KEY, raw)
    const { prefs } = fresh()
    expect(['zh', 'ru', 'en']).toContain(prefs.locale)
    expect(Number.isInteger(prefs.reminderMinutes)).toBe(true)
    expect(['light', 'dark', 'system']).toContain(prefs.theme)
    const env = (() => { try { return JSON.parse(raw) as { v?: unknown; data?: { locale?: unknown } } } catch { return null } })()
    const stored = env && typeof env === 'object' && env.v === PREFS_VERSION && env.data && typeof env.data === 'object' ? env.data.locale : undefined
    if (stored === 'zh' || stored === 'ru' || stored === 'en') expect(prefs.locale).toBe(stored)
  })
})
