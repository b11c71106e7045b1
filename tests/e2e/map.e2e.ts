import { afterEach, describe, expect, it } from 'vitest'
import { createServer, type Server } from 'node:http'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { inject } from 'vitest'
import type { Page } from 'playwright-core'
import { goOffline, open, waitForServiceWorker, zoomButton, type Opened } from './browser'
import { builtContent } from './content'
import { startTileServer } from './map-tile-server.mjs'
import { canvasPixels, meanLuminance, tilePixels } from './small-pack'

const content = builtContent()
const located = [...content.venues, ...content.services].filter((x) => x.location)
const groups = new Set(located.map((x) => `${x.location!.lat.toFixed(5)},${x.location!.lon.toFixed(5)}`))
const unlocated = [...content.venues, ...content.services].filter((x) => !x.location)
const TILE_KEY = 'qd-map-tile-url'

let opened: Opened | undefined
const cleanups: (() => Promise<unknown>)[] = []
afterEach(async () => {
  await opened?.context.close()
  opened = undefined
  for (const c of cleanups.splice(0)) await c()
})

const markers = (page: Page) => page.locator('[data-testid=map-marker]')
const locatedKeys = [
  ...content.venues.filter((v) => v.location).map((v) => `venue:${v.id}`),
  ...content.services.filter((x) => x.location).map((x) => `service:${x.id}`),
].sort()
/** Every located place is on some marker (nearby ones may share a cluster marker). */
const placesOnMap = async (page: Page) =>
  (await markers(page).evaluateAll((els) => els.flatMap((e) => (e.getAttribute('data-places') ?? '').split(' ')))).sort()
/** Console errors of resources the test itself cut off (offline tiles, a cancelled pack) are expected. */
const realErrors = (errors: string[]) => errors.filter((e) => !/Failed to load resource|ERR_INTERNET_DISCONNECTED|ERR_CONNECTION_REFUSED/.test(e))

async function mapReady(page: Page) {
  await page.locator('[data-testid=map][data-markers]').waitFor()
  await page.locator('.leaflet-overview-pane canvas').waitFor({ state: 'attached' })
}

describe('colours', () => {
  /** Mean luminance (0–1) of the overview's drawn pixels: land, lines and labels over the sea. */
  const overviewLuminance = async (page: Page) => meanLuminance(await canvasPixels(page, '.leaflet-overview-pane canvas'))

  it('the overview follows the device from dark to light while the map is open', async () => {
    opened = await open('/map', { colorScheme: 'dark' })
    const { page, errors } = opened
    await mapReady(page)
    await expect.poll(() => overviewLuminance(page)).not.toBeNull()
    expect(await overviewLuminance(page)).toBeLessThan(0.3)
    await page.emulateMedia({ colorScheme: 'light' })
    await expect.poll(() => overviewLuminance(page)).toBeGreaterThan(0.6)
    expect(realErrors(errors)).toEqual([])
  })
})

describe('map offline', () => {
  it('after the first visit shows every marker, the overview layer and the unlocated list with no network and no tiles', async () => {
    opened = await open('/map')
    const { page, context, errors } = opened
    await mapReady(page)
    await waitForServiceWorker(page)
    await goOffline(context)
    await page.reload()
    await mapReady(page)
    expect(await placesOnMap(page)).toEqual(locatedKeys)
    expect(await page.locator('[data-testid=map]').getAttribute('data-markers')).toBe(String(groups.size))
    // No tile source at all: what is drawn is the bundled overview (land, coast, stations) under the markers.
    expect(await page.locator('.leaflet-tile').count()).toBe(0)
    const drawn = await page.locator('.leaflet-overview-pane canvas').evaluate((c: HTMLCanvasElement) => {
      const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data
      let painted = 0
      for (let i = 3; i < d.length; i += 4 * 97) if (d[i]! > 0) painted++
      return painted
    })
    expect(drawn).toBeGreaterThan(100)
    // Every marker has a screen-reader name; every unlocated item is listed under the map.
    for (const label of await markers(page).evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')))) expect(label).toBeTruthy()
    const notOnMap = await page.locator('[data-testid=map-unlocated] li').count()
    expect(notOnMap).toBe(unlocated.length)
    expect(realErrors(errors)).toEqual([])
  })
})

describe('online tiles', () => {
  it('shows tiles from the configured server, caches the viewed ones and shows them offline', async () => {
    const tiles = await startTileServer()
    cleanups.push(tiles.close)
    opened = await open('/', {})
    const { page, context, errors } = opened
    await context.addInitScript(([k, v]) => localStorage.setItem(k!, v!), [TILE_KEY, tiles.template])
    await waitForServiceWorker(page)
    await page.goto('/map')
    await mapReady(page)
    await expect.poll(() => page.locator('img.leaflet-tile-loaded').count()).toBeGreaterThan(3)
    await page.waitForTimeout(300)
    const seen = await page.locator('img.leaflet-tile-loaded').evaluateAll((els) => els.map((e) => (e as HTMLImageElement).src))
    expect(tiles.requests.length).toBeGreaterThan(0)
    await tiles.close()
    await goOffline(context)
    await page.reload()
    await mapReady(page)
    await expect.poll(() => page.locator('img.leaflet-tile-loaded').count()).toBeGreaterThan(3)
    const back = await page.locator('img.leaflet-tile-loaded').evaluateAll((els) => els.map((e) => (e as HTMLImageElement).src))
    for (const src of back) expect(seen).toContain(src)
    expect(realErrors(errors)).toEqual([])
  })
})

/** Serves the sample pack slowly, in chunks, with CORS: progress is visible and Cancel has time to act. */
function slowPackServer(file: Buffer, chunks = 20, delayMs = 150): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': file.length, 'Access-Control-Allow-Origin': '*' })
    let i = 0
    const size = Math.ceil(file.length / chunks)
    const timer = setInterval(() => {
      if (i * size >= file.length || res.destroyed) {
        clearInterval(timer)
        res.end()
        return
      }
      res.write(file.subarray(i * size, (i + 1) * size))
      i++
    }, delayMs)
    req.on('close', () => clearInterval(timer))
  })
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => {
    const a = server.address()
    ok({ url: `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`, server })
  }))
}

describe('offline map download', () => {
  const dist = inject('distDir')
  const packs = JSON.parse(readFileSync(join(dist, 'maps/packs.json'), 'utf8'))
  const file = readFileSync(join(dist, 'maps', packs.url))

  it('shows the size, reports progress, can be cancelled, then downloads and renders the basemap offline', async () => {
    const slow = await slowPackServer(file)
    cleanups.push(() => new Promise((ok) => { slow.server.closeAllConnections(); slow.server.close(ok) }))
    opened = await open('/')
    const { page, context, errors } = opened
    // packs.json points at the slow server: same file, same bytes and hash.
    await context.route('**/maps/packs.json', (r) => r.fulfill({ json: { ...packs, url: `${slow.url}/${packs.url}` } }))
    await waitForServiceWorker(page)
    await page.goto('/map')
    await mapReady(page)
    const button = page.locator('[data-testid=map-pack-download]')
    expect(await button.textContent()).toMatch(/134\.8\s?kB|\d+(\.\d)?\s?kB/)

    // Cancel half-way: nothing stored, the map untouched.
    await button.click()
    await expect.poll(() => page.locator('[data-testid=map-pack-progress]').evaluate((p: HTMLProgressElement) => p.value)).toBeGreaterThan(0)
    await page.locator('[data-testid=map-pack-cancel]').click()
    await expect.poll(() => page.locator('[data-testid=map-pack-error]').getAttribute('data-kind')).toBe('cancelled')
    // A cancel deletes the bytes too (a dropped connection keeps them: tests/e2e/map-pack.e2e.ts).
    await expect.poll(() => page.evaluate(async () => ((await caches.has('qd-map-pack')) ? (await (await caches.open('qd-map-pack')).keys()).length : 0))).toBe(0)
    expect(await placesOnMap(page)).toEqual(locatedKeys)

    // Full download with progress rising to the end.
    const values: number[] = []
    await page.locator('[data-testid=map-pack-download]').click()
    // The bar shows once the size check is done (on a busy machine, after the first sample would have been taken).
    await page.locator('[data-testid=map-pack-progress]').waitFor()
    while (values.length < 200) {
      const v = await page.evaluate(() => document.querySelector<HTMLProgressElement>('[data-testid=map-pack-progress]')?.value ?? null)
      if (v === null) break
      values.push(v)
      await page.waitForTimeout(50)
    }
    await page.locator('[data-testid=map-pack-stored]').waitFor()
    expect(values.some((v) => v > 0 && v < 1)).toBe(true)
    expect([...values].sort((a, b) => a - b)).toEqual(values)
    const stored = await page.evaluate(async () => {
      const c = await caches.open('qd-map-pack')
      return ((await (await c.match(new URL('/maps/stored-pack.json', location.href).href))!.json()) as { info: { url: string } }).info.url
    })
    expect(stored).toBe(`${slow.url}/${packs.url}`)

    // Offline, the stored pack draws the basemap (vector tiles on canvas) under the markers.
    await goOffline(context)
    await page.goto('/map?focus=venue:may-fourth-square')
    await mapReady(page)
    await expect.poll(() => page.locator('.leaflet-tile-pane canvas.leaflet-tile').count()).toBeGreaterThan(0)
    // More than one colour on the tile: something is drawn on it.
    await expect.poll(async () => new Set((await tilePixels(page))?.map((p) => p[0])).size).toBeGreaterThan(1)
    expect(realErrors(errors)).toEqual([])
  })

  it('reports a quota error clearly and leaves the map working', async () => {
    opened = await open('/')
    const { page, errors } = opened
    // 10 MB quota, 9.9 MB used: no room for the pack and its copy.
    await page.addInitScript(() => {
      Object.defineProperty(navigator.storage, 'estimate', { value: async () => ({ usage: 9_900_000, quota: 10_000_000 }) })
    })
    await page.goto('/map')
    await mapReady(page)
    await page.locator('[data-testid=map-pack-download]').click()
    await expect.poll(() => page.locator('[data-testid=map-pack-error]').getAttribute('data-kind')).toBe('quota')
    expect(await page.locator('[data-testid=map-pack-error]').textContent()).toMatch(/storage space/)
    expect(await placesOnMap(page)).toEqual(locatedKeys)
    expect(realErrors(errors)).toEqual([])
  })
})

describe('markers, sheet and detail page', () => {
  const square = content.venues.find((v) => v.id === 'may-fourth-square')!
  it('marker tap opens a keyboard-reachable sheet that links to the detail page', async () => {
    opened = await open('/map')
    const { page, errors } = opened
    await mapReady(page)
    const marker = page.locator(`[data-testid=map-marker][data-places~="venue:${square.id}"]`)
    expect(await marker.getAttribute('aria-label')).toContain(square.name.en)
    const sheet = page.locator('[data-testid=map-sheet]')
    // Nearby markers start as one cluster: each tap zooms in until the square has its own marker.
    for (let i = 0; i < 6 && !(await sheet.isVisible()); i++) {
      await marker.click()
      await page.waitForTimeout(400)
    }
    await sheet.waitFor()
    expect(await sheet.locator('h2').textContent()).toContain(square.name.en)
    // Focus moved into the sheet; Escape closes it and returns focus to the marker.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('map-sheet-close')
    await page.keyboard.press('Escape')
    await sheet.waitFor({ state: 'detached' })
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-places'))).toContain(`venue:${square.id}`)
    await page.keyboard.press('Enter')
    await sheet.waitFor()
    await sheet.locator('[data-testid=map-sheet-details]').first().click()
    await page.waitForURL(`**/venues/${square.id}`)
    expect(await page.locator('h1').textContent()).toBe(square.name.en)
    expect(realErrors(errors)).toEqual([])
  })

  it('a zoom keeps the markers whose places stay together and replaces only the clusters that split', async () => {
    opened = await open('/map')
    const { page, errors } = opened
    await mapReady(page)
    type Tagged = HTMLElement & { __group?: string }
    const shown = () => markers(page).evaluateAll((els) => els.map((e) => e.getAttribute('data-group')!).sort())
    const before = await shown()
    await markers(page).evaluateAll((els) => els.forEach((e) => ((e as Tagged).__group = e.getAttribute('data-group')!)))
    // Zoom in until a cluster separates (the first view has some).
    for (let i = 0; i < 5 && (await shown()).join() === before.join(); i++) {
      await zoomButton(page, 'in')
    }
    const after = await markers(page).evaluateAll((els) => els.map((e) => ({ group: e.getAttribute('data-group')!, tag: (e as Tagged).__group ?? null })))
    expect(after.map((a) => a.group).sort()).not.toEqual(before)
    // A marker that stands for the same places is the same element, not a new one; a new group has a new one.
    const stayed = after.filter((a) => before.includes(a.group))
    expect(stayed.length).toBeGreaterThan(0)
    for (const a of after) expect(a.tag).toBe(before.includes(a.group) ? a.group : null)
    expect(await placesOnMap(page)).toEqual(locatedKeys)
    expect(realErrors(errors)).toEqual([])
  })

  it('"Show on map" centres on an approximate place and says it is approximate', async () => {
    const approx = located.find((x) => x.location!.precision !== 'exact')!
    const kind = content.venues.includes(approx as never) ? 'venue' : 'service'
    opened = await open(`/map?focus=${kind}:${approx.id}`)
    const { page, errors } = opened
    await page.locator('[data-testid=map-sheet]').waitFor()
    expect(await page.locator('[data-testid=map-sheet-approx]').count()).toBeGreaterThan(0)
    expect(realErrors(errors)).toEqual([])
  })

  it('a language change relabels the same map', async () => {
    opened = await open('/map')
    const { page } = opened
    await mapReady(page)
    await page.locator('[data-testid=map]').evaluate((el) => ((el as HTMLElement & { __same?: boolean }).__same = true))
    await page.locator('[data-testid=lang-select]').selectOption('zh')
    const marker = page.locator(`[data-testid=map-marker][data-places~="venue:${square.id}"]`)
    await expect.poll(() => marker.getAttribute('aria-label')).toContain(square.name.zh)
    expect(await page.locator('[data-testid=map]').evaluate((el) => (el as HTMLElement & { __same?: boolean }).__same)).toBe(true)
  })
})

describe('locate me', () => {
  const square = content.venues.find((v) => v.id === 'may-fourth-square')!
  it('with permission shows distances from the visitor', async () => {
    opened = await open('/map', { geolocation: { latitude: 36.0662, longitude: 120.3826 }, permissions: ['geolocation'] })
    const { page, errors } = opened
    await mapReady(page)
    await page.locator('[data-testid=map-locate]').click()
    await expect.poll(() => page.locator('[data-testid=map-list-distance]').count()).toBe(located.length)
    // Nearest first: ~600 m to May Fourth Square from this point.
    const first = await page.locator('[data-testid=map-list-item]').first().textContent()
    expect(first).toMatch(/\d+\s?m from you|km from you/)
    const marker = page.locator(`[data-testid=map-marker][data-places~="venue:${square.id}"]`)
    for (let i = 0; i < 6 && !(await page.locator('[data-testid=map-sheet]').isVisible()); i++) {
      await marker.click()
      await page.waitForTimeout(400)
    }
    expect(await page.locator('[data-testid=map-sheet-distance]').first().textContent()).toMatch(/from you/)
    expect(realErrors(errors)).toEqual([])
  })

  it('without permission says so clearly', async () => {
    opened = await open('/map', { permissions: [] })
    const { page, context } = opened
    await context.clearPermissions()
    await mapReady(page)
    await page.locator('[data-testid=map-locate]').click()
    await expect.poll(() => page.locator('[data-testid=map-locate-status]').textContent()).toMatch(/blocked|not available/)
    expect(await page.locator('[data-testid=map-list-distance]').count()).toBe(0)
  })
})
