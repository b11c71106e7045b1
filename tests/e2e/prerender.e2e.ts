import { afterEach, describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { open, type Opened } from './browser'
import { builtContent } from './content'

// index.html carries the home page, rendered at build time in each language (src/prerender.ts); public/lang.js
// puts the visitor's language into #app before the first paint, and the app mounts over it.
const content = builtContent()
const messages = Object.fromEntries(['en', 'ru', 'zh'].map((l) => [l, JSON.parse(readFileSync(`locales/${l}.json`, 'utf8'))]))
let opened: Opened | undefined
afterEach(async () => {
  await opened?.context.close()
  opened = undefined
})

/** Opens `path` with every app script refused: only index.html, its CSS and public/lang.js run. */
async function openWithoutApp(path: string, locale: string, saved?: string): Promise<Opened> {
  const o = await open('about:blank', { locale })
  if (saved) await o.page.addInitScript((s) => location.protocol.startsWith('http') && localStorage.setItem('qd.prefs', s), saved)
  await o.page.route(/\/assets\/.*\.js$/, (route) => route.abort())
  await o.page.goto(path)
  return o
}

describe('the home page before any app script runs', () => {
  it.each([
    ['en-US', 'en', 'en', undefined],
    ['ru-RU', 'ru', 'ru', undefined],
    ['zh-CN', 'zh', 'zh-CN', undefined],
    // A saved choice wins over the browser, as in the app.
    ['en-US', 'ru', 'ru', JSON.stringify({ v: 2, data: { locale: 'ru', reminderMinutes: 15 } })],
  ] as const)('browser %s → %s', async (browserLocale, lang, htmlLang, saved) => {
    opened = await openWithoutApp('/', browserLocale, saved)
    const { page } = opened
    expect(await page.getAttribute('html', 'lang')).toBe(htmlLang)
    const h1 = page.locator('main h1')
    expect(await h1.count()).toBe(1)
    expect(await h1.textContent()).toBe(messages[lang].home.title)
    // The content part too: the counts line and the nav in the same language, from the bundled content.
    const counts = await page.locator('[data-testid=counts]').textContent()
    expect(counts).toContain(String(content.venues.length))
    expect(counts).toContain(String(content.events.length))
    expect(await page.locator('[data-testid=nav-events]').textContent()).toContain(messages[lang].nav.events)
    // One copy only: the other languages' templates are gone.
    expect(await page.locator('main h1').count()).toBe(1)
    expect(await page.locator('template').count()).toBe(0)
    expect(await page.getAttribute('html', 'data-pre')).toBe(lang)
  })

  it('never shows on any other page: a deep link waits for the app instead of flashing the home page', async () => {
    opened = await openWithoutApp(`/events/${content.events[0]!.id}`, 'en-US')
    expect(await opened.page.getAttribute('html', 'data-pre')).toBe('off')
    expect(await opened.page.locator('#app').innerHTML()).toBe('')
  })
})

describe('the app takes over', () => {
  it('mounts over the prerendered page: one live home page, in place', async () => {
    opened = await open('/', { locale: 'ru-RU' })
    const { page, errors } = opened
    await page.waitForFunction(() => performance.getEntriesByName('qd:mounted').length > 0)
    expect(await page.locator('main h1').count()).toBe(1)
    expect(await page.locator('main h1').textContent()).toBe(messages.ru.home.title)
    // Live: the switcher works, which no prerendered markup can do.
    await page.selectOption('[data-testid=lang-select]', 'zh')
    await expect.poll(() => page.locator('main h1').textContent()).toBe(messages.zh.home.title)
    expect(errors).toEqual([])
  })
})

describe('what loads when', () => {
  /**
   * When the app's entry and the content started loading, when lang.js had put the page in place, the frames
   * (from a frame callback set before any page script) and the first text paint, in ms since navigation.
   */
  async function timeline(path: string) {
    opened = await open('about:blank', { locale: 'en-US' })
    const { page } = opened
    await page.addInitScript(() => {
      const frames: number[] = []
      ;(window as unknown as { frames_: number[] }).frames_ = frames
      const tick = () => frames.push(performance.now()) < 300 && requestAnimationFrame(tick)
      requestAnimationFrame(tick)
    })
    await page.goto(path)
    await page.waitForFunction(() => ['qd:mounted', 'first-contentful-paint'].every((n) => performance.getEntriesByName(n).length > 0))
    return page.evaluate(() => {
      const start = (re: RegExp) => performance.getEntriesByType('resource').find((r) => re.test(r.name))?.startTime ?? NaN
      return {
        shown: performance.getEntriesByName('qd:pre-shown')[0]?.startTime ?? NaN,
        frames: (window as unknown as { frames_: number[] }).frames_,
        text: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
        entry: start(/\/assets\/index-[^/]*\.js$/),
        content: start(/\/data\/content\.json$/),
      }
    })
  }

  it('on the home page the app and the content start loading once the page is on screen, not before', async () => {
    const t = await timeline('/')
    // A frame began after lang.js put the page in place and before either request started.
    const frame = t.frames.find((f) => f > t.shown)
    expect(frame).toBeDefined()
    expect(t.entry).toBeGreaterThan(frame!)
    expect(t.content).toBeGreaterThan(frame!)
    // Not before the browser has reported the first contentful paint (its time is when the frame was shown),
    // unless that report took over a second (lang.js's backstop).
    const reported = Math.min(t.text, t.shown + 1000)
    expect(t.entry).toBeGreaterThan(reported)
    expect(t.content).toBeGreaterThan(reported)
    expect(opened!.errors).toEqual([])
  })

  it('on any other page (nothing to paint before the app) they load at once', async () => {
    const t = await timeline('/info')
    expect(t.entry).toBeLessThan(t.text)
    expect(t.content).toBeLessThan(t.text)
    expect(await opened!.page.locator('main h1').count()).toBe(1)
    expect(opened!.errors).toEqual([])
  })
})
