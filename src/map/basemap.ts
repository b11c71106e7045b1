// The detailed map: vector tiles of a stored pack, drawn in a Web Worker. Each tile's canvas is handed to
// the worker (transferControlToOffscreen), which reads the tile from Cache Storage, decodes it, places
// labels and draws (src/map/tile-worker.ts); the page only tells it which tile goes on which canvas. The
// page's main thread stays free for panning, markers and taps, and a pinch no longer copies every tile's
// pixels on each frame. Browsers that cannot hand a canvas to a worker, or whose worker fails to start,
// draw on the main thread with the same rules (src/map/basemap-page.ts). Why, and what it measured:
// docs/map-worker.md.
import type { Layer } from 'leaflet'
import L from 'leaflet'
import type { PackInfo } from './pack'
import { PROTOMAPS_LANG } from './basemap-rules'
import type { BasemapColors } from './basemap-style'
import { withCanvasPool, type TileCanvas } from './tile-canvases'
import type { FromWorker, ToWorker } from './tile-worker'
import type { Locale } from '../content/schema'

export type { BasemapColors }

/** Canvas pixels per CSS pixel: beyond 2 a phone's screen shows no sharper streets, and 3× costs 2.25× the pixels of 2×. */
export const MAX_TILE_PIXEL_RATIO = 2

export function tilePixelRatio(deviceRatio: number | undefined): number {
  return Math.min(Math.max(deviceRatio || 1, 1), MAX_TILE_PIXEL_RATIO)
}

/** Whether this browser can draw the tiles in a worker. */
export const workerTiles = () => typeof Worker !== 'undefined' && typeof HTMLCanvasElement !== 'undefined' && 'transferControlToOffscreen' in HTMLCanvasElement.prototype

type WorkerCanvas = TileCanvas & { tileId: number }

/** Fired by the worker layer when its worker fails: the caller then draws the map on the page instead. */
export const WORKER_FAILED = 'workerfailed'

function workerLayer(pack: PackInfo, locale: Locale, colors: BasemapColors, options: L.GridLayerOptions, ratio: number): Layer {
  const waiting = new Map<number, { key: string; done: () => void }>()
  // Started with the first tile, so that a layer made but never shown starts none.
  let worker: Worker | null = null
  let failed = false
  const fail = (message: string) => {
    failed = true
    layer.fire(WORKER_FAILED, { message })
  }
  function start(): Worker | null {
    let w: Worker
    try {
      w = new Worker(new URL('./tile-worker.ts', import.meta.url), { type: 'module', name: 'map-tiles' })
    } catch (e) {
      // Told after the tile that asked for it has been made.
      queueMicrotask(() => fail(String(e)))
      return null
    }
    w.onmessage = ({ data }: MessageEvent<FromWorker>) => {
      const tile = waiting.get(data.id)
      if (!tile || tile.key !== data.key) return
      waiting.delete(data.id)
      tile.done()
    }
    w.onerror = (e) => {
      e.preventDefault()
      if (!failed) fail(e.message)
    }
    w.postMessage({ type: 'init', pack, locale, colors, ratio } satisfies ToWorker)
    return w
  }
  function send(m: ToWorker, transfer: Transferable[] = []): void {
    if (failed) return
    worker ??= start()
    worker?.postMessage(m, transfer)
  }
  let next = 1
  const lang = PROTOMAPS_LANG[locale]
  const layer = withCanvasPool(new L.GridLayer(options), {
    make: () => {
      const el = L.DomUtil.create('canvas', 'leaflet-tile') as WorkerCanvas
      el.lang = lang
      el.tileId = next++
      const canvas = el.transferControlToOffscreen()
      send({ type: 'canvas', id: el.tileId, canvas }, [canvas])
      return el
    },
    draw: (el, coords, key, done) => {
      waiting.set(el.tileId, { key, done })
      send({ type: 'draw', id: el.tileId, key, coords: { x: coords.x, y: coords.y, z: coords.z } })
    },
    drop: (el) => {
      waiting.delete(el.tileId)
      send({ type: 'drop', id: el.tileId })
    },
    free: (el) => send({ type: 'free', id: el.tileId }),
  })
  // After the spare canvases are freed (withCanvasPool's own 'remove' handler, registered first).
  layer.on('remove', () => {
    worker?.terminate()
    worker = null
    waiting.clear()
  })
  return layer
}

export async function createBasemapLayer(pack: PackInfo, locale: Locale, colors: BasemapColors, { inPage = false } = {}): Promise<Layer> {
  const options: L.GridLayerOptions = {
    // levelDiff draws data of zoom z−1 at 512 px: below minzoom+1 there is nothing to draw.
    minZoom: pack.minzoom + 1,
    zIndex: 1,
    attribution: pack.attribution,
    pane: 'tilePane',
    // During a pinch Leaflet scales the tiles it has; drawing a new zoom level at every step of the
    // gesture (40–90 ms of canvas work per tile on a slow phone) is what made pinch frames stutter.
    updateWhenZooming: false,
    // Tiles more than one tile out of the view give their canvas to the ones that enter it (see
    // tile-canvases.ts); Leaflet's default of 2 keeps two rings of off-screen tiles, a canvas each.
    keepBuffer: 1,
  }
  const ratio = tilePixelRatio(globalThis.devicePixelRatio)
  if (!inPage && workerTiles()) return workerLayer(pack, locale, colors, options, ratio)
  const { pageLayer } = await import('./basemap-page')
  return pageLayer(pack, locale, colors, options, ratio)
}
