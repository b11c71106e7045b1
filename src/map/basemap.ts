// The vector basemap layer drawn from a stored pack (its own lazy chunk: protomaps-leaflet and
// pmtiles load only once a pack is on the device). protomaps-leaflet reads the global `L`, so
// the caller imports Leaflet first.
import type { Layer } from 'leaflet'
import { PMTiles } from 'pmtiles'
import {
  CircleSymbolizer, LineSymbolizer, OffsetTextSymbolizer, PolygonSymbolizer, leafletLayer,
  type LabelRule, type PaintRule,
} from 'protomaps-leaflet'
import { CachedPackSource, type PackInfo } from './pack'
import type { Locale } from '../content/schema'

export type BasemapColors = { sea: string; land: string; line: string; label: string; halo: string }

/** Protomaps basemaps name their label languages so. */
const PROTOMAPS_LANG: Record<Locale, string> = { zh: 'zh-Hans', ru: 'ru', en: 'en' }

function sampleRules(c: BasemapColors, locale: Locale): { paintRules: PaintRule[]; labelRules: LabelRule[] } {
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
  return { paintRules, labelRules }
}

export function createBasemapLayer(pack: PackInfo, locale: Locale, colors: BasemapColors): Layer {
  const url = new PMTiles(new CachedPackSource(pack.url))
  const common = {
    url,
    maxDataZoom: pack.maxzoom,
    // levelDiff draws data of zoom z−1 at 512 px: below minzoom+1 there is nothing to draw.
    minZoom: pack.minzoom + 1,
    zIndex: 1,
    attribution: pack.attribution,
    pane: 'tilePane',
  }
  const options = pack.schema === 'protomaps'
    ? { ...common, flavor: 'light', lang: PROTOMAPS_LANG[locale] }
    : { ...common, backgroundColor: colors.sea, ...sampleRules(colors, locale) }
  return leafletLayer(options) as unknown as Layer
}
