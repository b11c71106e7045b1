import { afterEach, describe, expect, it, vi } from 'vitest'
import { readFileSync } from 'node:fs'
import { createPinia, setActivePinia } from 'pinia'
import { HTML_LANG } from '../../src/domain/lang'
import { PREFS_KEY, usePreferencesStore } from '../../src/stores/preferences'

// public/lang.js picks the language of the prerendered home page before any module runs; the app then
// hydrates it in the language the preferences store picks. They must agree, or hydration would not match.
const script = readFileSync('public/lang.js', 'utf8')
/** The page as the build writes it: an empty #app, one template per language (each with the language form). */
function runScript() {
  document.body.innerHTML = '<div id="app"></div>' +
    ['zh', 'ru', 'en'].map((l) => `<template data-pre-locale="${l}"><h1>home-${l}</h1></template>`).join('') +
    '<script></script>'
  new Function(script)()
}

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

afterEach(() => {
  vi.restoreAllMocks()
  localStorage.clear()
  history.replaceState(null, '', '/')
  document.body.innerHTML = ''
})

describe('public/lang.js agrees with the app', () => {
  it.each(cases)('%s', (_label, saved, languages) => {
    if (saved !== null) localStorage.setItem(PREFS_KEY, saved)
    device(languages, languages.length ? languages[0] : 'zh-CN')
    runScript()
    const fromScript = document.documentElement.lang
    setActivePinia(createPinia())
    const locale = usePreferencesStore().locale
    expect(fromScript).toBe(HTML_LANG[locale])
    // That language's page, once, and no templates left behind.
    expect(document.getElementById('app')!.innerHTML).toBe(`<h1>home-${locale}</h1>`)
    expect(document.querySelectorAll('template').length).toBe(0)
  })

  it('?lang= from the language form wins over the saved choice and the device', () => {
    localStorage.setItem(PREFS_KEY, JSON.stringify({ v: 2, data: { locale: 'ru', reminderMinutes: 15 } }))
    device(['en'])
    history.replaceState(null, '', '/?lang=zh')
    runScript()
    expect(document.documentElement.lang).toBe('zh-CN')
    expect(document.getElementById('app')!.innerHTML).toBe('<h1>home-zh</h1>')
  })

  it('ignores an unknown ?lang=', () => {
    device(['ru'])
    history.replaceState(null, '', '/?lang=de')
    runScript()
    expect(document.documentElement.lang).toBe('ru')
  })

  it('shows the prerendered home page on the home page only', () => {
    device(['ru'])
    history.replaceState(null, '', '/events/some-event')
    runScript()
    expect(document.documentElement.lang).toBe('ru')
    expect(document.getElementById('app')!.innerHTML).toBe('')
    expect(document.querySelectorAll('template').length).toBe(0)
  })
})

describe('the language select before the app takes over', () => {
  function pageWithForm() {
    document.body.innerHTML = '<div id="app"></div><template data-pre-locale="en"><form data-lang-form method="get" action="/">' +
      '<select name="lang"><option value="en" selected>English</option><option value="ru">Русский</option></select></form></template>'
    device(['en'])
    new Function(script)()
    return document.querySelector('select')!
  }

  it('submits its GET form on change (to ?lang=…)', () => {
    const select = pageWithForm()
    const requestSubmit = vi.spyOn(select.form!, 'requestSubmit').mockImplementation(() => undefined)
    select.value = 'ru'
    select.dispatchEvent(new Event('change'))
    // requestSubmit, not submit(): the app's handler (LangSwitcher's @submit.prevent) can cancel it once hydrated.
    expect(requestSubmit).toHaveBeenCalledTimes(1)
  })
})

describe('public/lang.js starts the app', () => {
  const BOOT = { entry: '/assets/index.js', modules: '/assets/a.js /assets/b.js', content: '/data/content.json' }
  /** What lang.js has added to the head (kept out of the document: happy-dom would try to load them). */
  let added: Element[] = []
  const started = () => ({
    entry: added.filter((e) => e.matches('script[type=module]')).map((e) => e.getAttribute('src')),
    modules: added.filter((e) => e.matches('link[rel=modulepreload][crossorigin]')).map((l) => l.getAttribute('href')),
    content: added.find((e) => e.matches('link[rel=preload][as=fetch][crossorigin=anonymous]'))?.getAttribute('href') ?? null,
  })
  function runWithBoot() {
    document.body.innerHTML = '<div id="app"></div><template data-pre-locale="en"><h1>home-en</h1></template>' +
      `<script data-entry="${BOOT.entry}" data-modules="${BOOT.modules}" data-content="${BOOT.content}"></script>`
    Object.defineProperty(document, 'currentScript', { value: document.querySelector('script'), configurable: true })
    device(['en'])
    new Function(script)()
  }
  afterEach(() => {
    Object.defineProperty(document, 'currentScript', { value: null, configurable: true })
    added = []
  })

  it('on the home page once its first frame is rendered, and at once on any other page', async () => {
    vi.spyOn(document.head, 'appendChild').mockImplementation(<T extends Node>(el: T) => (added.push(el as unknown as Element), el))
    runWithBoot()
    expect(started()).toEqual({ entry: [], modules: [], content: null })
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)))
    const all = { entry: [BOOT.entry], modules: BOOT.modules.split(' '), content: BOOT.content }
    expect(started()).toEqual(all)

    added = []
    history.replaceState(null, '', '/map')
    runWithBoot()
    expect(started()).toEqual(all)
  })
})

describe('the installed name follows the language', () => {
  const short = { zh: '青岛上合指南', ru: 'Циндао ШОС', en: 'Qingdao SCO' }
  afterEach(() => {
    document.head.innerHTML = ''
  })

  it.each(['zh', 'ru', 'en'] as const)('%s: the manifest link and the iOS Home Screen title', (locale) => {
    document.head.innerHTML = '<link rel="manifest" href="/manifest.webmanifest">' +
      `<meta name="apple-mobile-web-app-title" content="${short.en}" data-zh="${short.zh}" data-ru="${short.ru}" data-en="${short.en}">`
    device(['en'])
    history.replaceState(null, '', `/?lang=${locale}`)
    runScript()
    expect(document.querySelector('link[rel=manifest]')!.getAttribute('href')).toBe(`/manifest-${locale}.webmanifest`)
    expect(document.querySelector('meta[name=apple-mobile-web-app-title]')!.getAttribute('content')).toBe(short[locale])
  })

  it('a page without them is left alone', () => {
    device(['ru'])
    runScript()
    expect(document.documentElement.lang).toBe('ru')
    expect(document.head.querySelector('link, meta')).toBeNull()
  })
})
