import { afterEach, describe, expect, it } from 'vitest'
import { open, scrollToHomeNow, type Opened } from './browser'
import { builtContent } from './content'

const content = builtContent()
let opened: Opened | undefined
afterEach(async () => {
  await opened?.context.close()
  opened = undefined
})

const LAST_EVENT = Math.max(...content.events.map((e) => Date.parse(e.allDay ? `${e.end}T23:59:59+08:00` : e.end)))
const ARCHIVE_LINK = {
  en: 'Past programme: the events archive',
  ru: 'Прошедшая программа: архив событий',
  zh: '往期日程：活动存档',
} as const

const H1 = {
  en: 'Welcome to Qingdao',
  ru: 'Добро пожаловать в Циндао',
  zh: '欢迎来到青岛',
} as const

describe('first visit follows the browser language', () => {
  it.each([
    ['zh-CN', 'zh', 'zh-CN'],
    ['ru-RU', 'ru', 'ru'],
    ['en-US', 'en', 'en'],
    ['kk-KZ', 'en', 'en'],
  ] as const)('%s → %s', async (browserLocale, lang, htmlLang) => {
    opened = await open('about:blank', { locale: browserLocale })
    const { page, errors } = opened
    // After the last bundled event: Home points to the events archive instead of listing events.
    await page.clock.setFixedTime(new Date(LAST_EVENT + 86400_000))
    await page.goto('/')
    await expect.poll(() => page.locator('h1').textContent()).toBe(H1[lang])
    expect(await page.getAttribute('html', 'lang')).toBe(htmlLang)
    // Home's own text follows: the link to the archive reads in that language.
    await scrollToHomeNow(page)
    const link = page.locator('[data-testid=home-archive-link]')
    expect((await link.textContent())?.trim()).toBe(ARCHIVE_LINK[lang])
    // Content text follows too: every event card's title in the archive is the content's text in that language.
    await link.click()
    await page.waitForURL((u) => u.pathname === '/events')
    await page.locator('[data-testid=archive] [data-testid=event-card]').first().waitFor()
    const titles = await page.locator('[data-testid=event-card] h3').allTextContents()
    const expected = new Set(content.events.map((e) => e.title[lang]))
    expect(titles.length).toBeGreaterThan(0)
    for (const t of titles) expect(expected.has(t.trim()), t).toBe(true)
    expect(errors).toEqual([])
  })
})

describe('language switcher', () => {
  it('changes UI and content text in place, keeps the route and is remembered', async () => {
    const event = content.events[0]!
    opened = await open(`/events/${event.id}`, { locale: 'en-US' })
    const { page, errors } = opened
    await expect.poll(() => page.locator('h1').textContent()).toBe(event.title.en)
    // State that a reload would lose: a marker on the window object.
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 42))
    await page.selectOption('[data-testid=lang-select]', 'ru')
    await expect.poll(() => page.locator('h1').textContent()).toBe(event.title.ru)
    expect(await page.getAttribute('html', 'lang')).toBe('ru')
    expect(await page.locator('[data-testid=nav-events]').textContent()).toContain('События')
    expect(new URL(page.url()).pathname).toBe(`/events/${event.id}`)
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42)
    await page.selectOption('[data-testid=lang-select]', 'zh')
    await expect.poll(() => page.locator('h1').textContent()).toBe(event.title.zh)
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN')
    await page.reload()
    await expect.poll(() => page.locator('h1').textContent()).toBe(event.title.zh)
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN')
    expect(errors).toEqual([])
  })

  it('the Info page names each language in itself', async () => {
    opened = await open('/info', { locale: 'en-US' })
    const { page } = opened
    await page.locator('[data-testid=lang-ru]').click()
    await expect.poll(() => page.locator('h1').textContent()).toBe('Инфо')
    expect(await page.locator('[data-testid=lang-zh]').textContent()).toContain('中文')
    expect(await page.locator('[data-testid=lang-en]').textContent()).toContain('English')
    expect(await page.locator('[data-testid=lang-ru]').getAttribute('aria-pressed')).toBe('true')
  })
})

describe('routes', () => {
  const paths = () => [
    '/', '/map', '/events', '/services', '/info',
    `/events/${content.events[0]!.id}`,
    `/venues/${content.venues[0]!.id}`,
    `/services/${content.services[0]!.id}`,
  ]

  it('every route and a detail page of each kind render at 390×844 without console errors, and fit 320 px', async () => {
    for (const locale of ['en-US', 'ru-RU', 'zh-CN']) {
      opened = await open('/', { locale })
      const { page, errors } = opened
      for (const path of paths()) {
        await page.goto(path)
        await page.locator('main h1').first().waitFor()
        expect(await page.locator('[data-testid=content-error]').count(), path).toBe(0)
        expect(await page.locator('[data-testid=not-in-content]').count(), path).toBe(0)
        await page.setViewportSize({ width: 320, height: 700 })
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
        expect(overflow, `${path} scrolls sideways at 320 px (${locale})`).toBeLessThanOrEqual(0)
        await page.setViewportSize({ width: 390, height: 844 })
      }
      expect(errors).toEqual([])
      await opened.context.close()
      opened = undefined
    }
  })

  it('bottom navigation, detail links, back and forward', async () => {
    opened = await open('/', { locale: 'en-US' })
    const { page, errors } = opened
    await page.locator('[data-testid=nav-events]').click()
    await page.waitForURL('**/events')
    expect(await page.locator('[data-testid=nav-events]').getAttribute('aria-current')).toBe('page')
    await page.locator('[data-testid=event-card]').first().click()
    await page.waitForURL(/\/events\/[a-z0-9-]+$/)
    await page.locator('[data-testid=event-detail]').waitFor()
    await page.locator('[data-testid=nav-services]').click()
    await page.waitForURL('**/services')
    await page.locator('[data-testid=service-card]').first().click()
    await page.locator('[data-testid=service-detail]').waitFor()
    await page.locator('[data-testid=nav-map]').click()
    await page.locator('[data-testid=map-list] a[href^="/venues/"]').first().click()
    await page.locator('[data-testid=venue-detail]').waitFor()
    await page.goBack()
    await page.waitForURL('**/map')
    await page.goBack()
    await page.waitForURL(/\/services\/[a-z0-9-]+$/)
    await page.goForward()
    await page.waitForURL('**/map')
    await page.locator('[data-testid=nav-info]').click()
    await page.waitForURL('**/info')
    await page.locator('[data-testid=nav-home]').click()
    await page.waitForURL(/\/$/)
    expect(errors).toEqual([])
  })

  it('touch targets in the bottom bar are at least 44 px', async () => {
    opened = await open('/', { locale: 'ru-RU' })
    const boxes = await opened.page.locator('[data-testid^=nav-]').evaluateAll((els) => els.map((e) => e.getBoundingClientRect()))
    expect(boxes.length).toBe(5)
    for (const b of boxes) {
      expect(b.height).toBeGreaterThanOrEqual(44)
      expect(b.width).toBeGreaterThanOrEqual(44)
    }
  })

  it('an unknown id shows a clear not-found page', async () => {
    opened = await open('/events/no-such-event', { locale: 'en-US' })
    await opened.page.locator('[data-testid=not-in-content]').waitFor()
    expect(opened.errors).toEqual([])
  })
})

describe('past schedule and saved state', () => {
  it('a schedule entirely in the past reads as past, nothing broken', async () => {
    opened = await open('/', { locale: 'en-US' })
    const { page } = opened
    await page.clock.setFixedTime(new Date(LAST_EVENT + 86400_000))
    await page.goto('/')
    // Home says there is no programme now and links to the archive, listing no events itself.
    await scrollToHomeNow(page)
    await page.locator('[data-testid=home-no-programme]').waitFor()
    expect(await page.locator('main [data-testid=event-card]').count()).toBe(0)
    await page.locator('[data-testid=home-archive-link]').click()
    await page.waitForURL((u) => u.pathname === '/events')
    await page.locator('[data-testid=events-empty]').waitFor()
    expect(await page.locator('[data-testid=day-chip]').count()).toBe(0)
    // The programme opens on its archive by year; the years together list every event once.
    const statuses: (string | null)[] = []
    for (const year of await page.locator('[data-testid=archive-year]').evaluateAll((els) => els.map((e) => e.getAttribute('data-year')))) {
      await page.locator(`[data-testid=archive-year][data-year="${year}"]`).click()
      await page.locator(`[data-testid=archive-title]:text-is("${year}")`).waitFor()
      // The list draws a page at a time: open it all.
      const more = page.locator('[data-testid=show-more]')
      while (await more.count()) await more.first().click()
      statuses.push(...await page.locator('[data-testid=event-card]').evaluateAll((els) => els.map((e) => e.getAttribute('data-status'))))
    }
    expect(statuses.length).toBe(content.events.length)
    expect(new Set(statuses)).toEqual(new Set(['past']))
  })

  it('corrupt saved preferences are reset with a notice, not a crash', async () => {
    opened = await open('/', { locale: 'ru-RU' })
    const { page, errors } = opened
    await page.evaluate(() => localStorage.setItem('qd.prefs', '{"v":2,"data":{"locale":"xx"'))
    await page.reload()
    await page.locator('[data-testid=notice]').waitFor()
    expect(await page.locator('[data-testid=notice]').textContent()).toContain('сброшены')
    expect(await page.locator('h1').textContent()).toBe(H1.ru)
    expect(errors).toEqual([])
  })
})
