// Zooming the detailed street map in and out, as a visitor does with the zoom buttons, reuses the tile
// canvases it already has: a canvas new to the compositor costs several times its drawing, so a map that made
// new canvases on every zoom stuttered more the longer it was used.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { rmSync } from 'node:fs'
import type { Page } from 'playwright-core'
import { open, waitForServiceWorker, type Opened } from './browser'
import { startPackServer } from './map-pack-server.mjs'
import { publishSmallPack, zoomSteps, type Packs } from './small-pack'

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
      const round = ['in', 'in', 'out', 'out'] as const
      await zoomSteps(page, round)
      const afterFirst = await made(page)
      expect(afterFirst).toBeGreaterThan(0)
      await zoomSteps(page, round)
      await zoomSteps(page, round)
      expect(await made(page)).toBe(afterFirst)
      expect(errors.filter((e) => !/Failed to load resource/.test(e))).toEqual([])
    }, 120_000)
  }
})
