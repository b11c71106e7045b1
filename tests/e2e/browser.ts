import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core'
import { expect, inject } from 'vitest'

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
]
export const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true }

let shared: Promise<Browser> | undefined
/** The browser started by global setup, connected once per test file. */
export function browser(): Promise<Browser> {
  process.env.PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS = '1'
  shared ??= chromium.connect(inject('wsEndpoint'))
  return shared
}

export const baseURL = () => inject('baseURL')

export type Opened = { context: BrowserContext; page: Page; errors: string[] }

/** A fresh phone-sized context (its own storage and service worker) with console errors collected. */
export async function open(path = '/', options: BrowserContextOptions = {}): Promise<Opened> {
  const context = await (await browser()).newContext({ ...PHONE, baseURL: baseURL(), ...options })
  const page = await context.newPage()
  const errors: string[] = []
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text())
  })
  page.on('pageerror', (e) => errors.push(String(e)))
  await page.goto(path)
  if (path.startsWith('/')) await appMounted(page)
  return { context, page, errors }
}

/**
 * Wait until the app has mounted (main.ts marks qd:mounted). On the home page the page prerendered into
 * index.html shows first; tests of the app itself start once it has taken over (tests/e2e/prerender.e2e.ts
 * covers the prerendered page).
 */
export async function appMounted(page: Page): Promise<void> {
  await page.waitForFunction(() => performance.getEntriesByName('qd:mounted').length > 0, undefined, { timeout: 30_000 })
}

/** Wait until the service worker controls the page. */
export async function waitForServiceWorker(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready
    if (!navigator.serviceWorker.controller) {
      await new Promise<void>((ok) => navigator.serviceWorker.addEventListener('controllerchange', () => ok(), { once: true }))
    }
  })
}

/** Cut the network for the page and for the service worker's own fetches (Playwright does not block those). */
export async function goOffline(context: BrowserContext): Promise<void> {
  await context.route('**', (route) => (route.request().serviceWorker() ? route.abort('internetdisconnected') : route.fallback()))
  await context.setOffline(true)
}

/** One tap on the map's zoom button, then the zoom's animation and the labels placed after it. */
export async function zoomButton(page: Page, button: 'in' | 'out'): Promise<void> {
  await page.locator(`.leaflet-control-zoom-${button}`).click()
  await expect.poll(() => page.locator('.leaflet-zoom-anim').count()).toBe(0)
  await page.waitForTimeout(300)
}

/**
 * Taps a marker a visitor can see until a place sheet opens. The first view fits the city core
 * (src/map/fit.ts), so markers far from it (the West Coast, the airport) are in the DOM but off
 * screen: the first marker in document order may not be tappable. Single places are preferred; a
 * cluster zooms in on each tap.
 */
export async function tapVisibleMarker(page: Page): Promise<void> {
  const sheet = page.locator('[data-testid=map-sheet]')
  for (let i = 0; i < 6 && !(await sheet.isVisible()); i++) {
    const n = await page.locator('[data-testid=map-marker]').evaluateAll((els) => {
      const box = document.querySelector('[data-testid=map]')!.getBoundingClientRect()
      const tappable = els.map((m, i) => {
        const r = m.getBoundingClientRect()
        const x = (r.left + r.right) / 2
        const y = (r.top + r.bottom) / 2
        const ok = x > box.left && x < box.right && y > box.top && y < box.bottom && document.elementFromPoint(x, y)?.closest('[data-testid=map-marker]') === m
        return { i, ok, single: (m.getAttribute('data-places') ?? '').trim().split(/\s+/).length === 1 }
      }).filter((m) => m.ok)
      return (tappable.find((m) => m.single) ?? tappable[0])?.i ?? -1
    })
    if (n < 0) throw new Error('no marker on screen to tap')
    await page.locator('[data-testid=map-marker]').nth(n).click()
    await page.waitForTimeout(400)
  }
}

/**
 * Home's "now" block (clock, open places, programme) renders once it is scrolled into view (src/pages/HomePage.vue):
 * scroll its slot to the top of the page, as a visitor reading on would, and wait for the block.
 */
export async function scrollToHomeNow(page: Page): Promise<void> {
  const slot = page.locator('[data-testid=home-now-slot]')
  await slot.waitFor({ state: 'attached' })
  await slot.evaluate((el) => el.scrollIntoView({ block: 'start' }))
  await page.locator('[data-testid=home-now]').waitFor()
}
