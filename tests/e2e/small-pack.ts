// The small synthetic street pack (Protomaps schema), published as an operator publishes a real extract, with
// scripts/build-basemap.mjs --pack: what the map's end-to-end tests download.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { expect } from 'vitest'
import { buildSyntheticPack, SMALL_AREA } from '../../scripts/synthetic-pack.mjs'

export type Packs = { url: string; bytes: number; sha256: string; [k: string]: unknown }

/** Builds and publishes the pack into a new temporary folder (the caller removes `dir`). */
export function publishSmallPack(prefix: string): { dir: string; packs: Packs; file: Buffer } {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  writeFileSync(join(dir, 'extract.pmtiles'), buildSyntheticPack({ area: SMALL_AREA }).buf)
  execFileSync(process.execPath, ['scripts/build-basemap.mjs', '--pack', join(dir, 'extract.pmtiles'), '--out', join(dir, 'out'), '--name', 'qingdao-streets'])
  const packs = JSON.parse(readFileSync(join(dir, 'out/packs.json'), 'utf8')) as Packs
  return { dir, packs, file: readFileSync(join(dir, 'out', packs.url)) }
}

/** The zoom of the street tiles on screen, once the zoom animation is over and they are all of one zoom and drawn (null before). */
export const tileZoom = (page: Page) => page.evaluate(() => {
  const tiles = [...document.querySelectorAll<HTMLCanvasElement & { key?: string }>('.leaflet-tile-container canvas.leaflet-tile')]
  const zooms = new Set(tiles.map((t) => t.key?.split(':')[2]))
  const done = !document.querySelector('.leaflet-zoom-anim') && tiles.length > 0 && zooms.size === 1 && tiles.every((t) => t.classList.contains('leaflet-tile-loaded'))
  return done ? Number([...zooms][0]) : null
})

/** Zooms with the map's buttons, as a visitor does, and waits until the street tiles of each zoom are drawn. */
export async function zoomSteps(page: Page, steps: readonly ('in' | 'out')[]): Promise<void> {
  await expect.poll(() => tileZoom(page), { timeout: 20_000 }).not.toBeNull()
  let z = (await tileZoom(page))!
  for (const button of steps) {
    z += button === 'in' ? 1 : -1
    await page.locator(`.leaflet-control-zoom-${button}`).click()
    await expect.poll(() => tileZoom(page), { timeout: 20_000 }).toBe(z)
  }
}

/**
 * From now on, keeps every text drawn on a canvas, on the page or in a worker, in `globalThis.__texts`
 * (the street names are drawn with fillText). Self-contained: it runs in the page or in the worker.
 */
export function recordTexts(): void {
  const g = globalThis as unknown as { __texts: string[] }
  g.__texts = []
  const protos = [globalThis.CanvasRenderingContext2D?.prototype, globalThis.OffscreenCanvasRenderingContext2D?.prototype]
  for (const proto of protos) {
    if (!proto) continue
    const fill = proto.fillText
    proto.fillText = function (this: CanvasFillStrokeStyles, text: string, x: number, y: number, max?: number) {
      g.__texts.push(text)
      return max === undefined ? fill.call(this as never, text, x, y) : fill.call(this as never, text, x, y, max)
    }
  }
}

type Pixel = [number, number, number, number]

/**
 * Pixels of the first canvas `selector` finds, [r, g, b, a] for every 97th one, read through a copy (a street tile's
 * canvas belongs to the tile worker). Null until something opaque is drawn (a worker's canvas copies as transparent
 * until its first frame reaches the page).
 */
export const canvasPixels = (page: Page, selector: string) => page.evaluate((selector) => {
  const canvas = document.querySelector<HTMLCanvasElement>(selector)
  if (!canvas?.width) return null
  const copy = document.createElement('canvas')
  copy.width = canvas.width
  copy.height = canvas.height
  const ctx = copy.getContext('2d')!
  ctx.drawImage(canvas, 0, 0)
  const d = ctx.getImageData(0, 0, copy.width, copy.height).data
  const pixels: Pixel[] = []
  for (let i = 0; i < d.length; i += 4 * 97) pixels.push([d[i]!, d[i + 1]!, d[i + 2]!, d[i + 3]!])
  return pixels.some((p) => p[3] === 255) ? pixels : null
}, selector)

/** Pixels of the first drawn street tile (see canvasPixels). */
export const tilePixels = (page: Page) => canvasPixels(page, '.leaflet-tile-container canvas.leaflet-tile.leaflet-tile-loaded')

/** Mean luminance (0–1) of the opaque pixels, or null if there are none. */
export function meanLuminance(pixels: Pixel[] | null): number | null {
  const opaque = pixels?.filter((p) => p[3] === 255)
  if (!opaque?.length) return null
  return opaque.reduce((sum, [r, g, b]) => sum + (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255, 0) / opaque.length
}
