// @vitest-environment node
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { stemRu } from '../../src/domain/stem'
import { matches, normalise, parseQuery, searchDoc } from '../../src/domain/search'
import { buildGlobalIndex, buildGlobalIndexInSlices, distanceTo, globalQuery, hitPath, searchAll, type SearchHit } from '../../src/domain/global-search'
import { buildContent } from '../../src/content/build'
import { pinyinOf } from '../../src/content/enrich'

const found = (fields: string[], q: string) => matches(searchDoc(fields), parseQuery(q))
const stem = (w: string) => stemRu(normalise(w))

describe('Russian word forms', () => {
  it('«пиво», «пивной» and «пивного» share a root that each form contains', () => {
    for (const q of ['пиво', 'пивной', 'пивного', 'пивом', 'Пивные']) {
      expect(stem(q), q).toBe('пив')
      for (const text of ['Пивной фестиваль', 'Международный фестиваль пива', 'Праздник пивного вкуса']) expect(found([text], q), `${q} → ${text}`).toBe(true)
    }
  })

  it('«Циндао» and «циндаоский» find each other', () => {
    expect(found(['Циндаоский пивной фестиваль'], 'Циндао')).toBe(true)
    expect(found(['Музей пива Циндао'], 'циндаоский')).toBe(true)
    expect(found(['Музей пива Циндао'], 'циндаоского')).toBe(true)
  })

  it('leaves short words, Latin, digits and Hanzi alone, and never cuts below three letters', () => {
    for (const w of ['шос', 'мир', 'beer', '2025', '青岛', 'qingdao']) expect(stemRu(w)).toBe(w)
    expect(stem('море')).toBe('мор')
    expect(stem('морской')).toBe('мор')
    expect(stem('кино').length).toBeGreaterThanOrEqual(3)
    expect(found(['Кинофестиваль'], 'кино')).toBe(true)
  })

  it('does not make unrelated words match', () => {
    expect(found(['Неделя кино и телевидения'], 'пиво')).toBe(false)
    expect(found(['Пивной фестиваль'], 'кино')).toBe(false)
  })

  it('an English plural finds the singular', () => {
    expect(found(['Beer festival'], 'beers')).toBe(true)
    expect(found(['Beer festival'], 'festivals')).toBe(true)
    expect(found(['Glass museum'], 'glass')).toBe(true)
  })
})

describe('one search over events, venues and services', () => {
  const content = buildContent()
  const label = (kind: string, c: string) => `${kind}:${c}`
  const index = buildGlobalIndex({ ...content, lang: 'ru', label })
  const now = Date.parse('2026-12-04T12:00:00+08:00')
  const kinds = (q: string) => searchAll(index, parseQuery(q), now, 50).hits.map((h: SearchHit) => h.kind)

  it('gives services pinyin too (full and initials)', () => {
    for (const s of content.services) expect(s.pinyin, s.id).toMatch(/^[a-zü ]+$/)
  })

  it('finds an event, a venue and a service by 汉字 substring, pinyin, initials, Russian and English', () => {
    const beer = content.events.find((e) => e.title.zh.includes('啤酒'))!
    expect(beer).toBeDefined()
    for (const q of ['啤酒', 'pijiu', 'пиво', 'пивной', 'beer']) {
      expect(searchAll(index, parseQuery(q), now, 100).hits.some((h) => h.id === beer.id), q).toBe(true)
    }
    const venue = content.venues.find((v) => v.name.zh.includes('五四广场'))!
    const initials = pinyinOf(venue.name.zh)!.split(' ').pop()!
    for (const q of ['五四', 'wusi', initials, venue.name.ru, venue.name.en]) {
      expect(searchAll(index, parseQuery(q), now, 100).hits.some((h) => h.id === venue.id), q).toBe(true)
    }
    const service = content.services[0]!
    for (const q of [service.name.zh.slice(0, 3), service.name.ru, service.name.en, pinyinOf(service.name.zh)!.split(' ').pop()!]) {
      expect(searchAll(index, parseQuery(q), now, 100).hits.some((h) => h.id === service.id), q).toBe(true)
    }
  })

  it('finds by category name and keeps the count of everything found beyond the limit', () => {
    expect(kinds('service:fx')).toContain('service')
    const r = searchAll(index, parseQuery('qingdao'), now, 3)
    expect(r.hits).toHaveLength(3)
    expect(r.total).toBeGreaterThan(3)
    expect(searchAll(index, parseQuery('  '), now).total).toBe(0)
  })

  it('puts name matches first and past events after what is still ahead', () => {
    const events = [
      { ...content.events[0]!, id: 'old', title: { zh: '啤酒节', ru: 'Пивной фестиваль', en: 'Beer festival' }, start: '2020-08-01', end: '2020-08-02', allDay: true },
      { ...content.events[0]!, id: 'new', title: { zh: '啤酒节', ru: 'Пивной фестиваль', en: 'Beer festival' }, start: '2027-08-01', end: '2027-08-02', allDay: true },
      { ...content.events[0]!, id: 'desc', title: { zh: '音乐会', ru: 'Концерт', en: 'Concert' }, description: { zh: '啤酒', ru: 'пиво', en: 'beer' } },
    ]
    const small = buildGlobalIndex({ events, venues: [], services: [], lang: 'ru', label })
    expect(searchAll(small, parseQuery('пиво'), now).hits.map((h) => h.id)).toEqual(['new', 'old', 'desc'])
    expect(hitPath(searchAll(small, parseQuery('beer'), now).hits[0]!)).toBe('/events/new')
  })

  it('searches names in every language but descriptions only in the visitor\'s, and names each hit\'s kind in it', () => {
    const concert = { ...content.events[0]!, id: 'desc', title: { zh: '音乐会', ru: 'Концерт', en: 'Concert' }, description: { zh: '啤酒', ru: 'пиво', en: 'beer' } }
    const ids = (lang: 'zh' | 'ru' | 'en', q: string) => searchAll(buildGlobalIndex({ events: [concert], venues: [], services: [], lang, label }), parseQuery(q), now).hits.map((h) => h.id)
    expect(ids('ru', 'пиво')).toEqual(['desc'])
    expect(ids('ru', 'beer')).toEqual([])
    expect(ids('en', 'beer')).toEqual(['desc'])
    expect(ids('zh', '啤酒')).toEqual(['desc'])
    expect(ids('zh', 'concert')).toEqual(['desc'])
    expect(searchAll(buildGlobalIndex({ events: [concert], venues: [], services: [], lang: 'en', label }), parseQuery('concert'), now).hits[0]!.what).toBe(`event:${concert.category}`)
  })
})

describe('the compact index finds exactly what a plain scan of each item finds', () => {
  const content = buildContent()
  const base = content.events[0]!
  // A category name in the same few letters: the field right after the names must not count as one.
  const label = () => 'a b'
  const now = Date.parse('2026-12-04T12:00:00+08:00')
  // Few letters, so that words recur across items and fields, and shared fields are stored once.
  const text = fc.string({ unit: fc.constantFrom('a', 'b', 'c', ' ', 'б', 'в', '青', '岛', 'É'), maxLength: 12 })
  const l10n = fc.record({ zh: text, ru: text, en: text })
  const item = fc.record({ title: l10n, description: l10n, pinyin: fc.option(text, { nil: undefined }), day: fc.integer({ min: 0, max: 3 }) })

  it('property: same items, same count, same order (names first, past events after)', () => {
    fc.assert(fc.property(fc.array(item, { maxLength: 30 }), fc.array(text, { minLength: 1, maxLength: 3 }), (items, words) => {
      const events = items.map((x, i) => ({
        ...base, id: `e${i}`, title: x.title, description: x.description, pinyin: x.pinyin, venueId: null, venueNote: null, organiser: null,
        allDay: true, start: `2026-12-0${3 + x.day}`, end: `2026-12-0${3 + x.day}`,
      }))
      const query = parseQuery(words.join(' '))
      const got = searchAll(buildGlobalIndex({ events, venues: [], services: [], lang: 'en', label }), query, now, 100)
      const bands: string[][] = [[], [], [], []]
      for (const e of events) {
        const names = [e.title.zh, e.title.ru, e.title.en, e.pinyin]
        if (!query || !matches(searchDoc([...names, label(), e.description.en].filter((f) => f !== undefined)), query)) continue
        const inName = matches(searchDoc(names.filter((f) => f !== undefined)), query)
        bands[(inName ? 0 : 2) + (e.start < '2026-12-04' ? 1 : 0)]!.push(e.id)
      }
      expect(got.hits.map((h) => h.id)).toEqual(bands.flat())
      expect(got.total).toBe(bands.flat().length)
    }))
  })

  it('built in slices, it is the same index, and a cancelled build gives none', async () => {
    const input = { ...content, lang: 'zh' as const, label }
    const pause = () => Promise.resolve()
    const sliced = await buildGlobalIndexInSlices(input, pause, () => false, 0)
    expect(sliced).toEqual(buildGlobalIndex(input))
    expect(await buildGlobalIndexInSlices(input, pause, () => true, 0)).toBeNull()
  })
})

describe('a lone letter is not a search yet', () => {
  it('one Latin or Cyrillic letter searches nothing; one 汉字, a digit or two letters do', () => {
    for (const q of ['п', 'b', 'W ', 'É', 'ё', ' . ']) expect(globalQuery(q), q).toBeNull()
    expect(globalQuery('青')).toEqual(['青'])
    expect(globalQuery('7')).toEqual(['7'])
    expect(globalQuery('пи')).toEqual(['пи'])
    expect(globalQuery('bo')).toEqual(['bo'])
  })

  it('a lone letter after other words waits for the next letter', () => {
    expect(globalQuery('beer h')).toEqual(['beer'])
    expect(globalQuery('музей в циндао')).toEqual(parseQuery('музей циндао'))
    expect(globalQuery('museum 12')).toEqual(['museum', '12'])
  })
})

describe('distance without false precision', () => {
  const from = { lat: 36.06, lon: 120.38 }
  it('an exact place gives the measured distance', () => {
    const r = distanceTo(from, { lat: 36.07, lon: 120.38, precision: 'exact' })
    expect(r.approx).toBe(false)
    expect(Math.round(r.metres)).toBe(1112)
  })
  it('an approximate place is rounded to a step no finer than its radius', () => {
    const basis = { zh: '约', ru: 'около', en: 'about' }
    expect(distanceTo(from, { lat: 36.07, lon: 120.38, precision: 'approx', radius: 800, basis })).toEqual({ metres: 1000, approx: true })
    expect(distanceTo(from, { lat: 36.0603, lon: 120.38, precision: 'area', radius: 300, basis })).toEqual({ metres: 500, approx: true })
    expect(distanceTo(from, { lat: 36.2, lon: 120.38, precision: 'approx', radius: 150, basis }).metres % 200).toBe(0)
  })
})
