#!/usr/bin/env node
// Renders every app icon from the one source, public/icon.svg, with the system Chromium
// (playwright-core, no image libraries): `npm run icons`. Output in public/icons/.
//   icon-192.png, icon-512.png      purpose "any": the artwork as drawn (transparent rounded corners)
//   icon-maskable-512.png           purpose "maskable": full-bleed sea, artwork inside the 80 % safe circle
//   apple-touch-icon.png (180)      iOS: full-bleed and opaque (iOS rounds the corners itself)
import { readFileSync, mkdirSync } from 'node:fs'
import { chromium } from 'playwright-core'

const SOURCE = new URL('../public/icon.svg', import.meta.url)
const OUT = new URL('../public/icons/', import.meta.url)
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

/** scale: how much of the canvas the artwork fills when the background is full-bleed. */
const TARGETS = [
  { file: 'icon-192.png', size: 192 },
  { file: 'icon-512.png', size: 512 },
  // The safe zone is a circle of radius 40 %: at 0.72 the wave ends and the pearl stay inside it.
  { file: 'icon-maskable-512.png', size: 512, fullBleed: 0.72 },
  { file: 'apple-touch-icon.png', size: 180, fullBleed: 0.86 },
  // Legibility check at launcher size: written to the git-ignored screenshots/ folder, not shipped.
  { file: '../../screenshots/pwa-icon-48.png', size: 48 },
]

const svg = readFileSync(SOURCE, 'utf8')
mkdirSync(OUT, { recursive: true })
mkdirSync(new URL('../screenshots/', import.meta.url), { recursive: true })
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: ['--no-sandbox', '--disable-gpu'] })
try {
  const page = await browser.newPage({ deviceScaleFactor: 1 })
  for (const t of TARGETS) {
    await page.setViewportSize({ width: t.size, height: t.size })
    await page.setContent(`<!doctype html><html><body style="margin:0;background:transparent">${svg}</body></html>`)
    await page.evaluate(({ size, fullBleed }) => {
      const root = document.querySelector('svg')
      root.setAttribute('width', String(size))
      root.setAttribute('height', String(size))
      root.style.display = 'block'
      if (!fullBleed) return
      // The first <rect> is the background tile: square it off and shrink the artwork into the centre.
      const bg = root.querySelector('rect')
      bg.setAttribute('rx', '0')
      const g = document.createElementNS('http://www.w3.org/2000/svg', 'g')
      const offset = (512 * (1 - fullBleed)) / 2
      g.setAttribute('transform', `translate(${offset} ${offset}) scale(${fullBleed})`)
      for (const el of [...root.children]) if (el !== bg && el.tagName !== 'defs') g.appendChild(el)
      root.appendChild(g)
    }, t)
    await page.screenshot({ path: new URL(t.file, OUT).pathname, omitBackground: !t.fullBleed })
    console.log(`${new URL(t.file, OUT).pathname} ${t.size}×${t.size}`)
  }
} finally {
  await browser.close()
}
