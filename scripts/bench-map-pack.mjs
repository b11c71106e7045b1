#!/usr/bin/env node
// The detailed map at city scale: a synthetic Protomaps-schema street pack of the whole visitor area
// (scripts/synthetic-pack.mjs, ~50 MB, z8–15; generated into the git-ignored .bench/ once and reused)
// is published with scripts/build-basemap.mjs --pack, served from the build's origin, downloaded and
// stored by the app as a visitor would. Measured: download time and throughput on loopback, peak JS
// heap during the download, storage used, then at 4× CPU slowdown on a 390×844 phone the time to draw
// the whole viewport at z13, z15 and z16 from the stored pack, and frame times of a pan and a pinch-zoom.
//
//   node scripts/bench-map-pack.mjs [DIST] [--json]      (npm run bench -- --only mappack)
import { execFileSync } from 'node:child_process'
import { existsSync, linkSync, copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'
import { startServer } from './serve.mjs'
import { buildSyntheticPack, SYNTHETIC_VERSION } from './synthetic-pack.mjs'

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)))
const args = process.argv.slice(2)
const json = args.includes('--json')
const opt = (name) => {
  const i = args.indexOf(name)
  return i >= 0 ? args[i + 1] : undefined
}
const dist = resolve(opt('--dist') ?? args.find((a) => !a.startsWith('--')) ?? 'dist')
export const BUDGETS = { drawMs: 150, frameP95Ms: 33, peakHeapMB: 48, minThroughputMBps: 20 }
const CPU_SLOWDOWN = 4
// Built-up centres of the synthetic pack (Shinan, Huangdao, Chengyang), 20–40 km apart: at z13 a phone's view is
// about 6 km wide, so each draw is of a whole new view, not a pan that keeps most of the last one's tiles.
const CENTRES = [[36.0662, 120.3826], [35.96, 120.19], [36.30, 120.39]]

const work = join(ROOT, '.bench')
const extract = join(work, `synthetic-qingdao-v${SYNTHETIC_VERSION}.pmtiles`)
mkdirSync(work, { recursive: true })
if (!existsSync(extract)) {
  const t0 = Date.now()
  writeFileSync(extract, buildSyntheticPack().buf)
  console.error(`generated ${extract} in ${((Date.now() - t0) / 1000).toFixed(0)} s`)
}
const out = join(work, 'pack')
execFileSync(process.execPath, [join(ROOT, 'scripts/build-basemap.mjs'), '--pack', extract, '--out', out, '--name', 'bench-streets'], { stdio: 'ignore' })
const packs = JSON.parse(readFileSync(join(out, 'packs.json'), 'utf8'))
// Same origin as the app, as in production: the pack sits in the build's maps/ folder for the run.
const served = join(dist, 'maps', packs.url)
try {
  linkSync(join(out, packs.url), served)
} catch {
  copyFileSync(join(out, packs.url), served)
}

const percentile = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0
}
const server = await startServer({ root: dist })
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--enable-precise-memory-info'] })
const result = { packMB: +(packs.bytes / 1e6).toFixed(1) }
try {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true })
  await context.route('**/maps/packs.json', (r) => r.fulfill({ json: packs }))
  const page = await context.newPage()
  page.on('pageerror', (e) => console.error('page error:', String(e)))
  await page.goto(`${server.url}/`)
  await page.evaluate(() => localStorage.setItem('qd-map-debug', '1'))
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready
  })
  await page.goto(`${server.url}/map`)
  await page.locator('[data-testid=map-pack-download]').waitFor()
  const cdp = await context.newCDPSession(page)
  await cdp.send('HeapProfiler.collectGarbage')
  const base = (await cdp.send('Runtime.getHeapUsage')).usedSize
  let peak = base
  let sampling = true
  const sampler = (async () => {
    while (sampling) {
      peak = Math.max(peak, (await cdp.send('Runtime.getHeapUsage')).usedSize)
      await new Promise((r) => setTimeout(r, 50))
    }
  })()
  const t0 = Date.now()
  await page.locator('[data-testid=map-pack-download]').click()
  await page.locator('[data-testid=map-pack-stored]').waitFor({ timeout: 600_000 })
  const seconds = (Date.now() - t0) / 1000
  sampling = false
  await sampler
  const usage = await page.evaluate(async () => (await navigator.storage.estimate()).usage ?? 0)
  Object.assign(result, {
    downloadS: +seconds.toFixed(1), throughputMBps: +(packs.bytes / 1e6 / seconds).toFixed(1),
    peakHeapMB: +(peak / 1e6).toFixed(1), heapBeforeMB: +(base / 1e6).toFixed(1), storageMB: +(usage / 1e6).toFixed(1),
  })

  // Draw from the stored pack at 4× CPU slowdown (the basemap is read from Cache Storage, not the network).
  await page.reload()
  await page.waitForFunction(() => (globalThis).__qdBasemap, undefined, { timeout: 30_000 })
  // The view the map opens with is drawn first, so that the first timed draw does not share the page with it.
  await page.waitForFunction(() => !(globalThis).__qdBasemap.isLoading(), undefined, { timeout: 60_000 })
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN })
  const draw = async (lat, lon, z) => page.evaluate(async ([lat, lon, z]) => {
    const map = globalThis.__qdMap
    const layer = globalThis.__qdBasemap
    const t0 = performance.now()
    const loaded = new Promise((done) => layer.once('load', done))
    map.setView([lat, lon], z, { animate: false })
    await loaded
    // Until the frame that shows the new tiles has been produced: a task queued from requestAnimationFrame
    // runs after that frame's paint, which is where canvas drawing is rasterised.
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)))
    return performance.now() - t0
  }, [lat, lon, z])
  for (const z of [13, 15, 16]) {
    const times = []
    for (const [lat, lon] of CENTRES) times.push(await draw(lat, lon, z))
    result[`drawZ${z}Ms`] = Math.round(percentile(times, 50))
  }
  // Frame intervals during a pan (drag) and a pinch-zoom at z15.
  const frames = async (gesture) => {
    await page.evaluate(() => {
      const g = globalThis
      g.__frames = []
      let last = performance.now()
      g.__run = true
      const tick = (t) => {
        g.__frames.push(t - last)
        last = t
        if (g.__run) requestAnimationFrame(tick)
      }
      requestAnimationFrame(tick)
    })
    await gesture()
    await page.waitForTimeout(300)
    return page.evaluate(() => {
      globalThis.__run = false
      return globalThis.__frames.slice(1)
    })
  }
  await draw(CENTRES[0][0], CENTRES[0][1], 15)
  const box = await page.locator('[data-testid=map]').boundingBox()
  const cx = box.x + box.width / 2
  const cy = box.y + box.height / 2
  const pan = await frames(async () => {
    await page.mouse.move(cx, cy)
    await page.mouse.down()
    for (let i = 1; i <= 40; i++) await page.mouse.move(cx - i * 6, cy - i * 4)
    await page.mouse.up()
  })
  const pinch = await frames(() => cdp.send('Input.synthesizePinchGesture', { x: cx, y: cy, scaleFactor: 2, relativeSpeed: 400, gestureSourceType: 'touch' }))
  Object.assign(result, { panP95Ms: Math.round(percentile(pan, 95)), pinchP95Ms: Math.round(percentile(pinch, 95)), panFrames: pan.length, pinchFrames: pinch.length })
  await context.close()
} finally {
  await browser.close()
  await server.close()
  rmSync(served, { force: true })
}
const ok = result.drawZ13Ms <= BUDGETS.drawMs && result.drawZ15Ms <= BUDGETS.drawMs && result.drawZ16Ms <= BUDGETS.drawMs
  && result.panP95Ms <= BUDGETS.frameP95Ms && result.pinchP95Ms <= BUDGETS.frameP95Ms
  && result.peakHeapMB - result.heapBeforeMB <= BUDGETS.peakHeapMB && result.throughputMBps >= BUDGETS.minThroughputMBps
console.log(`detailed map pack ${result.packMB} MB: downloaded and stored in ${result.downloadS} s (${result.throughputMBps} MB/s on loopback), JS heap peak ${result.peakHeapMB} MB (before ${result.heapBeforeMB} MB), storage used ${result.storageMB} MB`)
console.log(`draw 390×844 at ${CPU_SLOWDOWN}× CPU slowdown: z13 ${result.drawZ13Ms} ms, z15 ${result.drawZ15Ms} ms, z16 ${result.drawZ16Ms} ms (budget ${BUDGETS.drawMs} ms); frame p95 pan ${result.panP95Ms} ms, pinch ${result.pinchP95Ms} ms (budget ${BUDGETS.frameP95Ms} ms) → ${ok ? 'ok' : 'OVER'}`)
if (json) console.log(JSON.stringify({ ...result, budgets: BUDGETS, ok }))
process.exit(ok ? 0 : 1)
