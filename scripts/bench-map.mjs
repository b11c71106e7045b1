#!/usr/bin/env node
// Map first render with 1,000 points (budget ≤ 300 ms). The content is the build's own plus 1,000
// synthetic located venues (clones of the first venue, exact points spread over the city), served in place of
// /data/content.json. Measured in Chromium on a phone-size page after a click on "Map" in the bottom bar
// (route chunks already cached, as on any second visit): from the creation of the Leaflet map (mark
// qd-map:start) until every marker and the overview layer are drawn (qd-map:ready) and two frames have
// passed. The whole page (route change, legend, list) is reported beside it. Median of RUNS runs.
//
//   node scripts/bench-map.mjs [--dist .e2e/bench] [--url http://127.0.0.1:4173] [--json]
// Without --url it serves --dist itself (build it first: `npx vite build --outDir .e2e/bench`).
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { chromium } from 'playwright-core'
import { startServer } from './serve.mjs'

const BUDGET_MS = 300
const POINTS = 1000
const RUNS = 5
const args = process.argv.slice(2)
const opt = (name, fallback) => {
  const i = args.indexOf(name)
  return i >= 0 ? args[i + 1] : fallback
}
const dist = resolve(opt('--dist', process.env.BENCH_DIST ?? process.env.E2E_DIST ?? '.e2e/bench'))
const json = args.includes('--json')

function syntheticContent() {
  const content = JSON.parse(readFileSync(join(dist, 'data/content.json'), 'utf8'))
  const template = content.venues[0]
  const categories = ['sco-venue', 'sight', 'transport', 'hotel', 'park', 'service', 'business', 'festival-site']
  for (let i = 0; i < POINTS; i++) {
    // A deterministic spread over the city and the West Coast (36.0–36.35 N, 120.0–120.5 E).
    const lat = 36.0 + ((i * 7919) % 1000) / 1000 * 0.35
    const lon = 120.0 + ((i * 104729) % 1000) / 1000 * 0.5
    content.venues.push({
      ...template,
      id: `bench-${i}`,
      category: categories[i % categories.length],
      name: { zh: `测试点 ${i}`, ru: `Точка ${i}`, en: `Point ${i}` },
      location: { lat: Math.round(lat * 1e5) / 1e5, lon: Math.round(lon * 1e5) / 1e5, precision: 'exact' },
    })
  }
  return JSON.stringify(content)
}

const own = opt('--url', process.env.BENCH_URL) ? null : await startServer({ root: dist })
const url = opt('--url', process.env.BENCH_URL) ?? own.url
const body = syntheticContent()
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] })
const times = []
/** Click on "Map" to the same frame: includes the route change and the rest of the page (legend, list). */
const pageTimes = []
const log = (...a) => process.env.BENCH_DEBUG && console.error(new Date().toISOString().slice(11, 19), ...a)
try {
  for (let run = 0; run < RUNS; run++) {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, serviceWorkers: 'block' })
    await context.route('**/data/content.json', (r) => r.fulfill({ status: 200, contentType: 'application/json', body }))
    const page = await context.newPage()
    page.on('crash', () => console.error('page crashed'))
    page.on('pageerror', (e) => console.error('page error:', String(e)))
    await page.goto(`${url}/`)
    log('home')
    // Warm the map route's chunks (a returning visitor has them cached), then go back home.
    await page.goto(`${url}/map`)
    log('map')
    await page.waitForFunction((n) => Number(document.querySelector('[data-testid=map]')?.dataset.markers ?? 0) >= n, POINTS, { timeout: 60_000 })
    await page.goto(`${url}/`)
    // The home page prerendered into index.html has the same link before the app runs: a click on it then is a
    // full page load. Wait for the app (main.ts marks qd:mounted).
    await page.waitForFunction(() => performance.getEntriesByName('qd:mounted').length > 0)
    const [ms, page_, marks] = await page.evaluate(async (n) => {
      const link = document.querySelector('nav a[href="/map"]') ?? document.querySelector('a[href="/map"]')
      performance.clearMarks()
      const t0 = performance.now()
      link.click()
      await new Promise((done) => {
        const tick = () => {
          const markers = Number(document.querySelector('[data-testid=map]')?.dataset.markers ?? 0)
          const ready = performance.getEntriesByName('qd-map:ready').length > 0
          if (markers >= n && ready) done(undefined)
          else requestAnimationFrame(tick)
        }
        tick()
      })
      // The first frame painted with everything on it.
      await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))
      const start = performance.getEntriesByName('qd-map:start')[0].startTime
      const marks = performance.getEntriesByType('mark').filter((m) => m.name.startsWith('qd-map:')).map((m) => `${m.name.slice(7)} +${(m.startTime - start).toFixed(0)}`)
      return [performance.now() - start, performance.now() - t0, marks.join(', ')]
    }, POINTS)
    times.push(ms)
    pageTimes.push(page_)
    log(marks, `painted +${ms.toFixed(0)}`)
    await context.close()
  }
} finally {
  await browser.close()
  await own?.close()
}
const sorted = [...times].sort((a, b) => a - b)
const median = sorted[Math.floor(sorted.length / 2)]
const ok = median <= BUDGET_MS
const pageMedian = [...pageTimes].sort((a, b) => a - b)[Math.floor(pageTimes.length / 2)]
console.log(`map first render with ${POINTS} points (map created → markers and overview painted): median ${median.toFixed(0)} ms over ${RUNS} runs (${times.map((t) => t.toFixed(0)).join(', ')}); budget ${BUDGET_MS} ms → ${ok ? 'ok' : 'OVER'}`)
console.log(`whole page, click on "Map" → painted: median ${pageMedian.toFixed(0)} ms (${pageTimes.map((t) => t.toFixed(0)).join(', ')})`)
if (json) console.log(JSON.stringify({ points: POINTS, medianMs: Math.round(median), runsMs: times.map(Math.round), pageMedianMs: Math.round(pageMedian), budgetMs: BUDGET_MS, ok }))
process.exit(ok ? 0 : 1)
