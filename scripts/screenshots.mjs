#!/usr/bin/env node
// Screenshots of every route in zh, ru and en, light and dark, at 390×844, for looking at the UI as a user does.
// Usage: node scripts/screenshots.mjs [dist=dist] [out=screenshots] [paths…]
import { chromium } from 'playwright-core'
import { mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { startServer } from './serve.mjs'

const [dist = 'dist', out = 'screenshots', ...extra] = process.argv.slice(2)
mkdirSync(out, { recursive: true })
const content = JSON.parse(readFileSync(join(dist, 'data/content.json'), 'utf8'))
const paths = extra.length ? extra : ['/', '/map', '/events', '/services', '/info',
  `/events/${content.events.at(-1).id}`, `/venues/${content.venues[0].id}`, `/services/${content.services[0].id}`]
const server = await startServer({ root: dist })
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] })
for (const [locale, lang] of [['zh-CN', 'zh'], ['ru-RU', 'ru'], ['en-US', 'en']]) {
  for (const colorScheme of ['light', 'dark']) {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, locale, colorScheme, serviceWorkers: 'block' })
    const page = await context.newPage()
    for (const p of paths) {
      await page.goto(server.url + p)
      await page.locator('main h1').first().waitFor()
      await page.waitForTimeout(300)
      const name = `${lang}-${colorScheme}-${p === '/' ? 'home' : p.slice(1).replace(/\//g, '_')}.png`
      await page.screenshot({ path: join(out, name) })
    }
    await context.close()
  }
}
await browser.close()
await server.close()
console.log(`screenshots in ${out}/`)
