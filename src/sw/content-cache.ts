// The last content the app has validated. The page writes it after validation and reads it at start;
// the service worker answers with it when the network fails. Nothing unvalidated is ever stored here,
// and no workbox import: the page's entry bundles this file.

/** Survives service-worker updates: workbox's cleanup only deletes its own precache caches. */
export const CONTENT_CACHE = 'qd-content-v1'

/** The saved text, exactly as it was validated. */
export async function readLastGood(url: string): Promise<string | undefined> {
  if (typeof caches === 'undefined') return undefined
  try {
    const hit = await (await caches.open(CONTENT_CACHE)).match(url, { ignoreSearch: true })
    return hit ? await hit.text() : undefined
  } catch {
    return undefined
  }
}

export async function saveLastGood(url: string, body: string): Promise<void> {
  if (typeof caches === 'undefined') return
  try {
    const res = new Response(body, { headers: { 'Content-Type': 'application/json; charset=utf-8' } })
    await (await caches.open(CONTENT_CACHE)).put(url, res)
  } catch {
    // Quota or private mode: the precached build copy still backs the app offline.
  }
}
