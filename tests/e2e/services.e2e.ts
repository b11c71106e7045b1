import { afterEach, describe, expect, it } from 'vitest'
import { mkdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { Page } from 'playwright-core'
import { goOffline, open, waitForServiceWorker, type Opened } from './browser'
import { builtContent } from './content'
import { deriveTimeline, timelineWindow } from '../../src/content/hours-build'
import type { Content } from '../../src/content/schema'
import { isEmergencyNumber } from '../../src/domain/emergency'

const content = builtContent()
let opened: Opened | undefined
afterEach(async () => {
  await opened?.context.close()
  opened = undefined
})

/** A Qingdao wall time as an instant. */
const qd = (s: string) => Date.parse(`${s}+08:00`)

/**
 * The published content with test hours: the bundled points have almost no stated hours, so two points
 * get synthetic ones (re-derived exactly as the build does) and every other point gets none.
 */
function withTestHours(): { c: Content; night: string; office: string } {
  const c = structuredClone(content)
  const { fromDay, toDay } = timelineWindow(c.meta.asOf)
  const night = c.services[0]!.id
  const office = c.services[1]!.id
  for (const s of c.services) {
    const hours = s.id === night ? 'Mo-Su 10:00-02:00' : s.id === office ? 'Mo-Fr 09:00-17:00; PH off' : null
    s.openingHours = hours
    if (hours) s.hoursTimeline = deriveTimeline(hours, c.practical.holidays.periods, fromDay, toDay)
    else delete s.hoursTimeline
  }
  return { c, night, office }
}

const MOSCOW_PHONE = { timezoneId: 'Europe/Moscow', locale: 'en-US' }

async function openWithHours(start: number) {
  const { c, night, office } = withTestHours()
  opened = await open('about:blank', MOSCOW_PHONE)
  await opened.context.route('**/data/content.json', (route) => route.fulfill({ json: c }))
  await opened.page.clock.install({ time: start })
  await opened.page.goto('/services')
  await opened.page.locator('[data-testid=service-card]').first().waitFor()
  return { page: opened.page, night, office, total: c.services.length }
}

const statusOf = (page: Page, id: string) => page.locator(`[data-testid=service-card][data-id="${id}"] [data-testid=service-status]`)

describe('open now, in Qingdao time on a phone set to Moscow', () => {
  it('statuses change between 11:00 and 03:00 Qingdao time; unknown hours never read as open', async () => {
    // Wednesday 2 December 2026, 11:00 in Qingdao = 06:00 in Moscow.
    const { page, night, office, total } = await openWithHours(qd('2026-12-02T11:00'))
    await expect.poll(() => statusOf(page, night).getAttribute('data-status')).toBe('open')
    expect(await statusOf(page, office).getAttribute('data-status')).toBe('open')
    expect(await statusOf(page, night).textContent()).toContain('02:00')
    const statuses = await page.locator('[data-testid=service-status]').evaluateAll((els) => els.map((e) => e.getAttribute('data-status')))
    // The national emergency numbers are always answered; every other point without hours stays unknown.
    const always = content.services.filter((s) => isEmergencyNumber(s)).length
    expect(always).toBeGreaterThan(0)
    expect(statuses.filter((s) => s === 'always')).toHaveLength(always)
    expect(statuses.filter((s) => s === 'unknown')).toHaveLength(total - 2 - always)
    // Open first: the two points with hours lead the list.
    const first = await page.locator('[data-testid=service-card]').evaluateAll((els) => els.slice(0, 2).map((e) => e.getAttribute('data-id')))
    expect(new Set(first)).toEqual(new Set([night, office]))

    // 01:30 on Thursday in Qingdao (20:30 Wednesday in Moscow): the night place closes within the hour.
    await page.clock.fastForward('14:30:00')
    await expect.poll(() => statusOf(page, night).getAttribute('data-status')).toBe('closing-soon')
    expect(await statusOf(page, office).getAttribute('data-status')).toBe('closed')

    // 03:00 Thursday in Qingdao = 22:00 Wednesday in Moscow: a device-zone evaluation would still say open.
    await page.clock.fastForward('01:30:00')
    await expect.poll(() => statusOf(page, night).getAttribute('data-status')).toBe('closed')
    expect(await statusOf(page, night).textContent()).toMatch(/opens today at 10:00/)
    expect(await statusOf(page, office).textContent()).toMatch(/opens today at 09:00/)
    expect(opened!.errors).toEqual([])
  })

  it('"Open now" keeps only the open places, and the detail page shows the week in Qingdao time', async () => {
    const { page, night, office } = await openWithHours(qd('2026-12-02T11:00'))
    await page.locator('[data-testid=filter-open-now]').click()
    await page.waitForURL(/open=1/)
    // The national emergency numbers stay: they are always answered, with or without published hours.
    const emergency = content.services.filter((s) => isEmergencyNumber(s)).map((s) => s.id)
    expect(emergency.length).toBeGreaterThan(0)
    const listed = async () => new Set(await page.locator('[data-testid=service-card]').evaluateAll((els) => els.map((e) => e.getAttribute('data-id'))))
    await expect.poll(listed).toEqual(new Set([night, office, ...emergency]))
    await page.clock.fastForward('16:00:00') // 03:00 Qingdao: nothing with known hours is open
    await expect.poll(listed).toEqual(new Set(emergency))

    await page.goto(`/services/${office}`)
    await page.locator('[data-testid=service-hours]').waitFor()
    const week = await page.locator('[data-testid=hours-day]').allTextContents()
    // Thursday 3 Dec onwards: Thu, Fri 09:00–17:00, Sat, Sun closed, Mon–Wed 09:00–17:00.
    expect(week.map((s) => s.trim())).toEqual(['09:00–17:00', '09:00–17:00', 'Closed', 'Closed', '09:00–17:00', '09:00–17:00', '09:00–17:00'])
    expect(await page.locator('[data-testid=service-hours]').textContent()).toContain('Public holidays and make-up working days of 2026 are applied')
    expect(opened!.errors).toEqual([])
  })
})

const ESSENTIALS = {
  en: { h1: 'Arrival essentials', lang: 'en' },
  ru: { h1: 'Важное по прибытии', lang: 'ru' },
  zh: { h1: '抵达须知', lang: 'zh' },
} as const

describe('arrival essentials offline', () => {
  it('essentials, converter and full-screen phrase cards render offline in all three languages', async () => {
    opened = await open('/', { locale: 'en-US' })
    const { context, page, errors } = opened
    await waitForServiceWorker(page)
    await goOffline(context)
    await page.goto('/info/essentials')
    const phrase = content.practical.phrases.find((p) => p.topic === 'taxi')!
    for (const lang of ['en', 'ru', 'zh'] as const) {
      if (lang !== 'en') await page.selectOption('[data-testid=lang-select]', lang)
      await expect.poll(() => page.locator('h1').textContent()).toBe(ESSENTIALS[lang].h1)
      const section = content.practical.essentials[0]!
      expect(await page.locator(`[data-testid=essentials-${section.id}]`).textContent()).toContain(section.items[0]!.text[lang])
      expect(await page.locator('[data-testid=emergency-calls]').textContent()).toMatch(/110.*119.*120.*122/s)
      await page.locator('[data-testid=phrase-topic-taxi]').click()
      await page.locator(`[data-testid=phrase-card][data-id="${phrase.id}"]`).click()
      const dialog = page.locator('[data-testid=phrase-dialog]')
      await dialog.waitFor()
      expect((await page.locator('[data-testid=phrase-zh]').textContent())?.trim()).toBe(phrase.zh)
      expect(await dialog.textContent()).toContain(phrase.pinyin)
      // Full screen, with the Chinese large enough to read at arm's length.
      const box = await dialog.boundingBox()
      expect(box!.width).toBeGreaterThanOrEqual(389)
      expect(box!.height).toBeGreaterThanOrEqual(800)
      const size = await page.locator('[data-testid=phrase-zh]').evaluate((e) => parseFloat(getComputedStyle(e).fontSize))
      expect(size).toBeGreaterThanOrEqual(36)
      await page.keyboard.press('Escape')
      await dialog.waitFor({ state: 'detached' })
    }
    // The converter works offline: 100 CNY in roubles at the shipped reference rate.
    await page.selectOption('[data-testid=converter-code]', 'RUB')
    await page.fill('[data-testid=converter-cny]', '100')
    const rub = content.practical.rates.rates.RUB!.perCny!
    expect(await page.inputValue('[data-testid=converter-other]')).toBe(String(Math.round(rub * 100 * 100) / 100))
    await page.selectOption('[data-testid=converter-code]', 'KGS')
    await page.locator('[data-testid=converter-no-rate]').waitFor()
    expect(errors.filter((e) => !/net::ERR_INTERNET_DISCONNECTED|Failed to fetch|Failed to load resource/.test(e))).toEqual([])
  })
})

describe('accessibility of the services pages', () => {
  const require = createRequire(import.meta.url)
  it.each(['light', 'dark'] as const)('axe finds no violations on the list, a detail page and the essentials (%s)', async (colorScheme) => {
    // bypassCSP: the app's CSP (rightly) refuses the injected axe script.
    opened = await open('/', { locale: 'ru-RU', colorScheme, bypassCSP: true })
    const { page } = opened
    const paths = ['/services', `/services/${content.services.find((s) => s.openingHours)?.id ?? content.services[0]!.id}`, '/info/essentials']
    for (const path of paths) {
      await page.goto(path)
      await page.locator('main h1').first().waitFor()
      await page.locator('[aria-busy=true]').waitFor({ state: 'detached' })
      await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') })
      const violations = await page.evaluate(async () => {
        const r = await (window as unknown as { axe: { run: (d: Document, o: object) => Promise<{ violations: { id: string; nodes: unknown[] }[] }> } })
          .axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
        return r.violations.map((v) => `${v.id} ×${v.nodes.length}`)
      })
      expect(violations, path).toEqual([])
    }
  }, 120_000)
})

describe.runIf(process.env.SCREENSHOTS === '1')('screenshots', () => {
  it('list, detail and phrase card in zh, ru and en', async () => {
    mkdirSync('screenshots', { recursive: true })
    // The real content (only the exit-entry office and the 12345 hotline state hours), on a Friday afternoon.
    const office = content.services.find((s) => s.openingHours?.includes('PH'))?.id ?? content.services[0]!.id
    for (const locale of ['zh-CN', 'ru-RU', 'en-US']) {
      const tag = locale.slice(0, 2)
      for (const colorScheme of ['light', 'dark'] as const) {
        opened = await open('about:blank', { ...MOSCOW_PHONE, locale, colorScheme })
        const { page } = opened
        await page.clock.install({ time: qd('2026-12-04T16:20') })
        await page.goto('/services')
        await page.locator('[data-testid=service-card]').first().waitFor()
        await page.screenshot({ path: `screenshots/services-list-${tag}-${colorScheme}.png` })
        await page.goto(`/services/${office}`)
        await page.locator('[data-testid=service-hours]').waitFor()
        await page.screenshot({ path: `screenshots/services-detail-${tag}-${colorScheme}.png` })
        await page.locator('[data-testid=service-hours]').scrollIntoViewIfNeeded()
        await page.screenshot({ path: `screenshots/services-detail-hours-${tag}-${colorScheme}.png` })
        await page.goto('/info/essentials')
        await page.locator('[data-testid=phrase-card]').first().waitFor()
        await page.screenshot({ path: `screenshots/services-essentials-${tag}-${colorScheme}.png` })
        await page.locator('#converter').scrollIntoViewIfNeeded()
        await page.screenshot({ path: `screenshots/services-converter-${tag}-${colorScheme}.png` })
        await page.locator('[data-testid=phrase-topic-taxi]').click()
        await page.locator('[data-testid=phrase-card]').first().click()
        await page.locator('[data-testid=phrase-dialog]').waitFor()
        await page.screenshot({ path: `screenshots/services-phrase-${tag}-${colorScheme}.png` })
        expect(opened.errors).toEqual([])
        await opened.context.close()
        opened = undefined
      }
    }
  }, 600_000)
})
