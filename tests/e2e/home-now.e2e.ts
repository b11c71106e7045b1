// Home answers "what can I do now?" on any day: between programmes, with a programme, and at night.
import { afterEach, describe, expect, it } from 'vitest'
import { mkdirSync } from 'node:fs'
import type { BrowserContextOptions } from 'playwright-core'
import { appMounted, open, scrollToHomeNow, type Opened } from './browser'
import { builtContent } from './content'

const content = builtContent()
let opened: Opened | undefined
afterEach(async () => {
  await opened?.context.close()
  opened = undefined
})

/** A Qingdao wall time as an instant. */
const qd = (s: string) => Date.parse(`${s}+08:00`)
const SHOTS = process.env.SHOTS_DIR

async function openAt(path: string, time: number, options: BrowserContextOptions = {}, json?: unknown) {
  opened = await open('about:blank', options)
  if (json) await opened.context.route('**/data/content.json', (route) => route.fulfill({ json, headers: { 'Cache-Control': 'no-cache' } }))
  await opened.page.clock.install({ time })
  await opened.page.goto(path)
  if (path === '/') await scrollToHomeNow(opened.page)
  return opened.page
}

const HEADINGS = { en: 'Now in Qingdao', ru: 'Сейчас в Циндао', zh: '此刻在青岛' } as const

describe('Home between programmes (4 Dec 2026: only past events)', () => {
  it.each(['en', 'ru', 'zh'] as const)('%s: now, places, essentials and emergency lead; the past is one archive link', async (lang) => {
    const page = await openAt('/', qd('2026-12-04T11:00'), { locale: lang === 'zh' ? 'zh-CN' : lang === 'ru' ? 'ru-RU' : 'en-US' })
    const now = page.locator('[data-testid=home-now]')
    await now.waitFor()
    expect(await now.locator('h2').first().textContent()).toContain(HEADINGS[lang])
    expect(await page.locator('[data-testid=home-clock]').textContent()).toContain('11:00')
    expect(await page.locator('[data-testid=home-archive-link]').getAttribute('href')).toBe('/events')
    // No list of past events: the archive is one link.
    expect(await page.locator('[data-testid=event-card]').count()).toBe(0)
    expect(await page.locator('[data-testid=home-on-now]').count()).toBe(0)
    // Sights whose published hours say open (the Beer Museum, 09:00–17:00) and the walkable service points.
    expect(await page.locator('[data-testid=home-sights] a[href="/venues/tsingtao-beer-museum"]').count()).toBe(1)
    expect(await page.locator('[data-testid=home-place]').count()).toBeGreaterThan(0)
    expect(await page.locator('[data-testid=home-essentials]').getAttribute('href')).toBe('/info/essentials')
    expect(await page.locator('[data-testid=home-now] [data-testid=emergency-call]').evaluateAll((as) => as.map((a) => a.getAttribute('href')))).toEqual(['tel:110', 'tel:119', 'tel:120', 'tel:122'])
    // Daytime: no night-arrival block.
    expect(await page.locator('[data-testid=arrivals]').count()).toBe(0)
    if (SHOTS) {
      mkdirSync(SHOTS, { recursive: true })
      for (const [w, h] of [[320, 568], [375, 667], [390, 844]] as const) {
        await page.setViewportSize({ width: w, height: h })
        await now.scrollIntoViewIfNeeded()
        await page.screenshot({ path: `${SHOTS}/home-between-${lang}-${w}.png`, fullPage: true })
      }
    }
    expect(opened!.errors).toEqual([])
  })
})

describe('the now block below the fold', () => {
  it.each([[375, 667, 'ru-RU'], [320, 568, 'zh-CN']] as const)('%i×%i (%s): it renders once scrolled to, and nothing above it moves', async (width, height, locale) => {
    opened = await open('/', { locale, viewport: { width, height } })
    const { page } = opened
    await appMounted(page)
    const slot = page.locator('[data-testid=home-now-slot]')
    const top = () => slot.evaluate((el) => el.getBoundingClientRect().top + scrollY)
    const before = await top()
    // Started without it: the first screen does not wait for the clock, the places or their code.
    expect(await page.locator('[data-testid=home-now]').count()).toBe(0)
    await scrollToHomeNow(page)
    expect(await top()).toBe(before)
    expect(await page.locator('[data-testid=home-clock]').count()).toBe(1)
    expect(opened.errors).toEqual([])
  })
})

describe('Home with a published programme (content update)', () => {
  it('leads with on now and next again, and still offers the now block', async () => {
    const next = structuredClone(content)
    const base = next.events[0]!
    next.events.push(
      { ...structuredClone(base), id: 'test-today-forum', allDay: false, start: '2026-12-04T09:00:00+08:00', end: '2026-12-04T18:00:00+08:00', title: { zh: '测试论坛', ru: 'Тестовый форум', en: 'Test forum' } },
      { ...structuredClone(base), id: 'test-next-expo', allDay: true, start: '2026-12-06', end: '2026-12-07', title: { zh: '测试博览会', ru: 'Тестовая выставка', en: 'Test expo' } },
    )
    next.meta = { ...next.meta, version: next.meta.version + 1, hash: 'feedbeef0001' }
    const page = await openAt('/', qd('2026-12-04T11:00'), { locale: 'en-US' }, next)
    await page.locator('[data-testid=home-on-now]').waitFor()
    expect(await page.locator('[data-testid=home-on-now]').textContent()).toContain('Test forum')
    expect(await page.locator('[data-testid=home-next]').textContent()).toContain('Test expo')
    expect(await page.locator('[data-testid=home-no-programme]').count()).toBe(0)
    await page.locator('[data-testid=home-now]').waitFor()
    // The programme comes first in the page.
    const order = await page.evaluate(() => {
      const a = document.querySelector('[data-testid=home-on-now]')!
      const b = document.querySelector('[data-testid=home-now]')!
      return a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING
    })
    expect(order).toBeTruthy()
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/home-programme-en-390.png`, fullPage: true })
  })
})

describe('arriving at the airport at night', () => {
  const airport = (page: import('playwright-core').Page) => page.locator('[data-testid=arrival][data-venue=qingdao-jiaodong-airport]')

  it('22:00: the last (direct) train is still ahead, at 22:45; the taxi fare is said to be unknown', async () => {
    const page = await openAt('/', qd('2026-12-04T22:00'), { locale: 'en-US' })
    await airport(page).waitFor()
    const trains = airport(page).locator('[data-testid=arrival-trains]')
    expect(await trains.getAttribute('data-state')).toBe('running')
    expect(await trains.textContent()).toContain('22:45')
    expect(await airport(page).locator('[data-testid=arrival-taxi]').textContent()).toMatch(/May Fourth Square.*not known/s)
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/home-night-2200-en-390.png`, fullPage: true })
  })

  it.each([['en', 'The last train left at 22:45'], ['ru', 'Последний поезд ушёл в 22:45'], ['zh', '末班车已于 22:45 开出']] as const)(
    '%s 23:10 on a phone set to Moscow: the last train has left; first train tomorrow; what is at the airport', async (lang, text) => {
      const page = await openAt('/', qd('2026-12-04T23:10'), { locale: lang === 'zh' ? 'zh-CN' : lang === 'ru' ? 'ru-RU' : 'en-US', timezoneId: 'Europe/Moscow' })
      await airport(page).waitFor()
      const trains = airport(page).locator('[data-testid=arrival-trains]')
      expect(await trains.getAttribute('data-state')).toBe('ended')
      expect(await trains.textContent()).toContain(text)
      expect(await trains.textContent()).toContain('06:20')
      expect(await airport(page).locator('a[href="/services/sp-airport-payment"]').count()).toBe(1)
      if (SHOTS) {
        for (const [w, h] of [[320, 568], [390, 844]] as const) {
          await page.setViewportSize({ width: w, height: h })
          await page.screenshot({ path: `${SHOTS}/home-night-2310-${lang}-${w}.png`, fullPage: true })
        }
      }
    },
  )

  it('Essentials and the airport page give the full timetable with its date and sources', async () => {
    const page = await openAt('/info/essentials', qd('2026-12-05T00:30'), { locale: 'en-US', viewport: { width: 375, height: 667 } })
    await airport(page).waitFor()
    expect(await airport(page).locator('[data-testid=arrival-trains]').getAttribute('data-state')).toBe('ended')
    const text = await airport(page).textContent()
    expect(text).toContain('Direct trains 22:25–22:45')
    expect(text).toContain('Jiaozhou North')
    expect(text).toContain('July 20, 2021')
    expect(await airport(page).locator('a[href="https://m.shzx.org/a/36-78791-0.html"]').count()).toBe(1)
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/essentials-arrivals-en-375.png`, fullPage: true })
    await page.goto('/venues/qingdao-north-railway-station')
    const north = page.locator('[data-testid=arrival][data-venue=qingdao-north-railway-station] [data-testid=arrival-trains]')
    await north.waitFor()
    expect(await north.textContent()).toContain('22:00')
  })
})

describe('small things', () => {
  it('the theme switch is remembered across a reload and sets data-theme on <html>', async () => {
    opened = await open('/info', { locale: 'en-US', colorScheme: 'light' })
    const { page } = opened
    await page.locator('[data-testid=theme-dark]').check()
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark')
    const bg = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor)
    expect(await bg()).toBe('rgb(15, 21, 25)')
    await page.reload()
    await page.locator('[data-testid=theme-switch]').waitFor()
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark')
    expect(await page.locator('[data-testid=theme-dark]').isChecked()).toBe(true)
    expect(await bg()).toBe('rgb(15, 21, 25)')
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/info-theme-dark-en-390.png` })
    await page.locator('[data-testid=theme-system]').check()
    expect(await page.evaluate(() => document.documentElement.hasAttribute('data-theme'))).toBe(false)
    expect(await bg()).toBe('rgb(255, 255, 255)')
  })

  it('the converter starts on the visitor\'s currency: ru-KZ → KZT, Europe/Moscow → RUB', async () => {
    opened = await open('/info/essentials', { locale: 'ru-KZ', timezoneId: 'Asia/Shanghai' })
    await opened.page.locator('[data-testid=converter-code]').waitFor()
    expect(await opened.page.locator('[data-testid=converter-code]').inputValue()).toBe('KZT')
    await opened.context.close()
    opened = await open('/info/essentials', { locale: 'en-GB', timezoneId: 'Europe/Moscow' })
    await opened.page.locator('[data-testid=converter-code]').waitFor()
    expect(await opened.page.locator('[data-testid=converter-code]').inputValue()).toBe('RUB')
  })
})
