#!/usr/bin/env node
// Offline cold start: the service worker is installed, the network is gone (and the server shut down),
// the CPU is slowed 4× (CDP Emulation.setCPUThrottlingRate). Each run starts the browser afresh on the
// same profile and measures, from navigation start, until the home page's h1 and its content (the
// counts line inside the content gate) are in the DOM. Median of RUNS (default 7). Target ≤ 1000 ms.
//   npm run build && npm run bench:offline          (or: node scripts/bench-offline.mjs <dist>)
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium } from 'playwright-core'
import { startServer } from './serve.mjs'

const dist = process.argv[2] ?? 'dist'
const RUNS = Number(process.env.RUNS ?? 7)
const TARGET_MS = 1000
const SLOWDOWN = Number(process.env.CPU_SLOWDOWN ?? 4)
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--disable-background-networking']
const READY = 'main h1, [data-testid=counts]'

const profile = mkdtempSync(join(tmpdir(), 'qd-bench-offline-'))
const launch = (baseURL) => chromium.launchPersistentContext(profile, {
  executablePath: CHROMIUM_PATH, args: ARGS, headless: true, baseURL,
  viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'en-US',
})

const server = await startServer({ root: dist })
const origin = server.url
let context
try {
  // 1. First visit online: install the service worker and let the precache and the content copy complete.
  context = await launch(origin)
  const page = context.pages()[0] ?? (await context.newPage())
  await page.goto('/')
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready
    if (!navigator.serviceWorker.controller) {
      await new Promise((ok) => navigator.serviceWorker.addEventListener('controllerchange', ok, { once: true }))
    }
  })
  await page.waitForFunction(async () => !!(await (await caches.open('qd-content-v1')).match('/data/content.json')))
  await context.close()
  await server.close()

  // 2. Cold starts with no network at all.
  const times = []
  for (let i = 0; i < RUNS; i++) {
    context = await launch(origin)
    const tab = context.pages()[0] ?? (await context.newPage())
    await tab.addInitScript((selector) => {
      const parts = selector.split(', ')
      const done = () => parts.every((s) => document.querySelector(s))
      new MutationObserver((_, obs) => {
        window.__h1 ??= document.querySelector('main h1') ? performance.now() : undefined
        if (!done()) return
        window.__fmc = performance.now()
        obs.disconnect()
      }).observe(document, { childList: true, subtree: true })
    }, READY)
    const cdp = await context.newCDPSession(tab)
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: SLOWDOWN })
    // The server is already gone; this also makes navigator.onLine false, as on a phone with no network.
    await cdp.send('Network.enable')
    await cdp.send('Network.emulateNetworkConditions', { offline: true, latency: 0, downloadThroughput: -1, uploadThroughput: -1 })
    await tab.goto(`${origin}/`, { waitUntil: 'commit' })
    await tab.waitForFunction(() => window.__fmc !== undefined, undefined, { timeout: 30_000 })
    const { fmc, controlled, offline } = await tab.evaluate(() => ({
      fmc: window.__fmc,
      controlled: navigator.serviceWorker.controller !== null,
      offline: !navigator.onLine,
    }))
    if (!controlled || !offline) throw new Error(`run ${i + 1}: not an offline start from the service worker (controlled ${controlled}, offline ${offline})`)
    times.push(fmc)
    const detail = await tab.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0]
      return { response: nav.responseEnd, dcl: nav.domContentLoadedEventEnd, h1: window.__h1 }
    })
    const f = (x) => (x === undefined ? '?' : x.toFixed(0))
    console.log(`run ${i + 1}: ${fmc.toFixed(0)} ms (shell HTML ${f(detail.response)}, DOMContentLoaded ${f(detail.dcl)}, h1 ${f(detail.h1)})`)
    await context.close()
  }
  const sorted = [...times].sort((a, b) => a - b)
  const median = sorted[Math.floor(sorted.length / 2)]
  console.log(`offline cold start to first meaningful content (${SLOWDOWN}× CPU slowdown), ${RUNS} runs: ` +
    `median ${median.toFixed(0)} ms, min ${sorted[0].toFixed(0)} ms, max ${sorted.at(-1).toFixed(0)} ms (target ≤ ${TARGET_MS} ms: ${median <= TARGET_MS ? 'met' : 'NOT met'})`)
} finally {
  await context?.close().catch(() => undefined)
  await server.close()
  rmSync(profile, { recursive: true, force: true, maxRetries: 5 })
}
