import { describe, expect, it } from 'vitest'
import { fromGeojsonVt } from '@maplibre/vt-pbf'
import { PmtilesSource, labelRules, paintRules, type Feature } from 'protomaps-leaflet'
import { namedFlavor } from '@protomaps/basemaps'
import type { PMTiles } from 'pmtiles'
import { PackTileSource, decodeTile } from '../../src/map/basemap-tiles'
import { BUILDINGS_MINZOOM, layersDrawn, tuneLabelRules, tunePaintRules } from '../../src/map/basemap-rules'

const square = [[100, 100], [900, 100], [900, 700], [100, 700], [100, 100]]
const tileBytes = (): ArrayBuffer => {
  const mvt = fromGeojsonVt({
    earth: { features: [{ type: 3, geometry: [square], tags: { kind: 'earth' } }] },
    roads: { features: [
      { type: 2, geometry: [[[0, 0], [2048, 1024], [4096, 4000]]], tags: { kind: 'major_road', name: '山东路', 'name:en': 'Shandong Road' } },
      { type: 2, geometry: [[[10, 20], [30, 40]], [[50, 60], [70, 80]]], tags: { kind: 'minor_road' } },
    ] },
    buildings: { features: [{ type: 3, geometry: [square], tags: { kind: 'building', height: 12 } }] },
    places: { features: [{ type: 1, geometry: [[2000, 3000]], tags: { kind: 'locality', name: '市南区', 'name:ru': 'Шинань' } }] },
  } as never, { version: 2, extent: 4096 })
  return mvt.buffer.slice(mvt.byteOffset, mvt.byteOffset + mvt.byteLength) as ArrayBuffer
}
const archive = (data: () => ArrayBuffer | null, wait?: Promise<void>) => ({
  getZxy: async () => {
    await wait
    const d = data()
    return d ? { data: d } : undefined
  },
}) as unknown as PMTiles
const plain = (m: Map<string, Feature[]>) => Object.fromEntries([...m].map(([k, fs]) => [k, fs.map((f) => ({
  geomType: f.geomType, props: f.props, numVertices: f.numVertices, bbox: f.bbox, geom: f.geom.map((r) => r.map((p) => [p.x, p.y])),
}))]))

describe('detailed map: tile decoding', () => {
  it('gives the renderer the same features as protomaps-leaflet’s own source', async () => {
    const theirs = await new PmtilesSource(archive(tileBytes), false).get({ z: 14, x: 1, y: 2 }, 512)
    const ours = await new PackTileSource(archive(tileBytes), () => null).get({ z: 14, x: 1, y: 2 }, 512)
    expect(plain(ours)).toEqual(plain(theirs))
    expect(ours.get('roads')?.[0]?.props).toMatchObject({ 'name:en': 'Shandong Road' })
    expect(ours.get('roads')?.[1]?.geom).toHaveLength(2)
  })

  it('decodes only the layers it is asked for', () => {
    const m = decodeTile(tileBytes(), 512, new Set(['earth', 'roads']))
    expect([...m.keys()].sort()).toEqual(['earth', 'roads'])
    expect(m.get('roads')).toHaveLength(2)
  })

  it('returns no features for a missing tile, and leaves a tile of a zoom no longer shown undecoded', async () => {
    expect((await new PackTileSource(archive(() => null), () => null).get({ z: 3, x: 0, y: 0 }, 512)).size).toBe(0)
    let release = () => {}
    const source = new PackTileSource(archive(tileBytes, new Promise((r) => (release = r))), () => null)
    const stale = source.get({ z: 14, x: 1, y: 2 }, 512)
    const current = source.get({ z: 15, x: 2, y: 4 }, 512)
    release()
    await expect(stale).rejects.toMatchObject({ name: 'AbortError' })
    expect((await current).size).toBe(4)
  })
})

describe('detailed map: layers a data tile needs', () => {
  const rules = [...tunePaintRules(paintRules(namedFlavor('light'))), ...tuneLabelRules(labelRules(namedFlavor('light'), 'en'))]

  it('skips building footprints below the zoom they are drawn at, keeps everything else', () => {
    const z15 = layersDrawn(rules, 15, 15)
    expect(z15.has('buildings')).toBe(false)
    for (const layer of ['earth', 'water', 'landuse', 'roads', 'places']) expect(z15.has(layer)).toBe(true)
    expect(layersDrawn(rules, BUILDINGS_MINZOOM, BUILDINGS_MINZOOM).has('buildings')).toBe(true)
    // The deepest data tile serves every zoom beyond it.
    expect(layersDrawn(rules, 15, Infinity).has('buildings')).toBe(true)
  })

  it('reads zooms as the renderer does: absent or 0 is open', () => {
    const r = [{ dataLayer: 'a', minzoom: 0, maxzoom: 0 }, { dataLayer: 'b', minzoom: 14 }, { dataLayer: 'c', maxzoom: 10 }]
    expect([...layersDrawn(r, 12, 12)].sort()).toEqual(['a'])
    expect([...layersDrawn(r, 10, 14)].sort()).toEqual(['a', 'b', 'c'])
  })
})
