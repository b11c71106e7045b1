// The first view of the map on every phone size: the city core fitted with room around it, every
// core marker and every shown label inside the map (labels flip left at the right edge).
import { afterEach, describe, expect, it } from 'vitest'
import { open, zoomButton, type Opened } from './browser'
import { builtContent } from './content'
import { firstViewPoints } from '../../src/map/fit'
import { markerSight } from './map-sight'

const content = builtContent()
const located = [
  ...content.venues.filter((v) => v.location).map((v) => ({ key: `venue:${v.id}`, lat: v.location!.lat, lon: v.location!.lon })),
  ...content.services.filter((x) => x.location).map((x) => ({ key: `service:${x.id}`, lat: x.location!.lat, lon: x.location!.lon })),
]
const core = new Set(firstViewPoints(located).map((p) => p.key))

let opened: Opened | undefined
afterEach(async () => {
  await opened?.context.close()
  opened = undefined
})

const SIZES = [[320, 568], [375, 667], [390, 844], [844, 390], [768, 1024]] as const

describe('first view of the map', () => {
  it('fits a core of located places', () => expect(core.size).toBeGreaterThan(1))
  for (const [width, height] of SIZES) {
    it(`shows the city core with its markers and labels inside the map at ${width}×${height}`, async () => {
      opened = await open('/map', { viewport: { width, height }, serviceWorkers: 'block' })
      const { page } = opened
      await page.locator('[data-testid=map][data-markers]').waitFor()
      const seen = await page.locator('[data-testid=map]').evaluate((map) => {
        const box = map.getBoundingClientRect()
        const inside = (r: DOMRect) => r.left >= box.left - 1 && r.right <= box.right + 1 && r.top >= box.top - 1 && r.bottom <= box.bottom + 1
        const markers = [...map.querySelectorAll<HTMLElement>('[data-testid=map-marker]')].map((m) => ({
          places: (m.dataset.places ?? '').split(' '), inside: inside(m.getBoundingClientRect()), rect: m.getBoundingClientRect().toJSON() as DOMRect,
        }))
        // Permanent tooltips open in the order their markers were added.
        const labels = [...map.querySelectorAll<HTMLElement>('.qd-label')].map((l) => ({
          text: l.textContent ?? '', shown: l.style.visibility !== 'hidden', inside: inside(l.getBoundingClientRect()), rect: l.getBoundingClientRect().toJSON() as DOMRect,
        }))
        return { markers, labels }
      })
      // Each label beside its marker: centred on it vertically, wholly to its right or (flipped) to its left.
      const misplaced = seen.labels.filter((l, i) => {
        const m = seen.markers[i]?.rect
        if (!m || !l.shown) return false
        const centred = Math.abs((l.rect.top + l.rect.bottom) / 2 - (m.top + m.bottom) / 2) <= 2
        return !centred || !(l.rect.left >= m.right - 4 || l.rect.right <= m.left + 4)
      })
      expect(misplaced.map((l) => l.text)).toEqual([])
      const coreMarkers = seen.markers.filter((m) => m.places.some((p) => core.has(p)))
      expect(coreMarkers.length).toBeGreaterThan(0)
      expect(coreMarkers.filter((m) => !m.inside)).toEqual([])
      // Labels of markers on screen stay on screen (markers off screen have labels off screen too).
      expect(seen.labels.length).toBe(seen.markers.length)
      const onScreen = seen.labels.filter((l, i) => l.shown && seen.markers[i]?.inside)
      expect(onScreen.filter((l) => !l.inside)).toEqual([])
    }, 120_000)
  }
})

describe('overview labels', () => {
  const han = /^[\p{Script=Han}\s·（）()0-9]+$/u
  for (const [locale, district] of [['en-US', 'Shinan'], ['ru-RU', 'Шинань'], ['zh-CN', '市南区']] as const) {
    it(`names districts and stations in the interface language (${locale})`, async () => {
      opened = await open('/map', { locale, serviceWorkers: 'block', viewport: { width: 375, height: 667 } })
      const { page } = opened
      await page.locator('[data-testid=map][data-markers]').waitFor()
      const labels = async () => JSON.parse((await page.locator('.leaflet-overview-pane canvas').getAttribute('data-labels')) ?? '[]') as string[]
      await expect.poll(labels, { timeout: 30_000 }).toContain(district)
      // Station names too; in English and Russian none is in Chinese characters only.
      const shown = await labels()
      expect(shown.length).toBeGreaterThan(1)
      if (locale === 'zh-CN') expect(shown.every((t) => han.test(t))).toBe(true)
      else expect(shown.filter((t) => han.test(t))).toEqual([])
    }, 120_000)
  }
})

describe('labels and the map controls', () => {
  // Chinese names are wide: on small phones, labels near the top left reached under the zoom buttons, and a
  // marker just off the map's left edge left half its name on it.
  for (const [width, height] of [[320, 568], [375, 667]] as const) {
    it(`no label is left under the zoom buttons or the attribution, nor shown for a marker off the map, zooming out from May Fourth Square in zh at ${width}×${height}`, async () => {
      opened = await open('/map?focus=venue:may-fourth-square', { viewport: { width, height }, serviceWorkers: 'block', locale: 'zh-CN' })
      const { page } = opened
      await page.locator('[data-testid=map][data-markers]').waitFor()
      const under: string[] = []
      for (let step = 0; step < 5; step++) {
        under.push(...await page.locator('[data-testid=map]').evaluate((map) => {
          const box = map.getBoundingClientRect()
          const controls = [...map.querySelectorAll('.leaflet-control')].map((c) => c.getBoundingClientRect())
          const overlaps = (r: DOMRect, c: DOMRect) => r.left < c.right && r.right > c.left && r.top < c.bottom && r.bottom > c.top
          return [...map.querySelectorAll<HTMLElement>('.qd-label')].flatMap((l) => {
            const r = l.getBoundingClientRect()
            // Where its marker is: a label sits 14 px to the right of its marker's centre, or (flipped) to the left.
            const x = l.classList.contains('leaflet-tooltip-left') ? r.right + 14 : r.left - 14
            const y = (r.top + r.bottom) / 2
            const markerOff = x < box.left || x > box.right || y < box.top || y > box.bottom
            if (l.style.visibility === 'hidden' || !overlaps(r, box)) return []
            if (controls.some((c) => overlaps(r, c))) return [`under a control: ${l.textContent}`]
            return markerOff ? [`marker off the map: ${l.textContent}`] : []
          })
        }))
        await zoomButton(page, 'out')
      }
      expect(under).toEqual([])
    }, 120_000)
  }
})

describe('a place shown on the map stays in sight above its sheet', () => {
  // "Show on map" opens the place's sheet over the lower part of the screen. The place's marker must be where
  // the visitor can see it, and stay there as they zoom out for the surroundings or in for the streets.
  const SQUARE = 'venue:may-fourth-square'
  const squareInSight = (page: Opened['page']) => page.evaluate(markerSight, SQUARE)
  // The smallest phone, a tall one, and a phone on its side, where the sheet stands beside the map (over the
  // bottom it left 50 px of the map in sight). 375×667 is the tap test's size below.
  for (const [width, height] of [[320, 568], [390, 844], [844, 390]] as const) {
    it(`from "Show on map", zooming out twice and in three times, at ${width}×${height}`, async () => {
      opened = await open(`/map?focus=${SQUARE}`, { viewport: { width, height }, serviceWorkers: 'block' })
      const { page } = opened
      await page.locator('[data-testid=map][data-markers]').waitFor()
      await page.locator('[data-testid=map-sheet]').waitFor()
      const seen = [await squareInSight(page)]
      for (const button of ['out', 'out', 'in', 'in', 'in'] as const) {
        await zoomButton(page, button)
        seen.push(`${button}: ${await squareInSight(page)}`)
      }
      expect(seen).toEqual(['in sight', 'out: in sight', 'out: in sight', 'in: in sight', 'in: in sight', 'in: in sight'])
    }, 120_000)
  }

  it('a tapped marker low on the map is not left under the sheet it opens, at 375×667', async () => {
    opened = await open('/map', { viewport: { width: 375, height: 667 }, serviceWorkers: 'block' })
    const { page } = opened
    await page.locator('[data-testid=map][data-markers]').waitFor()
    await page.locator('[data-testid=map]').scrollIntoViewIfNeeded()
    // The single place whose marker is lowest on the screen: the sheet rises from the bottom over it.
    const key = await page.locator('[data-testid=map-marker]').evaluateAll((els) => {
      const box = document.querySelector('[data-testid=map]')!.getBoundingClientRect()
      const tappable = els.flatMap((m) => {
        const r = m.getBoundingClientRect()
        const x = (r.left + r.right) / 2
        const y = (r.top + r.bottom) / 2
        const places = (m.getAttribute('data-places') ?? '').trim().split(/\s+/)
        const ok = places.length === 1 && x > box.left && x < box.right && y > box.top && y < Math.min(box.bottom, innerHeight - 80)
          && document.elementFromPoint(x, y)?.closest('[data-testid=map-marker]') === m
        return ok ? [{ key: places[0]!, y }] : []
      })
      return tappable.sort((a, b) => b.y - a.y)[0]?.key ?? ''
    })
    expect(key).not.toBe('')
    const marker = page.locator(`[data-testid=map-marker][data-places~="${key}"]`)
    const before = (await marker.boundingBox())!
    await marker.click()
    await page.locator('[data-testid=map-sheet]').waitFor()
    // Where the marker was, the sheet now is: left there, it would be hidden.
    const sheetTop = (await page.locator('[data-testid=map-sheet]').boundingBox())!.y
    expect(before.y + before.height / 2).toBeGreaterThan(sheetTop)
    const sight = await page.evaluate(markerSight, key)
    expect(sight).toBe('in sight')
  }, 120_000)
})
