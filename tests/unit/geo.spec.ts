import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { boundsOf, contains, distanceM, formatDistance, mapAppLink, MAP_APPS, padBounds, wgs84ToGcj02 } from '../../src/domain/geo'

const mayFourth = { lat: 36.0612139, lon: 120.3801889 }
const railwayStation = { lat: 36.065375, lon: 120.3076944 }
const airport = { lat: 36.365, lon: 120.09833 }
const huangdao = { lat: 35.96, lon: 120.19 }
const jiaozhouNorth = { lat: 36.3968, lon: 120.05 }
const laoshan = { lat: 36.1072, lon: 120.4687 }

describe('distance', () => {
  it('matches known distances', () => {
    // May Fourth Square → Qingdao railway station: ≈ 6.5 km along the coast, as the crow flies
    expect(distanceM(mayFourth, railwayStation)).toBeGreaterThan(6400)
    expect(distanceM(mayFourth, railwayStation)).toBeLessThan(6600)
    // one degree of latitude ≈ 111.2 km
    expect(distanceM({ lat: 36, lon: 120 }, { lat: 37, lon: 120 })).toBeCloseTo(111_195, -2)
    expect(distanceM(airport, airport)).toBe(0)
  })
  it('is symmetric and obeys the triangle inequality', () => {
    const p = fc.record({ lat: fc.double({ min: 35.5, max: 37.2, noNaN: true }), lon: fc.double({ min: 119.5, max: 121.2, noNaN: true }) })
    fc.assert(fc.property(p, p, p, (a, b, c) => {
      expect(distanceM(a, b)).toBeCloseTo(distanceM(b, a), 6)
      expect(distanceM(a, c)).toBeLessThanOrEqual(distanceM(a, b) + distanceM(b, c) + 1e-6)
    }))
  })
  it('formats for people', () => {
    expect(formatDistance(42, 'en')).toBe('40 m')
    expect(formatDistance(349, 'en')).toBe('350 m')
    expect(formatDistance(1234, 'en')).toBe('1.2 km')
    expect(formatDistance(1234, 'ru')).toMatch(/^1,2\s?км$/)
    expect(formatDistance(23_456, 'zh')).toMatch(/^23\s?公里$/)
  })
})

describe('bounds', () => {
  it('hold every point and nothing is lost', () => {
    const pts = [mayFourth, airport, huangdao, laoshan]
    const b = boundsOf(pts)!
    expect(b).toEqual({ south: 35.96, north: 36.365, west: 120.09833, east: 120.4687 })
    for (const p of pts) expect(contains(b, p)).toBe(true)
    expect(contains(b, { lat: 36.5, lon: 120.3 })).toBe(false)
    expect(boundsOf([])).toBeNull()
  })
  it('pad a single point into a box of the right size', () => {
    const b = padBounds(boundsOf([mayFourth])!, 1000)
    expect(distanceM({ lat: b.south, lon: mayFourth.lon }, { lat: b.north, lon: mayFourth.lon })).toBeCloseTo(2000, -1)
    expect(distanceM({ lat: mayFourth.lat, lon: b.west }, { lat: mayFourth.lat, lon: b.east })).toBeCloseTo(2000, -1)
  })
})

describe('GCJ-02', () => {
  it.each([['May Fourth Square', mayFourth], ['railway station', railwayStation], ['airport', airport], ['Huangdao', huangdao], ['Jiaozhou North', jiaozhouNorth]])(
    'shifts %s about 450–485 m, almost due east',
    (_name, p) => {
      const g = wgs84ToGcj02(p)
      const shift = distanceM(p, g)
      expect(shift).toBeGreaterThan(450)
      expect(shift).toBeLessThan(485)
      const east = distanceM(p, { lat: p.lat, lon: g.lon })
      expect(g.lon).toBeGreaterThan(p.lon)
      expect(east / shift).toBeGreaterThan(0.97)
    },
  )
})

describe('deep links', () => {
  const label = '五四广场 May Fourth & Co'
  it('Amap gets lon,lat with the WGS-84 flag', () => {
    const u = new URL(mapAppLink('amap', mayFourth, label))
    expect(u.host).toBe('uri.amap.com')
    expect(u.searchParams.get('position')).toBe('120.380189,36.061214')
    expect(u.searchParams.get('coordinate')).toBe('wgs84')
    expect(u.searchParams.get('name')).toBe(label)
    expect(u.searchParams.get('callnative')).toBe('1')
  })
  it('Baidu gets lat,lng with coord_type=wgs84 (its default is BD-09)', () => {
    const u = new URL(mapAppLink('baidu', mayFourth, label))
    expect(u.searchParams.get('location')).toBe('36.061214,120.380189')
    expect(u.searchParams.get('coord_type')).toBe('wgs84')
    expect(u.searchParams.get('title')).toBe(label)
  })
  it('Apple and Google get lat,lng in WGS-84', () => {
    expect(new URL(mapAppLink('apple', mayFourth, label)).searchParams.get('ll')).toBe('36.061214,120.380189')
    expect(new URL(mapAppLink('google', mayFourth, label)).searchParams.get('query')).toBe('36.061214,120.380189')
  })
  it('Yandex gets lon,lat', () => {
    const u = new URL(mapAppLink('yandex', mayFourth, label))
    expect(u.searchParams.get('pt')).toBe('120.380189,36.061214')
  })
  it('geo: follows RFC 5870 with a label', () => {
    expect(mapAppLink('geo', mayFourth, 'A B')).toBe('geo:36.061214,120.380189?q=36.061214,120.380189(A%20B)')
  })
  it('never passes a GCJ-02 point where WGS-84 is declared', () => {
    const g = wgs84ToGcj02(mayFourth)
    for (const app of MAP_APPS) expect(mapAppLink(app, mayFourth, 'x')).not.toContain(String(Math.round(g.lon * 1e6) / 1e6))
  })
})
