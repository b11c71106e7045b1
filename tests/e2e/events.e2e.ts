// The event schedule in a real Chromium: clocks and day grouping from four device zones with a fixed
// clock, search across scripts, the plan (stars, clashes, gaps, reload), .ics and the shared plan link.
import { afterEach, describe, expect, it } from 'vitest'
import ICAL from 'ical.js'
import type { BrowserContextOptions, Download, Page } from 'playwright-core'
import { mkdirSync } from 'node:fs'
import { goOffline, open, scrollToHomeNow, waitForServiceWorker, type Opened } from './browser'
import { builtContent } from './content'
import { NOW, TIMED, TODAY, VENUE, serveTimedContent } from './events-content'

const contexts: Opened[] = []
afterEach(async () => {
  for (const o of contexts.splice(0)) await o.context.close()
})

/** A phone in `timezoneId`, its clock fixed at NOW, served the test schedule; then `path` is opened. */
async function phone(path: string, options: BrowserContextOptions & { timed?: boolean; install?: boolean; at?: number } = {}): Promise<Opened> {
  const { timed = true, install = false, at = NOW, ...contextOptions } = options
  const o = await open('about:blank', { locale: 'en-US', timezoneId: 'Asia/Shanghai', ...contextOptions })
  contexts.push(o)
  if (timed) await serveTimedContent(o.context)
  if (install) await o.page.clock.install({ time: at })
  else await o.page.clock.setFixedTime(at)
  await o.page.goto(path)
  return o
}

/** 10 July 2025, noon in Qingdao: the bundled programme still has days ahead (17 July – 31 August 2025). */
const IN_2025_PROGRAMME = Date.parse('2025-07-10T12:00:00+08:00')
const card = (page: Page, id: string) => page.locator(`[data-testid=day-view] [data-testid=event-card][data-id="${id}"]`)
/** The browser runs as a server: a download is read through its stream, not from a local path. */
async function read(download: Download): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}
const text = async (page: Page, selector: string) => (await page.locator(selector).first().textContent())?.replace(/\s+/g, ' ').trim() ?? ''

describe('times and day grouping from four device zones (fixed clock: 26 Nov 2026, 09:45 in Qingdao)', () => {
  const ZONES = [
    // zone, the talk in the visitor's clock, offset, name, the visitor's calendar is a day behind
    ['Europe/Moscow', '04:30–06:00', 'UTC+3', /Moscow/, false],
    ['Asia/Almaty', '06:30–08:00', 'UTC+5', /Almaty|Kazakhstan/, false],
    ['America/New_York', '20:30–22:00', 'UTC−5', /Eastern/, true],
    ['Asia/Shanghai', null, null, null, false],
  ] as const

  it.each(ZONES)('%s', async (timezoneId, localClock, offset, zone, dayBehind) => {
    const { page, errors } = await phone('/events', { timezoneId })
    // Opens on today in Qingdao (the 26th), even where the phone's own calendar still says the 25th.
    await page.locator('[data-testid=day-view]').waitFor()
    expect(await page.getAttribute('[data-testid=day-view]', 'data-day')).toBe(TODAY)
    expect(await page.getAttribute('[data-testid=day-chip][aria-pressed=true]', 'data-day')).toBe(TODAY)
    const talk = card(page, TIMED.talk.id)
    expect(await talk.getAttribute('data-status')).toBe('ongoing')
    expect(await card(page, TIMED.panel.id).getAttribute('data-status')).toBe('upcoming')
    const qingdao = await talk.locator('[data-testid=when-qingdao]').textContent()
    expect(qingdao).toContain('09:30–11:00 Qingdao time, UTC+8')
    expect(qingdao).toContain('November 26, 2026')
    const local = talk.locator('[data-testid=when-local]')
    if (localClock === null) {
      expect(await local.count()).toBe(0)
    } else {
      const line = (await local.textContent()) ?? ''
      expect(line).toContain(`${localClock} your time`)
      expect(line).toContain(`(${offset})`)
      expect(line).toMatch(zone!)
      expect(line.includes('November 25')).toBe(dayBehind)
    }
    // The four-day fair is on its second Qingdao day; the midnight party belongs to the 26th and the 27th.
    expect(await card(page, TIMED.fair.id).locator('[data-testid=day-of]').textContent()).toContain('Day 2 of 4')
    expect(await card(page, TIMED.party.id).count()).toBe(1)
    await page.locator(`[data-testid=day-chip][data-day="2026-11-27"]`).click()
    await expect.poll(() => page.getAttribute('[data-testid=day-view]', 'data-day')).toBe('2026-11-27')
    expect(await card(page, TIMED.party.id).count()).toBe(1)
    expect(await card(page, TIMED.talk.id).count()).toBe(0)
    expect(errors).toEqual([])
  })

  it('Home shows what is on now and what is next', async () => {
    const { page, errors } = await phone('/', { timezoneId: 'Europe/Moscow' })
    // Below the fold on a phone, the block renders once scrolled to.
    await scrollToHomeNow(page)
    await page.locator('[data-testid=home-on-now]').waitFor()
    const ids = (sel: string) => page.locator(`${sel} [data-testid=event-card]`).evaluateAll((els) => els.map((e) => e.getAttribute('data-id')))
    expect(await ids('[data-testid=home-on-now]')).toEqual(expect.arrayContaining([TIMED.talk.id, TIMED.fair.id]))
    expect((await ids('[data-testid=home-next]'))[0]).toBe(TIMED.panel.id)
    expect(await page.locator('[data-testid=schedule-past]').count()).toBe(0)
    expect(errors).toEqual([])
  })

  it('an event page: both clocks, duration, venue with "Show on map", organiser, copy link', async () => {
    const { page, context, errors } = await phone(`/events/${TIMED.talk.id}`, { timezoneId: 'Europe/Moscow' })
    await context.grantPermissions(['clipboard-read', 'clipboard-write'])
    await page.locator('[data-testid=event-detail]').waitFor()
    expect(await text(page, '[data-testid=when-qingdao]')).toBe('November 26, 2026, 09:30–11:00 Qingdao time, UTC+8')
    expect(await text(page, '[data-testid=when-local]')).toMatch(/^04:30–06:00 your time, Moscow.* \(UTC\+3\)$/)
    expect(await text(page, '[data-testid=when-duration]')).toBe('Duration: 1 h 30 min')
    expect(await page.getAttribute('[data-testid=show-on-map]', 'href')).toBe(`/map?focus=venue:${VENUE}`)
    expect(await page.locator('article').textContent()).toContain('Test organiser')
    const share = page.locator('[data-testid=share]')
    expect(await share.getAttribute('data-mode')).toBe(await page.evaluate(() => ('share' in navigator ? 'share' : 'copy')))
    if ((await share.getAttribute('data-mode')) === 'copy') {
      await share.click()
      await expect.poll(() => text(page, '[data-testid=share-feedback]')).toBe('Link copied.')
      expect(await page.evaluate(() => navigator.clipboard.readText())).toMatch(new RegExp(`/events/${TIMED.talk.id}$`))
    }
    expect(errors).toEqual([])
  })
})

describe('search and filters', () => {
  it('the Chinese name, its toneless pinyin, Russian and English find the same events, as you type', async () => {
    // Inside the 2025 summer programme (days ahead, so the schedule opens on a day, not the archive).
    const { page, errors } = await phone('/events', { timed: false, at: IN_2025_PROGRAMME })
    await page.locator('[data-testid=day-view]').waitFor()
    const search = page.locator('[data-testid=event-search]')
    const found = async (q: string) => {
      await search.fill('')
      await search.pressSequentially(q)
      return (await page.locator('[data-testid=event-card]').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')))).sort()
    }
    const beer = builtContent().events.filter((e) => /beer/i.test(e.title.en)).map((e) => e.id).sort()
    expect(beer.length).toBeGreaterThan(1)
    for (const q of ['啤酒节', 'pijiu', 'PíJiǔ', 'пивн', 'Beer']) expect(await found(q), q).toEqual(beer)
    // Searching widens to all days; clearing it goes back to the day that was open.
    expect(await page.getAttribute('[data-testid=day-all]', 'aria-pressed')).toBe('true')
    await search.fill('')
    await page.locator('[data-testid=day-view]').waitFor()
    expect(await found('no such thing at all')).toEqual([])
    expect(await page.locator('[data-testid=no-results]').count()).toBe(1)
    expect(errors).toEqual([])
  })

  it('filters by category and venue combine with the day', async () => {
    const { page } = await phone('/events', { timezoneId: 'Asia/Almaty' })
    await page.locator('[data-testid=day-view]').waitFor()
    const ids = () => page.locator('[data-testid=event-card]').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')))
    await page.selectOption('[data-testid=filter-category]', 'culture')
    await expect.poll(ids).toEqual([TIMED.panel.id, TIMED.show.id])
    await page.selectOption('[data-testid=filter-venue]', VENUE)
    await expect.poll(ids).toEqual([TIMED.panel.id])
    await page.locator('[data-testid=clear-filters]').click()
    await expect.poll(async () => (await ids()).length).toBe(5)
  })
})

describe('my plan', () => {
  it('stars survive a reload; the plan shows the clash, the free time and ids no longer in the programme', async () => {
    const { page, errors } = await phone('/events', { timezoneId: 'Europe/Moscow' })
    for (const e of [TIMED.talk, TIMED.panel, TIMED.show]) await card(page, e.id).locator('[data-testid=star]').click()
    expect(await card(page, TIMED.talk.id).locator('[data-testid=star]').getAttribute('aria-pressed')).toBe('true')
    await page.evaluate(() => {
      const saved = JSON.parse(localStorage.getItem('qd.plan')!) as { v: number; data: { ids: string[] } }
      localStorage.setItem('qd.plan', JSON.stringify({ v: saved.v, data: { ids: [...saved.data.ids, 'an-event-from-older-content'] } }))
    })
    await page.reload()
    await card(page, TIMED.talk.id).waitFor()
    expect(await card(page, TIMED.talk.id).locator('[data-testid=star]').getAttribute('aria-pressed')).toBe('true')
    expect(await card(page, TIMED.party.id).locator('[data-testid=star]').getAttribute('aria-pressed')).toBe('false')
    await page.locator('[data-testid=open-plan]').click()
    await page.waitForURL('**/plan')
    await page.locator('[data-testid=plan-item]').first().waitFor()
    expect(await page.locator('[data-testid=plan-item] [data-testid=event-card]').evaluateAll((els) => els.map((e) => e.getAttribute('data-id'))))
      .toEqual([TIMED.talk.id, TIMED.panel.id, TIMED.show.id])
    expect(await page.locator('[data-testid=plan-clash]').count()).toBe(2)
    expect(await text(page, '[data-testid=plan-clash]')).toContain('Round table')
    expect(await text(page, '[data-testid=plan-gap]')).toBe('Free time: 12:00–19:00 Qingdao time (7 h)')
    expect(await text(page, '[data-testid=plan-missing]')).toContain('an-event-from-older-content')
    expect(errors).toEqual([])
  })

  it('the whole plan exports as one valid .ics (parsed with ical.js)', async () => {
    const { page } = await phone('/events', { timezoneId: 'America/New_York' })
    for (const e of [TIMED.talk, TIMED.fair]) await card(page, e.id).locator('[data-testid=star]').click()
    await page.goto('/plan')
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid=ics]').click()])
    expect(download.suggestedFilename()).toBe('qingdao-plan.ics')
    const ics = await read(download)
    expect(ics).toMatch(/^BEGIN:VCALENDAR\r\n/)
    const events = new ICAL.Component(ICAL.parse(ics)).getAllSubcomponents('vevent').map((v) => ({ v, e: new ICAL.Event(v) }))
    expect(events.map((x) => x.e.uid)).toEqual([`${TIMED.fair.id}@qingdao-sco-guide`, `${TIMED.talk.id}@qingdao-sco-guide`])
    const [fair, talk] = events
    expect(talk!.e.summary).toBe('Morning forum')
    expect(talk!.e.startDate.toString()).toBe('2026-11-26T01:30:00Z')
    expect(talk!.e.endDate.toString()).toBe('2026-11-26T03:00:00Z')
    expect(talk!.e.location).toContain('青岛国际会议中心')
    expect(talk!.v.getFirstPropertyValue('url')).toMatch(new RegExp(`/events/${TIMED.talk.id}$`))
    expect(talk!.v.getFirstSubcomponent('valarm')?.getFirstPropertyValue('trigger')?.toString()).toBe('-PT15M')
    expect(fair!.e.startDate.toString()).toBe('2026-11-25')
    expect(fair!.e.endDate.toString()).toBe('2026-11-29')
  })

  it('a single event exports from its page', async () => {
    const { page } = await phone(`/events/${TIMED.party.id}`, { timezoneId: 'Asia/Almaty' })
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid=ics]').click()])
    expect(download.suggestedFilename()).toBe(`${TIMED.party.id}.ics`)
    const e = new ICAL.Event(new ICAL.Component(ICAL.parse(await read(download))).getFirstSubcomponent('vevent')!)
    expect([e.startDate.toString(), e.endDate.toString()]).toEqual(['2026-11-26T15:00:00Z', '2026-11-26T17:00:00Z'])
  })

  it('a plan link imports on a second phone by merging', { timeout: 120_000 }, async () => {
    const a = await phone('/events')
    for (const e of [TIMED.talk, TIMED.show]) await card(a.page, e.id).locator('[data-testid=star]').click()
    await a.page.goto('/plan')
    const link = await a.page.locator('[data-testid=plan-link]').inputValue()
    expect(link).toMatch(new RegExp(`/plan\\?import=${TIMED.talk.id},${TIMED.show.id}$`))
    await a.page.locator('[data-testid=plan-qr-toggle]').click()
    await a.page.locator('[data-testid=plan-qr]').waitFor()

    const b = await phone('/events', { timezoneId: 'Europe/Moscow', locale: 'ru-RU' })
    await card(b.page, TIMED.party.id).locator('[data-testid=star]').click()
    await b.page.goto(link)
    await b.page.locator('[data-testid=plan-import]').waitFor()
    expect(await b.page.locator('[data-testid=plan-import]').textContent()).toContain('Утренний форум')
    await b.page.locator('[data-testid=plan-merge]').click()
    await expect.poll(() => text(b.page, '[data-testid=plan-import-done]')).toBe('Добавлено 2 события.')
    await b.page.waitForURL(/\/plan$/)
    await b.page.reload()
    await b.page.locator('[data-testid=plan-item]').first().waitFor()
    expect((await b.page.locator('[data-testid=plan-item] [data-testid=event-card]').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')))).sort())
      .toEqual([TIMED.talk.id, TIMED.show.id, TIMED.party.id].sort())
  })

  it('an in-app reminder appears N minutes before a planned event while the app is open', async () => {
    const { page, errors } = await phone(`/events/${TIMED.panel.id}`, { timezoneId: 'Europe/Moscow', install: true, at: Date.parse('2026-11-26T10:00:00+08:00') })
    await page.locator('[data-testid=star]').click()
    await page.goto('/plan')
    await page.selectOption('[data-testid=reminder-minutes]', '10')
    await page.clock.runFor(10 * 60_000)
    expect(await page.locator('[data-testid=notice]').filter({ hasText: 'Starts in' }).count()).toBe(0)
    await page.clock.runFor(11 * 60_000)
    const notice = page.locator('[data-testid=notice]').filter({ hasText: 'Starts in' })
    await notice.waitFor()
    expect(await notice.textContent()).toContain('10:30 Qingdao time: Round table')
    expect(errors).toEqual([])
  })
})

describe('offline', () => {
  it('starring works offline (service worker installed) and survives a reload', async () => {
    // Inside the 2025 summer programme, so the bundled schedule opens on a day with events.
    const { page, context } = await phone('/events', { timed: false, at: IN_2025_PROGRAMME })
    await waitForServiceWorker(page)
    await goOffline(context)
    await page.reload()
    const first = page.locator('[data-testid=day-view] [data-testid=event-card]').first()
    await first.waitFor()
    const id = await first.getAttribute('data-id')
    await first.locator('[data-testid=star]').click()
    await page.reload()
    await page.locator(`[data-testid=event-card][data-id="${id}"] [data-testid=star][aria-pressed=true]`).waitFor()
    await page.goto('/plan')
    await page.locator(`[data-testid=plan-item] [data-id="${id}"]`).waitFor()
  })
})

describe('as the visitor sees it: phone in Moscow, 390×844, three languages', () => {
  const LANGS = [['en-US', 'en', 'UTC+3'], ['ru-RU', 'ru', 'UTC+3'], ['zh-CN', 'zh', 'UTC+3']] as const
  it.each(LANGS)('%s: the schedule, an event and the plan fit the screen, label both clocks, and are saved as screenshots', { timeout: 120_000 }, async (locale, lang, offset) => {
    mkdirSync('screenshots', { recursive: true })
    const { page, errors } = await phone('/events', { timezoneId: 'Europe/Moscow', locale, colorScheme: lang === 'ru' ? 'dark' : 'light' })
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
    await card(page, TIMED.talk.id).waitFor()
    expect(await card(page, TIMED.talk.id).locator('[data-testid=when-local]').textContent()).toContain(offset)
    expect(await overflow()).toBeLessThanOrEqual(0)
    await page.screenshot({ path: `screenshots/events-schedule-moscow-${lang}.png` })
    await card(page, TIMED.talk.id).locator('[data-testid=star]').click()
    await card(page, TIMED.panel.id).locator('[data-testid=star]').click()
    await page.goto(`/events/${TIMED.talk.id}`)
    await page.locator('[data-testid=event-detail]').waitFor()
    expect(await page.locator('[data-testid=when-local]').textContent()).toContain(offset)
    expect(await overflow()).toBeLessThanOrEqual(0)
    await page.screenshot({ path: `screenshots/events-detail-moscow-${lang}.png`, fullPage: true })
    await page.goto('/plan')
    await page.locator('[data-testid=plan-clash]').first().waitFor()
    expect(await overflow()).toBeLessThanOrEqual(0)
    await page.screenshot({ path: `screenshots/events-plan-moscow-${lang}.png`, fullPage: true })
    expect(errors).toEqual([])
  })
})

describe('between programmes (fixed clock: 4 Dec 2026, nothing ahead)', () => {
  const DEC4 = Date.parse('2026-12-04T10:00:00+08:00')

  it.each([['en-US', 'Past events'], ['ru-RU', 'Прошедшие события'], ['zh-CN', '往期活动']] as const)('%s: /events opens on the archive by year, newest first, with a year picker instead of day chips', async (locale, heading) => {
    const { page, errors } = await phone('/events', { timed: false, at: DEC4, locale, viewport: { width: 375, height: 667 } })
    await page.locator('[data-testid=archive]').waitFor()
    expect(await page.locator('[data-testid=day-chips]').count()).toBe(0)
    expect(await page.locator('[data-testid=archive]').getAttribute('aria-label')).toBe(heading)
    const years = await page.locator('[data-testid=archive-year]').evaluateAll((els) => els.map((e) => e.getAttribute('data-year')))
    const expected = [...new Set(builtContent().events.map((e) => e.start.slice(0, 4)))].sort().reverse()
    expect(years).toEqual(expected)
    expect(await page.getAttribute('[data-testid=archive-year][aria-pressed=true]', 'data-year')).toBe(expected[0])
    // The notice takes one line until it is opened.
    const notice = page.locator('[data-testid=events-empty] summary')
    const lineHeight = await notice.evaluate((el) => el.getBoundingClientRect().height)
    expect(lineHeight).toBeLessThanOrEqual(48)
    await page.locator(`[data-testid=archive-year][data-year="${expected.at(-1)}"]`).click()
    await page.locator(`[data-testid=archive-title]:text-is("${expected.at(-1)}")`).waitFor()
    const shown = await page.locator('[data-testid=event-card]').count()
    expect(shown).toBe(builtContent().events.filter((e) => e.start.startsWith(expected.at(-1)!)).length)
    // A search still looks through everything, and the archive comes back when it is cleared.
    await page.locator('[data-testid=event-search]').fill('пиво')
    await page.locator('[data-testid=archive]').waitFor({ state: 'detached' })
    expect(await page.locator('[data-testid=event-card]').count()).toBeGreaterThanOrEqual(3)
    await page.locator('[data-testid=event-search]').fill('')
    await page.locator('[data-testid=archive]').waitFor()
    mkdirSync('screenshots', { recursive: true })
    await page.screenshot({ path: `screenshots/events-archive-${locale}.png` })
    expect(errors).toEqual([])
  })

  it('an event page links its venue to the venue page and to its place on the map', async () => {
    const event = builtContent().events.find((e) => e.venueId === VENUE)!
    const { page } = await phone(`/events/${event.id}`, { timed: false, at: DEC4 })
    expect(await page.getAttribute('[data-testid=venue-link]', 'href')).toBe(`/venues/${VENUE}`)
    expect(await page.getAttribute('[data-testid=show-on-map]', 'href')).toMatch(new RegExp(`^/map\\?focus=venue(:|%3A)${VENUE}$`))
  })
})
