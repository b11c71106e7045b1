// Service-worker routes of the offline map, registered by src/sw.ts.
// - Online raster tiles the visitor has viewed: cache first, bounded (least recently used out,
//   everything dropped on a quota error). Tiles the operator allowed to prefetch come first.
// - The .pmtiles basemap: answered from the chunks the page's download stored (src/map/pack-store.ts),
//   joined into one disk-backed Blob and sliced into 206 responses for the reader's Range requests.
// Downloading happens in the page, not here: Chromium stops long service-worker fetches silently.
import { registerRoute } from 'workbox-routing'
import { CacheFirst } from 'workbox-strategies'
import { ExpirationPlugin } from 'workbox-expiration'
import { createPartialResponse } from 'workbox-range-requests'
import { TILE_AREA_CACHE, TILE_CACHE, TILE_PATH } from '../map/cache-names'
import { chunksBlob, packCache, readStored } from '../map/pack-store'

declare const self: ServiceWorkerGlobalScope

export const TILE_MAX_ENTRIES = 1500

async function storedPack(url: string): Promise<Response | null> {
  const cache = await packCache()
  const rec = cache ? await readStored(cache) : null
  if (!cache || !rec || rec.info.url !== url) return null
  const headers: Record<string, string> = { 'Content-Type': 'application/octet-stream', 'Content-Length': String(rec.info.bytes) }
  if (rec.etag) headers.ETag = rec.etag
  return new Response(await chunksBlob(cache, rec.chunks), { headers })
}

export function registerMapRoutes(): void {
  const viewed = new CacheFirst({
    cacheName: TILE_CACHE,
    plugins: [new ExpirationPlugin({ maxEntries: TILE_MAX_ENTRIES, maxAgeSeconds: 60 * 24 * 3600, purgeOnQuotaError: true })],
  })
  registerRoute(
    ({ request, url }) => request.destination === 'image' && TILE_PATH.test(url.pathname),
    async (options) => {
      const prefetched = await caches.match(options.request, { cacheName: TILE_AREA_CACHE })
      return prefetched ?? viewed.handle(options)
    },
  )

  registerRoute(
    // The page's own download (cache: 'no-store') goes straight to the network: streaming 50 MB
    // through the worker only slows it down.
    ({ url, request }) => url.origin === self.location.origin && url.pathname.endsWith('.pmtiles') && request.cache !== 'no-store',
    async ({ request }) => {
      const stored = await storedPack(request.url)
      if (!stored) return fetch(request)
      return request.headers.has('range') ? createPartialResponse(request, stored) : stored
    },
  )
}
