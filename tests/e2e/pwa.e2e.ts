// Installable and offline: the service worker controls the page after the first load, and with the
// network cut every route, every language and a cold deep link to each kind of detail page still work.
import { afterEach, describe, expect, it } from 'vitest'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type BrowserContext, type Page } from 'playwright-core'
import { baseURL, CHROMIUM_ARGS, CHROMIUM_PATH, goOffline, open, waitForServiceWorker, type Opened } from './browser'
import { builtContent } from './content'

/** Polls wait for the app, not for a speed: the machine may be busy. */
const SLOW = { timeout: 20_000 }

const content = builtContent()
const messages = (lang: string) => JSON.parse(readFileSync(`locales/${lang}.json`, 'utf8')) as { pwa: Record<string, string> }
/** Every route without a parameter, read from the router so that new sections are covered too. */
const ROUTES = [...readFileSync('src/router/index.ts', 'utf8').matchAll(/path: '(\/[a-z/-]*)'/g)].map((m) => m[1]!)

let opened: Opened | undefined
let persistent: { context: BrowserContext; profile: string } | undefined
afterEach(async () => {
  await opened?.context.close()
  opened = undefined
  await persistent?.context.close()
  if (persistent) rmSync(persistent.profile, { recursive: true, force: true })
  persistent = undefined
})

function collectErrors(page: Page): string[] {
  const errors: string[] = []
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()))
  page.on('pageerror', (e) => errors.push(String(e)))
  return errors
}

const LANGS = [['zh', 'zh-CN'], ['ru', 'ru'], ['en', 'en']] as const

describe('offline after the first visit', () => {
  it('every route reloads offline and deep links open cold, in each language', { timeout: 300_000 }, async () => {
    opened = await open('/', { locale: 'en-US' })
    const { context, page, errors } = opened
    await waitForServiceWorker(page)
    // The worker claims the page while it is still activating (clients.claim in its activate event): wait for the end.
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller?.state), SLOW).toBe('activated')
    // "Ready to work offline" once the precache is complete.
    await expect.poll(() => page.locator('[data-testid=notice]').allTextContents(), SLOW).toContainEqual(expect.stringContaining(messages('en').pwa.offline_ready!))
    expect(await page.locator('[data-testid=offline-indicator]').count()).toBe(0)

    await goOffline(context)
    await page.locator('[data-testid=offline-indicator]').waitFor()
    expect(ROUTES.length).toBeGreaterThanOrEqual(5)
    for (const [lang, htmlLang] of LANGS) {
      const t = messages(lang).pwa
      // Switching language offline needs its precached locale chunk.
      await page.selectOption('[data-testid=lang-select]', lang)
      await expect.poll(() => page.getAttribute('html', 'lang'), SLOW).toBe(htmlLang)
      for (const path of ROUTES) {
        // A full navigation, answered by the service worker alone.
        await page.goto(path)
        await page.locator('main h1').first().waitFor()
        expect(await page.getAttribute('html', 'lang'), path).toBe(htmlLang)
        expect(await page.locator('[data-testid=content-error]').count(), path).toBe(0)
        expect(await page.locator('[data-testid=offline-indicator]').textContent(), path).toContain(t.offline)
      }

      // Cold deep links: a new tab straight onto a detail page, nothing in memory, no network.
      const deep = [
        [`/events/${content.events[0]!.id}`, content.events[0]!.title[lang]],
        [`/venues/${content.venues[0]!.id}`, content.venues[0]!.name[lang]],
        [`/services/${content.services[0]!.id}`, content.services[0]!.name[lang]],
      ] as const
      for (const [path, title] of deep) {
        const tab = await context.newPage()
        const tabErrors = collectErrors(tab)
        await tab.goto(path)
        await expect.poll(() => tab.locator('main h1').first().textContent(), SLOW).toBe(title)
        expect(await tab.getAttribute('html', 'lang')).toBe(htmlLang)
        expect(tabErrors, path).toEqual([])
        await tab.close()
      }
    }
    expect(errors).toEqual([])
  })

  it('without the service worker the same offline reload fails (negative control)', async () => {
    opened = await open('/', { locale: 'en-US', serviceWorkers: 'block' })
    const { context, page } = opened
    await page.locator('main h1').waitFor()
    await goOffline(context)
    await expect(page.reload()).rejects.toThrow(/ERR_INTERNET_DISCONNECTED/)
  })
})

describe('installable', () => {
  it('Chromium finds no installability error and the manifest has what the install UI needs', { timeout: 90_000 }, async () => {
    // Installability needs a real profile: every Playwright context is incognito ("in-incognito").
    const profile = mkdtempSync(join(tmpdir(), 'qd-pwa-'))
    const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true, baseURL: baseURL() })
    persistent = { context, profile }
    const page = context.pages()[0] ?? (await context.newPage())
    await page.goto('/')
    await waitForServiceWorker(page)
    const cdp = await context.newCDPSession(page)
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors')
    expect(installabilityErrors).toEqual([])

    const href = await page.getAttribute('link[rel=manifest]', 'href')
    const manifest = await page.evaluate(async (u) => (await fetch(u!)).json(), href)
    expect(manifest).toMatchObject({
      name: expect.any(String), short_name: expect.any(String), description: expect.any(String),
      display: 'standalone', start_url: '/', scope: '/', lang: 'en',
      theme_color: await page.getAttribute('meta[name=theme-color]', 'content'),
    })
    type Img = { src: string; sizes: string; purpose?: string; form_factor?: string }
    const icons = manifest.icons as Img[]
    expect(icons.filter((i) => i.purpose !== 'maskable').map((i) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']))
    expect(icons.filter((i) => i.purpose === 'maskable').map((i) => i.sizes)).toEqual(['512x512'])
    expect((manifest.screenshots as Img[]).map((s) => s.form_factor).sort()).toEqual(['narrow', 'wide'])
    expect((manifest.shortcuts as { url: string }[]).map((s) => s.url)).toEqual(['/map', '/events', '/services'])
    // Every image the manifest names exists and has the size it claims.
    for (const img of [...icons, ...(manifest.screenshots as Img[])]) {
      const size = await page.evaluate(async (src) => {
        const bmp = await createImageBitmap(await (await fetch(src)).blob())
        return `${bmp.width}x${bmp.height}`
      }, img.src)
      expect(size, img.src).toBe(img.sizes)
    }
    expect(await page.getAttribute('link[rel=apple-touch-icon]', 'href')).toBe('/icons/apple-touch-icon.png')
  })

  it('the Install button appears with the browser offer, prompts, and then says installed', async () => {
    opened = await open('/info', { locale: 'ru-RU' })
    const { page, errors } = opened
    await page.locator('[data-testid=pwa-install]').waitFor()
    expect(await page.locator('[data-testid=pwa-install-other]').count()).toBe(1)
    await page.evaluate(() => {
      const offer = Object.assign(new Event('beforeinstallprompt', { cancelable: true }), {
        prompt: async () => void ((window as unknown as { prompted: boolean }).prompted = true),
        userChoice: Promise.resolve({ outcome: 'accepted' }),
      })
      window.dispatchEvent(offer)
    })
    await page.locator('[data-testid=pwa-install-button]').click()
    await page.locator('[data-testid=pwa-installed]').waitFor()
    expect(await page.evaluate(() => (window as unknown as { prompted?: boolean }).prompted)).toBe(true)
    expect(await page.locator('[data-testid=pwa-install-button]').count()).toBe(0)
    expect(errors).toEqual([])
  })

  it('iOS Safari gets the Share → Add to Home Screen steps instead', async () => {
    const iphone = 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.5 Mobile/15E148 Safari/604.1'
    opened = await open('/info', { locale: 'zh-CN', userAgent: iphone })
    const ios = opened.page.locator('[data-testid=pwa-install-ios]')
    await ios.waitFor()
    expect(await ios.locator('li').count()).toBe(3)
    expect(await ios.textContent()).toContain('添加到主屏幕')
  })

  it('running standalone (installed) shows no install offer', async () => {
    opened = await open('/', { locale: 'en-US' })
    const { page } = opened
    await page.addInitScript(() => {
      const real = window.matchMedia.bind(window)
      window.matchMedia = (q: string) => (q.includes('display-mode: standalone') ? ({ ...real(q), matches: true } as MediaQueryList) : real(q))
    })
    await page.goto('/info')
    await page.locator('[data-testid=pwa-installed]').waitFor()
    expect(await page.locator('[data-testid=pwa-install-button], [data-testid=pwa-install-other]').count()).toBe(0)
  })

  it('Info shows storage use and whether it is protected', async () => {
    opened = await open('/info', { locale: 'en-US' })
    const { page } = opened
    await waitForServiceWorker(page)
    await page.reload()
    await expect.poll(() => page.locator('[data-testid=pwa-storage-used]').textContent(), SLOW).toMatch(/Storage used: [\d.]+ [kMG]B of [\d.]+ [kMG]B available/)
    await expect.poll(() => page.locator('[data-testid=pwa-offline-status]').getAttribute('data-ready'), SLOW).toBe('true')
    await page.locator('[data-testid=pwa-persisted]').waitFor()
  })
})
