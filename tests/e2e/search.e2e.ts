// One search for the whole guide, as a visitor uses it: on Home in three languages and on a small phone, an
// event, a place and a service point in one list, Enter opening the first result; offline too.
import { afterEach, describe, expect, it } from 'vitest'
import { mkdirSync } from 'node:fs'
import type { Page } from 'playwright-core'
import { appMounted, goOffline, open, waitForServiceWorker, type Opened } from './browser'
import { builtContent } from './content'

const content = builtContent()
const opened: Opened[] = []
afterEach(async () => {
  for (const o of opened.splice(0)) await o.context.close()
})

const beer = content.events.find((e) => e.title.zh.includes('啤酒'))!
const venue = content.venues.find((v) => v.id === 'sco-pearl-expo-center')!
const service = content.services.find((s) => s.id === 'sp-airport-telecom')!

/** Type into the search box and wait for its results (the index loads on first focus). */
async function search(page: Page, text: string): Promise<{ kind: string | null; id: string | null }[]> {
  const box = page.locator('[data-testid=global-search]')
  await box.fill(text)
  await page.locator('[data-testid=global-search-results]').waitFor()
  return page.locator('[data-testid=global-search-result]').evaluateAll((els) => els.map((e) => ({ kind: e.getAttribute('data-kind'), id: e.getAttribute('data-id') })))
}

const QUERIES = {
  zh: { event: '啤酒节', venue: '上合之珠', service: '三大运营商' },
  ru: { event: 'пиво', venue: 'Жемчужина', service: 'операторов связи' },
  en: { event: 'beer festival', venue: 'SCO Pearl', service: 'China Unicom' },
} as const

describe('one search on Home', () => {
  it.each([['zh', 'zh-CN'], ['ru', 'ru-RU'], ['en', 'en-US']] as const)('%s: finds an event, a place and a service point; Enter opens the first', async (lang, locale) => {
    const o = await open('/', { locale })
    opened.push(o)
    const { page, errors } = o
    const q = QUERIES[lang]
    expect(await search(page, q.event)).toContainEqual({ kind: 'event', id: beer.id })
    expect(await search(page, q.venue)).toContainEqual({ kind: 'venue', id: venue.id })
    expect(await search(page, q.service)).toContainEqual({ kind: 'service', id: service.id })
    // Service points say whether they are open (Qingdao time) in the visitor's language.
    await page.locator('[data-testid=global-search-result][data-kind=service] [data-testid=service-status]').first().waitFor()
    expect(await page.locator('[data-testid=global-search-count]').textContent()).toMatch(/\d/)
    const first = await page.locator('[data-testid=global-search-result]').first().getAttribute('href')
    await page.locator('[data-testid=global-search]').press('Enter')
    await page.waitForURL((url) => url.pathname === first)
    expect(errors).toEqual([])
  })

  it('пивного and циндаоский find the beer festival; pinyin initials find a service point', async () => {
    const o = await open('/', { locale: 'ru-RU' })
    opened.push(o)
    expect(await search(o.page, 'пивного')).toContainEqual({ kind: 'event', id: beer.id })
    expect((await search(o.page, 'циндаоский пивной')).some((h) => h.kind === 'event')).toBe(true)
    const initials = service.pinyin!.split(' ').pop()!
    expect(await search(o.page, initials)).toContainEqual({ kind: 'service', id: service.id })
  })

  it('results float over the page; one Latin or Cyrillic letter is not a search yet; one 汉字 is', async () => {
    const o = await open('/', { locale: 'ru-RU', viewport: { width: 375, height: 667 } })
    opened.push(o)
    const { page } = o
    const below = page.locator('main nav').first()
    // Where it is on the page, not on the screen: the page scrolls the box up when it gets focus.
    const onPage = () => below.evaluate((el) => el.getBoundingClientRect().top + window.scrollY)
    await page.locator('[data-testid=global-search]').focus()
    const before = await onPage()
    expect(await search(page, 'пиво')).toContainEqual({ kind: 'event', id: beer.id })
    // The results float over the page: what is below the box stays where it was.
    expect(await onPage()).toBe(before)
    for (const letter of ['п', 'b']) {
      await page.locator('[data-testid=global-search]').fill(letter)
      await page.locator('[data-testid=global-search-results]').waitFor({ state: 'hidden' })
      expect(await page.locator('[data-testid=global-search-count]').textContent()).toBe('')
    }
    expect(await search(page, '啤')).toContainEqual({ kind: 'event', id: beer.id })
    expect(await search(page, 'пиво b')).toContainEqual({ kind: 'event', id: beer.id })
  })

  it.each([['ru-RU', 320, 568, 'пиво'], ['en-US', 375, 667, 'beer']] as const)('%s, %i×%i: a tap on the box brings it up under the header, so the results show above the keyboard', async (locale, width, height, text) => {
    const o = await open('/', { locale, viewport: { width, height } })
    opened.push(o)
    const { page } = o
    await page.locator('[data-testid=global-search]').tap()
    await search(page, text)
    const header = await page.locator('header').first().boundingBox()
    const box = await page.locator('[data-testid=global-search]').boundingBox()
    const first = await page.locator('[data-testid=global-search-result]').first().boundingBox()
    // Just under the header, and the first result in the top half: an on-screen keyboard takes the bottom half.
    expect(box!.y).toBeGreaterThanOrEqual(header!.y + header!.height)
    expect(box!.y).toBeLessThan(header!.y + header!.height + 24)
    expect(first!.y + first!.height).toBeLessThan(height / 2 + 40)
  })

  it('works offline on a small phone, with the keyboard, on Home and on the map', async () => {
    const o = await open('/', { locale: 'en-US', viewport: { width: 320, height: 568 } })
    opened.push(o)
    const { page, context } = o
    await waitForServiceWorker(page)
    await goOffline(context)
    await page.reload()
    await appMounted(page)
    await search(page, 'beer')
    // Arrow down moves into the list, and the focused result opens with Enter.
    await page.locator('[data-testid=global-search]').press('ArrowDown')
    const focused = await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))
    expect(focused).toBe('global-search-result')
    const href = await page.evaluate(() => document.activeElement?.getAttribute('href'))
    expect(href).toMatch(/^\/(events|venues|services)\//)
    const width = await page.evaluate(() => document.documentElement.scrollWidth)
    expect(width).toBeLessThanOrEqual(320)
    mkdirSync('screenshots', { recursive: true })
    await page.screenshot({ path: 'screenshots/search-home-320.png' })
    await page.keyboard.press('Enter')
    await page.waitForURL(`**${href}`)
    await page.goto('/map')
    await search(page, 'Pearl')
    await page.locator('[data-testid=global-search]').press('Enter')
    await page.waitForURL(`**/venues/${venue.id}`)
  })
})
