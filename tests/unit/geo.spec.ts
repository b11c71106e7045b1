import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { distanceM, formatDistance, mapAppLink, MAP_APPS } from '../../src/domain/geo'

const mayFourth = { lat: 36.0612139, lon: 120.3801889 }
const railwayStation = { lat: 36.065375, lon: 120.3076944 }
const airport = { lat: 36.365, lon: 120.09833 }

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
  it('passes every app the WGS-84 point unchanged', () => {
    for (const app of MAP_APPS) expect(mapAppLink(app, mayFourth, 'x')).toMatch(/36\.061214.*120\.380189|120\.380189.*36\.061214/)
  })
})
