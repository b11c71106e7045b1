// The core journeys, run in one engine: first visit in each language, the header's language switch, the map,
// an event's two clocks and .ics, services open now, every route at a small phone size, and offline.
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest'
import { mkdirSync } from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { startServer } from '../../../scripts/serve.mjs'
import { builtContent } from '../content'
import { TIMED, timedContent } from '../events-content'
import { routePaths } from '../routes'
import { TIME_ZONE, waitFor, type Engine, type EnginePage } from './driver'

const content = builtContent()
const H1 = { 'zh-CN': '欢迎来到青岛', 'ru-RU': 'Добро пожаловать в Циндао', 'en-US': 'Welcome to Qingdao' } as const
const HTML_LANG = { 'zh-CN': 'zh-CN', 'ru-RU': 'ru', 'en-US': 'en' } as const
const NAV = ['home', 'map', 'events', 'services', 'info']
/** E2E_SHOTS=<dir> keeps a screenshot of each step to look at. */
const SHOTS = process.env.E2E_SHOTS

const mounted = () => performance.getEntriesByName('qd:mounted').length > 0
/** Layout checks at the current size: nav items on top, no sideways scroll. */
const layout = (nav: string[]) => ({
  covered: nav.filter((k) => {
    const item = document.querySelector(`[data-testid=nav-${k}]`)
    if (!item) return true
    const r = item.getBoundingClientRect()
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2)
    return !hit || !item.contains(hit)
  }),
  sideways: document.documentElement.scrollWidth > document.documentElement.clientWidth,
})

/** The built schedule plus timed test events (the bundled programme has only all-day events). */
const timed = JSON.stringify(timedContent())
function serveTimed(req: IncomingMessage, res: ServerResponse): boolean {
  if (!req.url?.startsWith('/data/content.json')) return false
  res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-cache' }).end(timed)
  return true
}

export function engineJourneys(start: () => Promise<Engine>): void {
  let engine: Engine
  let server: { url: string; close: () => Promise<unknown> }
  let page: EnginePage
  const shot = async (p: EnginePage, name: string) => {
    if (!SHOTS) return
    mkdirSync(SHOTS, { recursive: true })
    await p.screenshot(`${SHOTS}/${engine.name}-${name}.png`)
  }
  const visit = async (p: EnginePage, path: string) => {
    await p.goto(server.url + path)
    await waitFor(p, mounted)
  }

  beforeAll(async () => {
    // Its own server on the shared build: closing it cuts this engine's network and no one else's.
    ;[engine, server] = await Promise.all([start(), startServer({ root: inject('distDir'), onRequest: serveTimed })])
    page = await engine.page('en-US')
    await page.viewport(390, 844)
  }, 120_000)
  afterAll(async () => {
    await page?.close()
    await engine?.close()
    await server?.close()
  })

  describe('first visit follows the browser language', () => {
    it.each(['en-US', 'ru-RU', 'zh-CN'] as const)('%s', async (locale) => {
      const p = locale === 'en-US' ? page : await engine.page(locale)
      try {
        await visit(p, '/')
        expect(await waitFor(p, (h1) => document.querySelector('h1')?.textContent === h1 && document.documentElement.lang, H1[locale])).toBe(HTML_LANG[locale])
        await shot(p, `home-${locale}`)
      } finally {
        if (p !== page) await p.close()
      }
    })
  })

  it('switches language from the header in place', async () => {
    const event = content.events[0]!
    await visit(page, `/events/${event.id}`)
    await page.run(() => ((window as unknown as { marker: number }).marker = 42))
    for (const [lang, htmlLang] of [['ru', 'ru'], ['zh', 'zh-CN'], ['en', 'en']] as const) {
      await page.run((v) => {
        const select = document.querySelector<HTMLSelectElement>('[data-testid=lang-select]')!
        select.value = v
        select.dispatchEvent(new Event('change', { bubbles: true }))
      }, lang)
      await waitFor(page, (title, l) => document.querySelector('h1')?.textContent === title && document.documentElement.lang === l, event.title[lang], htmlLang)
      if (lang === 'ru') await shot(page, 'event-ru')
    }
    expect(await page.run(() => (window as unknown as { marker?: number }).marker)).toBe(42)
  })

  it('the map draws its overview and every marker group', async () => {
    await visit(page, '/map')
    const markers = await waitFor(page, () => document.querySelector('[data-testid=map]')?.getAttribute('data-markers'))
    const groups = new Set(
      [...content.venues, ...content.services].flatMap((x) => (x.location ? [`${x.location.lat.toFixed(5)},${x.location.lon.toFixed(5)}`] : [])),
    )
    expect(markers).toBe(String(groups.size))
    const painted = await waitFor(page, () => {
      const c = document.querySelector<HTMLCanvasElement>('.leaflet-overview-pane canvas')
      if (!c || !c.width) return 0
      const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data
      let n = 0
      for (let i = 3; i < d.length; i += 4 * 97) if (d[i]! > 0) n++
      return n > 100 ? n : 0
    })
    expect(painted).toBeGreaterThan(100)
    // Every located place is on some marker (nearby ones share one at low zoom).
    const onMap = await page.run(() => [...document.querySelectorAll('[data-testid=map-marker]')].flatMap((e) => (e.getAttribute('data-places') ?? '').split(' ')))
    expect(onMap.sort()).toEqual([
      ...content.venues.filter((v) => v.location).map((v) => `venue:${v.id}`),
      ...content.services.filter((x) => x.location).map((x) => `service:${x.id}`),
    ].sort())
    await shot(page, 'map')
  })

  it('an event page shows Qingdao time and the visitor\'s own, and exports its .ics', async () => {
    const event = TIMED.talk
    await visit(page, `/events/${event.id}`)
    const [qingdao, local] = await waitFor(page, () => {
      const q = document.querySelector('[data-testid=when-qingdao]')?.textContent
      const l = document.querySelector('[data-testid=when-local]')?.textContent
      return q && l ? [q, l] : null
    })
    expect(qingdao).toMatch(/Qingdao/)
    // The browser runs in Moscow time (UTC+3): its clock is shown beside Qingdao's, never instead.
    expect(local).toMatch(/UTC\+3/)
    expect(await page.run(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).toBe(TIME_ZONE)
    // Keep the file instead of saving it (the page's CSP rightly forbids fetching blob: URLs back).
    await page.run(() => {
      const w = window as unknown as { ics?: Blob; icsName?: string }
      const create = URL.createObjectURL.bind(URL)
      URL.createObjectURL = (b: Blob | MediaSource) => {
        if (b instanceof Blob) w.ics = b
        return create(b)
      }
      HTMLAnchorElement.prototype.click = function () {
        w.icsName = this.download
      }
    })
    await page.click('[data-testid=ics]')
    const ics = await waitFor(page, async () => {
      const w = window as unknown as { ics?: Blob; icsName?: string }
      return w.ics && w.icsName ? { name: w.icsName, text: await w.ics.text() } : null
    })
    expect(ics.name).toMatch(/\.ics$/)
    expect(ics.text).toMatch(/^BEGIN:VCALENDAR\r\n/)
    expect(ics.text).toContain(`UID:${event.id}@qingdao-sco-guide`)
    await shot(page, 'event-clocks')
  })

  it('services: every point has a status; "Open now" keeps only open ones', async () => {
    await visit(page, '/services')
    const before = await waitFor(page, () => {
      const s = [...document.querySelectorAll('[data-testid=service-status]')].map((e) => e.getAttribute('data-status'))
      return s.length && s.length === document.querySelectorAll('[data-testid=service-card]').length ? s : null
    })
    expect(before.length).toBe(content.services.length)
    await page.click('[data-testid=filter-open-now]')
    const after = await waitFor(page, () =>
      document.querySelector('[data-testid=filter-open-now]')?.getAttribute('aria-pressed') === 'true' &&
      [...document.querySelectorAll('[data-testid=service-status]')].map((e) => e.getAttribute('data-status')))
    for (const s of after as string[]) expect(['open', 'closing-soon']).toContain(s)
    expect((after as string[]).length).toBe(before.filter((s) => s === 'open' || s === 'closing-soon').length)
    await shot(page, 'services-open-now')
  })

  it('at a small phone size, once the service worker controls the page, every route and a cold deep link open with the network cut; the bottom bar stays on top', async () => {
    await visit(page, '/')
    await waitFor(page, () => navigator.serviceWorker.ready.then(() => {
      if (navigator.serviceWorker.controller) return true
      return new Promise<boolean>((ok) => navigator.serviceWorker.addEventListener('controllerchange', () => ok(true), { once: true }))
    }))
    await server.close()
    expect(await page.run((url) => fetch(url, { cache: 'no-store' }).then(() => 'reached', () => 'cut'), `${server.url}/sw.js?probe`)).toBe('cut')
    const got = await page.viewport(375, 667)
    for (const path of routePaths()) {
      await visit(page, path)
      const h1 = await waitFor(page, () => document.querySelector('main h1')?.textContent?.trim())
        .catch(async (e: Error) => {
          throw new Error(`${path}: ${e.message} (page: ${await page.run(() => `${location.href} ${document.body.innerText.slice(0, 300)}`)})`)
        })
      expect(h1, path).toBeTruthy()
      expect({ path, ...(await page.run(layout, NAV)) }).toEqual({ path, covered: [], sideways: false })
    }
    // The map scrolled under the bottom bar: the bar stays on top and still navigates.
    await visit(page, '/map')
    await waitFor(page, () => !!document.querySelector('[data-testid=map][data-markers]'))
    await page.run(() => {
      const r = document.querySelector('[data-testid=map]')!.getBoundingClientRect()
      window.scrollTo(0, r.bottom + window.scrollY - window.innerHeight + 10)
    })
    expect(await page.run(layout, NAV)).toEqual({ covered: [], sideways: false })
    await shot(page, `map-${got.width}x${got.height}`)
    await page.click('[data-testid=nav-events]')
    await waitFor(page, () => location.pathname === '/events')
    // A cold deep link to a page not opened before in this test.
    const service = content.services.at(-1)!
    await visit(page, `/services/${service.id}`)
    expect(await waitFor(page, () => document.querySelector('main h1')?.textContent)).toBe(service.name.en)
    await shot(page, 'offline-deep-link')
  }, 150_000)
}
