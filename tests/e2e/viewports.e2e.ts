import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { open, type Opened, tapVisibleMarker } from './browser'
import { routePaths } from './routes'

// Every route (plus the map's place sheet and a phrase card) at each phone size, in the three languages: the
// header and bottom bar are never covered, nothing scrolls sideways, no text is cut inside its control and no
// word is broken across lines. One page for the whole sweep; the size changes without reloading.
const SIZES = [[320, 568], [360, 640], [375, 667], [390, 844], [412, 915], [844, 390], [768, 1024]] as const
const LANGS = ['ru', 'en', 'zh'] as const
/** Russian runs longest: every size. English and Chinese: the narrowest, a common phone and landscape. */
const sizesFor = (lang: string) => (lang === 'ru' ? SIZES : SIZES.filter(([w]) => w === 320 || w === 390 || w === 844))
const NAV = ['home', 'map', 'events', 'services', 'info']

type Problems = { covered: string[]; sideways: boolean; clipped: string[]; broken: string[] }

/** Runs in the page: everything wrong with the layout at the current size. */
function problems(nav: string[]): Problems {
  const label = (el: Element) => `${el.tagName.toLowerCase()}${el.getAttribute('data-testid') ? `[${el.getAttribute('data-testid')}]` : ''} "${(el.textContent || (el as HTMLInputElement).placeholder || '').trim().slice(0, 40)}"`
  const onTop = (el: Element) => {
    const r = el.getBoundingClientRect()
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2)
    return !!hit && el.contains(hit)
  }
  const visible = (el: Element) => {
    const r = el.getBoundingClientRect()
    return r.width > 2 && r.height > 2 && getComputedStyle(el).visibility !== 'hidden' && !el.closest('.sr-only')
  }
  // A modal dialog (a phrase card shown full screen) covers everything on purpose.
  const modal = !!document.querySelector('dialog:modal')
  const covered = modal ? [] : [
    ...nav.filter((k) => !onTop(document.querySelector(`[data-testid=nav-${k}]`)!)).map((k) => `nav-${k}`),
    ...['header .brand', '[data-testid=lang-select]'].filter((s) => !onTop(document.querySelector(s)!)),
  ]
  const clipped: string[] = []
  for (const el of document.querySelectorAll<HTMLElement>('select, button, .btn, header .brand span, nav a span, input')) {
    if (!visible(el)) continue
    if (el.scrollWidth > el.clientWidth + 1) clipped.push(label(el))
    const input = el as HTMLInputElement
    if (el.tagName === 'INPUT' && input.placeholder) {
      const cs = getComputedStyle(input)
      const ctx = document.createElement('canvas').getContext('2d')!
      ctx.font = `${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`
      const room = input.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight)
      if (ctx.measureText(input.placeholder).width > room + 1) clipped.push(`${label(el)} placeholder`)
    }
  }
  const broken: string[] = []
  if (document.documentElement.lang === 'ru') {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT)
    const range = document.createRange()
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement
      // Map labels belong to the map's own layout; Chinese (addresses, phrases) breaks between characters by design.
      if (!parent || !visible(parent) || parent.closest('script, style, template, pre, [aria-hidden=true], .leaflet-container')) continue
      for (const m of (node.textContent ?? '').matchAll(/[\p{Script=Cyrillic}\p{Script=Latin}]{4,}/gu)) {
        range.setStart(node, m.index)
        range.setEnd(node, m.index + m[0].length)
        const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)))
        if (tops.size > 1) broken.push(`${m[0]} (in ${label(parent)} of ${parent.closest('[data-testid]')?.getAttribute('data-testid')})`)
      }
    }
  }
  return {
    covered,
    sideways: document.documentElement.scrollWidth > document.documentElement.clientWidth,
    clipped: [...new Set(clipped)],
    broken: [...new Set(broken)],
  }
}

let opened: Opened
beforeAll(async () => {
  opened = await open('/', { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 1, locale: 'en-US' })
})
afterAll(() => opened?.context.close())

async function sweep(page: Page, where: string, lang: string): Promise<Record<string, Problems>> {
  const found: Record<string, Problems> = {}
  for (const [width, height] of sizesFor(lang)) {
    await page.setViewportSize({ width, height })
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))))
    const p = await page.evaluate(problems, NAV)
    if (p.covered.length || p.sideways || p.clipped.length || p.broken.length) found[`${where} ${width}×${height}`] = p
  }
  return found
}

describe('every route at every phone size', () => {
  it.each(LANGS)('%s', async (lang) => {
    const { page, errors } = opened
    await page.setViewportSize({ width: 390, height: 844 })
    await page.goto('/')
    await page.waitForFunction(() => performance.getEntriesByName('qd:mounted').length > 0)
    await page.selectOption('[data-testid=lang-select]', lang)
    let found: Record<string, Problems> = {}
    for (const path of routePaths()) {
      await page.goto(path)
      await page.waitForFunction(() => performance.getEntriesByName('qd:mounted').length > 0)
      await page.locator('main h1').first().waitFor()
      if (path === '/map') await page.locator('[data-testid=map][data-markers]').waitFor()
      found = { ...found, ...(await sweep(page, path, lang)) }
      if (path === '/map') {
        await page.setViewportSize({ width: 390, height: 844 })
        await tapVisibleMarker(page)
        await page.locator('[data-testid=map-sheet]').waitFor()
        found = { ...found, ...(await sweep(page, '/map (place sheet)', lang)) }
      }
      if (path === '/info/essentials') {
        const card = page.locator('[data-testid=phrase-card], [data-testid^=phrase-open]').first()
        if (await card.count()) {
          await page.setViewportSize({ width: 390, height: 844 })
          await card.click()
          found = { ...found, ...(await sweep(page, '/info/essentials (phrase card)', lang)) }
          await page.keyboard.press('Escape')
        }
      }
    }
    expect(found).toEqual({})
    expect(errors.filter((e) => !/Failed to load resource/.test(e))).toEqual([])
  }, 240_000)
})
