// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { serviceRows } from '../../src/domain/services'
import { deriveTimeline } from '../../src/content/hours-build'
import type { GeoLocation, ServicePoint } from '../../src/content/schema'

const L = (en: string) => ({ zh: en, ru: en, en })
const at = (lat: number, lon: number): GeoLocation => ({ lat, lon, precision: 'exact' })
function sp(id: string, categories: ServicePoint['categories'], hours: string | null, location: GeoLocation | null): ServicePoint {
  return {
    id, categories, name: L(id), address: null, venueId: null, location, phone: null, openingHours: hours, hoursNote: null,
    offers: { currencies: [], simOperators: [], documents: null }, description: L(id), confidence: 'low', verification: L('x'),
    checked: '2026-11', sources: [{ label: 's' }],
    ...(hours ? { hoursTimeline: deriveTimeline(hours, [], '2026-11-01', '2026-12-31') } : {}),
  }
}
const services = [
  sp('unknown-near', ['fx'], null, at(36.06, 120.38)),
  sp('office', ['government'], 'Mo-Fr 09:00-17:00', at(36.3, 120.1)),
  sp('night', ['fx', 'sim'], 'Mo-Su 10:00-02:00', null),
  sp('always', ['helpline'], '24/7', at(36.1, 120.4)),
]
const qd = (s: string) => Date.parse(`${s}+08:00`)
const ids = (rows: ReturnType<typeof serviceRows>) => rows.map((r) => r.service.id)
const locate = (s: ServicePoint) => s.location

describe('service list', () => {
  it('without a position: open first, then closed by next opening, unknown last', () => {
    // Wednesday 03:00 in Qingdao: only the 24/7 point is open; the night bar opens 10:00, the office 09:00.
    expect(ids(serviceRows(services, locate, { openNow: false, category: null, from: null }, qd('2026-11-25T03:00')))).toEqual(['always', 'office', 'night', 'unknown-near'])
  })

  it('"Open now" keeps only open places, never unknown ones', () => {
    expect(ids(serviceRows(services, locate, { openNow: true, category: null, from: null }, qd('2026-11-25T03:00')))).toEqual(['always'])
    expect(ids(serviceRows(services, locate, { openNow: true, category: null, from: null }, qd('2026-11-25T11:00')))).toEqual(['office', 'night', 'always'])
  })

  it('"Open now" keeps an emergency number with no published hours: it is always answered', () => {
    const ambulance = { ...sp('ambulance', ['helpline'], null, null), phone: '120' }
    const helpline = { ...sp('helpline-no-hours', ['helpline'], null, null), phone: '12399' }
    const rows = serviceRows([...services, ambulance, helpline], locate, { openNow: true, category: null, from: null }, qd('2026-11-25T03:00'))
    expect(ids(rows)).toEqual(['always', 'ambulance'])
  })

  it('filters by category', () => {
    expect(ids(serviceRows(services, locate, { openNow: false, category: 'fx', from: null }, qd('2026-11-25T11:00')))).toEqual(['night', 'unknown-near'])
  })

  it('with a position: nearest first, places without a location last', () => {
    const rows = serviceRows(services, locate, { openNow: false, category: null, from: { lat: 36.06, lon: 120.38 } }, qd('2026-11-25T11:00'))
    expect(ids(rows)).toEqual(['unknown-near', 'always', 'office', 'night'])
    expect(rows[0]!.distance).toBe(0)
    expect(rows[3]!.distance).toBeNull()
  })
})
