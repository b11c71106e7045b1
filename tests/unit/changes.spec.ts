import { beforeEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { nextTick } from 'vue'
import { readFileSync } from 'node:fs'
import type { Content, ScheduleEvent } from '../../src/content/schema'
import { useContentStore } from '../../src/stores/content'
import { useChangesStore, SEEN_KEY, SEEN_VERSION } from '../../src/stores/changes'

const events = JSON.parse(readFileSync('tests/fixtures/content/events.json', 'utf8')) as ScheduleEvent[]
const doc = (hash: string, list: ScheduleEvent[] = events) =>
  ({ meta: { version: 1, asOf: '2025-07-01', title: { zh: 'a', ru: 'a', en: 'a' }, hash }, venues: [], events: list, services: [] }) as unknown as Content

/** A fresh app start (a reload): new pinia, same localStorage. */
function start(first: Content | null) {
  setActivePinia(createPinia())
  const content = useContentStore()
  content.content = first
  return { content, changes: useChangesStore() }
}

const saved = () => JSON.parse(localStorage.getItem(SEEN_KEY)!) as { v: number; data: { hash: string; events: { id: string }[] } }

describe('schedule changes since the visitor last looked', () => {
  beforeEach(() => localStorage.clear())

  it('the first visit ever shows nothing and records what the visitor saw', () => {
    const { changes } = start(doc('aaaaaa'))
    expect(changes.changes).toBeNull()
    expect(saved().v).toBe(SEEN_VERSION)
    expect(saved().data.hash).toBe('aaaaaa')
    expect(Object.keys(saved().data.events[0]!).sort()).toEqual(['allDay', 'end', 'id', 'start', 'title', 'venueId'])
  })

  it('an update lists new, moved and cancelled events, keeps them across a reload, until dismissed', async () => {
    start(doc('aaaaaa'))
    const [expo, opening] = events as [ScheduleEvent, ScheduleEvent]
    const moved = { ...opening, start: '2025-07-18T14:00:00+08:00', end: '2025-07-18T15:00:00+08:00' }
    const added = { ...opening, id: 'test-closing', start: '2025-07-20T16:00:00+08:00', end: '2025-07-20T17:00:00+08:00' }
    const next = doc('bbbbbb', [moved, added])
    expect(expo.id).toBe('test-expo')

    // The cached copy shows first, then the update arrives (the content store replaces its content).
    const { content, changes } = start(doc('aaaaaa'))
    expect(changes.changes).toBeNull()
    content.content = next
    await nextTick()
    expect(changes.changes?.added.map((e) => e.id)).toEqual(['test-closing'])
    expect(changes.changes?.moved.map((m) => [m.after.id, m.before.start, m.after.start])).toEqual([
      ['test-opening', '2025-07-18T09:30:00+08:00', '2025-07-18T14:00:00+08:00'],
    ])
    expect(changes.changes?.cancelled.map((e) => e.id)).toEqual(['test-expo'])
    expect(changes.count).toBe(3)

    const reloaded = start(next).changes
    expect(reloaded.count).toBe(3)
    reloaded.dismiss()
    expect(reloaded.changes).toBeNull()
    expect(saved().data.hash).toBe('bbbbbb')
    expect(start(next).changes.changes).toBeNull()
  })

  it('an update that changes no time, place or event is recorded silently', async () => {
    const { content, changes } = start(doc('aaaaaa'))
    content.content = doc('cccccc', events.map((e) => ({ ...e, description: { zh: '新', ru: 'Новое', en: 'New' } })))
    await nextTick()
    expect(changes.changes).toBeNull()
    expect(saved().data.hash).toBe('cccccc')
  })

  it.each([
    ['not JSON', '{oops'],
    ['wrong shape', JSON.stringify({ v: SEEN_VERSION, data: { hash: 1, events: [] } })],
    ['a bad event', JSON.stringify({ v: SEEN_VERSION, data: { hash: 'x', events: [{ id: 'a' }] } })],
  ])('a corrupt record (%s) counts as a first visit, without a crash', (_name, raw) => {
    localStorage.setItem(SEEN_KEY, raw)
    const { changes } = start(doc('dddddd'))
    expect(changes.changes).toBeNull()
    expect(saved().data.hash).toBe('dddddd')
  })

  it('a record from a newer version counts as a first visit and is left as it is', () => {
    const raw = JSON.stringify({ v: SEEN_VERSION + 1, data: {} })
    localStorage.setItem(SEEN_KEY, raw)
    const { changes } = start(doc('dddddd'))
    expect(changes.changes).toBeNull()
    expect(localStorage.getItem(SEEN_KEY)).toBe(raw)
  })
})
