// Place pages as a visitor uses them: the taxi driver sees a clean Chinese address, every place can be
// searched by name in Amap and Baidu, "About this information" carries the editors' notes, 24/7 reads in
// words, and an old exchange rate says how old it is.
import { afterEach, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { open, type Opened } from './browser'
import { builtContent } from './content'

const content = builtContent()
let opened: Opened | undefined
afterEach(async () => {
  await opened?.context.close()
  opened = undefined
})

/** Client-side navigation: vue-router follows popstate, so one loaded app visits every page quickly. */
async function visit(page: Page, path: string, testid: string): Promise<void> {
  await page.evaluate((p) => {
    history.pushState({}, '', p)
    dispatchEvent(new PopStateEvent('popstate'))
  }, path)
  await page.waitForFunction(([p, t]) => location.pathname === p && document.querySelector(`[data-testid=${t}]`) !== null, [path, testid] as const)
}

const NOTE_IN_ADDRESS = /未查到|未公布|未注明|待核实|转写|另有资料|[；;]/
const LATIN_OR_CYRILLIC = /[A-Za-z\u0400-\u04FF]/

describe('place pages', () => {
  it('the driver card of every place shows only a clean Chinese address', async () => {
    opened = await open('/', { locale: 'ru-RU' })
    const { page, errors } = opened
    const places = [
      ...content.venues.map((v) => ({ path: `/venues/${v.id}`, testid: 'venue-detail', address: v.address })),
      ...content.services.map((s) => ({ path: `/services/${s.id}`, testid: 'service-detail', address: s.address })),
    ]
    let checked = 0
    for (const p of places) {
      await visit(page, p.path, p.testid)
      // The card's text is in the page before it opens (a closed <dialog>); opening it is checked once below.
      const addr = page.locator('[data-testid=driver-card] [data-testid=driver-address]')
      if (p.address) {
        const text = (await addr.textContent())!.trim()
        expect(text, p.path).toBe(p.address.zh)
        expect(text, p.path).not.toMatch(LATIN_OR_CYRILLIC)
        expect(text, p.path).not.toMatch(NOTE_IN_ADDRESS)
        checked++
      } else {
        expect(await addr.count(), p.path).toBe(0)
      }
    }
    await visit(page, '/venues/sco-pearl-expo-center', 'venue-detail')
    await page.click('[data-testid=driver-open]')
    await page.locator('[data-testid=driver-card][open]').waitFor()
    expect(await page.locator('[data-testid=driver-card][open] [data-testid=driver-address]').isVisible()).toBe(true)
    expect(checked).toBeGreaterThan(20)
    expect(errors).toEqual([])
  }, 180_000)

  for (const viewport of [{ width: 320, height: 568 }, { width: 390, height: 844 }]) {
    it(`an unlocated place offers Amap/Baidu name search and "About this information" (${viewport.width}px)`, async () => {
      opened = await open('/venues/sco-pearl-expo-center', { locale: 'en-US', viewport })
      const { page, errors } = opened
      const pearl = content.venues.find((v) => v.id === 'sco-pearl-expo-center')!
      const find = page.locator('[data-testid=find-by-name]')
      await find.waitFor()
      const amap = new URL((await find.locator('a[data-search=amap]').getAttribute('href'))!)
      expect(amap.host + amap.pathname).toBe('uri.amap.com/search')
      expect(amap.searchParams.get('keyword')).toBe(pearl.name.zh.replace(/（[^）]*）/g, ''))
      expect(amap.searchParams.get('city')).toBe('青岛')
      const baidu = new URL((await find.locator('a[data-search=baidu]').getAttribute('href'))!)
      expect(baidu.host + baidu.pathname).toBe('api.map.baidu.com/place/search')
      expect(baidu.searchParams.get('region')).toBe('青岛')
      expect(await find.locator('a').allTextContents()).toEqual(['Find in Amap', 'Find in Baidu Maps'])
      const about = page.locator('[data-testid=place-about]')
      expect(await about.locator('h2').first().textContent()).toContain('About this information')
      expect(await about.locator('[data-testid=place-notes]').textContent()).toContain(pearl.notes!.en)
      const text = (await page.locator('main').textContent())!
      expect(text).not.toMatch(/seed \d|not recorded|门牌号未查到/)
      // Nothing sticks out sideways on a small phone.
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth)).toBe(true)
      expect(errors).toEqual([])
    })
  }

  it('a located place keeps its coordinate links and adds the name search; 24/7 reads in Chinese words', async () => {
    opened = await open('/venues/may-fourth-square', { locale: 'zh-CN' })
    const { page, errors } = opened
    await page.locator('[data-testid=open-in]').waitFor()
    expect(await page.locator('[data-testid=find-by-name] a').count()).toBe(2)
    expect(await page.locator('[data-testid=venue-hours]').textContent()).toContain('24小时营业')
    await visit(page, '/services/sp-city-hotline-12345', 'service-detail')
    const hours = page.locator('[data-testid=service-hours]')
    expect(await hours.textContent()).toContain('24小时营业')
    expect(await page.locator('main').textContent()).not.toContain('24/7')
    expect(await page.locator('[data-testid=place-about] [data-testid=place-checked]').count()).toBe(1)
    expect(errors).toEqual([])
  })

  it('a place without published hours says so once', async () => {
    opened = await open('/services/sp-taidong-payment-zone', { locale: 'en-US' })
    const { page } = opened
    const main = (await page.locator('main').textContent())!
    expect(main.match(/Hours not published/g)?.length).toBe(1)
    expect(await page.locator('[data-testid=service-status]').count()).toBe(0)
  })

  it('an exchange rate older than 30 days shows its age', async () => {
    opened = await open('/info/essentials', { locale: 'en-US' })
    const { page } = opened
    const rate = content.practical.rates.rates.USD!
    const days = Math.floor((Date.now() - Date.parse(`${rate.date}T00:00:00+08:00`)) / 86_400_000)
    const stale = page.locator('[data-testid=converter-stale]')
    if (days > 30) {
      await stale.waitFor()
      expect(await stale.textContent()).toContain(`${days} days old`)
    } else {
      expect(await stale.count()).toBe(0)
    }
  })
})
