// Map configuration. Build time: VITE_* variables (README, "Map configuration"). Run time: a
// tile URL saved in localStorage under TILE_URL_OVERRIDE_KEY replaces VITE_TILE_URL on this
// device only; the end-to-end tests use it to point the map at their own local tile server.

/** localStorage key for a per-device tile URL template (testing and operator checks). */
export const TILE_URL_OVERRIDE_KEY = 'qd-map-tile-url'

const env = import.meta.env
const base = env.BASE_URL

/** Hosts whose terms forbid downloading tiles in advance (operations.osmfoundation.org/policies/tiles). */
const NO_PREFETCH_HOSTS = /(^|\.)tile\.openstreetmap\.(org|de|fr)$|(^|\.)openstreetmap\.org$/

function readOverride(): string | null {
  try {
    return globalThis.localStorage?.getItem(TILE_URL_OVERRIDE_KEY) || null
  } catch {
    return null
  }
}

/** An XYZ template such as https://tiles.example.org/{z}/{x}/{y}.png, or null for none. */
export function tileUrl(): string | null {
  const url = readOverride() ?? (env.VITE_TILE_URL || null)
  return url && /^https?:\/\/|^\//.test(url) ? url : null
}

export function tileHost(url: string): string {
  try {
    return new URL(url.replace(/\{[a-z]\}/g, '0'), globalThis.location?.href ?? 'http://localhost/').hostname
  } catch {
    return ''
  }
}

/** Prefetching the online source for offline use: only when the operator says its terms allow it, never for OSM's servers. */
export function tilePrefetchAllowed(url: string | null = tileUrl()): boolean {
  return !!url && env.VITE_TILE_PREFETCH === '1' && !NO_PREFETCH_HOSTS.test(tileHost(url))
}

export const mapConfig = {
  /** packs.json describing the offline basemap; "none" turns the download off. */
  packsUrl: env.VITE_BASEMAP_PACKS === 'none' ? null : env.VITE_BASEMAP_PACKS || `${base}maps/packs.json`,
  tileAttribution: env.VITE_TILE_ATTRIBUTION || '© OpenStreetMap contributors (ODbL)',
  tileMaxZoom: Number(env.VITE_TILE_MAX_ZOOM) || 18,
  /** Deepest zoom fetched when prefetch is allowed (tile counts quadruple per level). */
  prefetchMaxZoom: Number(env.VITE_TILE_PREFETCH_MAX_ZOOM) || 13,
  dataAttribution: '© OpenStreetMap contributors (ODbL)',
}

/** The visitor area the offline map covers: city centre, Fushan Bay, West Coast, Jiaozhou, the airport. */
export const VISITOR_AREA = { south: 35.55, west: 119.6, north: 36.6, east: 121.0 } as const
