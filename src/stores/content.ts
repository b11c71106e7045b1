import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type { Content, ScheduleEvent, ServicePoint, Venue } from '../content/schema'
import { toInstant } from '../domain/time'
import { whenIdle } from '../domain/idle'
import { isBuiltContent, readLastGood, saveLastGood, SCHEMA_ID } from '../sw/content-cache'
import { useNoticesStore } from './notices'
import { compareCodeUnits } from '../domain/order'

export const CONTENT_URL = `${import.meta.env.BASE_URL}data/content.json`

/** The date ("as of") of the content this build bundled, which the home page in index.html shows (vite.config.ts). */
declare const __QD_CONTENT_AS_OF__: string | undefined
export const BUILT_AS_OF: string = typeof __QD_CONTENT_AS_OF__ === 'string' ? __QD_CONTENT_AS_OF__ : ''

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch {
    return undefined
  }
}

/** The share of the programme an update may remove before it is held back (as the publishing command's rule). */
export const MAX_REMOVED_SHARE = 0.5

/** Why a valid update is not shown: older than the copy in use, or removing most of its events. */
export function holdBack(current: Content, next: Content): string | null {
  if (next.meta.version < current.meta.version) return 'content_load.held'
  const kept = new Set(next.events.map((e) => e.id))
  const removed = current.events.filter((e) => !kept.has(e.id)).length
  if (removed && (removed === current.events.length || removed / current.events.length > MAX_REMOVED_SHARE)) return 'content_load.held'
  return null
}

export type ContentState = 'idle' | 'loading' | 'ready' | 'error'

export const useContentStore = defineStore('content', () => {
  const content = shallowRef<Content | null>(null)
  const state = ref<ContentState>('idle')
  const errors = ref<string[]>([])
  /** Why the last load found nothing to show: no answer from the server, or a file that is not valid content. */
  const failure = ref<'network' | 'invalid' | null>(null)

  async function check(raw: unknown) {
    // The validator loads beside the first fetch, not in the entry: it is the biggest part of the store.
    const { validateContent } = await import('../content/schema')
    return validateContent(raw)
  }

  function commit(next: Content) {
    content.value = next
    errors.value = []
    state.value = 'ready'
  }

  /**
   * The last validated copy (Cache Storage) shows at once; the copy from the network (through the service
   * worker: network first, short timeout) replaces it only if it validates, and then becomes the last good one.
   * A saved copy that this build's schema validated is shown without validating it again (and without loading
   * the validator): that is the offline cold start. The network copy is only validated when it differs.
   */
  async function load(): Promise<void> {
    if (state.value === 'loading') return
    state.value = content.value ? 'ready' : 'loading'
    let fresh = false
    let rejected = false
    let problems: string[] = []
    let networkFailed = false
    // Whichever comes first shows first: offline the service worker answers with this same copy at once.
    const savedCopy = content.value ? Promise.resolve(undefined) : readLastGood(CONTENT_URL)
    const saved = savedCopy.then(async (copy) => {
      // A copy saved by another build is validated: start loading the validator beside the fetch. (With no copy,
      // a first visit, the network most likely sends the file this build validated: no validator needed.)
      if (copy !== undefined && copy.validatedBy !== SCHEMA_ID) void import('../content/schema')
      if (copy === undefined || fresh || content.value) return
      const raw = parseJson(copy.text)
      if (copy.validatedBy === SCHEMA_ID && raw !== undefined) {
        commit(raw as Content)
        return
      }
      const result = await check(raw)
      if (result.ok && !fresh && !content.value) commit(result.content)
    })
    try {
      const res = await fetch(CONTENT_URL)
      if (!res.ok) throw new Error(`HTTP ${res.status}`)
      const bytes = await res.arrayBuffer()
      const text = new TextDecoder().decode(bytes)
      const copy = await savedCopy
      await saved
      // Nothing new (offline the service worker answers with the saved copy): no second validation.
      if (content.value && text === copy?.text) {
        if (copy.validatedBy !== SCHEMA_ID) whenIdle(() => void saveLastGood(CONTENT_URL, text))
        return await finish()
      }
      // The file this build validated (a first visit, say) is not validated again: same bytes, same result.
      // (Hashed off the page's thread while the text is parsed.)
      const sameAsBuilt = isBuiltContent(bytes)
      const raw = parseJson(text)
      const built = raw !== undefined && (await sameAsBuilt)
      const result = raw === undefined ? { ok: false as const, errors: ['not valid JSON'] } : built ? { ok: true as const, content: raw as Content } : await check(raw)
      const held = result.ok && content.value ? holdBack(content.value, result.content) : null
      if (held) {
        // Valid, but an older copy (a stale cache or CDN) or one that drops most of the programme: the last
        // good copy stays and the visitor is told.
        useNoticesStore().push(held, undefined, 'warning')
      } else if (result.ok) {
        fresh = true
        if (result.content.meta.hash !== content.value?.meta.hash || !content.value) commit(result.content)
        // At once, not when the page is next idle: a visitor who reloads or closes the app before then would
        // get the old copy back offline. (The write itself happens off the page's thread.)
        void saveLastGood(CONTENT_URL, bytes)
      } else {
        rejected = true
        problems = result.errors
      }
    } catch (e) {
      networkFailed = true
      problems = [String((e as Error).message)]
    }
    await finish()

    async function finish() {
      await saved
      if (!content.value) {
        // Nothing good so far (say, a new version offline whose schema refuses the copy an old one kept):
        // the copy precached with this build, which the build validated.
        const res = await fetch(`${CONTENT_URL}?source=build`).catch(() => undefined)
        const result = res?.ok ? await check(parseJson(await res.text())) : undefined
        if (result?.ok) commit(result.content)
      }
      if (problems.length) errors.value = problems
      failure.value = content.value ? null : networkFailed ? 'network' : 'invalid'
      if (!content.value) state.value = 'error'
      else if (rejected) useNoticesStore().push('pwa.content_rejected', undefined, 'warning')
    }
  }

  /** The build-time prerender (src/prerender.ts) renders with the content the build has just validated. */
  function prerendered(built: Content): void {
    commit(built)
  }

  const venues = computed<Venue[]>(() => content.value?.venues ?? [])
  const services = computed<ServicePoint[]>(() => content.value?.services ?? [])
  /** Events in chronological order. */
  const events = computed<ScheduleEvent[]>(() =>
    (content.value?.events ?? [])
      .map((e) => ({ e, at: toInstant(e.start) }))
      .sort((a, b) => a.at - b.at || compareCodeUnits(a.e.id, b.e.id))
      .map((x) => x.e),
  )
  const venueById = computed(() => new Map(venues.value.map((x) => [x.id, x])))
  const eventById = computed(() => new Map(events.value.map((x) => [x.id, x])))
  const serviceById = computed(() => new Map(services.value.map((x) => [x.id, x])))
  const meta = computed(() => content.value?.meta ?? null)

  return { content, state, errors, failure, load, prerendered, venues, services, events, venueById, eventById, serviceById, meta }
})
