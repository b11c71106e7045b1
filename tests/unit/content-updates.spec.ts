// Content updates in the app: a valid file can still be the wrong one to show (older, or most of the
// programme gone), and a first visit that gets nothing says why.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { readFileSync, readdirSync } from 'node:fs'
import { validateContent, type Content } from '../../src/content/schema'
import { CONTENT_URL, useContentStore } from '../../src/stores/content'
import { useNoticesStore } from '../../src/stores/notices'
import { CONTENT_CACHE } from '../../src/sw/content-cache'

const DIR = 'tests/fixtures/content'
const raw = Object.fromEntries(readdirSync(DIR).map((f) => [f.replace(/\.json$/, ''), JSON.parse(readFileSync(`${DIR}/${f}`, 'utf8'))]))
const checked = validateContent(raw)
if (!checked.ok) throw new Error(checked.errors.join('\n'))
const V1: Content = { ...checked.content, meta: { ...checked.content.meta, version: 5, hash: '0123456789ab' } }
const version = (v: number, hash: string, events = V1.events): Content => ({ ...V1, events, meta: { ...V1.meta, version: v, hash } })

type Entry = { body: string; headers: [string, string][] }
let stored = new Map<string, Map<string, Entry>>()
const cacheApi = {
  open: async (name: string) => {
    const c = stored.get(name) ?? new Map<string, Entry>()
    stored.set(name, c)
    return {
      match: async (url: string) => {
        const entry = c.get(String(url))
        return entry === undefined ? undefined : new Response(entry.body, { headers: entry.headers })
      },
      put: async (url: string, res: Response) => void c.set(String(url), { body: await res.text(), headers: [...res.headers] }),
    }
  },
}
const saved = () => JSON.parse(stored.get(CONTENT_CACHE)?.get(CONTENT_URL)?.body ?? 'null') as Content | null
async function load(fetchImpl: (url: string) => Promise<Response>) {
  setActivePinia(createPinia())
  vi.stubGlobal('fetch', fetchImpl)
  const store = useContentStore()
  await store.load()
  await new Promise((r) => setTimeout(r, 0))
  return { store, keys: useNoticesStore().notices.map((n) => n.key) }
}
const answer = (c: unknown) => vi.fn(async () => new Response(typeof c === 'string' ? c : JSON.stringify(c)))

beforeEach(() => {
  stored = new Map()
  vi.stubGlobal('caches', cacheApi)
})
afterEach(() => vi.unstubAllGlobals())

describe('content updates the app holds back', () => {
  it('a copy older than the last good one (by meta.version) is not taken, and the visitor is told', async () => {
    await load(answer(V1))
    const { store, keys } = await load(answer(version(4, 'aaaaaaaaaaaa')))
    expect(store.meta?.version).toBe(5)
    expect(saved()?.meta.version).toBe(5)
    expect(keys).toEqual(['content_load.held'])
  })

  it('an update with no events (events: []) does not replace the programme', async () => {
    await load(answer(V1))
    const { store, keys } = await load(answer(version(6, 'bbbbbbbbbbbb', [])))
    expect(store.events).toHaveLength(V1.events.length)
    expect(saved()?.meta.version).toBe(5)
    expect(keys).toEqual(['content_load.held'])
  })

  it('a newer update that keeps most of the programme is taken without a word', async () => {
    await load(answer(V1))
    const { store, keys } = await load(answer(version(6, 'cccccccccccc')))
    expect(store.meta?.version).toBe(6)
    expect(keys).toEqual([])
  })
})

describe('first visit honesty', () => {
  it('no answer from the server is a network failure', async () => {
    const { store } = await load(vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))))
    expect(store.state).toBe('error')
    expect(store.failure).toBe('network')
  })

  it('a corrupt file from the server is not called a connection problem', async () => {
    const { store } = await load(answer('{"meta":'))
    expect(store.state).toBe('error')
    expect(store.failure).toBe('invalid')
  })
})
