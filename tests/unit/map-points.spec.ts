import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import type { ServicePoint, Venue } from '../../src/content/schema'
import { groupOf, groupPlaces, placePath, placesFrom, presentCategories, visible, MARKER_CATEGORIES, CATEGORY_STYLE } from '../../src/map/points'
import { hasRoomFor, parsePackInfo } from '../../src/map/pack'
import { TILE_PATH } from '../../src/map/cache-names'
import pinyin from '../../src/map/pinyin.json'

const venues = JSON.parse(readFileSync('src/content/data/venues.json', 'utf8')) as Venue[]
const services = JSON.parse(readFileSync('src/content/data/services.json', 'utf8')) as ServicePoint[]

describe('map places', () => {
  const places = placesFrom(venues, services)
  const groups = groupPlaces(places)
  it('puts every located item on the map exactly once and never invents a point', () => {
    const located = places.filter((p) => p.location)
    expect(groups.flatMap((g) => g.places).map((p) => p.key).sort()).toEqual(located.map((p) => p.key).sort())
    for (const g of groups) for (const p of g.places) expect([g.lat, g.lon]).toEqual([p.location!.lat, p.location!.lon])
  })
  it('groups items that share a published point, venues first, with the widest uncertainty', () => {
    const g = groupOf(groups, 'venue:qingdao-jiaodong-airport')!
    expect(g.places.length).toBeGreaterThan(1)
    expect(g.places[0]!.key).toBe('venue:qingdao-jiaodong-airport')
    expect(g.radius).toBe(1500)
    expect(g.category).toBe('transport')
    const exact = groupOf(groups, 'venue:may-fourth-square')!
    expect(exact.radius).toBe(0)
  })
  it('filters by category, empty meaning all', () => {
    const airportFx = places.find((p) => p.key === 'service:sp-airport-payment')!
    expect(visible(airportFx, new Set())).toBe(true)
    expect(visible(airportFx, new Set(['atm']))).toBe(true)
    expect(visible(airportFx, new Set(['sight']))).toBe(false)
  })
  it('links to detail pages and styles every category', () => {
    expect(placePath({ kind: 'venue', id: 'a' })).toBe('/venues/a')
    expect(placePath({ kind: 'service', id: 'b' })).toBe('/services/b')
    for (const c of presentCategories(places)) expect(MARKER_CATEGORIES).toContain(c)
    expect(Object.keys(CATEGORY_STYLE).sort()).toEqual([...MARKER_CATEGORIES].sort())
  })
})

describe('offline pack helpers', () => {
  it('asks for room for the bytes still to download, with a margin (the switch copies nothing)', () => {
    const mb = 1024 * 1024
    expect(hasRoomFor({ usage: 0, quota: 100 * mb }, 40 * mb)).toBe(true)
    expect(hasRoomFor({ usage: 56 * mb, quota: 100 * mb }, 40 * mb)).toBe(false)
    expect(hasRoomFor(null, 40 * mb)).toBe(true)
  })
  it('reads packs.json relative to where it was found', () => {
    const raw = JSON.parse(readFileSync('public/maps/packs.json', 'utf8'))
    const info = parsePackInfo(raw, 'https://guide.example/maps/packs.json')!
    expect(info.url).toBe(`https://guide.example/maps/${raw.url}`)
    expect(info.bytes).toBe(raw.bytes)
    expect(parsePackInfo({ url: 'x.pmtiles' }, 'https://guide.example/')).toBeNull()
  })
  it('recognises XYZ image tiles for the service worker cache and nothing else', () => {
    for (const u of ['/12/3411/1587.png', '/tiles/3/1/2@2x.png', '/osm/18/1/2.jpg']) expect(TILE_PATH.test(u)).toBe(true)
    for (const u of ['/assets/index-abc.js', '/icons/icon-192.png', '/maps/qingdao.pmtiles']) expect(TILE_PATH.test(u)).toBe(false)
  })
})

describe('driver card pinyin', () => {
  it('covers every Chinese name and address in the content (run `npm run pinyin` after content changes)', () => {
    const texts = [...venues, ...services].flatMap((x) => [x.name.zh, x.address?.zh]).filter((s): s is string => !!s && /\p{Script=Han}/u.test(s))
    const missing = texts.filter((t) => !(t in pinyin))
    expect(missing).toEqual([])
    expect((pinyin as Record<string, string>)['五四广场']).toBe('wǔ sì guǎng chǎng')
  })
})
