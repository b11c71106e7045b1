import { describe, expect, it } from 'vitest'
import { labelRules, paintRules, type Feature } from 'protomaps-leaflet'
import { namedFlavor } from '@protomaps/basemaps'
import { basemapRules } from '../../src/map/basemap-style'
import { BUILDINGS_MINZOOM, tuneLabelRules, tunePaintRules } from '../../src/map/basemap-rules'

const colors = { sea: '#a0c8f0', land: '#f2efe9', line: '#888888', label: '#222222', halo: '#ffffff' }
const station = { props: { name: '五四广场', name_en: 'Wusi Square', name_ru: 'Усы-гуанчан' }, geomType: 1 } as unknown as Feature

describe('detailed map: the rules the page and the tile worker share', () => {
  it('draws a Protomaps pack with the light flavour and the rules fitted to a phone (buildings from z16, each label rule once)', () => {
    const flavor = namedFlavor('light')
    const rules = basemapRules('protomaps', 'ru', colors)
    expect(rules.background).toBe(flavor.background)
    expect(rules.paintRules.map((r) => r.dataLayer)).toEqual(tunePaintRules(paintRules(flavor)).map((r) => r.dataLayer))
    expect(rules.paintRules.find((r) => r.dataLayer === 'buildings')?.minzoom).toBe(BUILDINGS_MINZOOM)
    expect(rules.labelRules.length).toBe(tuneLabelRules(labelRules(flavor, 'ru')).length)
    expect(rules.labelRules.length).toBeLessThan(labelRules(flavor, 'ru').length)
  })

  it('draws a Protomaps pack with the dark flavour in the dark theme', () => {
    expect(basemapRules('protomaps', 'en', { ...colors, dark: true }).background).toBe(namedFlavor('dark').background)
    expect(namedFlavor('dark').background).not.toBe(namedFlavor('light').background)
  })

  it('draws our own sample pack over the sea colour, station names in the UI language', () => {
    for (const [locale, name] of [['en', 'Wusi Square'], ['ru', 'Усы-гуанчан'], ['zh', '五四广场']] as const) {
      const rules = basemapRules('qingdao-sample', locale, colors)
      expect(rules.background).toBe(colors.sea)
      const rail = rules.labelRules.find((r) => r.dataLayer === 'rail_station')!
      const text = (rail.symbolizer as unknown as { symbolizer: { symbolizer: { text: { get(z: number, f: Feature): string } } } }).symbolizer.symbolizer.text.get(14, station)
      expect(text).toBe(name)
    }
  })
})
