// Calendars that stay current: the subscribable feeds as a calendar app fetches them, and the plan export that the
// service worker makes from the cached content, offline.
import { afterEach, describe, expect, it } from 'vitest'
import ICAL from 'ical.js'
import { baseURL, goOffline, open, waitForServiceWorker, type Opened } from './browser'
import { builtContent } from './content'

const content = builtContent()
const opened: Opened[] = []
afterEach(async () => {
  for (const o of opened.splice(0)) await o.context.close()
})
const vevents = (ics: string) => new ICAL.Component(ICAL.parse(ics)).getAllSubcomponents('vevent')

describe('calendar feeds', () => {
  it.each(['zh', 'ru', 'en'] as const)('/calendar/%s.ics is served as text/calendar, no-cache, and parses with every event', async (lang) => {
    const res = await fetch(`${baseURL()}/calendar/${lang}.ics`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^text\/calendar/)
    expect(res.headers.get('cache-control')).toBe('no-cache')
    const events = vevents(await res.text())
    expect(events).toHaveLength(content.events.length)
    const first = events.find((v) => v.getFirstPropertyValue('uid') === `${content.events[0]!.id}@qingdao-sco-guide`)!
    expect(String(first.getFirstPropertyValue('summary'))).toBe(content.events[0]!.title[lang])
    expect(first.getFirstPropertyValue('sequence')).toBe(0)
  })

  it('the events page links the feed of the visitor language with webcal://', async () => {
    const o = await open('/events', { locale: 'ru-RU' })
    opened.push(o)
    const href = await o.page.locator('[data-testid=calendar-subscribe]').getAttribute('href')
    expect(href).toBe(`webcal://${new URL(baseURL()).host}/calendar/ru.ics`)
  })
})

describe('plan export from a URL', () => {
  it('the service worker answers /calendar/plan.ics offline, from the cached content', async () => {
    const o = await open('/', { locale: 'ru-RU' })
    opened.push(o)
    const { page, context } = o
    await waitForServiceWorker(page)
    await goOffline(context)
    const [a, b] = content.events
    const got = await page.evaluate(async (ids) => {
      const res = await fetch(`/calendar/plan.ics?ids=${ids}&lang=ru&alarm=30&name=qingdao-plan`)
      return { status: res.status, type: res.headers.get('content-type'), disposition: res.headers.get('content-disposition'), text: await res.text() }
    }, `${a!.id},${b!.id},not-an-event`)
    expect(got.status).toBe(200)
    expect(got.type).toMatch(/^text\/calendar/)
    expect(got.disposition).toContain('qingdao-plan.ics')
    const events = vevents(got.text)
    expect(events.map((v) => v.getFirstPropertyValue('uid'))).toEqual([`${a!.id}@qingdao-sco-guide`, `${b!.id}@qingdao-sco-guide`])
    expect(String(events[0]!.getFirstPropertyValue('summary'))).toBe(a!.title.ru)
  })

  it('with the service worker in control, the plan button opens that URL; a plan with past events says so', async () => {
    const o = await open('/', { locale: 'en-US' })
    opened.push(o)
    const { page } = o
    await waitForServiceWorker(page)
    const id = content.events[0]!.id
    await page.goto(`/plan?import=${id}`)
    await page.locator('[data-testid=plan-merge]').click()
    await page.locator('[data-testid=plan-export-past]').waitFor()
    expect(await page.locator('[data-testid=plan-export-past]').textContent()).toContain('already over')
    const [request] = await Promise.all([
      page.waitForRequest((r) => r.url().includes('/calendar/plan.ics')),
      page.locator('[data-testid=ics]').click(),
    ])
    const url = new URL(request.url())
    expect(url.searchParams.get('ids')).toBe(id)
    expect(url.searchParams.get('lang')).toBe('en')
  })
})
