// Zooming the detailed street map in and out, as a visitor does with the zoom buttons, reuses the tile
// canvases it already has: a canvas new to the compositor costs several times its drawing, so a map that made
// new canvases on every zoom stuttered more the longer it was used.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { rmSync } from 'node:fs'
import type { Page } from 'playwright-core'
import { open, waitForServiceWorker, type Opened } from './browser'
import { startPackServer } from './map-pack-server.mjs'
import { publishSmallPack, type Packs } from './small-pack'

let dir = ''
let packs: Packs
let server: Awaited<ReturnType<typeof startPackServer>>
let opened: Opened | undefined

beforeAll(async () => {
  const published = publishSmallPack('qd-pack-zoom-')
  ;({ dir, packs } = published)
  server = await startPackServer({ [`/${packs.url}`]: published.file })
})
afterAll(async () => {
  await server?.close()
  rmSync(dir, { recursive: true, force: true })
})
afterEach(async () => {
  await opened?.context.close()
  opened = undefined
})

/** Canvases the page has made since it loaded. */
const made = (page: Page) => page.evaluate(() => (globalThis as unknown as { __canvases: number }).__canvases)

/** The zoom of the street tiles on screen, once the zoom animation is over and they are all of one zoom and drawn (null before). */
const tileZoom = (page: Page) => page.evaluate(() => {
  const tiles = [...document.querySelectorAll<HTMLCanvasElement & { key?: string }>('.leaflet-tile-container canvas.leaflet-tile')]
  const zooms = new Set(tiles.map((t) => t.key?.split(':')[2]))
  const done = !document.querySelector('.leaflet-zoom-anim') && tiles.length > 0 && zooms.size === 1 && tiles.every((t) => t.classList.contains('leaflet-tile-loaded'))
  return done ? Number([...zooms][0]) : null
})

async function zoomRound(page: Page, from: number): Promise<void> {
  for (const [button, z] of [['in', from + 1], ['in', from + 2], ['out', from + 1], ['out', from]] as const) {
    await page.locator(`.leaflet-control-zoom-${button}`).click()
    await expect.poll(() => tileZoom(page), { timeout: 20_000 }).toBe(z)
  }
}

describe('detailed map zoomed in and out', () => {
  for (const viewport of [{ width: 390, height: 844 }, { width: 320, height: 568 }]) {
    it(`reuses its tile canvases at ${viewport.width}×${viewport.height}`, async () => {
      opened = await open('/', { viewport })
      const { page, context, errors } = opened
      await context.route('**/maps/packs.json', (r) => r.fulfill({ json: { ...packs, url: `${server.url}/${packs.url}` } }))
      await waitForServiceWorker(page)
      await page.goto('/map')
      await page.locator('[data-testid=map-pack-download]').click()
      await page.locator('[data-testid=map-pack-stored]').waitFor({ timeout: 20_000 })
      await context.addInitScript(() => {
        const g = globalThis as unknown as { __canvases: number }
        g.__canvases = 0
        const create = Document.prototype.createElement
        Document.prototype.createElement = function (this: Document, tag: string, options?: ElementCreationOptions) {
          if (tag.toLowerCase() === 'canvas') g.__canvases++
          return create.call(this, tag, options)
        } as typeof Document.prototype.createElement
      })
      await page.goto('/map')
      await page.locator('[data-testid=map][data-markers]').waitFor()
      await expect.poll(() => tileZoom(page), { timeout: 20_000 }).not.toBeNull()
      const z = (await tileZoom(page))!
      await zoomRound(page, z)
      const afterFirst = await made(page)
      expect(afterFirst).toBeGreaterThan(0)
      await zoomRound(page, z)
      await zoomRound(page, z)
      expect(await made(page)).toBe(afterFirst)
      expect(errors.filter((e) => !/Failed to load resource/.test(e))).toEqual([])
    }, 120_000)
  }
})
