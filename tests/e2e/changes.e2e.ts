// "Schedule changes": what a returning visitor sees after a content update.
import { afterEach, describe, expect, it } from 'vitest'
import { mkdirSync } from 'node:fs'
import type { BrowserContextOptions } from 'playwright-core'
import { open, type Opened } from './browser'
import { builtContent } from './content'

const content = builtContent() as ReturnType<typeof builtContent> & { meta: { hash?: string } }
let opened: Opened | undefined
afterEach(async () => {
  await opened?.context.close()
  opened = undefined
})

const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10)

/** The next publication: one event moved by a day, one cancelled, one added; a new hash. */
function update() {
  const events = structuredClone(content.events)
  const moved = events.find((e) => e.allDay)!
  moved.start = addDays(moved.start, 1)
  moved.end = addDays(moved.end, 1)
  const cancelled = events.find((e) => e !== moved)!
  const added = {
    ...structuredClone(cancelled), id: 'test-added-concert', start: '2026-12-05', end: '2026-12-05', allDay: true,
    title: { zh: '测试：新增的音乐会', ru: 'Тест: добавленный концерт', en: 'Test: an added concert' },
  }
  const next = { ...structuredClone(content), meta: { ...content.meta, version: content.meta.version + 1, hash: 'abcdef123456' } }
  next.events = [...events.filter((e) => e !== cancelled), added]
  return { next, moved, cancelled, added }
}

const options = (locale: string, extra: BrowserContextOptions = {}): BrowserContextOptions => ({ locale, ...extra })

async function firstVisitThenUpdate(locale: string, extra: BrowserContextOptions = {}) {
  opened = await open('/', options(locale, extra))
  const { page, context } = opened
  await page.locator('[data-testid=counts]').waitFor()
  await expect.poll(() => page.evaluate(() => localStorage.getItem('qd.seen'))).not.toBeNull()
  expect(await page.locator('[data-testid=schedule-changes]').count()).toBe(0)
  const u = update()
  // The publication reaches the page and the service worker's own fetch alike.
  await context.route('**/data/content.json', (route) => route.fulfill({ json: u.next, headers: { 'Cache-Control': 'no-cache' } }))
  await page.reload()
  await page.locator('[data-testid=schedule-changes]').waitFor()
  return u
}

describe('schedule changes after a content update', () => {
  it('the first visit shows none; an update lists new, moved and cancelled events until dismissed', async () => {
    const { moved, cancelled, added } = await firstVisitThenUpdate('en-US')
    const { page, errors } = opened!
    const seen = JSON.parse((await page.evaluate(() => localStorage.getItem('qd.seen')))!) as { v: number; data: { hash: string } }
    expect(seen).toMatchObject({ v: 1, data: { hash: content.meta.hash } })

    const items = page.locator('[data-testid=schedule-change]')
    expect(await items.evaluateAll((els) => els.map((e) => [e.getAttribute('data-kind'), e.getAttribute('data-id')]))).toEqual([
      ['moved', moved.id],
      ['added', added.id],
      ['cancelled', cancelled.id],
    ])
    expect(await page.locator('#changes-title').textContent()).toContain('Schedule changes')
    expect(await items.nth(0).textContent()).toContain(moved.title.en)
    expect(await items.nth(0).locator('[data-testid=schedule-change-before]').textContent()).toContain('Before:')
    expect(await items.nth(2).locator('del').textContent()).toContain(cancelled.title.en)
    expect(await items.nth(2).locator('a').count()).toBe(0)

    // Still there after a reload: nothing is lost before the visitor has read it.
    await page.reload()
    await page.locator('[data-testid=schedule-changes]').waitFor()
    await items.nth(1).locator('a').click()
    await page.waitForURL(`**/events/${added.id}`)
    await page.goBack()
    await page.locator('[data-testid=schedule-changes-dismiss]').click()
    expect(await page.locator('[data-testid=schedule-changes]').count()).toBe(0)
    await page.reload()
    await page.locator('[data-testid=counts]').waitFor()
    expect(await page.locator('[data-testid=schedule-changes]').count()).toBe(0)
    expect(JSON.parse((await page.evaluate(() => localStorage.getItem('qd.seen')))!).data.hash).toBe('abcdef123456')
    expect(errors).toEqual([])
  })

  it('reads in each language (screenshots at 390×844, light and dark)', { timeout: 180_000 }, async () => {
    mkdirSync('screenshots', { recursive: true })
    for (const [locale, title, dark] of [['zh-CN', '日程变更', false], ['ru-RU', 'Изменения в программе', false], ['en-US', 'Schedule changes', true]] as const) {
      await firstVisitThenUpdate(locale, dark ? { colorScheme: 'dark' } : {})
      const { page, errors } = opened!
      expect(await page.locator('#changes-title').textContent()).toContain(title)
      const section = page.locator('[data-testid=schedule-changes]')
      await section.scrollIntoViewIfNeeded()
      await page.screenshot({ path: `screenshots/changes-${locale.slice(0, 2)}${dark ? '-dark' : ''}.png` })
      const target = await page.locator('[data-testid=schedule-changes-dismiss]').boundingBox()
      expect(target!.height).toBeGreaterThanOrEqual(44)
      expect(errors).toEqual([])
      await opened!.context.close()
      opened = undefined
    }
  })
})
