import { afterEach, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { open, type Opened } from './browser'

let opened: Opened | undefined
afterEach(async () => {
  await opened?.context.close()
  opened = undefined
})

const SE = { viewport: { width: 375, height: 667 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true }
const NAV = ['home', 'map', 'events', 'services', 'info'] as const

/** For each nav item: is the element hit at its centre the item itself (or inside it)? */
async function navHits(page: Page): Promise<Record<string, boolean>> {
  return page.evaluate((keys) => Object.fromEntries(keys.map((k) => {
    const item = document.querySelector(`[data-testid=nav-${k}]`)!
    const r = item.getBoundingClientRect()
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2)
    return [k, !!hit && item.contains(hit)]
  })), NAV)
}

/** Is the element at the centre of `selector` inside it? */
const onTop = (page: Page, selector: string) => page.locator(selector).first().evaluate((el) => {
  const r = el.getBoundingClientRect()
  const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2)
  return !!hit && el.contains(hit)
})

describe('the map never covers the navigation (375×667)', () => {
  it('bottom bar items stay on top and navigate; header and language switcher stay visible while the page scrolls', async () => {
    opened = await open('/map', SE)
    const { page, errors } = opened
    await page.locator('[data-testid=map][data-markers]').waitFor()
    await page.locator('.leaflet-overview-pane canvas').waitFor({ state: 'attached' })
    // Further down, the map is under the bottom bar.
    await page.evaluate(() => {
      const map = document.querySelector('[data-testid=map]')!
      const r = map.getBoundingClientRect()
      window.scrollTo(0, r.bottom + window.scrollY - window.innerHeight + 10)
    })
    expect(await navHits(page)).toEqual(Object.fromEntries(NAV.map((k) => [k, true])))
    // Scrolled to the map's top edge: the map is under the header.
    await page.evaluate(() => {
      const map = document.querySelector('[data-testid=map]')!
      window.scrollTo(0, map.getBoundingClientRect().top + window.scrollY - 20)
    })
    expect(await onTop(page, 'header .brand')).toBe(true)
    expect(await onTop(page, '[data-testid=lang-select]')).toBe(true)
    await page.tap('[data-testid=nav-events]')
    await page.waitForURL('**/events')
    await page.tap('[data-testid=nav-map]')
    await page.waitForURL('**/map')
    await page.locator('[data-testid=map][data-markers]').waitFor()
    await page.evaluate(() => {
      const map = document.querySelector('[data-testid=map]')!
      window.scrollTo(0, map.getBoundingClientRect().bottom + window.scrollY - window.innerHeight + 10)
    })
    await page.tap('[data-testid=nav-home]')
    await page.waitForURL((u) => new URL(u).pathname === '/')
    expect(errors.filter((e) => !/Failed to load resource/.test(e))).toEqual([])
  })
})
