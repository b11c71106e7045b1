#!/usr/bin/env node
// A synthetic street pack in the Protomaps basemap v4 schema (layers earth, water, landuse, roads,
// buildings, places, pois; names in `name`, `name:en`, `name:ru`), standing in for the output of
// `pmtiles extract` over the Qingdao visitor area, which cannot be fetched in CI. It is made for
// measuring and testing, not for visitors: streets are a grid of gently bending lines whose density follows the
// city's built-up areas (dense in Shinan, Shibei, Licang, Huangdao, Chengyang, Jiaozhou, Jimo; villages
// elsewhere), buildings are footprints with several vertices, and the sea is a rough mask. At the full
// area and z8–15 it is about 50 MB, the size the operator's real pack is expected to have.
//
//   node scripts/synthetic-pack.mjs OUT.pmtiles [--small] [--max-zoom 15] [--bbox w,s,e,n]
//
// --small: the city core only (a few hundred kB), for the end-to-end tests.
import { writeFileSync, mkdirSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { gzipSync } from 'node:zlib'
import { fileURLToPath } from 'node:url'
import { fromGeojsonVt } from '@maplibre/vt-pbf'
import { Compression, TileType, writePmtiles } from './pmtiles-writer.mjs'

export const FULL_AREA = [119.6, 35.55, 121.0, 36.6]
/** Bumped whenever the generated content changes, so cached copies (.bench/) are rebuilt. */
export const SYNTHETIC_VERSION = 3
/**
 * Below z15 Protomaps drops building footprints smaller than 3.125 px² of a 256 px tile and merges the
 * rest (FeatureMerge.mergeNearbyPolygons(items, 3.125, 3.125, 0.5, 0.5) in the Buildings layer of
 * github.com/protomaps/basemaps, tiles/src/main/java/com/protomaps/basemap/layers/Buildings.java;
 * docs.protomaps.com/basemaps/layers: "z0-14 contains merged buildings"). At z14 that is about 190 m²
 * in Qingdao; at z13 about 740 m², bigger than any footprint made here, so z ≤ 13 has none.
 */
const MIN_BUILDING_PX2 = 3.125
export const SMALL_AREA = [120.3, 36.03, 120.45, 36.11]
const EXTENT = 4096
const BUFFER = 64

/** Built-up centres: [lon, lat, radius km]. */
const CENTRES = [
  [120.37, 36.07, 6], [120.42, 36.15, 5], [120.19, 35.96, 6], [120.39, 36.3, 5],
  [120.03, 36.28, 4], [120.45, 36.39, 4], [120.47, 36.1, 4], [120.28, 36.27, 3],
]
/** Made-up street names with their English and Russian forms; some lack Russian to show the fallback. */
const STREETS = [
  ['香港中路', 'Xianggang Middle Road', 'Сянган-Чжунлу'], ['东海西路', 'Donghai West Road', 'Дунхай-Силу'],
  ['山东路', 'Shandong Road', 'Шаньдун-лу'], ['南京路', 'Nanjing Road', 'Нанкин-лу'], ['福州路', 'Fuzhou Road', null],
  ['延安三路', "Yan'an 3rd Road", 'Яньань-саньлу'], ['澳门路', 'Aomen Road', 'Аомэнь-лу'], ['闽江路', 'Minjiang Road', 'Миньцзян-лу'],
  ['宁夏路', 'Ningxia Road', 'Нинся-лу'], ['燕儿岛路', "Yan'erdao Road", null], ['云霄路', 'Yunxiao Road', 'Юньсяо-лу'],
  ['江西路', 'Jiangxi Road', 'Цзянси-лу'],
]
const PLACES = [
  ['市南区', 'Shinan', 'Шинань', 120.38, 36.06], ['市北区', 'Shibei', 'Шибэй', 120.37, 36.09],
  ['李沧区', 'Licang', 'Лицан', 120.43, 36.15], ['崂山区', 'Laoshan', 'Лаошань', 120.47, 36.11],
  ['城阳区', 'Chengyang', 'Чэнъян', 120.39, 36.31], ['黄岛区', 'Huangdao', 'Хуандао', 120.2, 35.96],
  ['胶州市', 'Jiaozhou', 'Цзяочжоу', 120.03, 36.28], ['即墨区', 'Jimo', 'Цзимо', 120.45, 36.39],
]

const lon2x = (lon, z) => ((lon + 180) / 360) * 2 ** z
const lat2y = (lat, z) => {
  const r = (lat * Math.PI) / 180
  return ((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * 2 ** z
}
const x2lon = (x, z) => (x / 2 ** z) * 360 - 180
const y2lat = (y, z) => (Math.atan(Math.sinh(Math.PI * (1 - (2 * y) / 2 ** z))) * 180) / Math.PI

/** Deterministic 0..1 from integers (the pack is reproducible byte for byte). */
function rnd(...n) {
  let h = 0x9e3779b9
  for (const v of n) h = Math.imul(h ^ (v | 0), 0x85ebca6b) ^ (h >>> 13)
  h = Math.imul(h ^ (h >>> 16), 0xc2b2ae35)
  return ((h ^ (h >>> 16)) >>> 0) / 4294967296
}

/** A rough sea mask: Jiaozhou Bay and the Yellow Sea south and east of the peninsula. */
function isSea(lon, lat) {
  if (((lon - 120.24) / 0.12) ** 2 + ((lat - 36.14) / 0.09) ** 2 < 1) return true
  if (lat < 36.04 - (lon - 120.3) * 0.2 && lon > 120.27) return true
  if (lat < 35.88 && lon > 120.05) return true
  return lon > 120.62 && lat < 36.35
}

function density(lon, lat) {
  let d = 0.12
  for (const [cx, cy, r] of CENTRES) {
    const km = Math.hypot((lon - cx) * 90, (lat - cy) * 111)
    d = Math.max(d, Math.exp(-((km / r) ** 2)))
  }
  return d
}

/** Street grid spacing in degrees (about 110 m in town). */
const STEP = 0.0012
/** Length of a street's gentle bend, in degrees (about 1 km). */
const BEND_WAVE = 0.01
/** Where the vertices of each group of six fall, in vertex spacings: one long stretch, then five close together. */
const BEND = [0, 4.8, 5.04, 5.28, 5.52, 5.76]

function tileFeatures(z, x, y, scale) {
  const lon0 = x2lon(x, z)
  const lon1 = x2lon(x + 1, z)
  const lat0 = y2lat(y + 1, z)
  const lat1 = y2lat(y, z)
  const px = (lon) => Math.round((lon2x(lon, z) - x) * EXTENT)
  const py = (lat) => Math.round((lat2y(lat, z) - y) * EXTENT)
  const clon = (lon0 + lon1) / 2
  const clat = (lat0 + lat1) / 2
  const layers = { earth: [], water: [], landuse: [], roads: [], buildings: [], places: [], pois: [] }
  const whole = [[[-BUFFER, -BUFFER], [EXTENT + BUFFER, -BUFFER], [EXTENT + BUFFER, EXTENT + BUFFER], [-BUFFER, EXTENT + BUFFER], [-BUFFER, -BUFFER]]]
  const sea = isSea(clon, clat)
  if (sea) layers.water.push({ type: 3, geometry: whole, tags: { kind: 'ocean' } })
  else layers.earth.push({ type: 3, geometry: whole, tags: { kind: 'earth' } })
  for (const [zh, en, ru, lon, lat] of PLACES) {
    if (lon >= lon0 && lon < lon1 && lat >= lat0 && lat < lat1 && z <= 14) {
      layers.places.push({ type: 1, geometry: [[px(lon), py(lat)]], tags: { kind: 'locality', name: zh, 'name:en': en, 'name:ru': ru, min_zoom: 8, population_rank: 10 } })
    }
  }
  if (sea) return layers
  const d = density(clon, clat)
  // Streets: every grid line crossing the tile, by class, with as many vertices as real streets (one per
  // ~20 m at z15), but laid out as mapped streets are: a long straight stretch, then a few vertices close
  // together at a bend, and a gentle bend (±4 m over about 1 km) rather than a jitter at every vertex.
  // The label layout places a street name only on a run that turns less than 4° per vertex and ends in a
  // segment longer than twice the text height: evenly spaced, jittered vertices left no place for any name.
  const classOf = (k) => (k % 24 === 0 ? 'highway' : k % 6 === 0 ? 'major_road' : k % 2 === 0 ? 'minor_road' : 'path')
  const shown = { highway: 8, major_road: 11, minor_road: 13, path: 14 }
  const named = (k) => {
    const [zh, en, ru] = STREETS[Math.abs(k) % STREETS.length]
    return ru ? { name: zh, 'name:en': en, 'name:ru': ru } : { name: zh, 'name:en': en }
  }
  for (const axis of [0, 1]) {
    const [a0, a1] = axis ? [lat0, lat1] : [lon0, lon1]
    for (let k = Math.ceil(a0 / STEP); k * STEP < a1; k++) {
      const kind = classOf(k)
      if (z < shown[kind]) continue
      if ((kind === 'minor_road' || kind === 'path') && d < 0.3 && rnd(k, axis, 7) > d * 2) continue
      const pts = []
      const [b0, b1] = axis ? [lon0, lon1] : [lat0, lat1]
      const n = Math.max(2, Math.round((b1 - b0) / 0.0002 / 2 ** Math.max(0, 15 - z)))
      let last = -1
      for (let i = 0; i <= n; i++) {
        const u = i === n ? n : Math.min(n, i - (i % BEND.length) + BEND[i % BEND.length])
        if (u === last) continue
        last = u
        const t = b0 + ((b1 - b0) * u) / n
        const j = Math.sin((2 * Math.PI * t) / BEND_WAVE + 2 * Math.PI * rnd(k, axis)) * STEP * 0.03
        pts.push(axis ? [px(t), py(k * STEP + j)] : [px(k * STEP + j), py(t)])
      }
      layers.roads.push({ type: 2, geometry: [pts], tags: { kind, ...named(k), min_zoom: shown[kind] } })
    }
  }
  if (z >= 11) {
    // Parks and residential landuse, one per few blocks.
    const big = STEP * 6
    for (let i = Math.floor(lon0 / big); i * big < lon1; i++) {
      for (let j = Math.floor(lat0 / big); j * big < lat1; j++) {
        const r = rnd(i, j, 11)
        if (r > 0.35) continue
        const ring = [[i * big, j * big], [(i + 0.8) * big, j * big], [(i + 0.8) * big, (j + 0.7) * big], [i * big, (j + 0.7) * big], [i * big, j * big]]
        layers.landuse.push({ type: 3, geometry: [ring.map(([lo, la]) => [px(lo), py(la)])], tags: { kind: r < 0.1 ? 'park' : r < 0.2 ? 'residential' : 'farmland', ...(r < 0.1 ? { name: '公园', 'name:en': 'Park', 'name:ru': 'Парк' } : {}) } })
      }
    }
  }
  if (z >= 14) {
    // Buildings: up to `scale` footprints per block, with 6–9 vertices, fewer outside town.
    for (let i = Math.floor(lon0 / STEP); i * STEP < lon1; i++) {
      for (let j = Math.floor(lat0 / STEP); j * STEP < lat1; j++) {
        const n = Math.round(scale * d * (0.6 + rnd(i, j, 3)))
        for (let b = 0; b < n; b++) {
          const cx = (i + 0.1 + 0.8 * rnd(i, j, b, 1)) * STEP
          const cy = (j + 0.1 + 0.8 * rnd(i, j, b, 2)) * STEP
          if (cx < lon0 - STEP / 4 || cx > lon1 + STEP / 4 || cy < lat0 - STEP / 4 || cy > lat1 + STEP / 4) continue
          const w = STEP * (0.05 + 0.08 * rnd(i, j, b, 4))
          const h = STEP * (0.05 + 0.08 * rnd(i, j, b, 5))
          const v = 6 + Math.floor(rnd(i, j, b, 6) * 4)
          const ring = []
          for (let q = 0; q < v; q++) {
            const ang = (q / v) * Math.PI * 2
            const f = 0.8 + 0.4 * rnd(i, j, b, q + 10)
            ring.push([px(cx + Math.cos(ang) * w * f), py(cy + Math.sin(ang) * h * f)])
          }
          ring.push(ring[0])
          if (z < 15 && ringArea(ring) / (EXTENT / 256) ** 2 < MIN_BUILDING_PX2) continue
          layers.buildings.push({ type: 3, geometry: [ring], tags: { kind: 'building', height: Math.round(6 + 60 * rnd(i, j, b, 7) * d) } })
        }
        if (z >= 15 && rnd(i, j, 9) < d * 0.3) {
          const [zh, en, ru] = STREETS[(i + j) % STREETS.length]
          layers.pois.push({ type: 1, geometry: [[px((i + 0.5) * STEP), py((j + 0.5) * STEP)]], tags: { kind: 'restaurant', name: `${zh}餐厅`, 'name:en': `${en} Restaurant`, ...(ru ? { 'name:ru': `Ресторан ${ru}` } : {}) } })
        }
      }
    }
  }
  return layers
}

/** Area of a closed ring in tile units² (shoelace). */
function ringArea(ring) {
  let a = 0
  for (let i = 1; i < ring.length; i++) a += ring[i - 1][0] * ring[i][1] - ring[i][0] * ring[i - 1][1]
  return Math.abs(a) / 2
}

/** Encode one tile (null when empty). */
function encode(layers) {
  const out = {}
  for (const [name, features] of Object.entries(layers)) if (features.length) out[name] = { features }
  if (!Object.keys(out).length) return null
  return gzipSync(fromGeojsonVt(out, { version: 2, extent: EXTENT }), { level: 6 })
}

/** @returns {{ buf: Buffer, tiles: number, minZoom: number, maxZoom: number, area: number[] }} */
export function buildSyntheticPack({ area = FULL_AREA, minZoom = 8, maxZoom = 15, scale = 6 } = {}) {
  const tiles = []
  for (let z = minZoom; z <= maxZoom; z++) {
    const [x0, x1] = [Math.floor(lon2x(area[0], z)), Math.floor(lon2x(area[2], z))]
    const [y0, y1] = [Math.floor(lat2y(area[3], z)), Math.floor(lat2y(area[1], z))]
    for (let x = x0; x <= x1; x++) {
      for (let y = y0; y <= y1; y++) {
        const data = encode(tileFeatures(z, x, y, scale))
        if (data) tiles.push({ z, x, y, data })
      }
    }
  }
  const metadata = {
    name: 'Synthetic Qingdao street pack (tests and benchmarks only)',
    attribution: 'Synthetic data',
    vector_layers: ['earth', 'water', 'landuse', 'roads', 'buildings', 'places', 'pois'].map((id) => ({ id, fields: { kind: 'String', name: 'String', 'name:en': 'String', 'name:ru': 'String' }, minzoom: minZoom, maxzoom: maxZoom })),
  }
  const buf = writePmtiles({ tiles, tileType: TileType.Mvt, tileCompression: Compression.Gzip, bounds: area, center: [120.38, 36.07, 13], metadata })
  return { buf, tiles: tiles.length, minZoom, maxZoom, area }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2)
  const opt = (name) => {
    const i = args.indexOf(name)
    return i >= 0 ? args[i + 1] : undefined
  }
  const out = resolve(args.find((a, i) => !a.startsWith('--') && !(args[i - 1] ?? '').startsWith('--')) ?? '.bench/synthetic-qingdao.pmtiles')
  const area = opt('--bbox')?.split(',').map(Number) ?? (args.includes('--small') ? SMALL_AREA : FULL_AREA)
  const t0 = Date.now()
  const { buf, tiles } = buildSyntheticPack({ area, maxZoom: Number(opt('--max-zoom') ?? 15), scale: Number(opt('--scale') ?? 6) })
  mkdirSync(dirname(out), { recursive: true })
  writeFileSync(out, buf)
  console.log(`${out}: ${tiles} tiles, ${(buf.length / 1e6).toFixed(1)} MB in ${((Date.now() - t0) / 1000).toFixed(1)} s`)
}
