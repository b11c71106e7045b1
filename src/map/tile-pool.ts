// How many tile canvases the detailed map keeps, and which one a new tile may take over. Pure, so that the
// policy is tested without a browser; src/map/tile-canvases.ts applies it to Leaflet's tiles.

/** CSS pixels per tile side. */
const TILE = 256
/** Views' worth of canvases kept: during a pinch the old zoom's tiles stay on screen while the new zoom's are drawn. */
export const POOL_VIEWS = 3

/** Canvases covering a view of this size in the worst alignment, times POOL_VIEWS (0 before the map has a size). */
export function poolCapacity(size: { x: number; y: number } | undefined, views = POOL_VIEWS): number {
  if (!size || !(size.x > 0) || !(size.y > 0)) return 0
  return views * Math.ceil(size.x / TILE + 1) * Math.ceil(size.y / TILE + 1)
}

type GridTile = { current: boolean; coords: { z: number } }

/**
 * A tile of zoom `z` that Leaflet has marked as out of the view (`current: false`) and will prune once the
 * new tiles are drawn: its canvas can be reused now. Tiles of other zooms are left alone, since during a
 * zoom they stay on screen until the new level is drawn.
 */
export function offscreenTile(tiles: Readonly<Record<string, GridTile>>, z: number): string | undefined {
  for (const key in tiles) {
    const tile = tiles[key]
    if (tile && !tile.current && tile.coords.z === z) return key
  }
  return undefined
}
