// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import type { GeoLocation, ServicePoint } from '../../src/content/schema'
import { hasProgramme, nowPlaces, openSights, placesAt } from '../../src/domain/now'
import { buildContent } from '../../src/content/build'

const q = (s: string) => Date.parse(`${s}+08:00`)
const services = JSON.parse(readFileSync('src/content/data/services.json', 'utf8')) as ServicePoint[]
const locate = (s: ServicePoint): GeoLocation | null => s.location
const ev = (start: string, end: string) => ({ allDay: true, start, end })

function svc(id: string, lat: number, open: boolean | null): ServicePoint {
  const base = services.find((s) => s.id === 'sp-airport-payment')!
  const from = q('2026-12-01T00:00')
  const to = q('2026-12-31T00:00')
  return {
    ...base,
    id,
    venueId: null,
    location: { lat, lon: 120.3, precision: 'exact' },
    hoursTimeline: open === null ? undefined : { from, to, open: open ? [[from, to]] : [], unknown: [] },
  } as ServicePoint
}

describe('hasProgramme', () => {
  it('is false between programmes and true while anything is on or ahead', () => {
    const now = q('2026-12-04T10:00')
    expect(hasProgramme([ev('2025-08-31', '2025-09-01')], now)).toBe(false)
    expect(hasProgramme([ev('2025-08-31', '2025-09-01'), ev('2026-12-04', '2026-12-04')], now)).toBe(true)
    expect(hasProgramme([ev('2027-06-01', '2027-06-02')], now)).toBe(true)
    expect(hasProgramme([], now)).toBe(false)
  })
})

describe('nowPlaces', () => {
  const now = q('2026-12-04T10:00')
  const list = [svc('a-closed', 36.0, false), svc('b-unknown', 36.1, null), svc('c-open', 36.2, true)]
  it('puts open places first without a position, and counts them', () => {
    const r = nowPlaces(list, locate, null, now)
    expect(r.rows.map((x) => x.service.id)).toEqual(['c-open', 'a-closed', 'b-unknown'])
    expect(r.openCount).toBe(1)
    expect(r.total).toBe(3)
  })
  it('puts the nearest first with a position', () => {
    const r = nowPlaces(list, locate, { lat: 36.0, lon: 120.3 }, now)
    expect(r.rows.map((x) => x.service.id)).toEqual(['a-closed', 'b-unknown', 'c-open'])
    expect(r.rows[0]!.distance).toBe(0)
  })
  it('leaves out phone lines, hospitals and places with no location', () => {
    const r = nowPlaces(services, locate, null, now, 100)
    const ids = r.rows.map((x) => x.service.id)
    expect(ids).not.toContain('sp-emergency-police-110')
    expect(ids).not.toContain('hosp-central')
    expect(r.rows.every((x) => x.service.location !== null)).toBe(true)
    expect(ids).toContain('sp-airport-payment')
  })
  it('limits the rows but not the counts', () => {
    expect(nowPlaces(list, locate, null, now, 1).rows).toHaveLength(1)
    expect(nowPlaces(list, locate, null, now, 1).total).toBe(3)
  })
})

describe('placesAt', () => {
  it('lists the desks at the airport, not its metro station', () => {
    const ids = placesAt(services, 'qingdao-jiaodong-airport', q('2026-12-04T22:00')).map((r) => r.service.id)
    expect(ids).toContain('sp-airport-payment')
    expect(ids).not.toContain('transit-metro-airport')
  })
})

describe('openSights', () => {
  const { venues } = buildContent()
  it('lists sights whose hours say open, from the build\'s timelines', () => {
    const ids = openSights(venues, null, q('2026-12-04T10:00'), 10).map((r) => r.venue.id)
    expect(ids).toEqual(expect.arrayContaining(['may-fourth-square', 'badaguan', 'tsingtao-beer-museum']))
    expect(openSights(venues, null, q('2026-12-04T22:00'), 10).map((r) => r.venue.id)).not.toContain('tsingtao-beer-museum')
  })
  it('sorts by distance when the position is known', () => {
    const square = venues.find((v) => v.id === 'may-fourth-square')!.location!
    expect(openSights(venues, square, q('2026-12-04T10:00'))[0]!.venue.id).toBe('may-fourth-square')
  })
})
