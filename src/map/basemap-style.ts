// The detailed map's drawing rules, shared by the page and the tile worker (no DOM, no Leaflet here).
import { namedFlavor } from '@protomaps/basemaps'
import {
  CircleSymbolizer, LineSymbolizer, OffsetTextSymbolizer, PolygonSymbolizer, labelRules as flavorLabelRules, paintRules as flavorPaintRules,
  type LabelRule, type PaintRule, type TileSource,
} from 'protomaps-leaflet'
import type { PMTiles } from 'pmtiles'
import { layersDrawn, PROTOMAPS_LANG, tuneLabelRules, tunePaintRules } from './basemap-rules'
import { PackTileSource } from './basemap-tiles'
import type { Locale } from '../content/schema'

/** The map's colours in the current theme; `dark` picks Protomaps' dark flavour for a street pack. */
export type BasemapColors = { sea: string; land: string; line: string; label: string; halo: string; dark?: boolean }
export type BasemapRules = { paintRules: PaintRule[]; labelRules: LabelRule[]; background: string | undefined }

function sampleRules(c: BasemapColors, locale: Locale): BasemapRules {
  const paintRules: PaintRule[] = [
    { dataLayer: 'land', symbolizer: new PolygonSymbolizer({ fill: c.land }) },
    { dataLayer: 'taxiway', minzoom: 12, symbolizer: new LineSymbolizer({ color: c.line, width: 1, opacity: 0.6 }) },
    { dataLayer: 'runway', symbolizer: new LineSymbolizer({ color: c.line, width: (z: number) => (z < 12 ? 2 : 5) }) },
    { dataLayer: 'metro_line', symbolizer: new LineSymbolizer({ color: '#0b7a55', width: 2, dash: [6, 3] }) },
    { dataLayer: 'metro_station', minzoom: 11, symbolizer: new CircleSymbolizer({ radius: 2.5, fill: '#0b7a55', stroke: c.halo, width: 1 }) },
    { dataLayer: 'rail_station', symbolizer: new CircleSymbolizer({ radius: 3.5, fill: c.line, stroke: c.halo, width: 1.5 }) },
  ]
  const label = (size: number) => new OffsetTextSymbolizer({
    // Station names in the UI language (pinyin, Palladius), as on the overview.
    labelProps: locale === 'zh' ? ['name'] : [`name_${locale}`, 'name'], fill: c.label, stroke: c.halo, width: 2, fontSize: size,
    fontFamily: "'Noto Sans CJK SC', 'WenQuanYi Micro Hei', 'PingFang SC', sans-serif", offsetX: 6, offsetY: 4,
  })
  const labelRules: LabelRule[] = [
    { dataLayer: 'rail_station', minzoom: 10, symbolizer: label(12) },
    { dataLayer: 'metro_station', minzoom: 13, symbolizer: label(11) },
  ]
  return { paintRules, labelRules, background: c.sea }
}

export function basemapRules(schema: string, locale: Locale, colors: BasemapColors): BasemapRules {
  if (schema !== 'protomaps') return sampleRules(colors, locale)
  const flavor = namedFlavor(colors.dark ? 'dark' : 'light')
  return {
    paintRules: tunePaintRules(flavorPaintRules(flavor)),
    labelRules: tuneLabelRules(flavorLabelRules(flavor, PROTOMAPS_LANG[locale])),
    background: flavor.background,
  }
}

/**
 * Points protomaps-leaflet's views at a source that decodes only the layers the rules draw (PackTileSource):
 * with levelDiff 1 a data tile of zoom d serves display zoom d+1, the last one every deeper zoom too.
 */
export function decodeOnlyDrawn(views: Iterable<{ tileCache: { source: TileSource } }>, archive: PMTiles, rules: BasemapRules, maxDataZoom: number): void {
  const drawn = [...rules.paintRules, ...rules.labelRules]
  const source = new PackTileSource(archive, (d) => layersDrawn(drawn, d + 1, d >= maxDataZoom ? Infinity : d + 1))
  for (const view of views) view.tileCache.source = source
}
