// The detailed map's download as a visitor lives it: a dropped connection resumes from the bytes
// stored (Range + If-Range), a reload keeps the progress, a re-deployed file restarts cleanly, a
// damaged file is refused while the last good pack stays, offline says to connect. The pack is the
// synthetic Protomaps-schema street pack, published by the operator's script (build-basemap --pack).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { BrowserContextOptions, Page } from 'playwright-core'
import { goOffline, open, waitForServiceWorker, type Opened } from './browser'
import { startPackServer } from './map-pack-server.mjs'
import { publishSmallPack, type Packs } from './small-pack'

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

  it('draws the stored street pack offline with street labels in zh, ru and en', async () => {
    const { page, context } = await mapWithPack()
    await page.locator('[data-testid=map-pack-download]').click()
    await page.locator('[data-testid=map-pack-stored]').waitFor({ timeout: 20_000 })
    // Record every text the map draws on a canvas (protomaps-leaflet labels streets with fillText).
    await context.addInitScript(() => {
      const drawn: string[] = ((globalThis as unknown as { __texts: string[] }).__texts = [])
      const fill = CanvasRenderingContext2D.prototype.fillText
      CanvasRenderingContext2D.prototype.fillText = function (text: string, x: number, y: number, max?: number) {
        drawn.push(text)
        return max === undefined ? fill.call(this, text, x, y) : fill.call(this, text, x, y, max)
      }
    })
    await goOffline(context)
    await page.goto('/map?focus=venue:may-fourth-square')
    await page.locator('[data-testid=map][data-markers]').waitFor()
    const texts = () => page.evaluate(() => (globalThis as unknown as { __texts: string[] }).__texts)
    // Street names only: district names are drawn too, and would let this pass with no street labelled.
    const expected = {
      en: ['Xianggang Middle Road', 'Donghai West Road', 'Shandong Road', 'Nanjing Road', 'Fuzhou Road', "Yan'an 3rd Road", 'Aomen Road', 'Minjiang Road', 'Ningxia Road', "Yan'erdao Road", 'Yunxiao Road', 'Jiangxi Road'],
      ru: ['Сянган-Чжунлу', 'Дунхай-Силу', 'Шаньдун-лу', 'Нанкин-лу', 'Яньань-саньлу', 'Аомэнь-лу', 'Миньцзян-лу', 'Нинся-лу', 'Юньсяо-лу', 'Цзянси-лу'],
      zh: ['香港中路', '东海西路', '山东路', '南京路', '福州路', '延安三路', '澳门路', '闽江路', '宁夏路', '燕儿岛路', '云霄路', '江西路'],
    }
    await expect.poll(async () => (await texts()).filter((t) => expected.en.includes(t)).length, { timeout: 20_000 }).toBeGreaterThan(0)
    for (const [lang, names] of [['ru', expected.ru], ['zh', expected.zh]] as const) {
      await page.evaluate(() => ((globalThis as unknown as { __texts: string[] }).__texts.length = 0))
      await page.locator('[data-testid=lang-select]').selectOption(lang)
      await expect.poll(async () => (await texts()).filter((t) => names.includes(t)).length, { timeout: 20_000 }).toBeGreaterThan(0)
    }
    await page.screenshot({ path: join(tmpdir(), 'qd-streets-zh.png') })
  }, 180_000)

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
