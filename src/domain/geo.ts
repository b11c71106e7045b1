// Geography for the map and the "Open in" links. Coordinates are WGS-84 everywhere in the app, and every
// "Open in" target is given WGS-84 (with the flag that says so where the app defaults to another datum).

export type LatLon = { lat: number; lon: number }

const EARTH_RADIUS_M = 6_371_008.8
const rad = (deg: number) => (deg * Math.PI) / 180

/** Great-circle distance in metres (haversine; under 0.5 % off the ellipsoid, plenty for "1.2 km away"). */
export function distanceM(a: LatLon, b: LatLon): number {
  const dLat = rad(b.lat - a.lat)
  const dLon = rad(b.lon - a.lon)
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLon / 2) ** 2
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)))
}

/** Distance for people: "350 m", "1.2 km", "12 km" in the visitor's language. */
export function formatDistance(metres: number, locale: string): string {
  if (metres < 1000) {
    const rounded = metres < 100 ? Math.round(metres / 10) * 10 : Math.round(metres / 50) * 50
    return new Intl.NumberFormat(locale, { style: 'unit', unit: 'meter', maximumFractionDigits: 0 }).format(Math.max(10, rounded))
  }
  return new Intl.NumberFormat(locale, { style: 'unit', unit: 'kilometer', maximumFractionDigits: metres < 10_000 ? 1 : 0 }).format(metres / 1000)
}

export const MAP_APPS = ['amap', 'baidu', 'apple', 'google', 'yandex', 'geo'] as const
export type MapApp = (typeof MAP_APPS)[number]

const APP_SOURCE = 'qingdao-sco-guide'
/** Six decimals ≈ 0.1 m: more is noise, fewer moves the point. */
const c = (x: number) => String(Math.round(x * 1e6) / 1e6)
const q = encodeURIComponent

/**
 * A link that opens the point in another map app, in the datum and coordinate order that app expects.
 * Amap and Baidu default to their own datums, so the WGS-84 flag is always sent; Yandex takes lon,lat.
 */
export function mapAppLink(app: MapApp, p: LatLon, label: string): string {
  const { lat, lon } = p
  switch (app) {
    case 'amap':
      return `https://uri.amap.com/marker?position=${c(lon)},${c(lat)}&name=${q(label)}&src=${APP_SOURCE}&coordinate=wgs84&callnative=1`
    case 'baidu':
      return `https://api.map.baidu.com/marker?location=${c(lat)},${c(lon)}&title=${q(label)}&content=${q(label)}&output=html&coord_type=wgs84&src=${APP_SOURCE}`
    case 'apple':
      // Apple Maps applies the China datum shift itself to WGS-84 input.
      return `https://maps.apple.com/?ll=${c(lat)},${c(lon)}&q=${q(label)}`
    case 'google':
      return `https://www.google.com/maps/search/?api=1&query=${c(lat)},${c(lon)}`
    case 'yandex':
      return `https://yandex.ru/maps/?pt=${c(lon)},${c(lat)}&z=17&l=map`
    case 'geo':
      // RFC 5870: WGS-84 is the default CRS; the label is for the Android chooser.
      return `geo:${c(lat)},${c(lon)}?q=${c(lat)},${c(lon)}(${q(label)})`
  }
}

export const SEARCH_APPS = ['amap', 'baidu'] as const
export type SearchApp = (typeof SEARCH_APPS)[number]
/** Amap and Baidu both take a city name in Chinese for their search area. */
export const SEARCH_CITY = '青岛'

/**
 * A search by name in a Chinese map app: it finds places we have no point for, from their own
 * database. Amap: uri.amap.com/search (keyword, city); Baidu: place/search (query, region, output=html).
 */
export function mapSearchLink(app: SearchApp, name: string, city: string = SEARCH_CITY): string {
  switch (app) {
    case 'amap':
      return `https://uri.amap.com/search?keyword=${q(name)}&city=${q(city)}&view=map&src=${APP_SOURCE}&callnative=1`
    case 'baidu':
      return `https://api.map.baidu.com/place/search?query=${q(name)}&region=${q(city)}&output=html&src=${APP_SOURCE}`
  }
}

/** The name a Chinese map app knows: the short form in brackets goes (青岛奥林匹克帆船中心（奥帆中心） → 青岛奥林匹克帆船中心). */
export function searchName(zh: string): string {
  const bare = zh.replace(/（[^）]*）|\([^)]*\)/g, '').trim()
  return bare || zh
}
