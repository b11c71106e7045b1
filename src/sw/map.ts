// Service-worker routes of the offline map, registered by src/sw.ts.
// - Online raster tiles the visitor has viewed: cache first, bounded (least recently used out,
//   everything dropped on a quota error). Tiles the operator allowed to prefetch come first.
// - The .pmtiles basemap: answered from the whole file stored by the page's download, sliced
//   into 206 responses for the reader's Range requests (the Cache API cannot store 206s).
// Downloading happens in the page, not here: Chromium stops long service-worker fetches silently.
import { registerRoute } from 'workbox-routing'
import { CacheFirst } from 'workbox-strategies'
import { ExpirationPlugin } from 'workbox-expiration'
import { createPartialResponse } from 'workbox-range-requests'
import { PACK_CACHE, TILE_AREA_CACHE, TILE_CACHE, TILE_PATH } from '../map/cache-names'

declare const self: ServiceWorkerGlobalScope

export const TILE_MAX_ENTRIES = 1500

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
    ({ url }) => url.origin === self.location.origin && url.pathname.endsWith('.pmtiles'),
    async ({ request }) => {
      const stored = await caches.match(request.url, { cacheName: PACK_CACHE })
      if (!stored) return fetch(request)
      return request.headers.has('range') ? createPartialResponse(request, stored) : stored
    },
  )
}
