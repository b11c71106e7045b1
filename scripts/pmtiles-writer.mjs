// A minimal PMTiles v3 writer (https://github.com/protomaps/PMTiles/blob/main/spec/v3/spec.md).
// npm has readers only; this covers what a small city pack needs: the 127-byte header, varint
// directories (root, and leaves when the root would not fit in the first 16 KiB), gzip for
// directories and metadata, de-duplicated tile contents with run lengths, clustered tile order.
import { createHash } from 'node:crypto'
import { gzipSync } from 'node:zlib'
import { zxyToTileId } from 'pmtiles'

export const Compression = { None: 1, Gzip: 2 }
export const TileType = { Mvt: 1, Png: 2, Jpeg: 3, Webp: 4 }
const HEADER_BYTES = 127
const ROOT_MAX = 16384 - HEADER_BYTES

function writeVarint(out, n) {
  // Tile ids exceed 2^31 at high zooms: use arithmetic, not bit operators.
  while (n >= 0x80) {
    out.push((n % 0x80) | 0x80)
    n = Math.floor(n / 0x80)
  }
  out.push(n)
}

/** Serialise directory entries (sorted by tileId): ids as deltas, then run lengths, lengths, offsets. */
export function serializeDirectory(entries) {
  const out = []
  writeVarint(out, entries.length)
  let last = 0
  for (const e of entries) {
    writeVarint(out, e.tileId - last)
    last = e.tileId
  }
  for (const e of entries) writeVarint(out, e.runLength)
  for (const e of entries) writeVarint(out, e.length)
  entries.forEach((e, i) => {
    const prev = entries[i - 1]
    // 0 means "right after the previous entry", which keeps clustered archives small.
    if (i > 0 && prev && e.offset === prev.offset + prev.length) writeVarint(out, 0)
    else writeVarint(out, e.offset + 1)
  })
  return gzipSync(Buffer.from(out), { level: 9 })
}

/** Root directory, or a root of leaf pointers when the entries do not fit in the first 16 KiB. */
function buildDirectories(entries) {
  const root = serializeDirectory(entries)
  if (root.length <= ROOT_MAX) return { root, leaves: Buffer.alloc(0) }
  for (let leafSize = 4096; ; leafSize *= 2) {
    const leafBufs = []
    const pointers = []
    let offset = 0
    for (let i = 0; i < entries.length; i += leafSize) {
      const chunk = entries.slice(i, i + leafSize)
      const buf = serializeDirectory(chunk)
      pointers.push({ tileId: chunk[0].tileId, offset, length: buf.length, runLength: 0 })
      leafBufs.push(buf)
      offset += buf.length
    }
    const rootBuf = serializeDirectory(pointers)
    if (rootBuf.length <= ROOT_MAX) return { root: rootBuf, leaves: Buffer.concat(leafBufs) }
  }
}

function header(h) {
  const b = Buffer.alloc(HEADER_BYTES)
  b.write('PMTiles', 0, 'ascii')
  b.writeUInt8(3, 7)
  const u64 = [h.rootOffset, h.rootLength, h.metadataOffset, h.metadataLength, h.leafOffset, h.leafLength,
    h.dataOffset, h.dataLength, h.addressed, h.entries, h.contents]
  u64.forEach((v, i) => b.writeBigUInt64LE(BigInt(v), 8 + i * 8))
  b.writeUInt8(1, 96) // clustered
  b.writeUInt8(Compression.Gzip, 97)
  b.writeUInt8(h.tileCompression, 98)
  b.writeUInt8(h.tileType, 99)
  b.writeUInt8(h.minZoom, 100)
  b.writeUInt8(h.maxZoom, 101)
  const e7 = (x) => Math.round(x * 1e7)
  const [w, s, e, n] = h.bounds
  b.writeInt32LE(e7(w), 102)
  b.writeInt32LE(e7(s), 106)
  b.writeInt32LE(e7(e), 110)
  b.writeInt32LE(e7(n), 114)
  b.writeUInt8(h.center[2], 118)
  b.writeInt32LE(e7(h.center[0]), 119)
  b.writeInt32LE(e7(h.center[1]), 123)
  return b
}

/**
 * @param {{ tiles: { z: number, x: number, y: number, data: Uint8Array }[], tileType: number,
 *   tileCompression: number, bounds: [number, number, number, number], center: [number, number, number],
 *   metadata: object }} archive  tile data already compressed as `tileCompression` says
 * @returns {Buffer} the whole archive
 */
export function writePmtiles({ tiles, tileType, tileCompression, bounds, center, metadata }) {
  const sorted = tiles.map((t) => ({ ...t, tileId: zxyToTileId(t.z, t.x, t.y) })).sort((a, b) => a.tileId - b.tileId)
  const entries = []
  const blobs = []
  const byHash = new Map()
  let dataLength = 0
  for (const t of sorted) {
    const hash = createHash('sha1').update(t.data).digest('hex')
    let at = byHash.get(hash)
    if (at === undefined) {
      at = { offset: dataLength, length: t.data.length }
      byHash.set(hash, at)
      blobs.push(t.data)
      dataLength += t.data.length
    }
    const last = entries[entries.length - 1]
    if (last && last.offset === at.offset && last.tileId + last.runLength === t.tileId) last.runLength++
    else entries.push({ tileId: t.tileId, offset: at.offset, length: at.length, runLength: 1 })
  }
  const { root, leaves } = buildDirectories(entries)
  const meta = gzipSync(Buffer.from(JSON.stringify(metadata)), { level: 9 })
  const zooms = sorted.map((t) => t.z)
  const rootOffset = HEADER_BYTES
  const metadataOffset = rootOffset + root.length
  const leafOffset = metadataOffset + meta.length
  const dataOffset = leafOffset + leaves.length
  const head = header({
    rootOffset, rootLength: root.length, metadataOffset, metadataLength: meta.length, leafOffset, leafLength: leaves.length,
    dataOffset, dataLength, addressed: sorted.length, entries: entries.length, contents: blobs.length,
    tileCompression, tileType, minZoom: Math.min(...zooms), maxZoom: Math.max(...zooms), bounds, center,
  })
  return Buffer.concat([head, root, meta, leaves, ...blobs.map((b) => Buffer.from(b))])
}
