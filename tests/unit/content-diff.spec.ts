import { describe, expect, it } from 'vitest'
import { fc, test } from '@fast-check/vitest'
import { diffContent, diffEvents, hasContentChanged, isEmptyDiff, type ContentLike, type EventSnapshot } from '../../src/domain/content-diff'

const ev = (id: string, over: Partial<EventSnapshot> & Record<string, unknown> = {}): EventSnapshot & Record<string, unknown> => ({
  id,
  title: { zh: `标题 ${id}`, ru: `Заголовок ${id}`, en: `Title ${id}` },
  allDay: false,
  start: '2026-06-15T10:00:00+08:00',
  end: '2026-06-15T11:00:00+08:00',
  venueId: 'hall',
  ...over,
})

const doc = (events: ReturnType<typeof ev>[], extra: Partial<ContentLike> = {}): ContentLike => ({
  events, venues: [{ id: 'hall' }], services: [{ id: 'fx-1' }], ...extra,
})

describe('diffEvents', () => {
  it('finds new, moved and cancelled events, each in start order', () => {
    const before = [ev('a'), ev('b'), ev('c'), ev('d')]
    const after = [
      ev('a'),
      ev('b', { start: '2026-06-15T14:00:00+08:00', end: '2026-06-15T15:00:00+08:00' }),
      ev('d', { venueId: 'square' }),
      ev('e', { start: '2026-06-16T09:00:00+08:00', end: '2026-06-16T10:00:00+08:00' }),
      ev('f', { start: '2026-06-14T09:00:00+08:00', end: '2026-06-14T10:00:00+08:00' }),
    ]
    const d = diffEvents(before, after)
    expect(d.added.map((e) => e.id)).toEqual(['f', 'e'])
    expect(d.cancelled.map((e) => e.id)).toEqual(['c'])
    expect(d.moved.map((m) => [m.after.id, m.fields])).toEqual([['d', ['venueId']], ['b', ['start', 'end']]])
    expect(d.moved[1]!.before.start).toBe('2026-06-15T10:00:00+08:00')
    expect(d.moved[1]!.after.start).toBe('2026-06-15T14:00:00+08:00')
  })

  it('the same moment written with another offset is not a move', () => {
    const d = diffEvents([ev('a')], [ev('a', { start: '2026-06-15T02:00:00Z', end: '2026-06-15T05:00:00+02:00' })])
    expect(isEmptyDiff(d)).toBe(true)
  })

  it('an event that becomes all-day, or whose end moves, is moved', () => {
    const d = diffEvents(
      [ev('a'), ev('b')],
      [ev('a', { allDay: true, start: '2026-06-15', end: '2026-06-15' }), ev('b', { end: '2026-06-15T12:00:00+08:00' })],
    )
    expect(d.moved.map((m) => [m.after.id, m.fields])).toEqual([['a', ['start', 'end']], ['b', ['end']]])
  })

  it('a title change alone is not a schedule change for visitors', () => {
    expect(isEmptyDiff(diffEvents([ev('a')], [ev('a', { title: { zh: '新', ru: 'Новое', en: 'New' } })]))).toBe(true)
  })

  it('snapshots keep only what the "last seen" record needs', () => {
    const d = diffEvents([], [ev('a', { description: { en: 'long text' }, sources: [] })])
    expect(Object.keys(d.added[0]!).sort()).toEqual(['allDay', 'end', 'id', 'start', 'title', 'venueId'])
  })

  test.prop([fc.uniqueArray(fc.integer({ min: 0, max: 40 })), fc.uniqueArray(fc.integer({ min: 0, max: 40 }))])(
    'added, cancelled and kept ids partition both sides; a document compared with itself has no changes',
    (xs, ys) => {
      const before = xs.map((n) => ev(`e${n}`))
      const after = ys.map((n) => ev(`e${n}`))
      const d = diffEvents(before, after)
      expect(new Set(d.added.map((e) => e.id))).toEqual(new Set(ys.filter((n) => !xs.includes(n)).map((n) => `e${n}`)))
      expect(new Set(d.cancelled.map((e) => e.id))).toEqual(new Set(xs.filter((n) => !ys.includes(n)).map((n) => `e${n}`)))
      expect(d.moved).toEqual([])
      expect(isEmptyDiff(diffEvents(after, after))).toBe(true)
    },
  )
})

describe('diffContent', () => {
  it('counts venues and services, and separates text edits from moves', () => {
    const before = doc([ev('a'), ev('b', { description: 'old' })])
    const after = doc([ev('a', { start: '2026-06-15T10:30:00+08:00' }), ev('b', { description: 'new' })], {
      venues: [{ id: 'hall' }, { id: 'square' }],
      services: [],
    })
    const d = diffContent(before, after)
    expect(d.moved.map((m) => m.after.id)).toEqual(['a'])
    expect(d.edited).toEqual(['b'])
    expect(d.venues).toEqual({ before: 1, after: 2, added: ['square'], removed: [], changed: [] })
    expect(d.services).toMatchObject({ before: 1, after: 0, removed: ['fx-1'] })
    expect(hasContentChanged(d)).toBe(true)
  })

  it('field order, the version, the date and the hash are no change', () => {
    const a = doc([ev('a')], { meta: { version: 1, asOf: '2026-01-01', hash: 'abcdef' } })
    const reordered = { ...ev('a'), title: { en: 'Title a', ru: 'Заголовок a', zh: '标题 a' } }
    const b = doc([reordered], { meta: { version: 2, asOf: '2026-02-01', hash: '123456' } })
    expect(hasContentChanged(diffContent(a, b))).toBe(false)
  })

  it('a change in another section (practical information) or in the title is a change', () => {
    const a = { ...doc([]), practical: { phrases: [1] } } as ContentLike
    const b = { ...doc([]), practical: { phrases: [2] } } as ContentLike
    expect(diffContent(a, b).sections).toEqual(['practical'])
    expect(hasContentChanged(diffContent(a, b))).toBe(true)
    const t = diffContent(doc([], { meta: { title: { zh: 'a', ru: 'a', en: 'a' } } }), doc([], { meta: { title: { zh: 'a', ru: 'a', en: 'b' } } }))
    expect(t.titleChanged).toBe(true)
  })
})
