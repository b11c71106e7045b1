// Where the detailed map's vector tiles are read and decoded. protomaps-leaflet's own source decodes every
// layer of a tile and builds each feature's object four times over (one `layer.feature(i)` per field it
// copies); with 1,800 building footprints in a z14 tile, decoding was most of a first draw at z15. This
// source gives the renderer the same features, built once, and only from the layers a rule draws at the
// display zooms the tile serves (buildings are not decoded for z15).
import { VectorTile } from '@mapbox/vector-tile'
import Pbf from 'pbf'
import type { PMTiles } from 'pmtiles'
import type { Feature, TileSource, Zxy } from 'protomaps-leaflet'

export function decodeTile(data: ArrayBuffer, tileSize: number, layers: ReadonlySet<string> | null): Map<string, Feature[]> {
  const tile = new VectorTile(new Pbf(new Uint8Array(data)))
  const out = new Map<string, Feature[]>()
  for (const [name, layer] of Object.entries(tile.layers)) {
    if (layers && !layers.has(name)) continue
    const scale = tileSize / layer.extent
    const features: Feature[] = []
    for (let i = 0; i < layer.length; i++) {
      const f = layer.feature(i)
      const geom = f.loadGeometry()
      let minX = Infinity
      let minY = Infinity
      let maxX = -Infinity
      let maxY = -Infinity
      let numVertices = 0
      for (const ring of geom) {
        numVertices += ring.length
        for (const p of ring) {
          p.x *= scale
          p.y *= scale
          if (p.x < minX) minX = p.x
          if (p.x > maxX) maxX = p.x
          if (p.y < minY) minY = p.y
          if (p.y > maxY) maxY = p.y
        }
      }
      features.push({ id: f.id, geomType: f.type, geom, numVertices, bbox: { minX, minY, maxX, maxY }, props: f.properties } as Feature)
    }
    out.set(name, features)
  }
  return out
}

function abortError(): Error {
  return new DOMException('tile of a zoom no longer shown', 'AbortError')
}

/**
 * A TileSource over a PMTiles archive. As protomaps-leaflet's own, a request for another zoom cancels the
 * ones still pending (the renderer ignores AbortError); a cancelled tile is also not decoded.
 */
export class PackTileSource implements TileSource {
  private pending: { z: number; controller: AbortController }[] = []

  constructor(private readonly archive: PMTiles, private readonly layersFor: (dataZoom: number) => ReadonlySet<string> | null) {}

  async get(c: Zxy, tileSize: number): Promise<Map<string, Feature[]>> {
    this.pending = this.pending.filter((p) => p.z === c.z || (p.controller.abort(), false))
    const controller = new AbortController()
    this.pending.push({ z: c.z, controller })
    try {
      const res = await this.archive.getZxy(c.z, c.x, c.y, controller.signal)
      if (controller.signal.aborted) throw abortError()
      return res ? decodeTile(res.data, tileSize, this.layersFor(c.z)) : new Map()
    } finally {
      this.pending = this.pending.filter((p) => p.controller !== controller)
    }
  }
}
