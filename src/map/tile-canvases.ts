// Tile canvases are reused instead of freed and made anew, whichever thread draws on them. A canvas new to
// the compositor costs a pixel buffer and, on its first two or three updates, a new compositor resource
// each (measured in Chromium without CPU slowdown: about 4 ms per 512×512 canvas, against 0.1 ms for a
// canvas whose resources are recycled), more than drawing the streets on it. So canvases are kept while
// the layer is on the map, up to `POOL_VIEWS` views' worth (a pinch holds the old zoom's tiles on screen
// while the new zoom's are drawn), and a tile needed after a pan takes the canvas of a tile that is more
// than one tile out of the view (`keepBuffer: 1`) before a new one is made. The layer hides a tile until
// it is drawn again (Leaflet shows only `leaflet-tile-loaded` tiles); a drawing that ends after its
// canvas went to another tile is dropped by comparing the canvas's `key` with the one it was asked for.
import L from 'leaflet'
import { offscreenTile, poolCapacity } from './tile-pool'

export type TileCanvas = HTMLCanvasElement & { key?: string }

export type CanvasTiles<T extends TileCanvas> = {
  /** A canvas for a tile when none is spare. */
  make(): T
  /** Draws the tile `coords` (Leaflet's `key`) on `el`; `done` once it is drawn. */
  draw(el: T, coords: L.Coords, key: string, done: () => void): void
  /** The canvas's tile left the map (the canvas is kept for another, or freed next). */
  drop?(el: T): void
  /** A canvas the layer no longer keeps. */
  free(el: T): void
}

type GridInternals = {
  _map?: L.Map
  _tiles: Record<string, { el: HTMLElement; coords: L.Coords; current: boolean }>
  _tileCoordsToKey(c: L.Coords): string
  _keyToTileCoords(key: string): L.Coords
  fire(type: string, data: object): void
  _removeTile(key: string): void
}

export function withCanvasPool<T extends TileCanvas, G extends L.GridLayer>(layer: G, tiles: CanvasTiles<T>): G {
  const pool: T[] = []
  Object.assign(layer, {
    createTile(this: GridInternals, coords: L.Coords, done: (err: Error | undefined, el: HTMLElement) => void): HTMLElement {
      if (!pool.length) {
        const key = offscreenTile(this._tiles, coords.z)
        if (key) this._removeTile(key)
      }
      const el = pool.pop() ?? tiles.make()
      const key = this._tileCoordsToKey(coords)
      el.key = key
      tiles.draw(el, coords, key, () => done(undefined, el))
      return el
    },
    _removeTile(this: GridInternals, key: string): void {
      const tile = this._tiles[key]
      if (!tile) return
      const el = tile.el as T
      el.key = undefined
      tiles.drop?.(el)
      L.DomUtil.removeClass(el, 'leaflet-tile-loaded')
      L.DomUtil.remove(el)
      delete this._tiles[key]
      this.fire('tileunload', { tile: el, coords: this._keyToTileCoords(key) })
      if (pool.length < poolCapacity(this._map?.getSize())) pool.push(el)
      else tiles.free(el)
    },
  })
  // A layer taken off the map (another language makes a new one) frees its spare canvases at once.
  layer.on('remove', () => {
    for (const el of pool.splice(0)) tiles.free(el)
  })
  return layer
}
