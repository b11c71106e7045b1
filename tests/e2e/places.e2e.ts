import { afterEach, describe, expect, it } from 'vitest'
import type { Locator, Page } from 'playwright-core'
import { open, type Opened } from './browser'
import { builtContent } from './content'
import { isEmergencyNumber } from '../../src/domain/emergency'

const content = builtContent()
const qd = (s: string) => Date.parse(`${s}+08:00`)
const SMALL_PHONE = { viewport: { width: 375, height: 667 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true }

let opened: Opened | undefined
afterEach(async () => {
  await opened?.context.close()
  opened = undefined
})

const realErrors = (errors: string[]) => errors.filter((e) => !/Failed to load resource|ERR_INTERNET_DISCONNECTED|ERR_CONNECTION_REFUSED/.test(e))

async function mapReady(page: Page) {
  await page.locator('[data-testid=map][data-markers]').waitFor()
}

/** Whether a visitor can tap the marker: its centre is inside the map and nothing covers it. */
const onScreen = (marker: Locator) => marker.evaluate((m) => {
  const box = document.querySelector('[data-testid=map]')!.getBoundingClientRect()
  const r = m.getBoundingClientRect()
  const x = (r.left + r.right) / 2
  const y = (r.top + r.bottom) / 2
  return x > box.left && x < box.right && y > box.top && y < box.bottom && document.elementFromPoint(x, y)?.closest('[data-testid=map-marker]') === m
})

/** Drags the map, as a finger would, to bring the marker towards the middle of the map. */
async function dragTowards(page: Page, marker: Locator) {
  const map = (await page.locator('[data-testid=map]').boundingBox())!
  const m = (await marker.boundingBox())!
  const cx = map.x + map.width / 2
  const cy = map.y + map.height / 2
  const clamp = (v: number, r: number) => Math.max(-r, Math.min(r, v))
  const dx = clamp(cx - (m.x + m.width / 2), map.width * 0.4)
  const dy = clamp(cy - (m.y + m.height / 2), map.height * 0.4)
  await page.mouse.move(cx - dx / 2, cy - dy / 2)
  await page.mouse.down()
  await page.mouse.move(cx + dx / 2, cy + dy / 2, { steps: 10 })
  await page.mouse.up()
  await page.waitForTimeout(300)
}

/**
 * Taps a place's marker until its sheet opens: nearby markers start as one cluster that zooms in on each tap.
 * The first view fits the city core (src/map/fit.ts): a place outside it (the Pearl, on the West Coast)
 * is a drag of the map away, as a visitor would find it.
 */
async function openSheet(page: Page, key: string) {
  const marker = page.locator(`[data-testid=map-marker][data-places~="${key}"]`)
  const sheet = page.locator('[data-testid=map-sheet]')
  for (let i = 0; i < 6 && !(await sheet.isVisible()); i++) {
    for (let d = 0; d < 8 && !(await onScreen(marker)); d++) await dragTowards(page, marker)
    await marker.click()
    await page.waitForTimeout(400)
  }
  await sheet.waitFor()
  return sheet
}

describe('every place is one tap from the map', () => {
  for (const [name, phone] of [['390×844', {}], ['375×667', SMALL_PHONE]] as const) {
    it(`a place located by an area opens its sheet, which says it is approximate (${name})`, async () => {
      const badaguan = content.venues.find((v) => v.id === 'badaguan')!
      expect(badaguan.location?.precision).toBe('area')
      opened = await open('/map', phone)
      const { page, errors } = opened
      await mapReady(page)
      const sheet = await openSheet(page, 'venue:badaguan')
      expect(await sheet.locator('h2').textContent()).toContain(badaguan.name.en)
      expect(await sheet.locator('[data-testid=map-sheet-approx]').count()).toBeGreaterThan(0)
      expect(realErrors(errors)).toEqual([])
    })
  }

  it('the Pearl: its area marker opens a sheet that names it and says the position is approximate', async () => {
    const pearl = content.venues.find((v) => v.id === 'sco-pearl-expo-center')!
    expect(pearl.location?.precision).toBe('area')
    // The first view is the city core, 30 km east of the Pearl: the visitor reaches it as the place page's
    // "Show on map" does (?focus=), which centres its area, then taps its marker.
    opened = await open(`/map?focus=venue:${pearl.id}`, SMALL_PHONE)
    const { page, errors } = opened
    await mapReady(page)
    // The zone's places share one circle, so the sheet may list several of them: the Pearl must be among them.
    const sheet = await openSheet(page, `venue:${pearl.id}`)
    expect(await sheet.textContent()).toContain(pearl.name.en)
    expect(await sheet.locator('[data-testid=map-sheet-approx]').count()).toBeGreaterThan(0)
    expect(realErrors(errors)).toEqual([])
  })
})

describe('"Open now" at 22:00 in Qingdao', () => {
  it('lists exactly the points sourced as open around the clock', async () => {
    const allDay = content.services.filter((s) => s.openingHours === '24/7').map((s) => s.id)
    expect(allDay).toEqual(expect.arrayContaining(['sp-emergency-police-110', 'sp-city-hotline-12345', 'sp-immigration-hotline-12367']))
    // With them, the national emergency numbers (110, 119, 120, 122): always answered even where no hours are published.
    const emergency = content.services.filter((s) => isEmergencyNumber(s)).map((s) => s.id)
    expect(emergency.length).toBe(4)
    opened = await open('about:blank', SMALL_PHONE)
    const { page, errors } = opened
    // Friday 4 December 2026, 22:00 in Qingdao: offices are closed, round-the-clock lines are not.
    await page.clock.install({ time: qd('2026-12-04T22:00') })
    await page.goto('/services')
    await page.locator('[data-testid=service-card]').first().waitFor()
    await page.locator('[data-testid=filter-open-now]').click()
    await page.waitForURL(/open=1/)
    await expect.poll(async () => new Set(await page.locator('[data-testid=service-card]').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')))))
      .toEqual(new Set([...allDay, ...emergency]))
    expect(realErrors(errors)).toEqual([])
  })
})
