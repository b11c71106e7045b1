import { afterEach, describe, expect, it, vi } from 'vitest'
import { readFileSync } from 'node:fs'
import { createPinia, setActivePinia } from 'pinia'
import { HTML_LANG } from '../../src/domain/lang'
import { PREFS_KEY, usePreferencesStore } from '../../src/stores/preferences'

// public/lang.js picks the language of the prerendered home page before any module runs; the app then
// mounts in the language the preferences store picks. They must agree, or the page switches language
// under the visitor as it starts.
const script = readFileSync('public/lang.js', 'utf8')
/** What the build moves from the head onto lang.js's own tag (vite.config.ts, takeBootTags). */
const BOOT = { entry: 'data:text/javascript,', modules: 'data:text/javascript,1 data:text/javascript,2', content: '/data/content.json' }
/**
 * The prerendered page as the build writes it: an empty #app, one template per language, then lang.js's tag
 * (with what it starts only when `boot`: the language tests leave the app unstarted).
 */
function runScript(boot = false) {
  document.body.innerHTML = '<div id="app"></div>' +
    ['zh', 'ru', 'en'].map((l) => `<template data-pre-locale="${l}"><h1>home-${l}</h1></template>`).join('') +
    (boot ? `<script data-entry="${BOOT.entry}" data-modules="${BOOT.modules}" data-content="${BOOT.content}"></script>` : '<script></script>')
  new Function(script)()
}
/** What lang.js has added to the head so far (kept out of the document: happy-dom would try to load them). */
let added: Element[] = []
const started = () => ({
  entry: added.filter((e) => e.matches('script[type=module]')).length,
  modules: added.filter((e) => e.matches('link[rel=modulepreload][crossorigin]')).map((l) => l.getAttribute('href')),
  content: added.find((e) => e.matches('link[rel=preload][as=fetch][crossorigin=anonymous]'))?.getAttribute('href') ?? null,
})

const nextTask = () => new Promise((r) => setTimeout(r, 0))

function device(languages: string[], language = languages[0] ?? '') {
  Object.defineProperty(navigator, 'languages', { value: languages, configurable: true })
  Object.defineProperty(navigator, 'language', { value: language, configurable: true })
}

const cases: [string, string | null, string[]][] = [
  ['a saved v2 choice wins over the device', JSON.stringify({ v: 2, data: { locale: 'ru', reminderMinutes: 15 } }), ['zh-CN']],
  ['a saved v1 choice (migrated by the app)', JSON.stringify({ v: 1, data: { lang: 'zh' } }), ['en-US']],
  ['corrupt saved data: the device', '{not json', ['ru-RU']],
  ['a v2 record with a bad reminder keeps its language', JSON.stringify({ v: 2, data: { locale: 'ru', reminderMinutes: 99999 } }), ['zh-TW']],
  ['a record from a newer version keeps its language', JSON.stringify({ v: 3, data: { locale: 'ru', reminderMinutes: 15 } }), ['en']],
  ['an unknown saved language: the device', JSON.stringify({ v: 2, data: { locale: 'de', reminderMinutes: 15 } }), ['ru']],
  ['nothing saved, zh_TW', null, ['zh_TW']],
  ['nothing saved, first non-empty language decides', null, ['', ' ru-RU ', 'zh']],
  ['nothing saved, English first', null, ['en-GB', 'ru']],
  ['nothing saved, an unsupported language', null, ['kk-KZ', 'ru']],
  ['nothing saved, no languages list', null, []],
]

describe('public/lang.js agrees with the app', () => {
  afterEach(() => {
    delete (window as unknown as { qdIntlWarm?: unknown }).qdIntlWarm
    vi.unstubAllGlobals()
    vi.restoreAllMocks()
    localStorage.clear()
    history.replaceState(null, '', '/')
    document.documentElement.removeAttribute('data-pre')
    document.body.innerHTML = ''
  })

  it.each(cases)('%s', (_label, saved, languages) => {
    if (saved !== null) localStorage.setItem(PREFS_KEY, saved)
    device(languages, languages.length ? languages[0] : 'zh-CN')
    runScript()
    const fromScript = document.documentElement.lang
    setActivePinia(createPinia())
    const locale = usePreferencesStore().locale
    expect(fromScript).toBe(HTML_LANG[locale])
    expect(document.documentElement.dataset.pre).toBe(locale)
    // That language's page, once, and no templates left behind.
    expect(document.getElementById('app')!.innerHTML).toBe(`<h1>home-${locale}</h1>`)
    expect(document.querySelectorAll('template').length).toBe(0)
  })

  it('shows the prerendered home page on the home page only', () => {
    device(['ru'])
    history.replaceState(null, '', '/events/some-event')
    runScript()
    expect(document.documentElement.dataset.pre).toBe('off')
    expect(document.documentElement.lang).toBe('ru')
    expect(document.getElementById('app')!.innerHTML).toBe('')
    expect(document.querySelectorAll('template').length).toBe(0)
  })

  it('starts the app after the first frame on the home page, and at once on any other page', async () => {
    const append = vi.spyOn(document.head, 'appendChild').mockImplementation(<T extends Node>(el: T) => (added.push(el as unknown as Element), el))
    added = []
    device(['en'])
    runScript(true)
    expect(started()).toEqual({ entry: 0, modules: [], content: null })
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)))
    expect(started()).toEqual({ entry: 1, modules: [], content: BOOT.content })
    // Then the entry's imports, one per task.
    await nextTask()
    expect(started().modules).toEqual(BOOT.modules.split(' ').slice(0, 1))
    await nextTask()
    expect(started()).toEqual({ entry: 1, modules: BOOT.modules.split(' '), content: BOOT.content })

    added = []
    history.replaceState(null, '', '/map')
    runScript(true)
    expect(started()).toEqual({ entry: 1, modules: [], content: BOOT.content })
    await nextTask()
    await nextTask()
    expect(started()).toEqual({ entry: 1, modules: BOOT.modules.split(' '), content: BOOT.content })
    append.mockRestore()
  })

  it('where the browser reports paints, starts the app once the first contentful paint is reported', async () => {
    const append = vi.spyOn(document.head, 'appendChild').mockImplementation(<T extends Node>(el: T) => (added.push(el as unknown as Element), el))
    type Callback = (list: { getEntriesByName: (n: string) => unknown[] }, observer: { disconnect: () => void }) => void
    const observers: { callback: Callback; options?: unknown; disconnected: boolean }[] = []
    vi.stubGlobal('PerformanceObserver', Object.assign(class {
      me: { callback: Callback; options?: unknown; disconnected: boolean }
      constructor(callback: Callback) { this.me = { callback, disconnected: false }; observers.push(this.me) }
      observe(options: unknown) { this.me.options = options }
      disconnect() { this.me.disconnected = true }
    }, { supportedEntryTypes: ['paint', 'largest-contentful-paint'] }))
    added = []
    device(['en'])
    runScript(true)
    expect(observers.map((o) => o.options)).toEqual([{ type: 'paint', buffered: true }])
    const report = (names: string[]) => observers[0]!.callback({ getEntriesByName: (n) => names.filter((x) => x === n) }, { disconnect: () => (observers[0]!.disconnected = true) })
    // Frames come and go; a first paint without text is not enough.
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)))
    report(['first-paint'])
    await nextTask()
    expect(started().entry).toBe(0)
    report(['first-contentful-paint'])
    expect(observers[0]!.disconnected).toBe(true)
    await nextTask()
    expect(started()).toEqual({ entry: 1, modules: [], content: BOOT.content })
    append.mockRestore()
    vi.unstubAllGlobals()
  })
})

describe('public/lang.js loads the ICU data on a worker', () => {
  const warm = () => (window as unknown as { qdIntlWarm?: Promise<unknown> }).qdIntlWarm
  // It starts with the app (boot): on a page other than the home page, at once.
  const bootNow = () => {
    history.replaceState(null, '', '/map')
    const append = vi.spyOn(document.head, 'appendChild').mockImplementation(<T extends Node>(el: T) => el)
    runScript(true)
    append.mockRestore()
  }
  afterEach(() => {
    delete (window as unknown as { qdIntlWarm?: unknown }).qdIntlWarm
    vi.unstubAllGlobals()
    localStorage.clear()
    history.replaceState(null, '', '/')
    document.body.innerHTML = ''
  })

  it('starts public/intl-warm.js with the language it picked, and resolves qdIntlWarm once it answers', async () => {
    const workers: { url: string; posted: unknown[]; terminated: boolean; onmessage?: () => void }[] = []
    vi.stubGlobal('Worker', class {
      url: string; posted: unknown[] = []; terminated = false; onmessage?: () => void; onerror?: () => void
      constructor(url: string) { this.url = url; workers.push(this) }
      postMessage(m: unknown) { this.posted.push(m) }
      terminate() { this.terminated = true }
    })
    device(['ru-RU'])
    runScript()
    // On the home page, after the first frame: not while the first paint needs the CPU.
    expect(workers).toEqual([])
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)))
    expect(workers.map((w) => [w.url, w.posted])).toEqual([['/intl-warm.js', ['ru']]])
    let done = false
    void warm()!.then(() => (done = true))
    await nextTask()
    expect(done).toBe(false)
    workers[0]!.onmessage!()
    await nextTask()
    expect(done).toBe(true)
    expect(workers[0]!.terminated).toBe(true)
  })

  it('on any other page it starts with the app, at once', () => {
    const workers: string[] = []
    vi.stubGlobal('Worker', class {
      constructor(url: string) { workers.push(url) }
      postMessage() {}
    })
    device(['en'])
    bootNow()
    expect(workers).toEqual(['/intl-warm.js'])
  })

  it('with no Worker (or one refused) there is nothing to wait for', async () => {
    vi.stubGlobal('Worker', class { constructor() { throw new Error('refused') } })
    device(['en'])
    bootNow()
    let done = false
    void warm()!.then(() => (done = true))
    await nextTask()
    expect(done).toBe(true)
  })

  it('the worker script formats the language it is sent and answers, even where Intl refuses', () => {
    const answers: unknown[] = []
    // The worker's global scope: its onmessage and postMessage.
    const scope: { onmessage?: (e: { data: string }) => void; postMessage: (m: unknown) => void } = {
      onmessage: undefined,
      postMessage: (m) => answers.push(m),
    }
    new Function('scope', `with (scope) { ${readFileSync('public/intl-warm.js', 'utf8')} }`)(scope)
    scope.onmessage!({ data: 'zh' })
    scope.onmessage!({ data: 'not a locale!' })
    expect(answers).toEqual([0, 0])
  })
})
