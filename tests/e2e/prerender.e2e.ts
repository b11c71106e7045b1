// index.html carries the home page rendered at build time in each language (src/prerender.ts); public/lang.js
// puts the visitor's language into #app before the first paint, and the app hydrates it (src/main.ts).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { execFileSync } from 'node:child_process'
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { startServer } from '../../scripts/serve.mjs'
import { CONTENT_DIR } from '../../src/content/build'
import { goOffline, open, scrollToHomeNow, waitForServiceWorker, type Opened } from './browser'
import { builtContent } from './content'

type Messages = Record<string, Record<string, string>>
const LANGS = ['en', 'ru', 'zh'] as const
const messages = Object.fromEntries(LANGS.map((l) => [l, JSON.parse(readFileSync(`locales/${l}.json`, 'utf8')) as Messages]))
const content = builtContent()
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
    expect(await page.locator('main h1').textContent()).toBe(messages[lang]!.home!.title)
    const counts = await page.locator('[data-testid=counts]').textContent()
    expect(counts).toContain(String(content.venues.length))
    expect(await page.locator('[data-testid=nav-events]').textContent()).toContain(messages[lang]!.nav!.events)
    // One copy only: the other languages' templates are gone.
    expect(await page.locator('main h1').count()).toBe(1)
    expect(await page.locator('template').count()).toBe(0)
  })

  it('never shows on any other page: a deep link waits for the app instead of flashing the home page', async () => {
    opened = await openWithoutApp(`/events/${content.events[0]!.id}`, 'en-US')
    expect(await opened.page.locator('#app').innerHTML()).toBe('')
  })

  it('the language select works without the app: a GET to ?lang=…', async () => {
    opened = await openWithoutApp('/', 'en-US')
    const { page } = opened
    await Promise.all([page.waitForURL(/\?lang=ru$/), page.selectOption('[data-testid=lang-select]', 'ru')])
    expect(await page.locator('main h1').textContent()).toBe(messages.ru!.home!.title)
    expect(await page.getAttribute('html', 'lang')).toBe('ru')
  })
})

describe('the app takes over', () => {
  it('hydrates the page in place; the switcher is live', async () => {
    opened = await open('/', { locale: 'ru-RU' })
    const { page, errors } = opened
    expect(await page.locator('main h1').count()).toBe(1)
    expect(await page.locator('main h1').textContent()).toBe(messages.ru!.home!.title)
    const asOf = (l: string) => messages[l]!.content!.as_of!.replace('{date}', '')
    expect(await page.locator('[data-testid=as-of]').textContent()).toContain(asOf('ru'))
    await page.selectOption('[data-testid=lang-select]', 'zh')
    await expect.poll(() => page.locator('main h1').textContent()).toBe(messages.zh!.home!.title)
    // The content's date, left as the build rendered it until now, follows the language too.
    await expect.poll(() => page.locator('[data-testid=as-of]').textContent()).toContain(asOf('zh'))
    expect(await page.locator('[data-testid=as-of]').textContent()).toMatch(/\d{4}年\d{1,2}月\d{1,2}日/)
    // The app handled the change: no form submit, no reload.
    expect(new URL(page.url()).search).toBe('')
    expect(errors).toEqual([])
  })

  it('remembers a language chosen before it took over (?lang=zh) and drops it from the address', async () => {
    opened = await open('/?lang=zh', { locale: 'en-US' })
    const { page } = opened
    expect(await page.locator('main h1').textContent()).toBe(messages.zh!.home!.title)
    await expect.poll(() => new URL(page.url()).search).toBe('')
    const saved = await page.evaluate(() => JSON.parse(localStorage.getItem('qd.prefs') ?? 'null') as { data: { locale: string } } | null)
    expect(saved?.data.locale).toBe('zh')
  })
})

/**
 * A real build on a machine in Berlin, with one timed event still ahead, and Vue's hydration mismatch details
 * on (QD_HYDRATION_DETAILS=1): nothing about the build's clock or zone may reach index.html, and the app must
 * hydrate what is there without a single mismatch for any visitor.
 */
describe('a build in Berlin with an event still ahead', () => {
  const dist = `${resolve(process.env.E2E_DIST ?? '.e2e/dist')}-berlin`
  const dir = mkdtempSync(join(tmpdir(), 'qd-content-future-'))
  const day = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10)
  const FUTURE = { id: 'test-future-forum', start: `${day}T10:00:00+08:00`, end: `${day}T11:30:00+08:00` }
  let server: Awaited<ReturnType<typeof startServer>>

  beforeAll(async () => {
    cpSync(CONTENT_DIR, dir, { recursive: true })
    const events = JSON.parse(readFileSync(join(dir, 'events.json'), 'utf8')) as Record<string, unknown>[]
    const timed = { ...events[0]!, ...FUTURE, allDay: false, title: { zh: '测试论坛', ru: 'Тестовый форум', en: 'Test forum' } }
    writeFileSync(join(dir, 'events.json'), JSON.stringify([...events, timed]))
    const t0 = performance.now()
    execFileSync(process.execPath, [resolve('node_modules/vite/bin/vite.js'), 'build', '--outDir', dist, '--emptyOutDir', '--logLevel', 'error'], {
      stdio: 'inherit',
      env: { ...process.env, NODE_ENV: 'production', TZ: 'Europe/Berlin', QD_CONTENT_DIR: dir, QD_HYDRATION_DETAILS: '1' },
    })
    console.info(`prerender.e2e: the Berlin build took ${Math.round((performance.now() - t0) / 1000)} s`)
    server = await startServer({ root: dist })
  }, 180_000)

  afterAll(async () => {
    await server?.close()
    rmSync(dir, { recursive: true, force: true })
    rmSync(dist, { recursive: true, force: true })
  })

  it('index.html has no zone, local time or status badge in any language, and no button', () => {
    const html = readFileSync(join(dist, 'index.html'), 'utf8')
    for (const l of LANGS) expect(html).toContain(`data-pre-locale="${l}"`)
    expect(html).toContain(messages.en!.home!.title)
    const m = (l: string) => messages[l]!
    const badges = LANGS.flatMap((l) => [m(l).home!.next!, m(l).home!.upcoming!, m(l).home!.on_now!, m(l).events!.upcoming!, m(l).events!.ongoing!])
    // events.at_local without its placeholders: "your time", "по вашему времени", "您的时间".
    for (const word of [...badges, 'your time', 'по вашему времени', '您的时间', 'Test forum', 'UTC+1', 'UTC+2', 'Germany', 'Berlin', 'Central European', 'Германи', '德国']) {
      expect(html, word).not.toContain(word)
    }
    expect(html).not.toMatch(/<button/)
  })

  /** A phone on the Berlin build, console messages about hydration collected. */
  async function visitor(locale: string, timezoneId: string, plan?: string[]) {
    const o = await open('about:blank', { baseURL: server.url, locale, timezoneId })
    const hydration: string[] = []
    o.page.on('console', (msg) => /hydrat|mismatch/i.test(msg.text()) && hydration.push(msg.text()))
    if (plan) await o.page.addInitScript((ids) => location.protocol.startsWith('http') && localStorage.setItem('qd.plan', JSON.stringify({ v: 1, data: { ids } })), plan)
    await o.page.goto('/')
    await o.page.waitForFunction(() => performance.getEntriesByName('qd:mounted').length > 0, undefined, { timeout: 30_000 })
    return { ...o, hydration }
  }

  it('a visitor in Moscow sees Moscow time beside Qingdao time', async () => {
    const v = await visitor('en-US', 'Europe/Moscow')
    opened = v
    await scrollToHomeNow(v.page)
    const card = v.page.locator('[data-testid=home-next]', { hasText: 'Test forum' })
    await expect.poll(() => card.textContent()).toMatch(/Moscow/)
    expect(await card.textContent()).toContain('05:00–06:30')
    expect(await card.textContent()).toContain('10:00–11:30')
    expect(v.errors).toEqual([])
  })

  it.each([
    ['zh-CN', 'Europe/Moscow'],
    ['ru-RU', 'Asia/Almaty'],
    ['en-US', 'America/New_York'],
  ])('no hydration mismatch: browser %s in %s, with a saved plan', async (locale, zone) => {
    const v = await visitor(locale, zone, [FUTURE.id])
    opened = v
    // The plan and the event ahead are there once hydrated.
    await expect.poll(() => v.page.locator('[data-testid=home-plan]').textContent()).toMatch(/1/)
    await scrollToHomeNow(v.page)
    await expect.poll(() => v.page.locator('[data-testid=home-next]').count()).toBe(1)
    expect(v.hydration).toEqual([])
    expect(v.errors).toEqual([])
  })

  it('a tab tapped as the app takes over, before the bottom bar has hydrated, opens its page in the app with that tab lit', async () => {
    const o = await open('about:blank', { baseURL: server.url, locale: 'en-US' })
    opened = o
    const hydration: string[] = []
    o.page.on('console', (msg) => /hydrat|mismatch/i.test(msg.text()) && hydration.push(msg.text()))
    // The tap comes in the task right after the app's hydration, before the bar's turn: Vue's mount ends by
    // setting #app.__vue_app__, and the tap is queued from there.
    await o.page.addInitScript(() => {
      Object.defineProperty(Element.prototype, '__vue_app__', {
        configurable: true,
        set(this: Element, app: unknown) {
          Object.defineProperty(this, '__vue_app__', { value: app, writable: true, configurable: true })
          const channel = new MessageChannel()
          channel.port1.onmessage = () => {
            const tab = document.querySelector<HTMLElement>('[data-testid=nav-events]')!
            tab.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, pointerType: 'touch' }))
            tab.click()
          }
          channel.port2.postMessage(null)
        },
      })
    })
    await o.page.goto('/')
    await o.page.waitForURL(/\/events$/)
    const nav = (key: string) => o.page.locator(`[data-testid=nav-${key}]`)
    await expect.poll(() => nav('events').getAttribute('aria-current')).toBe('page')
    expect(await nav('home').getAttribute('aria-current')).toBeNull()
    expect(await nav('home').getAttribute('class')).not.toMatch(/\bactive\b/)
    // Opened by the app, not by loading the page again (a plain link would).
    expect(await o.page.evaluate(() => new URL(performance.getEntriesByType('navigation')[0]!.name).pathname)).toBe('/')
    expect(hydration).toEqual([])
    expect(o.errors).toEqual([])
  })

  it('no hydration mismatch offline, from the service worker', async () => {
    const v = await visitor('ru-RU', 'Europe/Moscow', [FUTURE.id])
    opened = v
    await waitForServiceWorker(v.page)
    await v.page.waitForFunction(async () => !!(await (await caches.open('qd-content-v1')).match('/data/content.json')), undefined, { timeout: 30_000 })
    await goOffline(v.context)
    v.hydration.length = 0
    await v.page.reload()
    await v.page.waitForFunction(() => performance.getEntriesByName('qd:mounted').length > 0, undefined, { timeout: 30_000 })
    await expect.poll(() => v.page.locator('[data-testid=offline-indicator]').count()).toBe(1)
    expect(await v.page.locator('main h1').textContent()).toBe(messages.ru!.home!.title)
    expect(v.hydration).toEqual([])
  })
})
