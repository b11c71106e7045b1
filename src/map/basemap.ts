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
import { tuneLabelRules, tunePaintRules } from './basemap-rules'
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

/** Canvas pixels per CSS pixel: beyond 2 a phone's screen shows no sharper streets, and 3× costs 2.25× the pixels of 2×. */
export const MAX_TILE_PIXEL_RATIO = 2

export function tilePixelRatio(deviceRatio: number | undefined): number {
  return Math.min(Math.max(deviceRatio || 1, 1), MAX_TILE_PIXEL_RATIO)
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
    devicePixelRatio: tilePixelRatio(globalThis.devicePixelRatio),
    // During a pinch Leaflet scales the tiles it has; drawing a new zoom level at every step of the
    // gesture (40–90 ms of canvas work per tile on a slow phone) is what made pinch frames stutter.
    updateWhenZooming: false,
  }
  if (pack.schema !== 'protomaps') {
    return leafletLayer({ ...common, backgroundColor: colors.sea, ...sampleRules(colors, locale) }) as unknown as Layer
  }
  const layer = leafletLayer({ ...common, flavor: 'light', lang: PROTOMAPS_LANG[locale] })
  // In place: the layer's label placer already holds these arrays.
  layer.paintRules.splice(0, layer.paintRules.length, ...tunePaintRules(layer.paintRules))
  layer.labelRules.splice(0, layer.labelRules.length, ...tuneLabelRules(layer.labelRules))
  return layer as unknown as Layer
}
