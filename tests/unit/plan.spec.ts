import { beforeEach, describe, expect, it, vi } from 'vitest'
import fc from 'fast-check'
import { createPinia, setActivePinia } from 'pinia'
import { nextTick } from 'vue'
import { MAX_SHARED, mergePlan, parseImport, planLink } from '../../src/domain/plan-share'
import { PLAN_KEY, PLAN_VERSION, usePlanStore } from '../../src/stores/plan'
import { useNoticesStore } from '../../src/stores/notices'
import { useContentStore } from '../../src/stores/content'
import { usePreferencesStore } from '../../src/stores/preferences'
import { useReminders } from '../../src/composables/use-reminders'
import type { Content, ScheduleEvent } from '../../src/content/schema'

const persist = vi.fn(async () => true)
vi.mock('../../src/composables/use-storage', () => ({ requestPersistentStorage: () => persist() }))

function fresh() {
  setActivePinia(createPinia())
  return { plan: usePlanStore(), notices: useNoticesStore() }
}
const saved = () => JSON.parse(localStorage.getItem(PLAN_KEY) ?? 'null')

describe('plan store', () => {
  beforeEach(() => {
    localStorage.clear()
    persist.mockClear()
  })

  it('stars and unstars, saves with a schema version, and survives a reload', async () => {
    const { plan } = fresh()
    plan.toggle('a')
    plan.toggle('b')
    plan.toggle('a')
    await nextTick()
    expect(saved()).toEqual({ v: PLAN_VERSION, data: { ids: ['b'] } })
    expect(fresh().plan.ids).toEqual(['b'])
  })

  it('asks for persistent storage when the first event is starred, not on later ones', async () => {
    const { plan } = fresh()
    plan.add('a')
    plan.add('b')
    await vi.waitFor(() => expect(persist).toHaveBeenCalled())
    await new Promise((ok) => setTimeout(ok, 20))
    expect(persist).toHaveBeenCalledTimes(1)
  })

  it('keeps ids the current content does not know (they are shown as no longer in the programme)', async () => {
    localStorage.setItem(PLAN_KEY, JSON.stringify({ v: PLAN_VERSION, data: { ids: ['gone-event', 'b'] } }))
    const { plan } = fresh()
    expect(plan.ids).toEqual(['gone-event', 'b'])
  })

  it.each([
    ['not JSON', '{oops'],
    ['wrong shape', JSON.stringify({ v: PLAN_VERSION, data: { ids: 'a' } })],
    ['not an object', JSON.stringify({ v: PLAN_VERSION, data: 5 })],
  ])('resets a corrupt saved plan (%s) with a notice', (_n, raw) => {
    localStorage.setItem(PLAN_KEY, raw)
    const { plan, notices } = fresh()
    expect(plan.ids).toEqual([])
    expect(notices.notices.map((n) => n.key)).toEqual(['plan.reset_notice'])
  })

  it('merges a shared plan: nothing removed, only new ids added', async () => {
    const { plan } = fresh()
    plan.add('a')
    expect(plan.merge(['b', 'a', 'c'])).toEqual(['b', 'c'])
    expect(plan.ids).toEqual(['a', 'b', 'c'])
    await nextTick()
    expect(saved().data.ids).toEqual(['a', 'b', 'c'])
  })

  it('follows another tab that changed the plan', async () => {
    const { plan } = fresh()
    localStorage.setItem(PLAN_KEY, JSON.stringify({ v: PLAN_VERSION, data: { ids: ['x'] } }))
    window.dispatchEvent(new StorageEvent('storage', { key: PLAN_KEY }))
    expect(plan.ids).toEqual(['x'])
  })
})

describe('sharing a plan as a link', () => {
  it('builds /plan?import=… and reads it back', () => {
    const link = planLink('https://guide.example/plan?x=1#top', ['2025-sco-expo', 'beer-festival'])
    expect(link).toBe('https://guide.example/plan?import=2025-sco-expo,beer-festival')
    expect(parseImport(new URL(link).searchParams.get('import'))).toEqual(['2025-sco-expo', 'beer-festival'])
  })

  it('cleans what it reads: invalid ids dropped, duplicates merged, repeated parameters joined, bounded', () => {
    expect(parseImport('a,,B,a,<x>,c d,e')).toEqual(['a', 'b', 'e'])
    expect(parseImport(['a', 'b,c'])).toEqual(['a', 'b', 'c'])
    expect(parseImport(undefined)).toEqual([])
    expect(parseImport(Array.from({ length: 100 }, (_, i) => `e${i}`).join(','))).toHaveLength(MAX_SHARED)
  })

  it('property: link → import → merge gives back the plan, and merging is idempotent', () => {
    const id = fc.stringMatching(/^[a-z0-9]+(?:-[a-z0-9]+){0,3}$/).filter((s) => s.length <= 60)
    fc.assert(fc.property(fc.uniqueArray(id, { maxLength: MAX_SHARED }), fc.uniqueArray(id, { maxLength: 10 }), (ids, mine) => {
      const got = parseImport(new URL(planLink('https://g.example/plan', ids)).searchParams.get('import'))
      expect(got).toEqual(ids)
      const once = mergePlan(mine, got)
      expect(once.ids.slice(0, mine.length)).toEqual(mine)
      expect(new Set(once.ids)).toEqual(new Set([...mine, ...ids]))
      expect(mergePlan(once.ids, got).added).toEqual([])
    }))
  })
})

describe('in-app reminders', () => {
  const l10n = (s: string) => ({ zh: s, ru: s, en: s })
  const event = (id: string, start: string, end: string, allDay = false): ScheduleEvent => ({
    id, category: 'forum', title: l10n(`Title ${id}`), allDay, start, end, timeZone: 'Asia/Shanghai', venueId: null, venueNote: null,
    description: l10n('d'), organiser: null, confidence: 'high', sources: [{ label: 's' }],
  })

  beforeEach(() => {
    localStorage.clear()
    vi.useFakeTimers()
  })

  it('a notice N minutes before a planned timed event, once; none for unplanned or all-day events', async () => {
    vi.setSystemTime(new Date('2025-07-18T09:00:00+08:00'))
    const { plan, notices } = fresh()
    const content = useContentStore()
    content.content = {
      meta: { version: 1, asOf: '2025-07-01', title: l10n('t') }, venues: [], services: [],
      events: [event('talk', '2025-07-18T09:30:00+08:00', '2025-07-18T10:00:00+08:00'), event('other', '2025-07-18T09:30:00+08:00', '2025-07-18T10:00:00+08:00'), event('fair', '2025-07-18', '2025-07-18', true)],
    } as unknown as Content
    usePreferencesStore().reminderMinutes = 10
    plan.add('talk')
    plan.add('fair')
    useReminders(1000)
    expect(notices.notices).toEqual([])
    vi.advanceTimersByTime(19 * 60_000)
    expect(notices.notices).toEqual([])
    vi.advanceTimersByTime(60_000)
    expect(notices.notices).toHaveLength(1)
    expect(notices.notices[0]).toMatchObject({ key: 'plan.reminder', params: { minutes: 10, time: '09:30', title: 'Title talk' } })
    notices.dismiss(notices.notices[0]!.id)
    vi.advanceTimersByTime(5 * 60_000)
    expect(notices.notices).toEqual([])
    vi.useRealTimers()
  })
})

describe('import links that cannot be taken whole', () => {
  it('says when a link held nothing usable or more than a plan link carries', async () => {
    const { importProblem } = await import('../../src/domain/plan-share')
    expect(importProblem(undefined)).toBeNull()
    expect(importProblem('a,b')).toBeNull()
    expect(importProblem('')).toBe('empty')
    expect(importProblem(',<x>,')).toBe('empty')
    expect(importProblem(Array.from({ length: MAX_SHARED + 1 }, (_, i) => `e${i}`).join(','))).toBe('too_many')
  })
})
