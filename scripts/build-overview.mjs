#!/usr/bin/env node
// Builds the bundled overview layer of the map (src/map/overview.json, its own lazy JS chunk) from the OSM-derived
// GeoJSON vendored in scripts/geodata/ (or GEODATA_DIR): clip to the visitor area, simplify,
// round, keep only what an overview needs. The output is committed: CI builds from a clone.
// Data © OpenStreetMap contributors, ODbL 1.0 (see the geodata README).
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { pinyin } from 'pinyin-pro'
import { toPalladius } from './palladius.mjs'

export const GEODATA_DIR = process.env.GEODATA_DIR ?? fileURLToPath(new URL('./geodata/', import.meta.url))
/** The visitor area: city centre, Fushan Bay, Laoshan, West Coast, Jiaozhou, Jiaodong airport. [w, s, e, n] */
export const AREA = [119.6, 35.55, 121.0, 36.6]
export const ATTRIBUTION = '© OpenStreetMap contributors (ODbL)'
const M_PER_DEG_LAT = 111_320

/** Sutherland–Hodgman against an axis-aligned box; rings stay closed. */
export function clipRing(ring, [w, s, e, n]) {
  const edges = [
    (p) => p[0] >= w, (p) => p[0] <= e, (p) => p[1] >= s, (p) => p[1] <= n,
  ]
  const cut = [
    (a, b) => [w, a[1] + ((b[1] - a[1]) * (w - a[0])) / (b[0] - a[0])],
    (a, b) => [e, a[1] + ((b[1] - a[1]) * (e - a[0])) / (b[0] - a[0])],
    (a, b) => [a[0] + ((b[0] - a[0]) * (s - a[1])) / (b[1] - a[1]), s],
    (a, b) => [a[0] + ((b[0] - a[0]) * (n - a[1])) / (b[1] - a[1]), n],
  ]
  let pts = ring.slice(0, -1)
  for (let k = 0; k < 4 && pts.length; k++) {
    const inside = edges[k]
    const out = []
    for (let i = 0; i < pts.length; i++) {
      const a = pts[(i + pts.length - 1) % pts.length]
      const b = pts[i]
      if (inside(b)) {
        if (!inside(a)) out.push(cut[k](a, b))
        out.push(b)
      } else if (inside(a)) out.push(cut[k](a, b))
    }
    pts = out
  }
  return pts.length >= 3 ? [...pts, pts[0]] : null
}

/** Keep the parts of a line inside the box (vertices outside end a part). */
export function clipLine(line, [w, s, e, n]) {
  const inside = (p) => p[0] >= w && p[0] <= e && p[1] >= s && p[1] <= n
  const parts = []
  let cur = []
  for (const p of line) {
    if (inside(p)) cur.push(p)
    else {
      if (cur.length >= 2) parts.push(cur)
      cur = []
    }
  }
  if (cur.length >= 2) parts.push(cur)
  return parts
}

/** Douglas–Peucker with the tolerance in metres (local equirectangular projection). */
export function simplify(line, toleranceM) {
  if (line.length <= 2) return line
  const k = Math.cos((line[0][1] * Math.PI) / 180)
  const xy = line.map((p) => [p[0] * k * M_PER_DEG_LAT, p[1] * M_PER_DEG_LAT])
  const keep = new Uint8Array(line.length)
  keep[0] = keep[line.length - 1] = 1
  const stack = [[0, line.length - 1]]
  while (stack.length) {
    const [a, b] = stack.pop()
    const [ax, ay] = xy[a]
    const [bx, by] = xy[b]
    const dx = bx - ax
    const dy = by - ay
    const len2 = dx * dx + dy * dy
    let max = -1
    let idx = -1
    for (let i = a + 1; i < b; i++) {
      const [px, py] = xy[i]
      const t = len2 ? Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len2)) : 0
      const d = Math.hypot(px - (ax + t * dx), py - (ay + t * dy))
      if (d > max) { max = d; idx = i }
    }
    if (max > toleranceM) {
      keep[idx] = 1
      stack.push([a, idx], [idx, b])
    }
  }
  return line.filter((_, i) => keep[i])
}

export function roundCoords(line, decimals) {
  const f = 10 ** decimals
  const out = []
  for (const p of line) {
    const q = [Math.round(p[0] * f) / f, Math.round(p[1] * f) / f]
    const last = out[out.length - 1]
    if (!last || last[0] !== q[0] || last[1] !== q[1]) out.push(q)
  }
  return out
}

/** Generic words written apart from the proper name: 五四广场 → Wusi Guangchang. */
const GENERIC = ['广场', '公园', '大学', '中心', '浴场', '机场', '码头']
/** China Railway's English station names translate a final direction: 青岛北 → Qingdao North. */
const DIRECTION = { 北: ['North', 'Северный'], 南: ['South', 'Южный'], 东: ['East', 'Восточный'], 西: ['West', 'Западный'] }

const syllables = (zh) => pinyin(zh, { toneType: 'none', type: 'array', nonZh: 'consecutive' }).filter((x) => x.trim())
/** Pinyin as one word per name, with the apostrophe before a, o, e: Yan'an. */
const pinyinWord = (syl) => {
  const w = syl.map((x, i) => (i && /^[aoe]/.test(x) ? `'${x}` : x)).join('')
  return w ? w[0].toUpperCase() + w.slice(1) : w
}

/** A station's name for the English and Russian interfaces (pinyin, Palladius); Chinese stays `name`. */
export function stationNames(zh, rail = false) {
  let base = zh.replace(/站$/, '')
  const dir = rail && base.length > 2 ? DIRECTION[base.slice(-1)] : undefined
  if (dir) base = base.slice(0, -1)
  const generic = GENERIC.find((g) => base.endsWith(g) && base.length > g.length)
  const parts = generic ? [base.slice(0, -generic.length), generic] : [base]
  const en = parts.map((p) => pinyinWord(syllables(p))).join(' ')
  const ru = parts.map((p) => toPalladius(syllables(p))).join(' ')
  return dir ? { en: `${en} ${dir[0]}`, ru: `${ru}-${dir[1]}` } : { en, ru }
}

const readLayer = (dir, name) => JSON.parse(readFileSync(join(dir, `${name}.geojson`), 'utf8'))
const inArea = (p, [w, s, e, n]) => p[0] >= w && p[0] <= e && p[1] >= s && p[1] <= n

function polygons(geometry) {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.type === 'MultiPolygon' ? geometry.coordinates : []
}
function lines(geometry) {
  return geometry.type === 'LineString' ? [geometry.coordinates] : geometry.type === 'MultiLineString' ? geometry.coordinates : []
}

/**
 * The layers both the overview and the sample basemap are made of, as GeoJSON features with a
 * `layer` property: land, runway, taxiway, metro_line, metro_station, rail_station.
 */
export function prepareLayers({ dir = GEODATA_DIR, area = AREA, toleranceM = 10, decimals = 5 } = {}) {
  const features = []
  const ring = (r) => {
    const c = clipRing(r, area)
    if (!c) return null
    const simple = roundCoords(simplify(c, toleranceM), decimals)
    if (simple.length < 4) return null
    const [f, l] = [simple[0], simple[simple.length - 1]]
    if (f[0] !== l[0] || f[1] !== l[1]) simple.push(f)
    return simple
  }
  const landParts = []
  for (const f of readLayer(dir, 'land').features) {
    for (const poly of polygons(f.geometry)) {
      const [outer, ...holes] = poly.map(ring)
      if (outer) landParts.push([outer, ...holes.filter(Boolean)])
    }
  }
  features.push({ type: 'Feature', properties: { layer: 'land' }, geometry: { type: 'MultiPolygon', coordinates: landParts } })
  const addLines = (props, ls) => {
    const parts = ls.flatMap((l) => clipLine(l, area)).map((l) => roundCoords(simplify(l, toleranceM), decimals)).filter((l) => l.length >= 2)
    if (parts.length) features.push({ type: 'Feature', properties: props, geometry: { type: 'MultiLineString', coordinates: parts } })
  }
  for (const f of readLayer(dir, 'aeroways').features) {
    // Liuting closed when Jiaodong opened (2021): drawing its runways would mislead.
    if (f.properties.site === 'liuting') continue
    addLines({ layer: f.properties.aeroway === 'runway' ? 'runway' : 'taxiway', ref: f.properties.ref ?? null }, lines(f.geometry))
  }
  for (const f of readLayer(dir, 'metro-lines').features) addLines({ layer: 'metro_line', ref: f.properties.ref ?? null }, lines(f.geometry))
  const points = (name, layer) => {
    for (const f of readLayer(dir, name).features) {
      const p = f.geometry.type === 'Point' ? f.geometry.coordinates : null
      if (!p || !inArea(p, area)) continue
      const [q] = roundCoords([p], decimals)
      const zh = typeof f.properties.name === 'string' && f.properties.name.trim() ? f.properties.name.trim() : null
      const names = zh ? stationNames(zh, layer === 'rail_station') : null
      features.push({ type: 'Feature', properties: { layer, name: zh, name_en: names?.en ?? null, name_ru: names?.ru ?? null }, geometry: { type: 'Point', coordinates: q } })
    }
  }
  points('metro-stations', 'metro_station')
  points('rail-stations', 'rail_station')
  const districts = JSON.parse(readFileSync(join(dir, 'districts.json'), 'utf8')).districts
  for (const d of districts) {
    if (!inArea([d.lon, d.lat], area)) continue
    features.push({ type: 'Feature', properties: { layer: 'district', name: d.zh, name_en: d.en, name_ru: toPalladius(d.pinyin) }, geometry: { type: 'Point', coordinates: [d.lon, d.lat] } })
  }
  return features
}

/** The overview: coarser than the basemap (≈10 m rounding, no taxiways), small enough to precache. */
export function buildOverview(opts = {}) {
  const features = prepareLayers({ toleranceM: 20, decimals: 4, ...opts }).filter((f) => f.properties.layer !== 'taxiway')
  return {
    type: 'FeatureCollection',
    attribution: ATTRIBUTION,
    source: 'OSM-derived layers of the Qingdao geodata set (land: @geo-maps/countries-coastline-1m; stations, runways: OpenQGIS/OMap-GeoDB 2025; metro line 3: OSM 2016). ODbL 1.0.',
    bbox: opts.area ?? AREA,
    features,
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = resolve(process.argv[2] ?? 'src/map/overview.json')
  mkdirSync(dirname(out), { recursive: true })
  const json = JSON.stringify(buildOverview())
  writeFileSync(out, `${json}\n`)
  console.log(`${out}: ${json.length} bytes`)
}
