#!/usr/bin/env node
// Offline cold start: the service worker is installed, the network is gone (and the server shut down),
// the CPU is slowed 4× (CDP Emulation.setCPUThrottlingRate). Each run starts the browser afresh on the
// same profile and measures, from navigation start, until the home page's title and its content (the counts
// line) are painted: their paint times from the Element Timing API (`elementtiming` on both in HomePage.vue),
// whichever renders them, the page prerendered at build time or the app. It reports beside it when the app
// has mounted (mark qd:mounted) and answers taps. Median of RUNS (default 7). Target ≤ 1000 ms.
// The page is not touched by Playwright while it loads (no evaluate, no polling): an init script reports
// through the console when both have painted.
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
const READY = ['home-title', 'home-counts']

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
  const mountTimes = []
  for (let i = 0; i < RUNS; i++) {
    context = await launch(origin)
    const tab = context.pages()[0] ?? (await context.newPage())
    await tab.addInitScript((ids) => {
      const painted = {}
      new PerformanceObserver((list, obs) => {
        for (const e of list.getEntries()) painted[e.identifier] ??= e.renderTime || e.loadTime
        if (!ids.every((id) => painted[id] !== undefined)) return
        obs.disconnect()
        window.__fmc = Math.max(...ids.map((id) => painted[id]))
        console.log(`qd-bench:painted ${window.__fmc}`)
      }).observe({ type: 'element', buffered: true })
    }, READY)
    const cdp = await context.newCDPSession(tab)
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: SLOWDOWN })
    // The server is already gone; this also makes navigator.onLine false, as on a phone with no network.
    await cdp.send('Network.enable')
    await cdp.send('Network.emulateNetworkConditions', { offline: true, latency: 0, downloadThroughput: -1, uploadThroughput: -1 })
    const painted = tab.waitForEvent('console', { predicate: (m) => m.text().startsWith('qd-bench:painted'), timeout: 30_000 })
    await tab.goto(`${origin}/`, { waitUntil: 'commit' })
    await painted
    await tab.waitForFunction(() => performance.getEntriesByName('qd:mounted').length > 0, undefined, { timeout: 30_000 })
    const { fmc, mounted, controlled, offline } = await tab.evaluate(() => ({
      fmc: window.__fmc,
      mounted: performance.getEntriesByName('qd:mounted')[0].startTime,
      controlled: navigator.serviceWorker.controller !== null,
      offline: !navigator.onLine,
    }))
    if (!controlled || !offline) throw new Error(`run ${i + 1}: not an offline start from the service worker (controlled ${controlled}, offline ${offline})`)
    times.push(fmc)
    mountTimes.push(mounted)
    const shell = await tab.evaluate(() => performance.getEntriesByType('navigation')[0].responseEnd)
    console.log(`run ${i + 1}: ${fmc.toFixed(0)} ms (shell HTML ${shell.toFixed(0)}, app mounted ${mounted.toFixed(0)})`)
    await context.close()
  }
  const sorted = [...times].sort((a, b) => a - b)
  const median = sorted[Math.floor(sorted.length / 2)]
  const mountMedian = [...mountTimes].sort((a, b) => a - b)[Math.floor(mountTimes.length / 2)]
  console.log(`offline cold start to first meaningful content painted (${SLOWDOWN}× CPU slowdown), ${RUNS} runs: ` +
    `median ${median.toFixed(0)} ms, min ${sorted[0].toFixed(0)} ms, max ${sorted.at(-1).toFixed(0)} ms (target ≤ ${TARGET_MS} ms: ${median <= TARGET_MS ? 'met' : 'NOT met'}); ` +
    `app mounted: median ${mountMedian.toFixed(0)} ms`)
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify({ runs: RUNS, firstContentMedianMs: Math.round(median), appMountedMedianMs: Math.round(mountMedian), budgetMs: TARGET_MS, ok: median <= TARGET_MS }))
  }
} finally {
  await context?.close().catch(() => undefined)
  await server.close()
  rmSync(profile, { recursive: true, force: true, maxRetries: 5 })
}
