// The first view of the map. The located places spread over some 60 km (the city centre, the West
// Coast, Jiaozhou, the airport): fitting all of them puts the centre, where most places are, in a
// corner at a zoom that shows no street. So the view fits the core: the places within CORE_KM of the
// place with the most neighbours in that radius, as long as the core holds most of them; the
// others stay one zoom-out or one tap in the list away. Coordinates only: Leaflet is not needed.
export type LatLon = { lat: number; lon: number }

export const CORE_KM = 15

/** Distance in km, equirectangular: exact enough within a city. */
export function km(a: LatLon, b: LatLon): number {
  const k = Math.cos(((a.lat + b.lat) / 2) * (Math.PI / 180))
  return Math.hypot((a.lon - b.lon) * k * 111.32, (a.lat - b.lat) * 110.57)
}

/** Centres tried, at most: enough to find the densest circle among a thousand places, fast. */
const MAX_CANDIDATES = 200

/** The points the first view fits: the densest core, or all when no core holds most of them. */
export function firstViewPoints<T extends LatLon>(points: readonly T[], radiusKm = CORE_KM): T[] {
  if (points.length < 3) return [...points]
  const step = Math.max(1, Math.ceil(points.length / MAX_CANDIDATES))
  let best: T[] = []
  for (let i = 0; i < points.length; i += step) {
    const near = points.filter((p) => km(p, points[i]!) <= radiusKm)
    if (near.length > best.length) best = near
  }
  return best.length > points.length / 2 ? best : [...points]
}
