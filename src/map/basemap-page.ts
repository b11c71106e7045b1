// The detailed map drawn on the page's main thread by protomaps-leaflet: for browsers that cannot hand a
// canvas to a worker (src/map/basemap.ts decides). Its own lazy chunk, loaded only there.
import type { Layer } from 'leaflet'
import L from 'leaflet'
import { PMTiles } from 'pmtiles'
import { leafletLayer, type TileSource } from 'protomaps-leaflet'
import { CachedPackSource, type PackInfo } from './pack'
import { PROTOMAPS_LANG } from './basemap-rules'
import { basemapRules, decodeOnlyDrawn, type BasemapColors } from './basemap-style'
import { withCanvasPool, type TileCanvas } from './tile-canvases'
import type { Locale } from '../content/schema'

type RenderedLayer = ReturnType<typeof leafletLayer> & {
  views: Map<string, { tileCache: { source: TileSource } }>
  renderTile(c: L.Coords, el: TileCanvas, key: string, done: () => void): void
}

export function pageLayer(pack: PackInfo, locale: Locale, colors: BasemapColors, options: L.GridLayerOptions, ratio: number): Layer {
  const archive = new PMTiles(new CachedPackSource(pack.url))
  const rules = basemapRules(pack.schema, locale, colors)
  const { paintRules, labelRules, background } = rules
  const lang = PROTOMAPS_LANG[locale]
  const layer = leafletLayer({
    ...options, url: archive, maxDataZoom: pack.maxzoom, devicePixelRatio: ratio, paintRules, labelRules, backgroundColor: background, lang,
  } as never) as RenderedLayer
  decodeOnlyDrawn(layer.views.values(), archive, rules, pack.maxzoom)
  return withCanvasPool(layer as unknown as L.GridLayer, {
    make: () => {
      const el = L.DomUtil.create('canvas', 'leaflet-tile') as TileCanvas
      el.lang = lang
      return el
    },
    draw: (el, coords, key, done) => layer.renderTile(coords, el, key, done),
    free: (el) => {
      el.width = el.height = 0
    },
  }) as unknown as Layer
}
