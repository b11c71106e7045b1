// Emergency first: tap-to-call buttons at the top of Services and Essentials, on small and large phones.
import { afterEach, describe, expect, it } from 'vitest'
import { open, type Opened } from './browser'

let opened: Opened | undefined
afterEach(async () => {
  await opened?.context.close()
  opened = undefined
})

const SHOTS = process.env.SHOTS_DIR

describe('emergency numbers', () => {
  it.each([
    ['/services', 375, 667, 'ru-RU'],
    ['/services', 390, 844, 'en-US'],
    ['/info/essentials', 375, 667, 'zh-CN'],
    ['/info/essentials', 390, 844, 'ru-RU'],
  ] as const)('%s at %i×%i (%s): 110/119/120/122 are tel: buttons in the first screen, before anything else', async (path, width, height, locale) => {
    opened = await open(path, { locale, viewport: { width, height } })
    const { page } = opened
    const calls = page.locator('[data-testid=emergency-call]')
    await calls.first().waitFor()
    expect(await calls.evaluateAll((as) => as.map((a) => a.getAttribute('href')))).toEqual(['tel:110', 'tel:119', 'tel:120', 'tel:122'])
    expect(await page.locator('[data-testid=helpline-call]').evaluateAll((as) => as.map((a) => a.getAttribute('href')))).toEqual(['tel:12367', 'tel:12345'])
    for (const box of await calls.evaluateAll((as) => as.map((a) => a.getBoundingClientRect().toJSON() as DOMRect))) {
      expect(box.height).toBeGreaterThanOrEqual(56)
      expect(box.bottom).toBeLessThanOrEqual(height)
    }
    // Directly under the page title.
    expect(await page.evaluate(() => document.querySelector('h1')!.nextElementSibling?.getAttribute('data-testid'))).toBe('emergency-calls')
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/emergency-${path.replace(/\//g, '_')}-${locale}-${width}.png` })
    expect(opened.errors).toEqual([])
  })

  it('the police line is 24/7 in the list and on its page, with a call button and no driver card', async () => {
    opened = await open('/services', { locale: 'en-US' })
    const { page } = opened
    const card = page.locator('[data-testid=service-card][data-id=sp-emergency-police-110]')
    await card.waitFor()
    expect(await card.locator('[data-testid=service-status]').getAttribute('data-status')).toBe('always')
    expect(await card.textContent()).not.toContain('not known')
    expect(await card.locator('[data-testid=service-call]').getAttribute('href')).toBe('tel:110')
    await page.goto('/services/sp-emergency-police-110')
    await page.locator('[data-testid=service-detail]').waitFor()
    expect(await page.locator('[data-testid=service-detail-call]').getAttribute('href')).toBe('tel:110')
    expect(await page.locator('[data-testid=service-always]').count()).toBe(1)
    expect(await page.locator('[data-testid=service-detail]').textContent()).not.toMatch(/Show to driver|not known/)
    expect(await page.locator('[data-testid=location]').count()).toBe(0)
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/service-110-en-390.png`, fullPage: true })
  })
})
