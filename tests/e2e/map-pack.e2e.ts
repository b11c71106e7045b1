// The detailed map's download as a visitor lives it: a dropped connection resumes from the bytes
// stored (Range + If-Range), a reload keeps the progress, a re-deployed file restarts cleanly, a
// damaged file is refused while the last good pack stays, offline says to connect. The pack is the
// synthetic Protomaps-schema street pack, published by the operator's script (build-basemap --pack).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { BrowserContextOptions, Page, Worker } from 'playwright-core'
import { goOffline, open, waitForServiceWorker, type Opened } from './browser'
import { startPackServer } from './map-pack-server.mjs'
import { meanLuminance, publishSmallPack, recordTexts, tilePixels, zoomSteps, type Packs } from './small-pack'

type Server = Awaited<ReturnType<typeof startPackServer>>

let dir = ''
let packs: Packs
let file: Buffer
let server: Server
let opened: Opened | undefined

beforeAll(async () => {
  // The operator's path: a Protomaps-schema archive published with scripts/build-basemap.mjs --pack.
  ;({ dir, packs, file } = publishSmallPack('qd-pack-'))
  server = await startPackServer({ [`/${packs.url}`]: file, '/other.pmtiles': file })
})
afterAll(async () => {
  await server?.close()
  rmSync(dir, { recursive: true, force: true })
})
afterEach(async () => {
  await opened?.context.close()
  opened = undefined
  Object.assign(server.state, { dropAt: null, etag: '"v1"', sent: 0, requests: [] })
})

// Street names only: district names are drawn too, and would let a test pass with no street labelled.
const STREETS = {
  en: ['Xianggang Middle Road', 'Donghai West Road', 'Shandong Road', 'Nanjing Road', 'Fuzhou Road', "Yan'an 3rd Road", 'Aomen Road', 'Minjiang Road', 'Ningxia Road', "Yan'erdao Road", 'Yunxiao Road', 'Jiangxi Road'],
  ru: ['Сянган-Чжунлу', 'Дунхай-Силу', 'Шаньдун-лу', 'Нанкин-лу', 'Яньань-саньлу', 'Аомэнь-лу', 'Миньцзян-лу', 'Нинся-лу', 'Юньсяо-лу', 'Цзянси-лу'],
  zh: ['香港中路', '东海西路', '山东路', '南京路', '福州路', '延安三路', '澳门路', '闽江路', '宁夏路', '燕儿岛路', '云霄路', '江西路'],
}

/** Mean luminance (0–1) of the first drawn street tile's opaque pixels; null before it reaches the page. */
const tileLuminance = async (page: Page) => meanLuminance(await tilePixels(page))

const panel = (page: Page) => page.locator('[data-testid=map-offline]')
const realErrors = (errors: string[]) => errors.filter((e) => !/Failed to load resource|ERR_INTERNET_DISCONNECTED|ERR_CONNECTION|ERR_CONTENT_LENGTH|network error|Failed to fetch/i.test(e))

/** The map page with packs.json pointing at the test server. */
async function mapWithPack(offer: Packs = { ...packs, url: `${server.url}/${packs.url}` }, options: BrowserContextOptions = {}) {
  opened = await open('/', options)
  await opened.context.route('**/maps/packs.json', (r) => r.fulfill({ json: offer }))
  await waitForServiceWorker(opened.page)
  await opened.page.goto('/map')
  await opened.page.locator('[data-testid=map][data-markers]').waitFor()
  return opened
}

/** Bytes of the unfinished download stored on the device. */
const partialBytes = (page: Page) => page.evaluate(async () => {
  const res = await (await caches.open('qd-map-pack')).match(new URL('/maps/partial-pack.json', location.href).href)
  return res ? ((await res.json()) as { chunks: { length: number }[] }).chunks.reduce((n, c) => n + c.length, 0) : 0
})
const storedUrl = (page: Page) => page.evaluate(async () => {
  const res = (await caches.has('qd-map-pack')) ? await (await caches.open('qd-map-pack')).match(new URL('/maps/stored-pack.json', location.href).href) : undefined
  return res ? ((await res.json()) as { info: { url: string } }).info.url : null
})

describe('detailed map download', () => {
  it('resumes after a dropped connection and a reload from the bytes already stored', async () => {
    const { page, errors } = await mapWithPack()
    const half = Math.floor(file.length / 2)
    server.state.dropAt = half
    await page.locator('[data-testid=map-pack-download]').click()
    await expect.poll(() => panel(page).getAttribute('data-status'), { timeout: 20_000 }).toBe('paused')
    // What the page had read when the connection dropped is kept (the browser drops what it had not yet handed on).
    const kept = await partialBytes(page)
    expect(kept).toBeGreaterThan(half * 0.8)
    expect(kept).toBeLessThanOrEqual(half)

    // A reload (or a closed tab) keeps the progress and offers to resume.
    await page.reload()
    await expect.poll(() => panel(page).getAttribute('data-status'), { timeout: 30_000 }).toBe('paused')
    const value = await page.locator('[data-testid=map-pack-progress]').evaluate((p: HTMLProgressElement) => p.value)
    expect(value).toBeCloseTo(kept / file.length, 2)
    expect(await page.locator('[data-testid=map-pack-download]').textContent()).toMatch(/Resume download/)

    server.state.dropAt = null
    server.state.sent = 0
    await page.locator('[data-testid=map-pack-download]').click()
    await page.locator('[data-testid=map-pack-stored]').waitFor({ timeout: 20_000 })
    // Only the missing half travelled, asked for with the validator of the first half.
    expect(server.state.sent).toBe(file.length - kept)
    expect(server.state.requests.at(-1)).toMatchObject({ range: `bytes=${kept}-`, ifRange: '"v1"', status: 206 })
    expect(await storedUrl(page)).toBe(`${server.url}/${packs.url}`)
    expect(await partialBytes(page)).toBe(0)
    expect(realErrors(errors)).toEqual([])
  }, 180_000)

  it('draws the stored street pack offline in a worker, with street labels in zh, ru and en', async () => {
    const { page, context } = await mapWithPack()
    await page.locator('[data-testid=map-pack-download]').click()
    await page.locator('[data-testid=map-pack-stored]').waitFor({ timeout: 20_000 })
    await goOffline(context)
    await page.goto('/map?focus=venue:may-fourth-square')
    await page.locator('[data-testid=map][data-markers]').waitFor()
    const used = new Set<Worker>()
    for (const [lang, names] of Object.entries(STREETS)) {
      if (lang !== 'en') await page.locator('[data-testid=lang-select]').selectOption(lang)
      // Each language has a layer and a worker of its own; the tiles it drew before it was recording are
      // drawn again after a zoom out and back in.
      const fresh = () => page.workers().filter((w) => /tile-worker/.test(w.url()) && !used.has(w))
      await expect.poll(() => fresh().length, { timeout: 20_000 }).toBe(1)
      const worker = fresh()[0]!
      used.add(worker)
      await worker.evaluate(recordTexts)
      await zoomSteps(page, ['out', 'in'])
      const drawn = () => worker.evaluate(() => (globalThis as unknown as { __texts: string[] }).__texts)
      await expect.poll(async () => (await drawn()).filter((t) => names.includes(t)).length, { timeout: 20_000 }).toBeGreaterThan(0)
    }
    // The page cannot draw on the street tiles: each one's canvas was handed to the worker.
    const handedOver = await page.evaluate(() => [...document.querySelectorAll<HTMLCanvasElement>('canvas.leaflet-tile')].map((c) => {
      try {
        c.getContext('2d')
        return false
      } catch {
        return true
      }
    }))
    expect(handedOver.length).toBeGreaterThan(0)
    expect(handedOver.every(Boolean)).toBe(true)
    // The light theme's street map is light (and the dark theme's dark: below).
    await expect.poll(() => tileLuminance(page), { timeout: 20_000 }).toBeGreaterThan(0.6)
    await page.screenshot({ path: join(tmpdir(), 'qd-streets-zh.png') })
  }, 180_000)

  it('in the dark theme, draws the street map in the dark flavour, and follows the device back to light while open', async () => {
    const { page } = await mapWithPack(undefined, { colorScheme: 'dark' })
    await page.locator('[data-testid=map-pack-download]').click()
    await page.locator('[data-testid=map-pack-stored]').waitFor({ timeout: 20_000 })
    await page.goto('/map?focus=venue:may-fourth-square')
    await page.locator('[data-testid=map][data-markers]').waitFor()
    await expect.poll(() => tileLuminance(page), { timeout: 20_000 }).not.toBeNull()
    expect(await tileLuminance(page)).toBeLessThan(0.3)
    await page.screenshot({ path: join(tmpdir(), 'qd-streets-dark.png') })
    // A phone on automatic dark mode turns light in the morning: the open map is drawn again in light colours.
    await page.emulateMedia({ colorScheme: 'light' })
    await expect.poll(() => tileLuminance(page), { timeout: 20_000 }).toBeGreaterThan(0.6)
    await page.screenshot({ path: join(tmpdir(), 'qd-streets-dark-to-light.png') })
  }, 120_000)

  // Browsers that cannot hand a canvas to a worker (Safari before 16.4), and a worker that fails to start:
  // the same streets, drawn on the page.
  const pageOnly = {
    'cannot hand a canvas to a worker': () => {
      delete (HTMLCanvasElement.prototype as Partial<HTMLCanvasElement>).transferControlToOffscreen
    },
    'cannot start the tile worker': () => {
      class Failing {
        onerror: ((e: ErrorEvent) => void) | null = null
        onmessage = null
        constructor() {
          setTimeout(() => this.onerror?.(new ErrorEvent('error', { message: 'blocked' })), 0)
        }
        postMessage(): void {}
        terminate(): void {}
      }
      Object.assign(globalThis, { Worker: Failing })
    },
  }
  for (const [what, limit] of Object.entries(pageOnly)) {
    it(`draws the street labels on the page when the browser ${what}`, async () => {
      const { page, context } = await mapWithPack()
      await page.locator('[data-testid=map-pack-download]').click()
      await page.locator('[data-testid=map-pack-stored]').waitFor({ timeout: 20_000 })
      await context.addInitScript(limit)
      await context.addInitScript(recordTexts)
      await goOffline(context)
      await page.goto('/map?focus=venue:may-fourth-square')
      await page.locator('[data-testid=map][data-markers]').waitFor()
      for (const lang of ['en', 'ru'] as const) {
        if (lang !== 'en') await page.locator('[data-testid=lang-select]').selectOption(lang)
        const drawn = () => page.evaluate(() => (globalThis as unknown as { __texts: string[] }).__texts)
        await expect.poll(async () => (await drawn()).filter((t) => STREETS[lang].includes(t)).length, { timeout: 20_000 }).toBeGreaterThan(0)
      }
    }, 120_000)
  }

  it('restarts cleanly when the file changed on the server (new ETag)', async () => {
    const { page } = await mapWithPack()
    server.state.dropAt = Math.floor(file.length / 2)
    await page.locator('[data-testid=map-pack-download]').click()
    await expect.poll(() => panel(page).getAttribute('data-status'), { timeout: 20_000 }).toBe('paused')
    server.state.dropAt = null
    server.state.etag = '"v2"'
    server.state.sent = 0
    await page.locator('[data-testid=map-pack-download]').click()
    await page.locator('[data-testid=map-pack-stored]').waitFor({ timeout: 20_000 })
    expect(server.state.requests.at(-1)).toMatchObject({ ifRange: '"v1"', status: 200 })
    expect(server.state.sent).toBe(file.length)
  })

  it('refuses a file whose SHA-256 does not match and keeps the last good pack', async () => {
    const { page, context } = await mapWithPack()
    await page.locator('[data-testid=map-pack-download]').click()
    await page.locator('[data-testid=map-pack-stored]').waitFor({ timeout: 20_000 })
    const good = await storedUrl(page)
    // A newer pack is offered, but its bytes are not the ones packs.json describes.
    await context.unroute('**/maps/packs.json')
    await context.route('**/maps/packs.json', (r) => r.fulfill({ json: { ...packs, url: `${server.url}/other.pmtiles`, sha256: '0'.repeat(64) } }))
    await page.reload()
    await page.locator('[data-testid=map-pack-download]').click()
    await expect.poll(() => page.locator('[data-testid=map-pack-error]').getAttribute('data-kind'), { timeout: 20_000 }).toBe('integrity')
    expect(await storedUrl(page)).toBe(good)
    expect(await partialBytes(page)).toBe(0)
    const keys = await page.evaluate(async () => (await (await caches.open('qd-map-pack')).keys()).map((r) => r.url))
    expect(keys.filter((k) => k.includes('/maps/chunk/')).length).toBeGreaterThan(0)
    expect(await panel(page).getAttribute('data-status')).toBe('stored')
  })

  it('offline, says to connect instead of claiming there is no download', async () => {
    for (const viewport of [{ width: 320, height: 568 }, { width: 390, height: 844 }]) {
      const { page, context } = await mapWithPack(undefined, { viewport })
      await goOffline(context)
      await page.reload()
      await expect.poll(() => panel(page).getAttribute('data-status'), { timeout: 30_000 }).toBe('offline')
      expect(await page.locator('[data-testid=map-pack-connect]').textContent()).toMatch(/Connect to the internet/)
      await context.close()
      opened = undefined
    }
  })
})
