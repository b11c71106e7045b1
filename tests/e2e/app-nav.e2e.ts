import { afterEach, describe, expect, it } from 'vitest'
import type { BrowserContextOptions } from 'playwright-core'
import { open, type Opened } from './browser'
import { builtContent } from './content'

const content = builtContent()
let opened: Opened | undefined
afterEach(async () => {
  await opened?.context.close()
  opened = undefined
})

const SE = { viewport: { width: 375, height: 667 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'en-US' }
const path = (url: string) => new URL(url).pathname + new URL(url).search
// Day chips exist only while the programme has days ahead: the clock is fixed inside the 2025 summer
// programme (10 July 2025, noon in Qingdao), before the app first reads it.
const IN_PROGRAMME = Date.parse('2025-07-10T12:00:00+08:00')
async function openInProgramme(target: string, options: BrowserContextOptions): Promise<Opened> {
  const o = await open('about:blank', options)
  await o.page.clock.setFixedTime(IN_PROGRAMME)
  // (No appMounted here: with the clock faked, the mount mark is not visible; the tests wait for elements.)
  await o.page.goto(target)
  return o
}

describe('navigation an installed app needs (no browser back button)', () => {
  it('back returns to where the visitor came from, with the day chip they had chosen', async () => {
    opened = await openInProgramme('/events', SE)
    const { page, errors } = opened
    const chips = page.locator('[data-testid=day-chip]')
    await chips.first().waitFor()
    const chosen = await chips.nth(1).getAttribute('data-day')
    await chips.nth(1).tap()
    await page.locator('[data-testid=event-card] a').first().tap()
    await page.waitForURL(/\/events\/[^/]+$/)
    await page.locator('[data-testid=back]').tap()
    await page.waitForURL((u) => u.pathname === '/events')
    await expect.poll(() => page.locator('[data-testid=day-chip][aria-pressed=true]').getAttribute('data-day')).toBe(chosen)
    // Home → essentials → back: home again.
    await page.locator('[data-testid=nav-home]').tap()
    await page.locator('main a[href="/info/essentials"]').first().tap()
    await page.waitForURL('**/info/essentials')
    await page.locator('[data-testid=back]').tap()
    await page.waitForURL((u) => u.pathname === '/')
    expect(errors).toEqual([])
  })

  it.each([
    [`/events/${content.events[0]!.id}`, '/events'],
    [`/venues/${content.venues[0]!.id}`, '/map'],
    [`/services/${content.services[0]!.id}`, '/services'],
    ['/plan', '/events'],
    ['/info/essentials', '/info'],
  ])('opened cold, %s goes back to its section %s', async (from, section) => {
    opened = await open(from, { ...SE, viewport: { width: 390, height: 844 } })
    await opened.page.locator('[data-testid=back]').click()
    await opened.page.waitForURL((u) => u.pathname === section)
    expect(path(opened.page.url())).toBe(section)
  })
})

describe('page titles and language switching', () => {
  it('document.title names the page in the current language; switching keeps the scroll position and the day chip', async () => {
    opened = await openInProgramme('/events', SE)
    const { page, errors } = opened
    await expect.poll(() => page.title()).toBe('Events · Qingdao SCO Guide')
    const chips = page.locator('[data-testid=day-chip]')
    await chips.first().waitFor()
    const chosen = await chips.last().getAttribute('data-day')
    await chips.last().tap()
    await page.locator('[data-testid=day-all]').waitFor()
    await page.evaluate(() => window.scrollTo(0, 300))
    const y = await page.evaluate(() => window.scrollY)
    expect(y).toBeGreaterThan(100)
    await page.selectOption('[data-testid=lang-select]', 'ru')
    await expect.poll(() => page.title()).toBe('События · Гид: Циндао и ШОС')
    expect(await page.locator('[data-testid=day-chip][aria-pressed=true]').getAttribute('data-day')).toBe(chosen)
    expect(Math.abs((await page.evaluate(() => window.scrollY)) - y)).toBeLessThan(40)
    await page.selectOption('[data-testid=lang-select]', 'zh')
    await expect.poll(() => page.title()).toBe('活动 · 青岛上合指南')
    await page.locator('[data-testid=nav-home]').tap()
    await expect.poll(() => page.title()).toBe('青岛上合指南')
    expect(errors).toEqual([])
  })
})
