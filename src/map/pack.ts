// The offline basemap pack ("detailed map"): one PMTiles file downloaded by the PAGE (Chromium stops
// long downloads inside a service worker after ~5 minutes, silently) into Cache Storage in chunks
// (src/map/pack-store.ts). Like a native app's download it resumes from the bytes already stored,
// after a dropped connection or a closed tab, with an HTTP Range request guarded by If-Range: if the
// file on the server changed, the server sends it whole and the download restarts cleanly. The whole
// file is checked (size, SHA-256 over the stored chunks) before the map switches to it, so a broken
// or cancelled download never touches the pack in use.
import {
  cachesAvailable, chunkBlobs, chunkKey, packCache, sliceChunks, type ChunkBlob, PARTIAL_KEY, pruneChunks, readPartial, readStored, STORED_KEY,
  storedBytes, writeJson, type ChunkRef, type PartialRecord,
} from './pack-store'
import { Sha256 } from './sha256'

export { cachesAvailable }

export type PackInfo = {
  /** Absolute URL of the versioned .pmtiles file. */
  url: string
  bytes: number
  sha256: string
  version: string
  /** [west, south, east, north] */
  bounds: [number, number, number, number]
  minzoom: number
  maxzoom: number
  /** `qingdao-sample` (our own layers) or `protomaps` (a Protomaps basemap v4 extract). */
  schema: string
  attribution: string
}

export type PackErrorKind = 'quota' | 'network' | 'integrity' | 'cancelled' | 'stalled' | 'unsupported'

export class PackError extends Error {
  constructor(readonly kind: PackErrorKind, message: string = kind) {
    super(message)
    this.name = 'PackError'
  }
}

export type StorageEstimateLite = { usage: number; quota: number }

/** Room for the rest of the download plus the old pack until the switch, with a margin: estimates are advisory. */
export function hasRoomFor(estimate: StorageEstimateLite | null, bytes: number): boolean {
  if (!estimate || !estimate.quota) return true
  return estimate.quota - estimate.usage >= bytes + 5 * 1024 * 1024
}

export function parsePackInfo(raw: unknown, manifestUrl: string): PackInfo | null {
  const r = raw as Partial<PackInfo> | null
  if (!r || typeof r.url !== 'string' || typeof r.bytes !== 'number' || r.bytes <= 0) return null
  if (!Array.isArray(r.bounds) || r.bounds.length !== 4) return null
  return {
    url: new URL(r.url, new URL(manifestUrl, globalThis.location?.href)).href,
    bytes: r.bytes,
    sha256: typeof r.sha256 === 'string' ? r.sha256 : '',
    version: String(r.version ?? ''),
    bounds: r.bounds as PackInfo['bounds'],
    minzoom: Number(r.minzoom ?? 0),
    maxzoom: Number(r.maxzoom ?? 14),
    schema: String(r.schema ?? 'protomaps'),
    attribution: String(r.attribution ?? '© OpenStreetMap contributors'),
  }
}

/** packs.json: the pack offered, null when the site offers none; throws when it cannot be reached. */
export async function loadPackInfo(manifestUrl: string): Promise<PackInfo | null> {
  const res = await fetch(manifestUrl, { cache: 'no-cache' })
  if (!res.ok) return null
  return parsePackInfo(await res.json(), manifestUrl)
}

/** The pack on this device, if a complete one is stored. */
export async function storedPackInfo(): Promise<PackInfo | null> {
  const cache = await packCache()
  return cache ? ((await readStored(cache))?.info ?? null) : null
}

/** A download left unfinished (dropped connection, closed tab): what it is for and how far it got. */
export async function partialDownload(): Promise<{ info: PackInfo; loaded: number } | null> {
  const cache = await packCache()
  const rec = cache ? await readPartial(cache) : null
  return rec ? { info: rec.info, loaded: storedBytes(rec.chunks) } : null
}

function isQuota(e: unknown): boolean {
  const name = (e as { name?: string })?.name
  return name === 'QuotaExceededError' || /quota/i.test(String((e as Error)?.message ?? ''))
}

export type DownloadOptions = {
  signal: AbortSignal
  onProgress: (loaded: number, total: number) => void
  /** No bytes for this long → the download is abandoned as stalled (and can be resumed). */
  stallMs?: number
  /** Bytes per stored chunk: what a closed tab can lose, and what is held in memory at most. */
  chunkBytes?: number
}

const newId = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`
const strong = (etag: string | null) => (etag && !etag.startsWith('W/') ? etag : '')
const sameFile = (a: PackInfo, b: PackInfo) => a.url === b.url && a.bytes === b.bytes && a.sha256 === b.sha256

/** Start offset and total of a 206 answer (Content-Range: bytes a-b/total). */
function contentRange(res: Response): { start: number; total: number } | null {
  const m = /^bytes (\d+)-\d+\/(\d+)$/.exec(res.headers.get('Content-Range') ?? '')
  return m ? { start: Number(m[1]), total: Number(m[2]) } : null
}

/** Feed the hash with chunks already stored (a resumed download), read back one at a time. */
async function hashStored(cache: Cache, chunks: readonly ChunkRef[], hash: Sha256): Promise<void> {
  for (const c of chunks) {
    const res = await cache.match(c.key)
    if (!res) throw new PackError('integrity', 'chunk missing')
    hash.update(new Uint8Array(await res.arrayBuffer()))
  }
}

/** The whole file: its size, every chunk in place, and the SHA-256 of the bytes that were stored. */
async function verify(cache: Cache, chunks: readonly ChunkRef[], info: PackInfo, hash: Sha256 | null): Promise<void> {
  const size = storedBytes(chunks)
  if (size !== info.bytes) throw new PackError('integrity', `size ${size} ≠ ${info.bytes}`)
  for (const c of chunks) if (!(await cache.match(c.key))) throw new PackError('integrity', 'chunk missing')
  if (hash && hash.hex() !== info.sha256.toLowerCase()) throw new PackError('integrity', 'sha256 mismatch')
}

/** Progress reports at most this often: each one re-renders the panel (size, speed, time left). */
const PROGRESS_MS = 100

export async function downloadPack(info: PackInfo, opts: DownloadOptions): Promise<void> {
  const cache = await packCache(true)
  if (!cache || typeof ReadableStream === 'undefined') throw new PackError('unsupported')
  const chunkBytes = opts.chunkBytes ?? 1024 * 1024
  const inner = new AbortController()
  const abort = () => inner.abort()
  opts.signal.addEventListener('abort', abort, { once: true })
  let stalled = false
  let timer: ReturnType<typeof setTimeout> | undefined
  const arm = () => {
    clearTimeout(timer)
    timer = setTimeout(() => {
      stalled = true
      inner.abort()
    }, opts.stallMs ?? 30_000)
  }
  let rec: PartialRecord | null = await readPartial(cache)
  if (rec && !sameFile(rec.info, info)) rec = null
  const fresh = (): PartialRecord => ({ info, id: newId(), etag: '', chunks: [] })
  try {
    rec ??= fresh()
    arm()
    let loaded = storedBytes(rec.chunks)
    const headers: Record<string, string> = {}
    if (loaded > 0 && rec.etag) Object.assign(headers, { Range: `bytes=${loaded}-`, 'If-Range': rec.etag })
    const res = await fetch(info.url, { signal: inner.signal, cache: 'no-store', headers })
    const range = res.status === 206 ? contentRange(res) : null
    if (!(res.status === 200 || (range && range.start === loaded && range.total === info.bytes)) || !res.body) {
      throw new PackError('network', `HTTP ${res.status}`)
    }
    if (res.status === 200 && loaded > 0) {
      // The file changed on the server (If-Range failed) or it ignores ranges: start again from zero.
      rec = fresh()
      loaded = 0
    }
    rec.etag = strong(res.headers.get('ETag'))
    const current = rec
    // Hashed as the bytes arrive, while the network is the wait, not in one pass over 50 MB at the end.
    const hash = info.sha256 ? new Sha256() : null
    if (hash && loaded > 0) await hashStored(cache, current.chunks, hash)
    await writeJson(cache, PARTIAL_KEY(), current)
    await pruneChunks(cache, new Set([...current.chunks.map((c) => c.key), ...((await readStored(cache))?.chunks.map((c) => c.key) ?? [])]))
    opts.onProgress(loaded, info.bytes)
    let reported = performance.now()

    let pieces: Uint8Array[] = []
    let pending = 0
    const flush = async () => {
      if (!pending) return
      const offset = storedBytes(current.chunks)
      const k = chunkKey(current.id, offset)
      const body = new Blob(pieces as BlobPart[])
      pieces = []
      const length = pending
      pending = 0
      await cache.put(k, new Response(body, { headers: { 'Content-Type': 'application/octet-stream' } }))
      current.chunks.push({ key: k, offset, length })
      await writeJson(cache, PARTIAL_KEY(), current)
    }
    const reader = res.body.getReader()
    try {
      for (;;) {
        const { done, value } = await reader.read()
        if (done) break
        if (loaded + value.byteLength > info.bytes) throw new PackError('integrity', 'longer than announced')
        pieces.push(value)
        hash?.update(value)
        pending += value.byteLength
        loaded += value.byteLength
        arm()
        const now = performance.now()
        if (now - reported >= PROGRESS_MS) {
          reported = now
          opts.onProgress(loaded, info.bytes)
        }
        if (pending >= chunkBytes) await flush()
      }
      await flush()
      opts.onProgress(loaded, info.bytes)
    } catch (e) {
      // Keep what arrived: the next attempt asks only for the rest (a user's cancel discards it below).
      if (!opts.signal.aborted) await flush().catch(() => undefined)
      throw e
    }
    clearTimeout(timer)
    try {
      await verify(cache, current.chunks, info, hash)
    } catch (e) {
      await cache.delete(PARTIAL_KEY())
      throw e
    }
    const old = await readStored(cache)
    await writeJson(cache, STORED_KEY(), { info, chunks: current.chunks, etag: current.etag })
    await cache.delete(PARTIAL_KEY())
    // Older packs go only once the new one is in place.
    if (old) await pruneChunks(cache, new Set(current.chunks.map((c) => c.key)))
  } catch (e) {
    if (opts.signal.aborted) {
      await discardPartial().catch(() => undefined)
      throw new PackError('cancelled')
    }
    if (e instanceof PackError) {
      if (e.kind === 'integrity') await discardPartial().catch(() => undefined)
      throw e
    }
    // A cancelled put rejects with a NetworkError, not an AbortError: ask the signals.
    if (stalled) throw new PackError('stalled')
    if (isQuota(e)) throw new PackError('quota', String((e as Error).message))
    throw new PackError('network', String((e as Error)?.message ?? e))
  } finally {
    clearTimeout(timer)
    opts.signal.removeEventListener('abort', abort)
  }
}

/** Forget an unfinished download and its bytes; the stored pack stays. */
export async function discardPartial(): Promise<void> {
  const cache = await packCache()
  if (!cache) return
  await cache.delete(PARTIAL_KEY())
  await pruneChunks(cache, new Set((await readStored(cache))?.chunks.map((c) => c.key) ?? []))
}

export async function removePack(): Promise<void> {
  const cache = await packCache()
  if (!cache) return
  await cache.delete(STORED_KEY())
  await pruneChunks(cache, new Set((await readPartial(cache))?.chunks.map((c) => c.key) ?? []))
}

/**
 * A PMTiles source that reads the stored pack straight from Cache Storage: the map renders it
 * offline even before a service worker controls the page. Slices of the chunks' Blobs are read
 * from disk on demand, so a large pack is never loaded whole.
 */
export class CachedPackSource {
  private chunks: Promise<ChunkBlob[]> | null = null
  constructor(private readonly url: string) {}
  getKey(): string {
    return this.url
  }
  async getBytes(offset: number, length: number): Promise<{ data: ArrayBuffer }> {
    this.chunks ??= (async () => {
      const cache = await packCache()
      const rec = cache ? await readStored(cache) : null
      if (!cache || !rec || rec.info.url !== this.url) throw new PackError('network', 'pack not stored')
      return chunkBlobs(cache, rec.chunks)
    })()
    return { data: await sliceChunks(await this.chunks, offset, offset + length).arrayBuffer() }
  }
}
