// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { createHash } from 'node:crypto'
import { PMTiles, TileType } from 'pmtiles'
import { AREA, buildOverview, clipLine, clipRing, simplify } from '../../scripts/build-overview.mjs'
import { bufferSource, buildSamplePack } from '../../scripts/build-basemap.mjs'
import { writePmtiles, Compression } from '../../scripts/pmtiles-writer.mjs'
import committed from '../../src/map/overview.json'

type Fc = { attribution: string; bbox: number[]; features: { properties: { layer: string; name?: string | null }; geometry: { type: string; coordinates: unknown } }[] }
const positions = (c: unknown): number[][] => (typeof (c as number[])[0] === 'number' ? [c as number[]] : (c as unknown[]).flatMap(positions))

describe('overview clipping', () => {
  const box: [number, number, number, number] = [0, 0, 10, 10]
  it('clips a ring to the box and keeps it closed', () => {
    const ring = clipRing([[-5, 5], [5, -5], [15, 5], [5, 15], [-5, 5]], box)!
    expect(ring[0]).toEqual(ring[ring.length - 1])
    for (const [x, y] of ring) {
      expect(x).toBeGreaterThanOrEqual(0)
      expect(x).toBeLessThanOrEqual(10)
      expect(y).toBeGreaterThanOrEqual(0)
      expect(y).toBeLessThanOrEqual(10)
    }
    expect(clipRing([[20, 20], [30, 20], [30, 30], [20, 20]], box)).toBeNull()
  })
  it('splits a line where it leaves the box', () => {
    expect(clipLine([[1, 1], [2, 2], [20, 20], [3, 3], [4, 4]], box)).toEqual([[[1, 1], [2, 2]], [[3, 3], [4, 4]]])
  })
  it('simplifies within the tolerance', () => {
    const line = [[120, 36], [120.00001, 36.000001], [120.01, 36]]
    expect(simplify(line, 10)).toEqual([[120, 36], [120.01, 36]])
    expect(simplify([[120, 36], [120.005, 36.01], [120.01, 36]], 10)).toHaveLength(3)
  })
})

describe('the overview layer', () => {
  const fresh = buildOverview() as Fc
  it('is what the committed file holds (run `npm run overview` after changing the script or the data)', () => {
    expect(committed).toEqual(JSON.parse(JSON.stringify(fresh)))
  })
  it('credits OpenStreetMap and stays inside the visitor area', () => {
    expect(fresh.attribution).toContain('OpenStreetMap contributors')
    expect(fresh.bbox).toEqual(AREA)
    for (const f of fresh.features) {
      for (const [lon, lat] of positions(f.geometry.coordinates)) {
        expect(lon).toBeGreaterThanOrEqual(AREA[0]!)
        expect(lon).toBeLessThanOrEqual(AREA[2]!)
        expect(lat).toBeGreaterThanOrEqual(AREA[1]!)
        expect(lat).toBeLessThanOrEqual(AREA[3]!)
      }
    }
  })
  it('has land with the coast, stations and runways, and no closed airport', () => {
    const layers = fresh.features.map((f) => f.properties.layer)
    expect(layers.filter((l) => l === 'land')).toHaveLength(1)
    expect(layers.filter((l) => l === 'rail_station').length).toBeGreaterThan(20)
    expect(layers.filter((l) => l === 'metro_station').length).toBeGreaterThan(150)
    expect(layers).toContain('runway')
    expect(layers).not.toContain('taxiway')
    // Liuting (closed 2021) lies at lon 120.33–120.42, lat 36.22–36.30.
    const runways = fresh.features.filter((f) => f.properties.layer === 'runway').flatMap((f) => positions(f.geometry.coordinates))
    expect(runways.some(([lon, lat]) => lon! > 120.33 && lon! < 120.42 && lat! > 36.22 && lat! < 36.3)).toBe(false)
    // May Fourth Square is on land, the middle of Jiaozhou Bay is not.
    const land = fresh.features.find((f) => f.properties.layer === 'land')!.geometry.coordinates as number[][][][]
    const inside = ([x, y]: number[]) => land.some(([outer]) => {
      let c = false
      for (let i = 0, j = outer!.length - 1; i < outer!.length; j = i++) {
        const [xi, yi] = outer![i]!
        const [xj, yj] = outer![j]!
        if (yi! > y! !== yj! > y! && x! < ((xj! - xi!) * (y! - yi!)) / (yj! - yi!) + xi!) c = !c
      }
      return c
    })
    expect(inside([120.38, 36.08])).toBe(true)
    expect(inside([120.24, 36.15])).toBe(false)
  })
  it('is small enough to precache', () => {
    expect(JSON.stringify(fresh).length).toBeLessThan(64 * 1024)
  })
})

describe('the PMTiles writer and the sample basemap', () => {
  it('round-trips through the official reader, with leaf directories when the root is full', async () => {
    // Lengths that do not compress away, so the directory outgrows the first 16 KiB.
    let seed = 7
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % 997
    const tiles = []
    for (let x = 0; x < 128; x++) for (let y = 0; y < 128; y++) tiles.push({ z: 7, x, y, data: new TextEncoder().encode(`${x}/${y}/`.padEnd(8 + rand(), '.')) })
    const buf = writePmtiles({ tiles, tileType: TileType.Png, tileCompression: Compression.None, bounds: [-180, -85, 180, 85], center: [0, 0, 7], metadata: { name: 't' } })
    const p = new PMTiles(bufferSource(buf))
    const h = await p.getHeader()
    expect(h.numAddressedTiles).toBe(128 * 128)
    expect(h.leafDirectoryLength).toBeGreaterThan(0)
    for (const [x, y] of [[0, 0], [127, 127], [64, 3], [5, 99]] as const) {
      const t = await p.getZxy(7, x, y)
      expect(new TextDecoder().decode(t!.data)).toMatch(new RegExp(`^${x}/${y}/\\.+$`))
    }
    expect(await p.getZxy(8, 0, 0)).toBeUndefined()
    expect(await p.getMetadata()).toEqual({ name: 't' })
  })
  it('the committed sample pack is the one the script builds, and packs.json describes it', async () => {
    const packs = JSON.parse(readFileSync('public/maps/packs.json', 'utf8'))
    const file = readFileSync(`public/maps/${packs.url}`)
    expect(file.length).toBe(packs.bytes)
    expect(createHash('sha256').update(file).digest('hex')).toBe(packs.sha256)
    const { buf } = buildSamplePack()
    expect(createHash('sha256').update(buf).digest('hex')).toBe(packs.sha256)
    expect([packs.minzoom, packs.maxzoom]).toEqual([8, 14])
    expect(packs.url).toMatch(/^qingdao-sample-[0-9a-f]{12}\.pmtiles$/)
  }, 60_000)
  it('holds vector tiles of our layers at z8–14 around the city', async () => {
    const packs = JSON.parse(readFileSync('public/maps/packs.json', 'utf8'))
    const p = new PMTiles(bufferSource(readFileSync(`public/maps/${packs.url}`)))
    const h = await p.getHeader()
    expect([h.minZoom, h.maxZoom, h.tileType]).toEqual([8, 14, TileType.Mvt])
    // The z14 tile over May Fourth Square (36.0612, 120.3802) holds land and the 五四广场 metro station:
    // MVT layer names and string values are stored verbatim in the protobuf.
    const [lat, lon] = [36.0612, 120.3802]
    const x = Math.floor(((lon + 180) / 360) * 2 ** 14)
    const r = (lat * Math.PI) / 180
    const y = Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * 2 ** 14)
    const t = await p.getZxy(14, x, y)
    // (the reader has already gunzipped the tile)
    const mvt = Buffer.from(t!.data).toString('utf8')
    expect(mvt).toContain('land')
    expect(mvt).toContain('metro_station')
    expect(mvt).toContain('五四广场')
    // open sea far offshore is left out (drawn as the background colour)
    expect(await p.getZxy(14, Math.floor(((120.95 + 180) / 360) * 2 ** 14), y)).toBeUndefined()
  })
})
