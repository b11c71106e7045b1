#!/usr/bin/env node
// The manifest's `screenshots` (Chromium's richer install sheet), taken from a production build:
//   npm run build && npm run screenshots            (or: node scripts/make-screenshots.mjs <dist>)
// narrow: 390×844 CSS px at 2× (a phone, 780×1688); wide: 1280×800 at 1×. Output in public/screenshots/;
// the sizes must stay in step with the manifest in vite.config.ts.
import { mkdirSync } from 'node:fs'
import { chromium } from 'playwright-core'
import { startServer } from './serve.mjs'

const dist = process.argv[2] ?? 'dist'
const OUT = new URL('../public/screenshots/', import.meta.url)
const SHOTS = [
  { file: 'narrow.png', path: '/', viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, ready: '[data-testid=counts]' },
  { file: 'wide.png', path: '/events', viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1, isMobile: false, hasTouch: false, ready: 'main h1' },
]

mkdirSync(OUT, { recursive: true })
const server = await startServer({ root: dist })
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] })
try {
  for (const { file, path, ready, ...device } of SHOTS) {
    // No service worker: its "Ready to work offline" notice would cover the content.
    const context = await browser.newContext({ ...device, locale: 'en-US', colorScheme: 'light', serviceWorkers: 'block', baseURL: server.url })
    const page = await context.newPage()
    await page.goto(path)
    await page.locator(ready).first().waitFor()
    await page.waitForLoadState('networkidle')
    await page.screenshot({ path: new URL(file, OUT).pathname })
    console.log(`public/screenshots/${file} ${device.viewport.width * device.deviceScaleFactor}×${device.viewport.height * device.deviceScaleFactor}`)
    await context.close()
  }
} finally {
  await browser.close()
  await server.close()
}
