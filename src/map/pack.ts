// The offline basemap pack: one PMTiles file downloaded whole by the PAGE (Chromium stops long
// downloads inside a service worker after ~5 minutes, silently) into Cache Storage. It is written
// under a temporary cache name and moved into place only when complete and verified, so a
// cancelled, failed or over-quota download never touches the pack the map is using.
import { PACK_CACHE, PACK_TMP_CACHE } from './cache-names'

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

/** Room for the download plus its copy during the swap, with a margin: estimates are advisory. */
export function hasRoomFor(estimate: StorageEstimateLite | null, bytes: number): boolean {
  if (!estimate || !estimate.quota) return true
  return estimate.quota - estimate.usage >= bytes * 2 + 5 * 1024 * 1024
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

export async function loadPackInfo(manifestUrl: string): Promise<PackInfo | null> {
  const res = await fetch(manifestUrl)
  if (!res.ok) return null
  return parsePackInfo(await res.json(), manifestUrl)
}

export const cachesAvailable = () => typeof caches !== 'undefined'

/** The stored pack's description lives beside it, so the map can draw it offline without packs.json. */
const infoKey = () => new URL(`${import.meta.env.BASE_URL}maps/stored-pack.json`, globalThis.location?.href).href

/** The pack on this device, if a complete one is stored. */
export async function storedPackInfo(): Promise<PackInfo | null> {
  // caches.open() would create an empty cache as a side effect: look first.
  if (!cachesAvailable() || !(await caches.has(PACK_CACHE))) return null
  const cache = await caches.open(PACK_CACHE)
  const res = await cache.match(infoKey())
  const info = res ? parsePackInfo(await res.json(), infoKey()) : null
  return info && (await cache.match(info.url)) ? info : null
}

async function sha256Hex(blob: Blob): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await blob.arrayBuffer())
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('')
}

function isQuota(e: unknown): boolean {
  const name = (e as { name?: string })?.name
  return name === 'QuotaExceededError' || /quota/i.test(String((e as Error)?.message ?? ''))
}

export type DownloadOptions = {
  signal: AbortSignal
  onProgress: (loaded: number, total: number) => void
  /** No bytes for this long → the download is abandoned as stalled. */
  stallMs?: number
  /** Hashing needs the whole file in memory: skip it above this size (the byte count is still checked). */
  hashLimit?: number
}

export async function downloadPack(info: PackInfo, opts: DownloadOptions): Promise<void> {
  if (!cachesAvailable() || typeof TransformStream === 'undefined') throw new PackError('unsupported')
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
  try {
    await caches.delete(PACK_TMP_CACHE)
    arm()
    const res = await fetch(info.url, { signal: inner.signal, cache: 'no-store' })
    if (!res.ok || !res.body) throw new PackError('network', `HTTP ${res.status}`)
    const total = Number(res.headers.get('Content-Length')) || info.bytes
    let loaded = 0
    const counter = new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, ctl) {
        loaded += chunk.byteLength
        arm()
        opts.onProgress(loaded, total)
        ctl.enqueue(chunk)
      },
    })
    const headers: Record<string, string> = { 'Content-Type': 'application/octet-stream', 'Content-Length': String(total) }
    const etag = res.headers.get('ETag')
    // pmtiles compares strong ETags across reads (weak ones are ignored).
    if (etag && !etag.startsWith('W/')) headers.ETag = etag
    const tmp = await caches.open(PACK_TMP_CACHE)
    await tmp.put(info.url, new Response(res.body.pipeThrough(counter), { headers }))
    clearTimeout(timer)
    const blob = await (await tmp.match(info.url))?.blob()
    if (!blob || blob.size !== info.bytes) throw new PackError('integrity', `size ${blob?.size} ≠ ${info.bytes}`)
    if (info.sha256 && blob.size <= (opts.hashLimit ?? 96 * 1024 * 1024) && (await sha256Hex(blob)) !== info.sha256) {
      throw new PackError('integrity', 'sha256 mismatch')
    }
    const complete = await tmp.match(info.url)
    if (!complete) throw new PackError('integrity')
    const final = await caches.open(PACK_CACHE)
    await final.put(info.url, complete)
    await final.put(infoKey(), new Response(JSON.stringify(info), { headers: { 'Content-Type': 'application/json' } }))
    // Older versions go only once the new one is in place.
    for (const req of await final.keys()) if (req.url !== info.url && req.url !== infoKey()) await final.delete(req)
  } catch (e) {
    if (e instanceof PackError) throw e
    // A cancelled put rejects with a NetworkError, not an AbortError: ask the signals.
    if (opts.signal.aborted) throw new PackError('cancelled')
    if (stalled) throw new PackError('stalled')
    if (isQuota(e)) throw new PackError('quota', String((e as Error).message))
    throw new PackError('network', String((e as Error)?.message ?? e))
  } finally {
    clearTimeout(timer)
    opts.signal.removeEventListener('abort', abort)
    await caches.delete(PACK_TMP_CACHE).catch(() => undefined)
  }
}

export async function removePack(): Promise<void> {
  if (cachesAvailable()) await caches.delete(PACK_CACHE)
}

/**
 * A PMTiles source that reads the stored pack straight from Cache Storage: the map renders it
 * offline even before a service worker controls the page. Blob slices of a cached body are
 * read from disk on demand, so a large pack is never loaded whole.
 */
export class CachedPackSource {
  private blob: Promise<Blob> | null = null
  constructor(private readonly url: string) {}
  getKey(): string {
    return this.url
  }
  async getBytes(offset: number, length: number): Promise<{ data: ArrayBuffer }> {
    this.blob ??= caches.open(PACK_CACHE).then(async (c) => {
      const res = await c.match(this.url)
      if (!res) throw new PackError('network', 'pack not stored')
      return res.blob()
    })
    const blob = await this.blob
    return { data: await blob.slice(offset, offset + length).arrayBuffer() }
  }
}
