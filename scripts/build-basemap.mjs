#!/usr/bin/env node
// Builds the offline basemap pack: public/maps/qingdao-sample-<version>.pmtiles + public/maps/packs.json.
//
//   node scripts/build-basemap.mjs                      sample pack (z8–14 vector tiles) from the OSM-derived
//                                                       GeoJSON in GEODATA_DIR (default scripts/geodata/)    
//   node scripts/build-basemap.mjs --pack qd.pmtiles    publish an operator's own archive instead, e.g. a Protomaps
//                                                       extract: pmtiles extract <build>.pmtiles qd.pmtiles
//                                                       --bbox=119.6,35.55,121.0,36.6 --maxzoom=15
//
// The file name carries the version (a content hash), so a new pack never overwrites the one a visitor
// has stored: Cache Storage keys on the URL and the app swaps packs atomically.
import { createHash } from 'node:crypto'
import { readFileSync, readdirSync, rmSync, writeFileSync, mkdirSync } from 'node:fs'
import { gzipSync } from 'node:zlib'
import { join, resolve, basename } from 'node:path'
import { fileURLToPath } from 'node:url'
import { GeoJSONVT } from '@maplibre/geojson-vt'
import { fromGeojsonVt } from '@maplibre/vt-pbf'
import { PMTiles } from 'pmtiles'
import { AREA, ATTRIBUTION, prepareLayers } from './build-overview.mjs'
import { Compression, TileType, writePmtiles } from './pmtiles-writer.mjs'

export const LAYERS = ['land', 'runway', 'taxiway', 'metro_line', 'metro_station', 'rail_station']
const EXTENT = 4096

const lon2x = (lon, z) => Math.floor(((lon + 180) / 360) * 2 ** z)
const lat2y = (lat, z) => {
  const r = (lat * Math.PI) / 180
  return Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * 2 ** z)
}

/** Vector tiles of the prepared layers; tiles with nothing in them (open sea) are left out. */
export function buildSampleTiles({ minZoom = 8, maxZoom = 14, area = AREA, dir } = {}) {
  const features = prepareLayers({ area, dir })
  const indexes = LAYERS.map((layer) => [layer, new GeoJSONVT(
    { type: 'FeatureCollection', features: features.filter((f) => f.properties.layer === layer) },
    { maxZoom, indexMaxZoom: 6, tolerance: 3, extent: EXTENT, buffer: 64 },
  )])
  const tiles = []
  for (let z = minZoom; z <= maxZoom; z++) {
    const [x0, x1, y0, y1] = [lon2x(area[0], z), lon2x(area[2], z), lat2y(area[3], z), lat2y(area[1], z)]
    for (let x = x0; x <= x1; x++) {
      for (let y = y0; y <= y1; y++) {
        const layers = {}
        for (const [name, index] of indexes) {
          const t = index.getTile(z, x, y)
          if (t && t.features.length) layers[name] = t
        }
        if (!Object.keys(layers).length) continue
        const pbf = fromGeojsonVt(layers, { version: 2, extent: EXTENT })
        tiles.push({ z, x, y, data: gzipSync(pbf, { level: 9, mtime: 0 }) })
      }
    }
  }
  return tiles
}

export function buildSamplePack(opts = {}) {
  const minZoom = opts.minZoom ?? 8
  const maxZoom = opts.maxZoom ?? 14
  const area = opts.area ?? AREA
  const tiles = buildSampleTiles({ ...opts, minZoom, maxZoom, area })
  const metadata = {
    name: 'Qingdao sample basemap',
    description: 'Land, runways, metro line 3, metro and rail stations of the Qingdao visitor area (sample pack).',
    attribution: ATTRIBUTION,
    schema: 'qingdao-sample',
    vector_layers: LAYERS.map((id) => ({ id, fields: { name: 'String', ref: 'String' }, minzoom: minZoom, maxzoom: maxZoom })),
  }
  const buf = writePmtiles({
    tiles, tileType: TileType.Mvt, tileCompression: Compression.Gzip, bounds: area,
    center: [120.38, 36.07, 11], metadata,
  })
  return { buf, tiles: tiles.length, minZoom, maxZoom, area }
}

/** A Node Source for the official reader, to check what we wrote. */
export function bufferSource(buf) {
  return {
    getKey: () => 'buffer',
    getBytes: async (offset, length) => ({ data: buf.buffer.slice(buf.byteOffset + offset, buf.byteOffset + offset + length) }),
  }
}

async function publish(buf, { outDir, schema, prefix, minZoom, maxZoom, bounds, attribution }) {
  const sha256 = createHash('sha256').update(buf).digest('hex')
  const version = sha256.slice(0, 12)
  const file = `${prefix}-${version}.pmtiles`
  mkdirSync(outDir, { recursive: true })
  for (const f of readdirSync(outDir)) if (f.startsWith(`${prefix}-`) && f.endsWith('.pmtiles') && f !== file) rmSync(join(outDir, f))
  writeFileSync(join(outDir, file), buf)
  const pack = { url: file, bytes: buf.length, sha256, version, bounds, minzoom: minZoom, maxzoom: maxZoom, schema, attribution }
  writeFileSync(join(outDir, 'packs.json'), `${JSON.stringify(pack, null, 2)}\n`)
  return { file: join(outDir, file), pack }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2)
  const opt = (name) => {
    const i = args.indexOf(name)
    return i >= 0 ? args[i + 1] : undefined
  }
  const outDir = resolve(opt('--out') ?? 'public/maps')
  const own = opt('--pack')
  let result
  if (own) {
    const buf = readFileSync(own)
    const p = new PMTiles(bufferSource(buf))
    const h = await p.getHeader()
    result = await publish(buf, {
      outDir, prefix: opt('--name') ?? basename(own, '.pmtiles'), schema: opt('--schema') ?? 'protomaps',
      minZoom: h.minZoom, maxZoom: h.maxZoom, bounds: [h.minLon, h.minLat, h.maxLon, h.maxLat],
      attribution: opt('--attribution') ?? '© OpenStreetMap contributors · Protomaps',
    })
  } else {
    const t0 = Date.now()
    const { buf, tiles, minZoom, maxZoom, area } = buildSamplePack()
    result = await publish(buf, { outDir, prefix: 'qingdao-sample', schema: 'qingdao-sample', minZoom, maxZoom, bounds: area, attribution: ATTRIBUTION })
    console.log(`${tiles} tiles in ${Date.now() - t0} ms`)
  }
  console.log(`${result.file}: ${result.pack.bytes} bytes, z${result.pack.minzoom}–${result.pack.maxzoom}, sha256 ${result.pack.sha256}`)
}
