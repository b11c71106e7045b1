// The last content the app has validated. The page writes it after validation and reads it at start;
// the service worker answers with it when the network fails. Nothing unvalidated is ever stored here,
// and no workbox import: the page's entry bundles this file.

/** Survives service-worker updates: workbox's cleanup only deletes its own precache caches. */
export const CONTENT_CACHE = 'qd-content-v1'

/**
 * Which schema validated the saved copy (a hash of src/content/schema.ts, set at build). A copy validated by
 * this same schema is shown at start without loading the validator again; any other is validated first.
 */
const VALIDATED_BY = 'X-Qd-Validated-By'
/** Defined by vite.config.ts (and vitest.config.ts for the unit tests). */
declare const __QD_SCHEMA_ID__: string | undefined
export const SCHEMA_ID: string = typeof __QD_SCHEMA_ID__ === 'string' ? __QD_SCHEMA_ID__ : 'dev'

/**
 * SHA-256 (hex) of the content file this build wrote and validated (vite.config.ts). A copy from the network
 * with exactly these bytes needs no second validation in the browser; any other copy is validated.
 */
declare const __QD_CONTENT_SHA256__: string | undefined
const BUILT_CONTENT_SHA256: string = typeof __QD_CONTENT_SHA256__ === 'string' ? __QD_CONTENT_SHA256__ : ''

/**
 * True when `body` is byte for byte the content this build validated (WebCrypto; false where it is missing).
 * Given the bytes as they came from the network, nothing is re-encoded on the page's thread.
 */
export async function isBuiltContent(body: string | ArrayBuffer): Promise<boolean> {
  if (!BUILT_CONTENT_SHA256 || typeof crypto === 'undefined' || !crypto.subtle) return false
  try {
    const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes))
    let hex = ''
    for (const b of digest) hex += b.toString(16).padStart(2, '0')
    return hex === BUILT_CONTENT_SHA256
  } catch {
    return false
  }
}

export type LastGood = { text: string; validatedBy: string | null }

/** The saved text, exactly as it was validated, and by which schema. */
export async function readLastGood(url: string): Promise<LastGood | undefined> {
  if (typeof caches === 'undefined') return undefined
  try {
    const hit = await (await caches.open(CONTENT_CACHE)).match(url, { ignoreSearch: true })
    return hit ? { text: await hit.text(), validatedBy: hit.headers.get(VALIDATED_BY) } : undefined
  } catch {
    return undefined
  }
}

/** `body` as text, or as the bytes fetched (then nothing is re-encoded on the page's thread). */
export async function saveLastGood(url: string, body: string | ArrayBuffer): Promise<void> {
  if (typeof caches === 'undefined') return
  try {
    const headers = { 'Content-Type': 'application/json; charset=utf-8', [VALIDATED_BY]: SCHEMA_ID }
    await (await caches.open(CONTENT_CACHE)).put(url, new Response(body, { headers }))
  } catch {
    // Quota or private mode: the precached build copy still backs the app offline.
  }
}
