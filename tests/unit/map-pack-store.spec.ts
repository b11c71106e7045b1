// @vitest-environment node
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { sliceChunks, type ChunkBlob } from '../../src/map/pack-store'

/** A file cut into chunks of the given sizes, as the download stores it. */
function chunked(bytes: Uint8Array, sizes: number[]): ChunkBlob[] {
  const out: ChunkBlob[] = []
  let offset = 0
  for (const n of sizes) {
    if (offset >= bytes.length) break
    out.push({ offset, blob: new Blob([bytes.slice(offset, offset + n)]) })
    offset += n
  }
  if (offset < bytes.length) out.push({ offset, blob: new Blob([bytes.slice(offset)]) })
  return out
}

describe('reading a byte range from the stored chunks', () => {
  it('property: any range reads the same bytes as the whole file would', async () => {
    await fc.assert(fc.asyncProperty(
      fc.uint8Array({ minLength: 1, maxLength: 300 }),
      fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 1, maxLength: 12 }),
      fc.nat(), fc.nat(),
      async (bytes, sizes, a, b) => {
        const start = a % bytes.length
        const end = start + (b % (bytes.length - start + 1))
        const got = new Uint8Array(await sliceChunks(chunked(bytes, sizes), start, end).arrayBuffer())
        expect([...got]).toEqual([...bytes.slice(start, end)])
      },
    ))
  })

  it('a range inside one chunk is sliced from that chunk alone', () => {
    const chunks = chunked(new Uint8Array(100), [40, 40, 20])
    const used: number[] = []
    for (const c of chunks) {
      const slice = c.blob.slice.bind(c.blob)
      c.blob.slice = (...args) => (used.push(c.offset), slice(...args))
    }
    sliceChunks(chunks, 45, 70)
    expect(used).toEqual([40])
    sliceChunks(chunks, 70, 90)
    expect(used).toEqual([40, 40, 80])
  })
})
