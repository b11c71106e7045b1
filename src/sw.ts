/// <reference lib="webworker" />
// The service worker (vite-plugin-pwa injectManifest). Precache: the app shell, every route and
// locale chunk, the content. Updates wait until the page asks (the "Reload to update" prompt):
// nothing reloads under the user.
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute, type PrecacheEntry } from 'workbox-precaching'
import { NavigationRoute, registerRoute } from 'workbox-routing'
import { CacheFirst } from 'workbox-strategies'
import { ExpirationPlugin } from 'workbox-expiration'
import { clientsClaim } from 'workbox-core'
import { registerContentRoute } from './sw/content'
import { registerMapRoutes } from './sw/map'
import { registerCalendarRoute } from './sw/calendar'

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: (PrecacheEntry | string)[] }

const BASE = import.meta.env.BASE_URL
/** Never answered with the app shell: map packs, tiles and data files are files, not routes. */
const NOT_ROUTES = [new RegExp(`^${BASE}(?:maps|tiles|data)/`), /\/[^/]+\.[a-z0-9]+$/i]

self.addEventListener('message', (event: ExtendableMessageEvent) => {
  const data = event.data as { type?: string } | null
  if (data?.type === 'SKIP_WAITING') void self.skipWaiting()
})

// Registered before the precache route so that the content is network-first, not precache-first.
registerContentRoute(`${BASE}data/content.json`)
precacheAndRoute(self.__WB_MANIFEST)
cleanupOutdatedCaches()
// The first install takes control at once; an update activates only after SKIP_WAITING.
clientsClaim()

registerMapRoutes()
registerCalendarRoute(BASE)

// Same-origin images that are not precached (manifest icons, screenshots): keep what was seen, bounded.
registerRoute(
  ({ url, request }) => url.origin === self.location.origin && request.destination === 'image' && !NOT_ROUTES[0]!.test(url.pathname),
  new CacheFirst({
    cacheName: 'qd-images-v1',
    plugins: [new ExpirationPlugin({ maxEntries: 40, maxAgeSeconds: 30 * 24 * 3600, purgeOnQuotaError: true })],
  }),
)

// Deep links (/events/<id>) opened cold while offline get the app shell; the router does the rest.
registerRoute(new NavigationRoute(createHandlerBoundToURL(`${BASE}index.html`), { denylist: NOT_ROUTES }))
