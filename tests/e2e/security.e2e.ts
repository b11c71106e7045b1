// Security of the built app: the Content-Security-Policy is present, strict and never violated on any route;
// no inline script in index.html; every link that opens a new tab has rel="noopener"; the licence list ships.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, inject, it } from 'vitest'
import type { Page } from 'playwright-core'
import { open, type Opened, tapVisibleMarker } from './browser'
import { routePaths } from './routes'

let opened: Opened | undefined
afterEach(async () => {
  await opened?.context.close()
  opened = undefined
})

const html = () => readFileSync(join(inject('distDir'), 'index.html'), 'utf8')
const policyOf = (text: string) => /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(text)?.[1]?.replace(/&#39;/g, "'") ?? ''
const directive = (policy: string, name: string) => policy.split(';').map((d) => d.trim()).find((d) => d.startsWith(name + ' ')) ?? ''

describe('built index.html', () => {
  it('carries a strict Content-Security-Policy before any script', () => {
    const text = html()
    const policy = policyOf(text)
    expect(directive(policy, 'default-src')).toBe("default-src 'self'")
    expect(directive(policy, 'script-src')).toBe("script-src 'self'")
    expect(directive(policy, 'object-src')).toBe("object-src 'none'")
    expect(directive(policy, 'base-uri')).toBe("base-uri 'self'")
    for (const d of ['connect-src', 'img-src', 'worker-src', 'manifest-src', 'style-src']) expect(directive(policy, d), d).not.toBe('')
    expect(policy).not.toMatch(/unsafe-eval|unsafe-inline|frame-ancestors/)
    // Sources are the app itself, data:/blob: images and configured https hosts; loopback only in test builds
    // (the map tests' local tile server), never a bare wildcard or a whole scheme.
    const sources = policy.split(';').flatMap((d) => d.trim().split(/\s+/).slice(1))
    const allowed = /^('self'|'none'|data:|blob:|https:\/\/[\w*.-]+(:\d+)?|http:\/\/(127\.0\.0\.1|localhost):\*)$/
    expect(sources.filter((s) => !allowed.test(s))).toEqual([])
    expect(text.indexOf('Content-Security-Policy')).toBeLessThan(text.indexOf('<script'))
  })

  it('has no inline script and no inline event handler', () => {
    const text = html()
    const scripts = [...text.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)]
    expect(scripts.length).toBeGreaterThan(0)
    for (const [, attrs, body] of scripts) {
      expect(attrs).toMatch(/\bsrc=/)
      expect(body!.trim()).toBe('')
    }
    expect(text).not.toMatch(/\son[a-z]+=/i)
  })
})

/** Records securitypolicyviolation events from the first line of every document (init scripts run before the app). */
async function watchCsp(page: Page) {
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: string[] }
    w.__csp = []
    document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`))
  })
}
const violations = (page: Page) => page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? [])

describe('in the browser', () => {
  it('no route, sheet or dialog breaks the policy; external links open with rel=noopener', { timeout: 120_000 }, async () => {
    opened = await open('about:blank', { locale: 'en-US' })
    const { page, errors } = opened
    await watchCsp(page)
    const found: string[] = []
    const badLinks: string[] = []
    let externalLinks = 0
    for (const path of routePaths()) {
      await page.goto(path)
      await page.locator('main h1').first().waitFor()
      await page.waitForLoadState('networkidle')
      if (path === '/map' && (await page.locator('[data-testid=map-marker]').count())) {
        await tapVisibleMarker(page)
        await page.locator('[data-testid=map-sheet]').waitFor()
      }
      if (path === '/info') {
        await page.locator('[data-testid=licences-packages] summary').first().click()
      }
      const links = await page.evaluate(() => [...document.querySelectorAll<HTMLAnchorElement>('a[target=_blank], a[href^="http"]')]
        .map((a) => ({ href: a.href, target: a.target, rel: a.rel, external: a.origin !== location.origin })))
      for (const l of links) {
        if (l.external) externalLinks++
        if (l.target === '_blank' && !/\bnoopener\b/.test(l.rel)) badLinks.push(`${path}: ${l.href} rel="${l.rel}"`)
      }
      found.push(...(await violations(page)).map((v) => `${path}: ${v}`))
    }
    expect(found).toEqual([])
    expect(badLinks).toEqual([])
    // Detail pages cite their sources: the link check above saw real external links.
    expect(externalLinks).toBeGreaterThan(0)
    expect(errors.filter((e) => /Content Security Policy/i.test(e))).toEqual([])
  })

  it('the policy is enforced: an injected inline script and eval are blocked and reported', async () => {
    opened = await open('about:blank', { locale: 'en-US', serviceWorkers: 'block' })
    const { page } = opened
    await watchCsp(page)
    await page.goto('/')
    await page.locator('main h1').waitFor()
    // From a timer: code run by page.evaluate itself is exempt from the page's eval rule.
    const result = await page.evaluate(() => new Promise((ok) => {
      const s = document.createElement('script')
      s.textContent = 'window.__ran = 1'
      document.head.append(s)
      setTimeout(() => {
        let evalResult = 'ran'
        try { new Function('return 1')() } catch { evalResult = 'blocked' }
        ok({ inline: (window as unknown as { __ran?: number }).__ran ?? 'blocked', evalResult })
      }, 0)
    }))
    expect(result).toEqual({ inline: 'blocked', evalResult: 'blocked' })
    await expect.poll(async () => (await violations(page)).join('\n')).toMatch(/script-src-elem/)
    expect((await violations(page)).join('\n')).toMatch(/script-src eval/)
  })

  it('Info lists the shipped packages with their licences and the OpenStreetMap (ODbL) attribution', async () => {
    opened = await open('/info', { locale: 'en-US', serviceWorkers: 'block' })
    const { page, errors } = opened
    const list = page.locator('[data-testid=licences-packages] > li')
    await list.first().waitFor()
    const names = (await page.locator('[data-testid=licences-packages] .name').allTextContents()).map((s) => s.trim())
    for (const p of ['vue', 'vue-router', 'pinia', 'vue-i18n', 'leaflet', 'valibot', 'workbox-window']) expect(names, p).toContain(p)
    expect(await page.locator('[data-testid=licences]').textContent()).toContain('© OpenStreetMap contributors')
    expect(await page.locator('[data-testid=licences-osm]').getAttribute('href')).toBe('https://www.openstreetmap.org/copyright')
    const leaflet = list.filter({ has: page.locator('.name', { hasText: /^leaflet$/ }) })
    await leaflet.locator('summary').click()
    expect(await leaflet.locator('pre').textContent()).toMatch(/Copyright/)
    // workbox-window reports its blocked registration; nothing else may be logged.
    expect(errors.filter((e) => !/^Service worker registration failed/.test(e))).toEqual([])
  })
})
