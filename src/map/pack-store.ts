// Where the offline pack lives in Cache Storage, shared by the page (download, map reader) and the
// service worker (Range answers). A pack is stored as chunks of about a megabyte, one cache entry
// each, so a download never holds the file in memory and a dropped one resumes from its last chunk.
// Two small JSON records say which chunks make up what: the complete pack the map draws, and the
// download in progress. Switching packs is one write of the first record.
import { PACK_CACHE } from './cache-names'
import type { PackInfo } from './pack'

export type ChunkRef = { key: string; offset: number; length: number }
/** The complete pack in use. */
export type StoredRecord = { info: PackInfo; chunks: ChunkRef[]; etag?: string }
/** A download in progress: what it is for, the server's validator, what is stored so far. */
export type PartialRecord = { info: PackInfo; id: string; etag: string; chunks: ChunkRef[] }

const base = () => globalThis.location?.href ?? 'http://localhost/'
const key = (path: string) => new URL(`${import.meta.env.BASE_URL}maps/${path}`, base()).href
export const STORED_KEY = () => key('stored-pack.json')
export const PARTIAL_KEY = () => key('partial-pack.json')
export const chunkKey = (id: string, offset: number) => key(`chunk/${id}/${offset}`)

export const cachesAvailable = () => typeof caches !== 'undefined'

async function readJson<T>(cache: Cache, k: string): Promise<T | null> {
  const res = await cache.match(k)
  if (!res) return null
  try {
    return (await res.json()) as T
  } catch {
    return null
  }
}

export async function writeJson(cache: Cache, k: string, value: unknown): Promise<void> {
  await cache.put(k, new Response(JSON.stringify(value), { headers: { 'Content-Type': 'application/json' } }))
}

/** The pack cache, or null when none exists (caches.open would create an empty one). */
export async function packCache(create = false): Promise<Cache | null> {
  if (!cachesAvailable()) return null
  if (!create && !(await caches.has(PACK_CACHE))) return null
  return caches.open(PACK_CACHE)
}

/** The complete pack, if every chunk is present. Packs stored whole by older versions read as one chunk. */
export async function readStored(cache: Cache): Promise<StoredRecord | null> {
  const raw = await readJson<StoredRecord | PackInfo>(cache, STORED_KEY())
  if (!raw) return null
  const rec: StoredRecord = 'chunks' in raw && Array.isArray(raw.chunks)
    ? raw
    : { info: raw as PackInfo, chunks: [{ key: (raw as PackInfo).url, offset: 0, length: (raw as PackInfo).bytes }] }
  if (!rec.info?.url || !rec.chunks.length) return null
  const last = rec.chunks[rec.chunks.length - 1]!
  if (last.offset + last.length !== rec.info.bytes) return null
  return (await cache.match(last.key)) && (await cache.match(rec.chunks[0]!.key)) ? rec : null
}

export async function readPartial(cache: Cache): Promise<PartialRecord | null> {
  const rec = await readJson<PartialRecord>(cache, PARTIAL_KEY())
  return rec?.info?.url && Array.isArray(rec.chunks) ? rec : null
}

export const storedBytes = (chunks: readonly ChunkRef[]) => chunks.reduce((n, c) => n + c.length, 0)

/** The chunks as one Blob: Blobs of cached bodies are read from disk on demand, so this costs no memory. */
export async function chunksBlob(cache: Cache, chunks: readonly ChunkRef[]): Promise<Blob> {
  return new Blob((await chunkBlobs(cache, chunks)).map((c) => c.blob), { type: 'application/octet-stream' })
}

export type ChunkBlob = { offset: number; blob: Blob }

/** Each chunk's Blob (a handle on disk, not its bytes), in file order. */
export async function chunkBlobs(cache: Cache, chunks: readonly ChunkRef[]): Promise<ChunkBlob[]> {
  return Promise.all(chunks.map(async (c) => {
    const res = await cache.match(c.key)
    if (!res) throw new Error(`pack chunk missing: ${c.key}`)
    return { offset: c.offset, blob: await res.blob() }
  }))
}

/**
 * Bytes `start` to `end` (exclusive) of the file, sliced from the one or two chunks that hold them. Slicing
 * a Blob glued from every chunk costs time in proportion to the number of chunks, on each tile read.
 */
export function sliceChunks(chunks: readonly ChunkBlob[], start: number, end: number): Blob {
  // The last chunk starting at or before `start`.
  let lo = 0
  let hi = chunks.length
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1
    if (chunks[mid]!.offset <= start) lo = mid
    else hi = mid
  }
  const parts: Blob[] = []
  for (let i = lo; i < chunks.length && chunks[i]!.offset < end; i++) {
    const c = chunks[i]!
    parts.push(c.blob.slice(Math.max(0, start - c.offset), Math.min(c.blob.size, end - c.offset)))
  }
  return parts.length === 1 ? parts[0]! : new Blob(parts)
}

/** Delete every chunk not listed in `keep` (old packs, abandoned downloads). */
export async function pruneChunks(cache: Cache, keep: ReadonlySet<string>): Promise<void> {
  const records = new Set([STORED_KEY(), PARTIAL_KEY()])
  for (const req of await cache.keys()) if (!keep.has(req.url) && !records.has(req.url)) await cache.delete(req)
}
