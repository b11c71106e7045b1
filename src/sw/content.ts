// /data/content.json: network first with a short timeout, from the app's own origin, so a content
// update reaches visitors without a new release. Offline (or on a slow roaming link) the answer is the
// last copy the page validated, else the copy precached with this build. `?source=build` asks for the
// precached copy itself (a new version's schema may refuse what an old version kept). Network answers are passed
// through, never stored here: the page validates them and keeps only good ones (content-cache.ts).
import { registerRoute } from 'workbox-routing'
import { matchPrecache } from 'workbox-precaching'
import { CONTENT_CACHE } from './content-cache'

declare const self: ServiceWorkerGlobalScope

export const CONTENT_TIMEOUT_MS = 4000
const BUILD_COPY = 'build'

function fetchWithTimeout(request: Request, ms: number): Promise<Response> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timeout')), ms)
    fetch(request).then(
      (res) => {
        clearTimeout(timer)
        if (res.ok) resolve(res)
        else reject(new Error(`HTTP ${res.status}`))
      },
      (e: unknown) => {
        clearTimeout(timer)
        reject(e instanceof Error ? e : new Error(String(e)))
      },
    )
  })
}

export function registerContentRoute(path: string): void {
  registerRoute(
    ({ url, request }) => url.origin === self.location.origin && url.pathname === path && request.method === 'GET',
    async ({ request, url }) => {
      // The page's last resort: the copy validated when this version was built.
      if (url.searchParams.get('source') === BUILD_COPY) return (await matchPrecache(path)) ?? Response.error()
      try {
        // Known offline: do not wait for the network to fail.
        if (!self.navigator.onLine) throw new Error('offline')
        return await fetchWithTimeout(request, CONTENT_TIMEOUT_MS)
      } catch {
        const saved = await (await caches.open(CONTENT_CACHE)).match(request, { ignoreSearch: true })
        return saved ?? (await matchPrecache(path)) ?? Response.error()
      }
    },
  )
}
