/// <reference types="vite/client" />
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { readFileSync, readdirSync } from 'node:fs'
import { validateContent, type Content } from '../../src/content/schema'
import { CONTENT_URL, useContentStore } from '../../src/stores/content'
import { useNoticesStore } from '../../src/stores/notices'
import { CONTENT_CACHE, isBuiltContent } from '../../src/sw/content-cache'
import { UNIT_BUILT_CONTENT } from './built-content'
import { isIos } from '../../src/composables/use-pwa-install'
import { formatBytes, requestPersistentStorage } from '../../src/composables/use-storage'

// The fixture content as the build publishes it (build.ts itself needs a file: URL, which happy-dom lacks).
const DIR = 'tests/fixtures/content'
const raw = Object.fromEntries(readdirSync(DIR).map((f) => [f.replace(/\.json$/, ''), JSON.parse(readFileSync(`${DIR}/${f}`, 'utf8'))]))
const checked = validateContent(raw)
if (!checked.ok) throw new Error(checked.errors.join('\n'))
const V1: Content = { ...checked.content, meta: { ...checked.content.meta, hash: '0123456789ab' } }
const V2 = { ...V1, meta: { ...V1.meta, version: 2, hash: 'abcdef123456' } }

describe('isIos', () => {
  it.each([
    ['Mozilla/5.0 (iPhone; CPU iPhone OS 18_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.5 Mobile/15E148 Safari/604.1', 5, true],
    ['Mozilla/5.0 (iPad; CPU OS 16_7 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/120.0 Mobile/15E148 Safari/604.1', 5, true],
    // iPadOS 13+ says it is a Mac; only touch gives it away.
    ['Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Safari/605.1.15', 5, true],
    ['Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Safari/605.1.15', 0, false],
    ['Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36', 5, false],
  ])('%s (%i touch points) → %s', (ua, touch, expected) => {
    expect(isIos(ua, touch)).toBe(expected)
  })
})

describe('formatBytes', () => {
  it('picks the unit and follows the UI language', () => {
    expect(formatBytes(950, 'en')).toBe('1 kB')
    expect(formatBytes(2_345_678, 'en')).toBe('2.3 MB')
    expect(formatBytes(12_300_000_000, 'en')).toBe('12.3 GB')
    expect(formatBytes(2_345_678, 'ru')).toBe('2,3 МБ')
  })
})

describe('requestPersistentStorage', () => {
  const original = Object.getOwnPropertyDescriptor(navigator, 'storage')
  const setStorage = (value: unknown) => Object.defineProperty(navigator, 'storage', { value, configurable: true })
  afterEach(() => {
    if (original) Object.defineProperty(navigator, 'storage', original)
    else Reflect.deleteProperty(navigator, 'storage')
  })

  it('does not ask again when storage is already persistent', async () => {
    const persist = vi.fn(async () => true)
    setStorage({ persisted: async () => true, persist })
    expect(await requestPersistentStorage()).toBe(true)
    expect(persist).not.toHaveBeenCalled()
  })

  it('asks, and reports the browser’s answer', async () => {
    setStorage({ persisted: async () => false, persist: async () => false })
    expect(await requestPersistentStorage()).toBe(false)
    const persist = vi.fn(async () => true)
    setStorage({ persisted: async () => false, persist })
    expect(await requestPersistentStorage()).toBe(true)
    expect(persist).toHaveBeenCalledOnce()
  })

  it('is false, not an error, without the API or when it throws', async () => {
    setStorage(undefined)
    expect(await requestPersistentStorage()).toBe(false)
    setStorage({ persisted: async () => { throw new Error('nope') }, persist: async () => true })
    expect(await requestPersistentStorage()).toBe(false)
  })
})

describe('content store: last good content', () => {
  /** Cache Storage in memory (body and headers), with an optional delay on reads. */
  type Entry = { body: string; headers: [string, string][] }
  let stored: Map<string, Map<string, Entry>>
  let readDelay = 0
  const cacheApi = {
    open: async (name: string) => {
      const c = stored.get(name) ?? new Map<string, Entry>()
      stored.set(name, c)
      return {
        match: async (url: string) => {
          await new Promise((r) => setTimeout(r, readDelay))
          const entry = c.get(String(url))
          return entry === undefined ? undefined : new Response(entry.body, { headers: entry.headers })
        },
        put: async (url: string, res: Response) => void c.set(String(url), { body: await res.text(), headers: [...res.headers] }),
      }
    },
  }
  const answer = (body: string) => vi.fn(async () => new Response(body, { status: 200 }))
  const saved = () => stored.get(CONTENT_CACHE)?.get(CONTENT_URL)?.body
  const savedMark = () => new Headers(stored.get(CONTENT_CACHE)?.get(CONTENT_URL)?.headers).get('X-Qd-Validated-By')
  const keep = (body: string, mark: string | null) =>
    stored.set(CONTENT_CACHE, new Map([[CONTENT_URL, { body, headers: mark === null ? [] : [['x-qd-validated-by', mark]] }]]))
  const offline = () => vi.fn(async (url: string) => (url.endsWith('?source=build') ? new Response(JSON.stringify(V1)) : Promise.reject(new TypeError('Failed to fetch'))))
  async function freshLoad(fetchImpl: (url: string) => Promise<Response>) {
    setActivePinia(createPinia())
    vi.stubGlobal('fetch', fetchImpl)
    const store = useContentStore()
    await store.load()
    // saveLastGood runs after load resolves.
    await new Promise((r) => setTimeout(r, 0))
    return { store, notices: useNoticesStore() }
  }

  beforeEach(() => {
    stored = new Map()
    readDelay = 0
    vi.stubGlobal('caches', cacheApi)
  })
  afterEach(() => vi.unstubAllGlobals())

  it('keeps a validated network copy as the last good one', async () => {
    const { store } = await freshLoad(answer(JSON.stringify(V1)))
    expect(store.state).toBe('ready')
    expect(store.meta?.hash).toBe(V1.meta.hash)
    expect(JSON.parse(saved()!).meta.hash).toBe(V1.meta.hash)
  })

  it.each([
    ['not JSON', JSON.stringify(V1).slice(0, 500)],
    ['schema-invalid', JSON.stringify({ ...V2, events: [{ ...V1.events[0], start: 'soon' }] })],
  ])('rejects an update that is %s: the last good copy stays, with a notice', async (_label, bad) => {
    await freshLoad(answer(JSON.stringify(V1)))
    const { store, notices } = await freshLoad(answer(bad))
    expect(store.state).toBe('ready')
    expect(store.meta?.hash).toBe(V1.meta.hash)
    expect(store.errors.length).toBeGreaterThan(0)
    expect(notices.notices.map((n) => n.key)).toEqual(['pwa.content_rejected'])
    expect(JSON.parse(saved()!).meta.hash).toBe(V1.meta.hash)
  })

  it('offline: shows the last good copy without a rejection notice', async () => {
    await freshLoad(answer(JSON.stringify(V1)))
    const { store, notices } = await freshLoad(vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))))
    expect(store.state).toBe('ready')
    expect(store.meta?.hash).toBe(V1.meta.hash)
    expect(notices.notices).toEqual([])
  })

  it('with no kept copy, falls back to the copy precached with the build', async () => {
    const { store, notices } = await freshLoad(vi.fn(async (url: string) => new Response(url.endsWith('?source=build') ? JSON.stringify(V1) : '{"meta":')))
    expect(store.state).toBe('ready')
    expect(store.meta?.hash).toBe(V1.meta.hash)
    expect(notices.notices.map((n) => n.key)).toEqual(['pwa.content_rejected'])
  })

  it('with nothing good to fall back on, a bad answer is an error state', async () => {
    const { store } = await freshLoad(answer('{"meta":'))
    expect(store.state).toBe('error')
    expect(saved()).toBeUndefined()
  })

  it('a valid update replaces the last good copy, even when the saved copy is read after it', async () => {
    await freshLoad(answer(JSON.stringify(V1)))
    readDelay = 30
    const { store } = await freshLoad(answer(JSON.stringify(V2)))
    await new Promise((r) => setTimeout(r, 60))
    expect(store.meta?.version).toBe(2)
    expect(JSON.parse(saved()!).meta.version).toBe(2)
  })

  it('saves a valid update at once, not when the page is next idle: a reload before then must not bring back the old copy', async () => {
    await freshLoad(answer(JSON.stringify(V1)))
    // A page that is never idle before the visitor reloads it (or closes the app).
    vi.stubGlobal('requestIdleCallback', vi.fn())
    await freshLoad(answer(JSON.stringify(V2)))
    expect(JSON.parse(saved()!).meta.version).toBe(2)
    expect(savedMark()).toBe('unit-tests')
  })

  it('the saved copy shows before a slow network answers', async () => {
    await freshLoad(answer(JSON.stringify(V1)))
    setActivePinia(createPinia())
    let release!: (r: Response) => void
    vi.stubGlobal('fetch', () => new Promise<Response>((ok) => (release = ok)))
    const store = useContentStore()
    const loading = store.load()
    await vi.waitFor(() => expect(store.state).toBe('ready'))
    expect(store.meta?.version).toBe(1)
    release(new Response(JSON.stringify(V2)))
    await loading
    expect(store.meta?.version).toBe(2)
  })

  it('marks the copy it saves with the schema that validated it', async () => {
    await freshLoad(answer(JSON.stringify(V1)))
    expect(savedMark()).toBe('unit-tests')
  })

  it('shows a copy this schema validated without validating it again; any other copy is validated first', async () => {
    // Invalid content that a check would refuse: only a copy trusted without a check can show it.
    const unchecked = JSON.stringify({ ...V2, events: [{ ...V1.events[0], start: 'soon' }] })
    keep(unchecked, 'unit-tests')
    const trusted = await freshLoad(offline())
    expect(trusted.store.meta?.hash).toBe(V2.meta.hash)

    keep(unchecked, 'another-schema')
    const checkedAgain = await freshLoad(offline())
    expect(checkedAgain.store.meta?.hash).toBe(V1.meta.hash)
    keep(unchecked, null)
    const unmarked = await freshLoad(offline())
    expect(unmarked.store.meta?.hash).toBe(V1.meta.hash)
  })

  it('takes the very file this build validated without validating it again; any other bytes are validated', async () => {
    expect(await isBuiltContent(UNIT_BUILT_CONTENT)).toBe(true)
    expect(await isBuiltContent(UNIT_BUILT_CONTENT.replace('青岛', '青島'))).toBe(false)
    expect(await isBuiltContent(`${UNIT_BUILT_CONTENT} `)).toBe(false)
    // The bytes as fetched give the same answer as the text.
    expect(await isBuiltContent(new TextEncoder().encode(UNIT_BUILT_CONTENT).buffer as ArrayBuffer)).toBe(true)
    expect(await isBuiltContent(new TextEncoder().encode(`${UNIT_BUILT_CONTENT} `).buffer as ArrayBuffer)).toBe(false)
    const built = await freshLoad(answer(UNIT_BUILT_CONTENT))
    expect(built.store.state).toBe('ready')
    expect(built.store.meta?.hash).toBe('unit-built')
    expect(saved()).toBe(UNIT_BUILT_CONTENT)
    expect(savedMark()).toBe('unit-tests')

    stored = new Map()
    const other = await freshLoad(answer(`${UNIT_BUILT_CONTENT} `))
    expect(other.store.state).toBe('error')
    expect(saved()).toBeUndefined()
  })

  it('marks an unmarked copy once the network confirms it, without replacing it', async () => {
    keep(JSON.stringify(V1), null)
    const { store } = await freshLoad(answer(JSON.stringify(V1)))
    expect(store.meta?.hash).toBe(V1.meta.hash)
    expect(savedMark()).toBe('unit-tests')
  })
})
