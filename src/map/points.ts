// What the map shows, as plain data (no Leaflet): places from the content, their marker category,
// and groups of places that share one point (several content items reuse the same published
// coordinate — the airport reference point, the Sailing Center — and must not hide each other).
import type { GeoLocation, L10n, ServicePoint, Venue } from '../content/schema'

export const MARKER_CATEGORIES = [
  'sco-venue', 'sight', 'transport', 'hotel', 'park', 'service', 'business', 'festival-site',
  'fx', 'sim', 'atm', 'payment-help', 'tourist-info', 'helpline', 'government', 'hospital',
] as const
export type MarkerCategory = (typeof MARKER_CATEGORIES)[number]

/** Colour and glyph per category: the legend shows the same pair, so the glyph is never the only cue. */
export const CATEGORY_STYLE: Record<MarkerCategory, { color: string; glyph: string }> = {
  'sco-venue': { color: '#b3261e', glyph: '★' },
  sight: { color: '#6b3fa0', glyph: '◆' },
  transport: { color: '#0b5e7e', glyph: '▲' },
  hotel: { color: '#4a5a66', glyph: '■' },
  park: { color: '#1d6b38', glyph: '♣' },
  service: { color: '#0e6f6f', glyph: 'i' },
  business: { color: '#5b4d3a', glyph: '▣' },
  'festival-site': { color: '#a3266b', glyph: '♪' },
  fx: { color: '#8a5a00', glyph: '¥' },
  sim: { color: '#2446a8', glyph: '✆' },
  atm: { color: '#6d4c00', glyph: '¤' },
  'payment-help': { color: '#94420f', glyph: '⇄' },
  'tourist-info': { color: '#0e6f6f', glyph: 'i' },
  helpline: { color: '#a3261b', glyph: '☏' },
  government: { color: '#334155', glyph: '⚑' },
  hospital: { color: '#c0262d', glyph: '✚' },
}

/** The i18n key naming a category (venue categories in `venue.category`, service ones in `services.category`). */
export function categoryLabelKey(c: MarkerCategory): string {
  return (['fx', 'sim', 'atm', 'payment-help', 'tourist-info', 'helpline', 'government', 'hospital'] as string[]).includes(c)
    ? `services.category.${c}`
    : `venue.category.${c}`
}

export type PlaceKey = `venue:${string}` | `service:${string}`

export type MapPlace = {
  key: PlaceKey
  kind: 'venue' | 'service'
  id: string
  categories: MarkerCategory[]
  name: L10n
  address: L10n | null
  /** OSM-style hours as published, or null. */
  hours: string | null
  hoursNote: L10n | null
  location: GeoLocation | null
}

export function placesFrom(venues: readonly Venue[], services: readonly ServicePoint[]): MapPlace[] {
  return [
    ...venues.map((v): MapPlace => ({
      key: `venue:${v.id}`, kind: 'venue', id: v.id, categories: [v.category], name: v.name, address: v.address,
      hours: v.hours, hoursNote: v.hoursNote, location: v.location,
    })),
    ...services.map((s): MapPlace => ({
      key: `service:${s.id}`, kind: 'service', id: s.id, categories: [...s.categories], name: s.name, address: s.address,
      hours: s.openingHours, hoursNote: s.hoursNote, location: s.location,
    })),
  ]
}

export function placePath(p: Pick<MapPlace, 'kind' | 'id'>): string {
  return p.kind === 'venue' ? `/venues/${p.id}` : `/services/${p.id}`
}

export type MapGroup = {
  /** Stable id of the shared point. */
  key: string
  lat: number
  lon: number
  places: MapPlace[]
  /** The category drawn on the marker: the first place's first category. */
  category: MarkerCategory
  /** Largest uncertainty radius among approximate places (0 when every place is exact). */
  radius: number
}

/** A place is shown when any of its categories is selected (an empty selection means all). */
export function visible(p: MapPlace, selected: ReadonlySet<MarkerCategory>): boolean {
  return selected.size === 0 || p.categories.some((c) => selected.has(c))
}

/** Places with a coordinate, grouped by identical point (to ~1 m), venues before services. */
export function groupPlaces(places: readonly MapPlace[]): MapGroup[] {
  const groups = new Map<string, MapGroup>()
  for (const p of places) {
    const loc = p.location
    if (!loc) continue
    const key = `${loc.lat.toFixed(5)},${loc.lon.toFixed(5)}`
    let g = groups.get(key)
    if (!g) {
      g = { key, lat: loc.lat, lon: loc.lon, places: [], category: p.categories[0] ?? 'service', radius: 0 }
      groups.set(key, g)
    }
    g.places.push(p)
    if (loc.precision !== 'exact') g.radius = Math.max(g.radius, loc.radius)
  }
  for (const g of groups.values()) {
    g.places.sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'venue' ? -1 : 1))
    g.category = g.places[0]?.categories[0] ?? g.category
  }
  return [...groups.values()]
}

export function groupOf(groups: readonly MapGroup[], key: string): MapGroup | undefined {
  return groups.find((g) => g.places.some((p) => p.key === key))
}

/** Categories present in the content, in legend order. */
export function presentCategories(places: readonly MapPlace[]): MarkerCategory[] {
  const seen = new Set(places.flatMap((p) => p.categories))
  return MARKER_CATEGORIES.filter((c) => seen.has(c))
}
