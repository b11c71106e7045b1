// The vector basemap layer drawn from a stored pack (its own lazy chunk: protomaps-leaflet and
// pmtiles load only once a pack is on the device). protomaps-leaflet reads the global `L`, so
// the caller imports Leaflet first.
import type { Layer } from 'leaflet'
import L from 'leaflet'
import { PMTiles } from 'pmtiles'
import {
  CircleSymbolizer, LineSymbolizer, OffsetTextSymbolizer, PolygonSymbolizer, leafletLayer,
  type LabelRule, type PaintRule, type TileSource,
} from 'protomaps-leaflet'
import { CachedPackSource, type PackInfo } from './pack'
import { layersDrawn, tuneLabelRules, tunePaintRules } from './basemap-rules'
import { PackTileSource } from './basemap-tiles'
import { offscreenTile, poolCapacity } from './tile-pool'
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

type RenderedLayer = ReturnType<typeof leafletLayer> & { views: Map<string, { tileCache: { source: TileSource } }> }

/** Decode only what the layer's rules draw; with levelDiff 1 a data tile of zoom d serves display zoom d+1, the last one every deeper zoom too. */
function withLeanTiles(layer: RenderedLayer, archive: PMTiles, maxDataZoom: number): RenderedLayer {
  const rules = () => [...layer.paintRules, ...layer.labelRules]
  const source = new PackTileSource(archive, (d) => layersDrawn(rules(), d + 1, d >= maxDataZoom ? Infinity : d + 1))
  for (const view of layer.views.values()) view.tileCache.source = source
  return layer
}

type TileCanvas = HTMLCanvasElement & { key?: string }
type GridInternals = {
  _map?: L.Map
  _tiles: Record<string, { el: TileCanvas; coords: L.Coords; current: boolean }>
  _tileCoordsToKey(c: L.Coords): string
  _keyToTileCoords(key: string): L.Coords
  lang?: string
  renderTile(c: L.Coords, el: TileCanvas, key: string, done: () => void): void
  fire(type: string, data: object): void
  _removeTile(key: string): void
}

/**
 * Tile canvases are reused instead of freed and made anew. A canvas new to the compositor costs a pixel buffer
 * and, on its first two or three updates, a new compositor resource each (measured in Chromium without CPU
 * slowdown: about 4 ms per 512×512 canvas, against 0.1 ms for a canvas whose resources are recycled), more than
 * drawing the streets on it. So canvases are kept while the layer is on the map, up to `POOL_VIEWS` views' worth (a
 * pinch holds the old zoom's tiles on screen while the new zoom's are drawn), and a tile needed after a pan
 * takes the canvas of a tile that is more than one tile out of the view (`keepBuffer: 1`) before a new one
 * is made. The layer hides a tile until it is drawn again (Leaflet shows only `leaflet-tile-loaded` tiles), and
 * a late drawing for a tile's previous key stops at protomaps-leaflet's own `element.key !== key` check.
 */
function withCanvasPool(layer: RenderedLayer): RenderedLayer {
  const pool: TileCanvas[] = []
  Object.assign(layer, {
    createTile(this: GridInternals, coords: L.Coords, done: (err: Error | undefined, el: HTMLElement) => void): HTMLElement {
      if (!pool.length) {
        const key = offscreenTile(this._tiles, coords.z)
        if (key) this._removeTile(key)
      }
      const el = pool.pop() ?? (L.DomUtil.create('canvas', 'leaflet-tile') as TileCanvas)
      if (this.lang) el.lang = this.lang
      const key = this._tileCoordsToKey(coords)
      el.key = key
      this.renderTile(coords, el, key, () => done(undefined, el))
      return el
    },
    _removeTile(this: GridInternals, key: string): void {
      const tile = this._tiles[key]
      if (!tile) return
      const el = tile.el
      el.key = undefined
      L.DomUtil.removeClass(el, 'leaflet-tile-loaded')
      L.DomUtil.remove(el)
      delete this._tiles[key]
      this.fire('tileunload', { tile: el, coords: this._keyToTileCoords(key) })
      if (pool.length < poolCapacity(this._map?.getSize())) pool.push(el)
      else el.width = el.height = 0
    },
  })
  // A layer taken off the map (another language makes a new one) frees its spare canvases at once.
  layer.on('remove', () => {
    for (const el of pool.splice(0)) el.width = el.height = 0
  })
  return layer
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
    // Tiles more than one tile out of the view give their canvas to the ones that enter it (see withCanvasPool);
    // Leaflet's default of 2 keeps two rings of off-screen tiles, a canvas each.
    keepBuffer: 1,
  }
  if (pack.schema !== 'protomaps') {
    const sample = leafletLayer({ ...common, backgroundColor: colors.sea, ...sampleRules(colors, locale) }) as RenderedLayer
    return withCanvasPool(withLeanTiles(sample, url, pack.maxzoom)) as unknown as Layer
  }
  const layer = withCanvasPool(withLeanTiles(leafletLayer({ ...common, flavor: 'light', lang: PROTOMAPS_LANG[locale] }) as RenderedLayer, url, pack.maxzoom))
  // In place: the layer's label placer already holds these arrays.
  layer.paintRules.splice(0, layer.paintRules.length, ...tunePaintRules(layer.paintRules))
  layer.labelRules.splice(0, layer.labelRules.length, ...tuneLabelRules(layer.labelRules))
  return layer as unknown as Layer
}
