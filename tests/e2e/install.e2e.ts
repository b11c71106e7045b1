// Installation in the visitor's language: the manifest and the iOS Home Screen title follow the language,
// and Home invites to install where the browser offers it, or warns iOS Safari users that their offline
// data may be cleared unless the guide is on the Home Screen.
import { afterEach, describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import type { Page } from 'playwright-core'
import { appMounted, open, type Opened } from './browser'

type Install = { name: string; short_name: string; description: string; ios_warning: string }
const install = (lang: string) => (JSON.parse(readFileSync(`locales/${lang}.json`, 'utf8')) as { install: Install }).install
const IPHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.5 Mobile/15E148 Safari/604.1'
const SMALL = { viewport: { width: 375, height: 667 } }
const VIEWPORTS = [SMALL.viewport, { width: 390, height: 844 }]

let opened: Opened | undefined
afterEach(async () => {
  await opened?.context.close()
  opened = undefined
})

const installedName = (page: Page) => page.evaluate(() => ({
  manifest: document.querySelector('link[rel=manifest]')?.getAttribute('href'),
  title: document.querySelector('meta[name=apple-mobile-web-app-title]')?.getAttribute('content'),
}))

/** What Chromium fires when it would offer installation (it does not, for a test server). */
async function offerInstall(page: Page): Promise<void> {
  await page.evaluate(() => {
    window.dispatchEvent(Object.assign(new Event('beforeinstallprompt', { cancelable: true }), {
      prompt: async () => undefined,
      userChoice: Promise.resolve({ outcome: 'dismissed' }),
    }))
  })
}

describe('the installed name follows the language', () => {
  it('at start, on switching from the header, and in each manifest', async () => {
    opened = await open('/', { ...SMALL, locale: 'zh-CN' })
    const { page, errors } = opened
    expect(await installedName(page)).toEqual({ manifest: '/manifest-zh.webmanifest', title: install('zh').short_name })
    for (const lang of ['ru', 'en'] as const) {
      await page.locator('header form[data-lang-form] select').selectOption(lang)
      await page.waitForFunction((l) => document.documentElement.lang === l, lang)
      expect(await installedName(page)).toEqual({ manifest: `/manifest-${lang}.webmanifest`, title: install(lang).short_name })
    }
    // The choice is saved: before the app runs, public/lang.js names the manifest of the saved language.
    await page.locator('header form[data-lang-form] select').selectOption('ru')
    await page.waitForFunction(() => document.documentElement.lang === 'ru')
    await page.reload()
    expect(await installedName(page)).toEqual({ manifest: '/manifest-ru.webmanifest', title: install('ru').short_name })

    const base = await (await page.request.get('/manifest.webmanifest')).json() as Record<string, unknown>
    for (const lang of ['zh', 'ru', 'en']) {
      const res = await page.request.get(`/manifest-${lang}.webmanifest`)
      expect(res.status()).toBe(200)
      expect(res.headers()['content-type']).toMatch(/^application\/manifest\+json/)
      const manifest = await res.json() as Record<string, unknown>
      const t = install(lang)
      expect(manifest).toMatchObject({ name: t.name, short_name: t.short_name, description: t.description })
      expect(t.short_name.length).toBeLessThanOrEqual(12)
      for (const field of ['id', 'start_url', 'scope', 'display', 'theme_color', 'background_color', 'icons', 'screenshots']) {
        expect(manifest[field], field).toEqual(base[field])
      }
    }
    expect(errors).toEqual([])
  })
})

describe('the install card on Home', () => {
  it.each(VIEWPORTS)('appears with the browser offer, and a dismissal is remembered (%o)', async (viewport) => {
    opened = await open('/', { viewport, locale: 'en-US' })
    const { page, errors } = opened
    const card = page.locator('[data-testid=install-card]')
    await offerInstall(page)
    await card.waitFor()
    expect(await card.locator('[data-testid=install-card-install]').count()).toBe(1)
    await card.locator('[data-testid=install-card-dismiss]').click()
    expect(await card.count()).toBe(0)

    await page.reload()
    await appMounted(page)
    await offerInstall(page)
    await page.waitForFunction(() => performance.getEntriesByType('resource').some((e) => e.name.includes('PwaInstallCard')))
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))))
    expect(await card.count()).toBe(0)
    // Without the remembered dismissal, the same offer shows it again.
    await page.evaluate(() => localStorage.removeItem('qd.install-dismissed'))
    await page.reload()
    await appMounted(page)
    await offerInstall(page)
    await card.waitFor()
    expect(errors).toEqual([])
  })

  it.each(VIEWPORTS)('arrives over the page, above the bottom bar, without moving what the visitor reads (%o)', async (viewport) => {
    opened = await open('/', { viewport, locale: 'ru-RU' })
    const { page, errors } = opened
    const counts = page.locator('[data-testid=counts]')
    const before = await counts.boundingBox()
    await page.evaluate(() => {
      const w = window as unknown as { shifted: number }
      w.shifted = 0
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.shifted += (e as unknown as { value: number }).value
      }).observe({ type: 'layout-shift' })
    })
    await offerInstall(page)
    const card = page.locator('[data-testid=install-card]')
    await card.waitFor()
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))))
    expect(await counts.boundingBox()).toEqual(before)
    expect(await page.evaluate(() => (window as unknown as { shifted: number }).shifted)).toBe(0)
    const box = (await card.boundingBox())!
    const nav = (await page.locator('nav.nav').boundingBox())!
    expect(box.y).toBeGreaterThanOrEqual(0)
    expect(box.y + box.height).toBeLessThanOrEqual(nav.y)
    expect(errors).toEqual([])
  })

  it('in iOS Safari it warns that offline data may be cleared and says how to keep it', async () => {
    opened = await open('/', { ...SMALL, locale: 'ru-RU', userAgent: IPHONE })
    const { page, errors } = opened
    const warning = page.locator('[data-testid=install-card-ios]')
    await warning.waitFor()
    expect((await warning.textContent())?.trim()).toBe(install('ru').ios_warning)
    expect(await page.locator('[data-testid=install-card]').textContent()).toContain('«Поделиться»')
    if (process.env.INSTALL_SHOT) {
      await page.locator('[data-testid=install-card]').scrollIntoViewIfNeeded()
      await page.screenshot({ path: process.env.INSTALL_SHOT })
    }
    expect(errors).toEqual([])
  })
})
