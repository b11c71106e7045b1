import { describe, expect, it } from 'vitest'
import { firstViewPoints, km } from '../../src/map/fit'

const core = [
  { lat: 36.0654, lon: 120.3077 }, { lat: 36.0789, lon: 120.3414 }, { lat: 36.1692, lon: 120.3717 },
  { lat: 36.0612, lon: 120.3802 }, { lat: 36.0569, lon: 120.3861 },
]
const airport = { lat: 36.365, lon: 120.0983 }
const jiaozhou = { lat: 36.3968, lon: 120.05 }

describe('first view of the map', () => {
  it('measures city distances', () => {
    expect(km(core[3]!, airport)).toBeGreaterThan(35)
    expect(km(core[3]!, airport)).toBeLessThan(45)
  })

  it('fits the city core and leaves the airport and Jiaozhou, 40 km out, for a zoom-out', () => {
    const points = [...core, airport, airport, airport, jiaozhou]
    expect(firstViewPoints(points)).toEqual(core)
  })

  it('fits everything when there is no core holding most places', () => {
    const spread = [core[0]!, airport, jiaozhou, { lat: 35.96, lon: 120.19 }]
    expect(firstViewPoints(spread)).toEqual(spread)
    expect(firstViewPoints([airport, core[0]!])).toEqual([airport, core[0]!])
  })
})
