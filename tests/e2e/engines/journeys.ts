// The core journeys, run in one engine: first visit in each language, the header's language switch, the map,
// an event's two clocks and .ics, services open now, every route at a small phone size, and offline.
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest'
import { mkdirSync, rmSync } from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { startServer } from '../../../scripts/serve.mjs'
import { builtContent } from '../content'
import { TIMED, timedContent } from '../events-content'
import { routePaths } from '../routes'
import { publishSmallPack } from '../small-pack'
import { markerSight } from '../map-sight'
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

/** Scroll the element to the middle first: at a phone size the bottom bar would take a click aimed at the edge. */
async function clickInView(p: EnginePage, selector: string): Promise<void> {
  await waitFor(p, (sel) => {
    const el = document.querySelector(sel)
    el?.scrollIntoView({ block: 'center', inline: 'center' })
    return !!el
  }, selector)
  await p.click(selector)
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

  // The small street pack, offered on this server in place of the bundled one.
  let pack: ReturnType<typeof publishSmallPack> | undefined
  const servePack = (req: IncomingMessage, res: ServerResponse): boolean => {
    if (!pack) return false
    const path = req.url?.split('?')[0]
    if (path === '/maps/packs.json') res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-cache' }).end(JSON.stringify(pack.packs))
    else if (path === `/maps/${pack.packs.url}`) res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': pack.file.length, etag: '"v1"' }).end(pack.file)
    else return false
    return true
  }

  beforeAll(async () => {
    pack = publishSmallPack(`qd-${start.name}-pack-`)
    // Its own server on the shared build: closing it cuts this engine's network and no one else's.
    ;[engine, server] = await Promise.all([start(), startServer({ root: inject('distDir'), onRequest: (req, res) => servePack(req, res) || serveTimed(req, res) })])
    page = await engine.page('en-US')
    await page.viewport(390, 844)
  }, 120_000)
  afterAll(async () => {
    await page?.close()
    await engine?.close()
    await server?.close()
    if (pack) rmSync(pack.dir, { recursive: true, force: true })
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

  it('the detailed map downloads and draws its streets in a worker', async () => {
    await visit(page, '/map')
    await clickInView(page, '[data-testid=map-pack-download]')
    await waitFor(page, () => !!document.querySelector('[data-testid=map-pack-stored]'))
    await visit(page, '/map?focus=venue:may-fourth-square')
    // Every street tile on screen drawn, each on a canvas handed to the tile worker (the page cannot draw on it).
    const tiles = await waitFor(page, () => {
      const all = [...document.querySelectorAll<HTMLCanvasElement>('.leaflet-tile-container canvas.leaflet-tile')]
      if (!all.length || !all.every((c) => c.classList.contains('leaflet-tile-loaded'))) return null
      return all.map((c) => {
        try {
          c.getContext('2d')
          return 'page'
        } catch {
          return 'worker'
        }
      })
    })
    expect(tiles.length).toBeGreaterThan(3)
    expect(new Set(tiles)).toEqual(new Set(['worker']))
    // "Show on map" leaves the place's marker in sight above its sheet, not under it.
    expect(await page.run(() => !!document.querySelector('[data-testid=map-sheet]'))).toBe(true)
    const sight = await page.run(markerSight, 'venue:may-fourth-square')
    expect(sight).toBe('in sight')
    await shot(page, 'map-streets')
  }, 90_000)

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
    // The button hands over the file one of two ways: with a service worker in control, it opens the URL the worker
    // answers (/calendar/plan.ics?…); without one, it saves a blob. Either way the journey keeps what the button
    // made instead of saving it: the blob itself (the page's CSP rightly forbids fetching blob: URLs back), or the
    // query the button built, with the navigation stopped there, and then fetches that URL from the page.
    await page.run(() => {
      const w = window as unknown as { ics?: Blob; icsName?: string; icsQuery?: string; icsServed?: boolean }
      const create = URL.createObjectURL.bind(URL)
      URL.createObjectURL = (b: Blob | MediaSource) => {
        if (b instanceof Blob) {
          w.ics = b
          w.icsServed = !!navigator.serviceWorker?.controller
        }
        return create(b)
      }
      HTMLAnchorElement.prototype.click = function () {
        w.icsName = this.download
      }
      const toString = URLSearchParams.prototype.toString
      URLSearchParams.prototype.toString = function () {
        URLSearchParams.prototype.toString = toString
        w.icsQuery = toString.call(this)
        w.icsServed = !!navigator.serviceWorker?.controller
        // Stops the button before it leaves the page (location.assign cannot be replaced); Vue logs it.
        throw new Error('e2e: kept the calendar URL')
      }
    })
    await clickInView(page, '[data-testid=ics]')
    const ics = await waitFor(page, async () => {
      const w = window as unknown as { ics?: Blob; icsName?: string; icsQuery?: string }
      if (w.icsQuery !== undefined) {
        const url = `/calendar/plan.ics?${w.icsQuery}`
        const res = await fetch(url)
        const name = /filename="([^"]*)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? ''
        return { via: 'url', url, status: res.status, type: res.headers.get('content-type') ?? '', name, text: await res.text() }
      }
      return w.ics && w.icsName ? { via: 'blob', url: '', status: 200, type: w.ics.type, name: w.icsName, text: await w.ics.text() } : null
    })
    // The way matches whether a service worker controlled the page at the click.
    expect(ics.via).toBe((await page.run(() => (window as unknown as { icsServed?: boolean }).icsServed)) ? 'url' : 'blob')
    if (ics.via === 'url') {
      const query = new URL(ics.url, 'http://x').searchParams
      expect(query.get('ids')?.split(',')).toEqual([event.id])
      expect(query.get('lang')).toBe('en')
    }
    expect(ics.status).toBe(200)
    expect(ics.type).toMatch(/^text\/calendar/)
    expect(ics.name).toMatch(/\.ics$/)
    expect(ics.text).toMatch(/^BEGIN:VCALENDAR\r\n/)
    expect(ics.text).toMatch(/\r\nEND:VCALENDAR\r\n$/)
    // The event itself: one VEVENT with its UID, title and times (UTC instants of the Qingdao times).
    const lines = ics.text.replace(/\r\n[ \t]/g, '').split('\r\n')
    const vevents = lines.reduce<string[][]>((all, l) => {
      if (l === 'BEGIN:VEVENT') all.push([])
      else if (l === 'END:VEVENT') all.push(['END'])
      else if (all.length && all.at(-1)![0] !== 'END') all.at(-1)!.push(l)
      return all
    }, []).filter((v) => v[0] !== 'END')
    expect(vevents).toHaveLength(1)
    const prop = (name: string) => vevents[0]!.find((l) => l.startsWith(`${name}:`) || l.startsWith(`${name};`))?.replace(/^[^:]*:/, '')
    expect(prop('UID')).toBe(`${event.id}@qingdao-sco-guide`)
    expect(prop('SUMMARY')).toBe(event.title.en)
    const utc = (iso: string) => new Date(iso).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '')
    expect(prop('DTSTART')).toBe(utc(event.start))
    expect(prop('DTEND')).toBe(utc(event.end!))
    expect(prop('URL')).toMatch(new RegExp(`/events/${event.id}$`))
    await shot(page, 'event-clocks')
  })

  it('services: every point has a status; "Open now" keeps only open ones', async () => {
    await visit(page, '/services')
    // Statuses by card: a status from the opening hours (open, closing-soon, closed, unknown), "always" for the
    // emergency numbers (24/7, free); a point with no hours published may show none.
    const before = new Map(await waitFor(page, (n) => {
      const all = [...document.querySelectorAll('[data-testid=service-card]')]
      return all.length === n ? all.map((c) => [c.getAttribute('data-id') ?? '', c.querySelector('[data-testid=service-status]')?.getAttribute('data-status') ?? ''] as const) : null
    }, content.services.length))
    expect([...before.keys()].sort()).toEqual(content.services.map((s) => s.id).sort())
    for (const s of content.services) {
      const status = before.get(s.id)!
      if (s.openingHours !== null) expect(['open', 'closing-soon', 'closed', 'unknown', 'always'], s.id).toContain(status)
      else expect(['', 'unknown', 'always'], s.id).toContain(status)
    }
    const OPEN = ['open', 'closing-soon', 'always']
    await clickInView(page, '[data-testid=filter-open-now]')
    const after = new Map(await waitFor(page, () =>
      document.querySelector('[data-testid=filter-open-now]')?.getAttribute('aria-pressed') === 'true'
        ? [...document.querySelectorAll('[data-testid=service-card]')].map((c) => [c.getAttribute('data-id') ?? '', c.querySelector('[data-testid=service-status]')?.getAttribute('data-status') ?? ''] as const)
        : null))
    for (const [id, s] of after) expect(OPEN, id).toContain(s)
    // Every point open by its hours stays. (Cards marked "always" are the emergency numbers: the filter keeps
    // those whose hours say 24/7 and drops those with none published; all four stay pinned above the list.)
    const byHours = (m: Map<string, string>) => [...m].filter(([, s]) => s === 'open' || s === 'closing-soon').map(([id]) => id).sort()
    expect(byHours(after)).toEqual(byHours(before))
    expect(await page.run(() => document.querySelectorAll('[data-testid=emergency-call]').length)).toBe(4)
    await shot(page, 'services-open-now')
  })

  it('one search on Home finds an event and a place; a single letter hides the results again', async () => {
    await visit(page, '/')
    // The box is its own chunk: type once it is there.
    const type = (text: string) => {
      const box = document.querySelector<HTMLInputElement>('[data-testid=global-search]')
      if (!box) return false
      box.focus()
      box.value = text
      box.dispatchEvent(new Event('input', { bubbles: true }))
      return true
    }
    await waitFor(page, type, 'beer')
    const beer = content.events.find((e) => e.title.zh.includes('啤酒'))!
    // The visible results, by kind and id (the list is hidden, not removed, while nothing is asked).
    const found = await waitFor(page, (id) => {
      const list = document.querySelector('[data-testid=global-search-results]')
      if (!list || getComputedStyle(list).visibility === 'hidden') return null
      const hits = [...list.querySelectorAll('[data-testid=global-search-result]')].map((a) => `${a.getAttribute('data-kind')}:${a.getAttribute('data-id')}`)
      return hits.includes(id) ? hits : null
    }, `event:${beer.id}`)
    expect(found.some((h) => h.startsWith('venue:'))).toBe(true)
    await shot(page, 'search')
    await waitFor(page, type, 'b')
    expect(await waitFor(page, () => {
      const list = document.querySelector('[data-testid=global-search-results]')
      return !!list && getComputedStyle(list).visibility === 'hidden' && document.querySelector('[data-testid=global-search-count]')?.textContent === ''
    })).toBe(true)
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
