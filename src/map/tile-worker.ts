// The detailed map's tile worker: reads a tile from the stored pack, decodes it, places its labels (across
// tiles, as protomaps-leaflet's layer does on the page) and draws it on the canvas its tile element handed
// over. Messages: `init` once, then `canvas` for each new tile canvas, `draw` whenever a canvas shows a
// tile (again), `drop` when its tile leaves the map, `free` when the page lets a canvas go. Each drawn
// tile is answered with `drawn`.
import { PMTiles } from 'pmtiles'
import { Labelers, paint, sourcesToViews, toIndex, type Bbox, type PreparedTile, type View, type Zxy } from 'protomaps-leaflet'
import { CachedPackSource, type PackInfo } from './pack'
import { PROTOMAPS_LANG } from './basemap-rules'
import { basemapRules, decodeOnlyDrawn, type BasemapColors, type BasemapRules } from './basemap-style'
import type { Locale } from '../content/schema'

export type ToWorker =
  | { type: 'init'; pack: PackInfo; locale: Locale; colors: BasemapColors; ratio: number }
  | { type: 'canvas'; id: number; canvas: OffscreenCanvas }
  | { type: 'draw'; id: number; key: string; coords: Zxy }
  | { type: 'drop'; id: number }
  | { type: 'free'; id: number }
export type FromWorker = { type: 'drawn'; id: number; key: string }

type Tile = { canvas: OffscreenCanvas; key: string | null; coords: Zxy | null }
type Setup = { rules: BasemapRules; views: Map<string, View>; labelers: Labelers; ratio: number; lang: string }

const tiles = new Map<number, Tile>()
let setup: Setup | null = null
/** The zoom last asked for: a tile of another zoom still on its way is not drawn (as protomaps-leaflet's layer). */
let lastZoom = -1
/** Labels reach this far (px) beyond a tile, so that one placed across a tile edge is drawn on both tiles. */
const PAD = 16

function init(pack: PackInfo, locale: Locale, colors: BasemapColors, ratio: number): Setup {
  const rules = basemapRules(pack.schema, locale, colors)
  const archive = new PMTiles(new CachedPackSource(pack.url))
  const views = sourcesToViews({ url: archive, maxDataZoom: pack.maxzoom, levelDiff: 1 })
  decodeOnlyDrawn(views.values(), archive, rules, pack.maxzoom)
  // Text is measured on a canvas of its own; a label placed across a tile edge redraws the tiles it reaches.
  const scratch = new OffscreenCanvas(1, 1).getContext('2d')!
  const labelers = new Labelers(scratch as unknown as CanvasRenderingContext2D, rules.labelRules, 16, (keys) => {
    for (const [id, t] of tiles) if (t.coords && keys.has(toIndex(t.coords))) void draw(id)
  })
  return { rules, views, labelers, ratio, lang: PROTOMAPS_LANG[locale] }
}

async function draw(id: number): Promise<void> {
  const tile = tiles.get(id)
  if (!tile?.coords || tile.key === null || !setup) return
  const { coords, key } = tile
  const { views, labelers, rules, ratio, lang } = setup
  const prepared = new Map<string, PreparedTile[]>()
  for (const [name, view] of views) {
    try {
      prepared.set(name, [await view.getDisplayTile(coords)])
    } catch (e) {
      // A tile of a zoom no longer shown was cancelled; any other failure draws the tile without it.
      if ((e as Error).name === 'AbortError') return
      console.error(e)
    }
  }
  if (tile.key !== key || lastZoom !== coords.z) return
  labelers.add(coords.z, prepared)
  const c = tile.canvas
  const size = 256 * ratio
  // Setting a canvas's size clears it and may give it a new buffer: only when it changes.
  if (c.width !== size) c.width = size
  if (c.height !== size) c.height = size
  const ctx = c.getContext('2d')!
  // The page's tile canvases carry the label language for CJK glyph choice; a worker's canvas has its context's.
  if ('lang' in ctx) (ctx as { lang: string }).lang = lang
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0)
  ctx.clearRect(0, 0, 256, 256)
  if (rules.background) {
    ctx.fillStyle = rules.background
    ctx.fillRect(0, 0, 256, 256)
  }
  const bbox: Bbox = { minX: 256 * coords.x - PAD, minY: 256 * coords.y - PAD, maxX: 256 * (coords.x + 1) + PAD, maxY: 256 * (coords.y + 1) + PAD }
  const origin = { x: 256 * coords.x, y: 256 * coords.y }
  paint(ctx as unknown as CanvasRenderingContext2D, coords.z, prepared, labelers.getIndex(coords.z) ?? null, rules.paintRules, bbox, origin as never, false)
  postMessage({ type: 'drawn', id, key } satisfies FromWorker)
}

onmessage = ({ data: m }: MessageEvent<ToWorker>) => {
  if (m.type === 'init') setup = init(m.pack, m.locale, m.colors, m.ratio)
  else if (m.type === 'canvas') tiles.set(m.id, { canvas: m.canvas, key: null, coords: null })
  else if (m.type === 'draw') {
    const t = tiles.get(m.id)
    if (!t) return
    t.key = m.key
    t.coords = m.coords
    lastZoom = m.coords.z
    void draw(m.id)
  } else if (m.type === 'drop') {
    // Not drawn again (a drawing on its way stops at the key check), nor redrawn for a neighbour's label.
    const t = tiles.get(m.id)
    if (t) t.key = t.coords = null
  } else {
    const t = tiles.get(m.id)
    if (t) t.canvas.width = t.canvas.height = 0
    tiles.delete(m.id)
  }
}
