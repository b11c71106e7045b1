import { describe, expect, it } from 'vitest'
import { labelRules, paintRules, type Feature, type LabelRule, type PaintRule } from 'protomaps-leaflet'
import { namedFlavor } from '@protomaps/basemaps'
import { BUILDINGS_MINZOOM, ROAD_MINZOOM, tuneLabelRules, tunePaintRules } from '../../src/map/basemap-rules'

const feature = (props: Record<string, string>, geomType = 2) => ({ props, geomType }) as unknown as Feature
/** The rules the renderer would run at display zoom z for this feature (its own check: minzoom, maxzoom, filter). */
const runs = (rules: (PaintRule | LabelRule)[], z: number, layer: string, f: Feature) =>
  rules.filter((r) => r.dataLayer === layer && !(r.minzoom && z < r.minzoom) && !(r.maxzoom && z > r.maxzoom) && (!r.filter || r.filter(z, f)))

describe('detailed map: Protomaps rules tuned for a phone', () => {
  const paint = tunePaintRules(paintRules(namedFlavor('light')))
  const labels = tuneLabelRules(labelRules(namedFlavor('light'), 'en'))

  it('draws no road class at a zoom where the flavour gives it no width', () => {
    // Canvas ignores lineWidth = 0, so these were stroked at the previous rule's width.
    expect(runs(paint, 13, 'roads', feature({ kind: 'minor_road' }))).toHaveLength(0)
    expect(runs(paint, ROAD_MINZOOM.minor_road!, 'roads', feature({ kind: 'minor_road' }))).toHaveLength(1)
    expect(runs(paint, 15, 'roads', feature({ kind: 'path' }))).toHaveLength(0)
    expect(runs(paint, ROAD_MINZOOM.path!, 'roads', feature({ kind: 'path' }))).toHaveLength(1)
  })

  it('keeps main roads at every zoom and buildings from the zoom where a house is a few pixels wide', () => {
    for (const z of [9, 12, 13, 15, 16]) {
      expect(runs(paint, z, 'roads', feature({ kind: 'highway' }))).toHaveLength(1)
      expect(runs(paint, z, 'roads', feature({ kind: 'major_road' }))).toHaveLength(1)
    }
    expect(runs(paint, BUILDINGS_MINZOOM - 1, 'buildings', feature({ kind: 'building' }, 3))).toHaveLength(0)
    expect(runs(paint, BUILDINGS_MINZOOM, 'buildings', feature({ kind: 'building' }, 3))).toHaveLength(1)
    expect(runs(paint, 13, 'earth', feature({ kind: 'earth' }, 3))).toHaveLength(1)
  })

  it('places each street name once (the flavour lists the main-road label rule twice)', () => {
    const before = labelRules(namedFlavor('light'), 'en')
    expect(runs(before, 15, 'roads', feature({ kind: 'major_road', name: 'x' }))).toHaveLength(2)
    expect(runs(labels, 15, 'roads', feature({ kind: 'major_road', name: 'x' }))).toHaveLength(1)
    expect(runs(labels, 16, 'roads', feature({ kind: 'minor_road', name: 'x' }))).toHaveLength(1)
    expect(runs(labels, 12, 'places', feature({ kind: 'locality', name: 'x' }, 1))).toHaveLength(1)
  })

  it('leaves the rules in their order and the input untouched', () => {
    const original = paintRules(namedFlavor('light'))
    const tuned = tunePaintRules(original)
    expect(tuned.map((r) => r.dataLayer)).toEqual(original.map((r) => r.dataLayer))
    expect(original.some((r) => r.dataLayer === 'buildings' && r.minzoom)).toBe(false)
  })
})

describe('detailed map: canvas pixels per CSS pixel', () => {
  it('follows the screen up to 2 and never below 1', async () => {
    const { tilePixelRatio } = await import('../../src/map/basemap')
    expect(tilePixelRatio(3)).toBe(2)
    expect(tilePixelRatio(2.625)).toBe(2)
    expect(tilePixelRatio(1.5)).toBe(1.5)
    expect(tilePixelRatio(1)).toBe(1)
    expect(tilePixelRatio(undefined)).toBe(1)
    expect(tilePixelRatio(0)).toBe(1)
  })
})
