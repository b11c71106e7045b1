// Accessibility: axe-core on every route and one detail page of each kind, in zh/ru/en, light and
// dark, with the sheets and dialogs open too; keyboard paths; focus on route change; reduced motion; marker names.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { afterEach, describe, expect, it } from 'vitest'
import type { BrowserContextOptions, Page } from 'playwright-core'
import { open, type Opened, tapVisibleMarker } from './browser'
import { builtContent } from './content'
import { routePaths } from './routes'

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa']
const content = builtContent()

type Violation = { id: string; impact: string | null; help: string; nodes: { target: string; summary: string }[] }

/** axe-core in the page (evaluated over CDP: the app's CSP forbids the inline <script> addScriptTag would add). */
async function axe(page: Page, rules?: string[]): Promise<Violation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE)
  const runOnly = rules ? { type: 'rule', values: rules } : { type: 'tag', values: WCAG }
  return page.evaluate(async (runOnly) => {
    const run = (window as unknown as { axe: { run: (c: Document, o: object) => Promise<{ violations: any[] }> } }).axe.run
    const r = await run(document, { runOnly, resultTypes: ['violations'] })
    return r.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.map((n: any) => ({ target: n.target.join(' '), summary: String(n.failureSummary ?? '').replace(/\s+/g, ' ') })),
    }))
  }, runOnly)
}

function describeViolations(where: string, violations: Violation[]): string[] {
  return violations.flatMap((v) => [
    `${where}: ${v.id} (${v.impact}) — ${v.help}`,
    ...v.nodes.slice(0, 6).map((n) => `    ${n.target}: ${n.summary.slice(0, 300)}`),
  ])
}

/** The page is drawn: its heading, its data and the lazy parts that follow them. */
async function settle(page: Page): Promise<void> {
  await page.locator('main h1').first().waitFor()
  await page.waitForLoadState('networkidle')
  await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))))
}

/**
 * In-app navigation, as a tap on a link does (vue-router follows popstate): no reload, so the app and axe are not
 * parsed again for every page. Waits for the new route's heading and for its requests (lazy chunks) to finish.
 */
async function navigate(page: Page, path: string): Promise<void> {
  const inFlight = new Set<unknown>()
  const add = (r: unknown) => inFlight.add(r)
  const done = (r: unknown) => inFlight.delete(r)
  page.on('request', add)
  page.on('requestfinished', done)
  page.on('requestfailed', done)
  try {
    const moved = await page.evaluate((to) => {
      if (location.pathname === to) return false
      ;(window as unknown as { __h1: unknown }).__h1 = document.querySelector('main h1')
      history.pushState(null, '', to)
      dispatchEvent(new PopStateEvent('popstate', { state: null }))
      return true
    }, path)
    // The new page's own heading (not the old page's, still there for a moment).
    if (moved) {
      await page.waitForFunction((to) => {
        const h1 = document.querySelector('main h1')
        return location.pathname === to && !!h1 && h1 !== (window as unknown as { __h1: unknown }).__h1
      }, path)
    }
    // Quiet for 300 ms: no request in flight.
    for (let quiet = 0; quiet < 3;) {
      await page.waitForTimeout(100)
      quiet = inFlight.size ? 0 : quiet + 1
    }
    await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))))
  } finally {
    page.off('request', add)
    page.off('requestfinished', done)
    page.off('requestfailed', done)
  }
}

/** Rules whose result depends on colours: the only ones that can change between light and dark. */
const COLOUR_RULES = ['color-contrast', 'link-in-text-block']

/** States beyond the first paint that axe must see too: open sheets, dialogs and disclosures. */
async function extraStates(page: Page, path: string): Promise<{ name: string; undo: () => Promise<void> }[]> {
  const states: { name: string; undo: () => Promise<void> }[] = []
  if (path === '/map' && (await page.locator('[data-testid=map-marker]').count())) {
    await tapVisibleMarker(page)
    await page.locator('[data-testid=map-sheet]').waitFor()
    states.push({ name: 'map sheet open', undo: () => page.keyboard.press('Escape') })
  }
  return states
}

let opened: Opened | undefined
afterEach(async () => {
  await opened?.context.close()
  opened = undefined
})

/** Contexts with service workers blocked log workbox-window's failed registration; nothing else may be logged. */
const appErrors = (errors: string[]) => errors.filter((e) => !/^Service worker registration failed/.test(e))

/**
 * WCAG 2.5.8 exempts a target when an equivalent control on the same page meets the size: every map marker's
 * places are also in the list under the map, each with a full-size "Show on map" button. Markers that sit close
 * together at the overview zoom are kept out of target-size only while that list is complete (checked here).
 */
async function withoutEquivalentMarkers(page: Page, violations: Violation[]): Promise<Violation[]> {
  const markers = await page.evaluate(() => [...document.querySelectorAll<HTMLElement>('[data-testid=map-marker]')].flatMap((m) => (m.dataset.places ?? '').split(' ').filter(Boolean)).length)
  if (!markers) return violations
  const listed = await page.locator('[data-testid=map-list-item] button').count()
  if (listed < markers) return violations
  const kept: Violation[] = []
  for (const v of violations) {
    if (v.id !== 'target-size') {
      kept.push(v)
      continue
    }
    const isMarker = await page.evaluate((targets) => targets.map((t) => !!document.querySelector(t)?.closest('[data-testid=map-marker]')), v.nodes.map((n) => n.target))
    const nodes = v.nodes.filter((_, i) => !isMarker[i])
    if (nodes.length) kept.push({ ...v, nodes })
  }
  return kept
}

const LANGS = [['zh-CN', 'zh-CN'], ['ru-RU', 'ru'], ['en-US', 'en']] as const

describe('axe-core: no WCAG 2.2 A/AA violations', () => {
  const paths = routePaths()
  it('covers every route and a detail page of each kind', () => {
    for (const p of ['/', '/map', '/events', '/services', '/info']) expect(paths).toContain(p)
    for (const kind of ['events', 'venues', 'services']) expect(paths.some((p) => p.startsWith(`/${kind}/`)), kind).toBe(true)
  })

  for (const [locale, htmlLang] of LANGS) {
    it(`${htmlLang}, light and dark`, { timeout: 240_000 }, async () => {
      // Service workers blocked: each page is a fresh load of the same build, and the update prompt stays out.
      opened = await open('about:blank', { locale, serviceWorkers: 'block' })
      const { page, errors } = opened
      const problems: string[] = []
      /** Every rule in light, then the colour rules in dark (same page, media emulation switched: no reload). */
      const check = async (where: string) => {
        for (const colorScheme of ['light', 'dark'] as const) {
          await page.emulateMedia({ colorScheme })
          expect(await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(colorScheme === 'dark')
          const found = await withoutEquivalentMarkers(page, await axe(page, colorScheme === 'dark' ? COLOUR_RULES : undefined))
          problems.push(...describeViolations(`${htmlLang} ${colorScheme} ${where}`, found))
        }
        await page.emulateMedia({ colorScheme: 'light' })
      }
      await page.goto('/')
      await settle(page)
      for (const path of paths) {
        await navigate(page, path)
        expect(await page.getAttribute('html', 'lang'), path).toBe(htmlLang)
        if (path === '/info') await page.locator('[data-testid=licences-packages] summary').first().click()
        await check(path)
        for (const state of await extraStates(page, path)) {
          await check(`${path} (${state.name})`)
          await state.undo()
        }
      }
      // Offline, the app shows its offline notice: it must pass too.
      await page.goto('/')
      await settle(page)
      await opened.context.setOffline(true)
      await page.locator('[data-testid=offline-indicator]').waitFor()
      await check('/ (offline)')
      await opened.context.setOffline(false)
      expect(problems.join('\n')).toBe('')
      expect(appErrors(errors)).toEqual([])
    })
  }

  it('catches a violation when there is one (the check itself works)', async () => {
    opened = await open('/', { serviceWorkers: 'block' })
    await settle(opened.page)
    await opened.page.evaluate(() => {
      const b = document.createElement('button')
      b.className = 'btn'
      document.querySelector('main')!.append(b)
    })
    const ids = (await axe(opened.page)).map((v) => v.id)
    expect(ids).toContain('button-name')
  })
})

/** Tab until the focused element matches, up to a limit; returns whether it got there. */
async function tabTo(page: Page, selector: string, limit = 120): Promise<boolean> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab')
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return true
  }
  return false
}
const focused = (page: Page) => page.evaluate(() => {
  const el = document.activeElement
  return el ? { tag: el.tagName.toLowerCase(), testid: (el as HTMLElement).dataset.testid ?? null, text: el.textContent?.trim() ?? '' } : null
})

describe('keyboard', () => {
  const phone: BrowserContextOptions = { locale: 'en-US' }

  it('Tab first reaches the skip link, then the bottom bar; following a link moves focus to the new page heading', async () => {
    opened = await open('/', phone)
    const { page, errors } = opened
    await settle(page)
    await page.keyboard.press('Tab')
    expect(await page.evaluate(() => document.activeElement?.classList.contains('skip'))).toBe(true)
    expect(await tabTo(page, '[data-testid=nav-events]')).toBe(true)
    await page.keyboard.press('Enter')
    await page.waitForURL('**/events')
    await expect.poll(async () => (await focused(page))?.tag).toBe('h1')
    expect((await focused(page))?.text).toBe((await page.locator('main h1').textContent())?.trim())
    // The bar's items are consecutive Tab stops, both ways.
    await page.locator('[data-testid=nav-events]').focus()
    for (const [key, item] of [['Tab', 'services'], ['Tab', 'info'], ['Shift+Tab', 'services'], ['Shift+Tab', 'events'], ['Shift+Tab', 'map'], ['Shift+Tab', 'home']]) {
      await page.keyboard.press(key!)
      expect((await focused(page))?.testid, `${key} → ${item}`).toBe(`nav-${item}`)
    }
    await page.locator('[data-testid=nav-info]').focus()
    await page.keyboard.press('Enter')
    await page.waitForURL('**/info')
    await expect.poll(async () => (await focused(page))?.tag).toBe('h1')
    expect((await focused(page))?.text).toBe((await page.locator('main h1').textContent())?.trim())
    expect(errors).toEqual([])
  })

  it('a map marker is a Tab stop with a name; Enter opens its sheet, Escape closes it and returns to the marker', async () => {
    opened = await open('/map', phone)
    const { page, errors } = opened
    await settle(page)
    await page.locator('[data-testid=map-marker]').first().waitFor()
    expect(await tabTo(page, '[data-testid=map-marker]', 200)).toBe(true)
    const marker = await page.evaluate(() => ({ group: (document.activeElement as HTMLElement).dataset.group, name: document.activeElement?.getAttribute('aria-label') }))
    expect(marker.name).toBeTruthy()
    await page.keyboard.press('Enter')
    await page.locator('[data-testid=map-sheet]').waitFor()
    expect((await focused(page))?.testid).toBe('map-sheet-close')
    await page.keyboard.press('Escape')
    await page.locator('[data-testid=map-sheet]').waitFor({ state: 'detached' })
    expect(await page.evaluate(() => (document.activeElement as HTMLElement).dataset.group)).toBe(marker.group)
    expect(errors).toEqual([])
  })

  it('every map marker has an accessible name', async () => {
    opened = await open('/map', phone)
    const { page } = opened
    await settle(page)
    await page.locator('[data-testid=map-marker]').first().waitFor()
    const unnamed = await page.evaluate(() => {
      const els = [...document.querySelectorAll<HTMLElement | SVGElement>('.leaflet-marker-icon, [data-testid=map-marker], .leaflet-interactive')]
      const name = (el: Element) => (el.getAttribute('aria-label') || el.getAttribute('title') || el.getAttribute('alt') || el.textContent || '').trim()
      // Non-focusable vector shapes (approximate-area circles) are decoration when they carry no handlers.
      const isControl = (el: Element) => el.matches('.leaflet-marker-icon, [data-testid=map-marker], [tabindex], [role=button]')
      return { total: els.filter(isControl).length, unnamed: els.filter((el) => isControl(el) && !name(el)).map((el) => el.outerHTML.slice(0, 120)) }
    })
    expect(unnamed.total).toBeGreaterThan(0)
    expect(unnamed.unnamed).toEqual([])
  })

  it('the phrase card opens as a dialog from the keyboard and Escape closes it back to the card', async () => {
    opened = await open('/info/essentials', phone)
    const { page, errors } = opened
    await settle(page)
    expect(await tabTo(page, '[data-testid=phrase-card]', 200)).toBe(true)
    const card = await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))
    await page.keyboard.press('Enter')
    await page.locator('[data-testid=phrase-dialog][open]').waitFor()
    expect(await page.evaluate(() => !!document.activeElement?.closest('dialog[open]'))).toBe(true)
    const violations = await axe(page)
    expect(describeViolations('phrase dialog', violations).join('\n')).toBe('')
    await page.keyboard.press('Escape')
    await page.locator('[data-testid=phrase-dialog][open]').waitFor({ state: 'detached' })
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(card)
    expect(errors).toEqual([])
  })

  it("the taxi driver card opens from the keyboard, passes axe and closes with Escape", async () => {
    const venue = content.venues.find((v) => v.location)!
    opened = await open(`/venues/${venue.id}`, phone)
    const { page, errors } = opened
    await settle(page)
    expect(await tabTo(page, '[data-testid=driver-open]', 200)).toBe(true)
    await page.keyboard.press('Enter')
    await page.locator('[data-testid=driver-card][open]').waitFor()
    expect(describeViolations('driver card', await axe(page)).join('\n')).toBe('')
    await page.keyboard.press('Escape')
    await page.locator('[data-testid=driver-card][open]').waitFor({ state: 'detached' })
    expect((await focused(page))?.testid).toBe('driver-open')
    expect(errors).toEqual([])
  })
})

describe('prefers-reduced-motion', () => {
  /** Longest transition or animation (seconds) on any element or pseudo-element, with a 2 s probe added by the test. */
  const longestMotion = (page: Page) => page.evaluate(() => {
    const probe = document.createElement('div')
    probe.id = 'motion-probe'
    probe.style.transition = 'opacity 2s'
    probe.style.animation = 'none 3s'
    document.body.append(probe)
    const secs = (v: string) => Math.max(0, ...v.split(',').map((s) => (s.trim().endsWith('ms') ? parseFloat(s) / 1000 : parseFloat(s)) || 0))
    const found: { where: string; s: number }[] = []
    for (const el of document.querySelectorAll('*')) {
      for (const pseudo of [null, '::before', '::after']) {
        const cs = getComputedStyle(el, pseudo)
        const s = Math.max(secs(cs.transitionDuration), secs(cs.animationDuration))
        if (s > 0.001) found.push({ where: `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}.${[...el.classList].join('.')}${pseudo ?? ''}`, s })
      }
    }
    probe.remove()
    return { found, smooth: getComputedStyle(document.documentElement).scrollBehavior }
  })

  it('without the preference, motion is measurable (the check can fail)', async () => {
    opened = await open('/', { reducedMotion: 'no-preference', serviceWorkers: 'block' })
    await settle(opened.page)
    const { found } = await longestMotion(opened.page)
    expect(found.map((f) => f.where)).toContain('div#motion-probe.')
  })

  it('with reduce, no element on any route transitions or animates', async () => {
    opened = await open('/', { reducedMotion: 'reduce', serviceWorkers: 'block' })
    const { page } = opened
    await settle(page)
    const moving: string[] = []
    for (const path of routePaths()) {
      await navigate(page, path)
      const { found, smooth } = await longestMotion(page)
      moving.push(...found.map((f) => `${path} ${f.where} ${f.s}s`))
      if (smooth === 'smooth') moving.push(`${path} html scroll-behavior: smooth`)
    }
    expect(moving).toEqual([])
  })
})
