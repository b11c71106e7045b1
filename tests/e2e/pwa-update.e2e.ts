// Safe updates. A second build with changed content, served at the same origin, brings up the
// "Reload to update" prompt without reloading anything; accepting it activates the new version. A
// corrupted content update is rejected and the last good content stays, online and offline.
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest'
import { execFileSync } from 'node:child_process'
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { startServer } from '../../scripts/serve.mjs'
import { CONTENT_DIR } from '../../src/content/build'
import { goOffline, open, waitForServiceWorker, type Opened } from './browser'
import { builtContent } from './content'

/** Polls wait for the app, not for a speed: the machine may be busy. */
const SLOW = { timeout: 20_000 }

const V1 = inject('distDir')
const V2 = `${V1}-pwa-v2`
const v1 = builtContent()
const EVENT = v1.events[0]!
const SUFFIX = ' (updated)'
const en = JSON.parse(readFileSync('locales/en.json', 'utf8')) as { pwa: Record<string, string> }

type Mode = 'pass' | 'invalid-json' | 'schema-invalid' | 'v2-content'
let mode: Mode = 'pass'
let server: Awaited<ReturnType<typeof startServer>>
let contentDir = ''

/** The content.json revision a build's service worker precaches. */
const precacheRevision = (dist: string) => /"revision":"([^"]+)","url":"data\/content\.json"/.exec(readFileSync(join(dist, 'sw.js'), 'utf8'))?.[1]

beforeAll(() => {
  // The same content with a new version, date of data and one edited event title.
  contentDir = mkdtempSync(join(tmpdir(), 'qd-content-v2-'))
  cpSync(CONTENT_DIR, contentDir, { recursive: true })
  const meta = JSON.parse(readFileSync(join(contentDir, 'meta.json'), 'utf8'))
  writeFileSync(join(contentDir, 'meta.json'), JSON.stringify({ ...meta, version: meta.version + 1, asOf: '2027-01-15' }))
  const events = JSON.parse(readFileSync(join(contentDir, 'events.json'), 'utf8')) as { id: string; title: Record<string, string> }[]
  const target = events.find((e) => e.id === EVENT.id)!
  for (const k of Object.keys(target.title)) target.title[k] += SUFFIX
  writeFileSync(join(contentDir, 'events.json'), JSON.stringify(events))
  execFileSync(process.execPath, [resolve('node_modules/vite/bin/vite.js'), 'build', '--outDir', V2, '--emptyOutDir', '--logLevel', 'error'], {
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production', QD_CONTENT_DIR: contentDir },
  })
}, 180_000)

beforeAll(async () => {
  server = await startServer({
    root: V1,
    onRequest: (req: IncomingMessage, res: ServerResponse) => {
      if (!req.url?.startsWith('/data/content.json') || mode === 'pass') return false
      const headers = { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-cache' }
      const good = readFileSync(join(V2, 'data/content.json'), 'utf8')
      if (mode === 'v2-content') res.writeHead(200, headers).end(good)
      else if (mode === 'invalid-json') res.writeHead(200, headers).end(good.slice(0, good.length / 2))
      else {
        // Well-formed JSON with the new title, but a start that is not a date: the schema must refuse it.
        const doc = JSON.parse(good)
        doc.events[0].start = 'next Tuesday'
        res.writeHead(200, headers).end(JSON.stringify(doc))
      }
      return true
    },
  })
})

afterAll(async () => {
  await server?.close()
  rmSync(contentDir, { recursive: true, force: true })
  rmSync(V2, { recursive: true, force: true })
})

let opened: Opened | undefined
afterEach(async () => {
  await opened?.context.close()
  opened = undefined
  mode = 'pass'
  server.setRoot(V1)
})

const h1 = (o: Opened) => o.page.locator('main h1').first().textContent()

describe('a new version', () => {
  it('brings up the prompt without reloading; accepting activates it; saved data survives', { timeout: 120_000 }, async () => {
    expect(precacheRevision(V2)).toBeDefined()
    expect(precacheRevision(V2)).not.toBe(precacheRevision(V1))
    opened = await open(`${server.url}/events/${EVENT.id}`, { locale: 'en-US' })
    const { page, errors } = opened
    // A saved preference, as a visitor who picked a language has one.
    await page.selectOption('[data-testid=lang-select]', 'en')
    await waitForServiceWorker(page)
    await expect.poll(() => h1(opened!), SLOW).toBe(EVENT.title.en)
    await page.evaluate(() => localStorage.setItem('qd.test-marker', 'kept'))
    const savedBefore = await page.evaluate(() => ({ ...localStorage }))
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 1))

    server.setRoot(V2)
    // What the hourly / on-return check does.
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.update())
    const prompt = page.locator('[data-testid=update-prompt]')
    await prompt.waitFor()
    expect(await prompt.textContent()).toContain(en.pwa.update_reload)
    // Nothing reloaded under the user, and the old version still controls the page.
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(1)
    expect(await page.evaluate(async () => !!(await navigator.serviceWorker.getRegistration())!.waiting)).toBe(true)

    await Promise.all([page.waitForEvent('framenavigated'), page.locator('[data-testid=update-reload]').click()])
    await expect.poll(() => h1(opened!), SLOW).toBe(EVENT.title.en + SUFFIX)
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBeUndefined()
    const state = await page.evaluate(async () => {
      const reg = (await navigator.serviceWorker.getRegistration())!
      const keys: string[] = []
      for (const name of await caches.keys()) for (const req of await (await caches.open(name)).keys()) keys.push(req.url)
      return { waiting: !!reg.waiting, active: reg.active?.state, keys }
    })
    expect(state).toMatchObject({ waiting: false, active: 'activated' })
    // The precache now holds the new build's content, and the old entry is gone.
    expect(state.keys).toContainEqual(expect.stringContaining(`data/content.json?__WB_REVISION__=${precacheRevision(V2)}`))
    expect(state.keys.join(' ')).not.toContain(`__WB_REVISION__=${precacheRevision(V1)}`)
    // "Schedule as of …" shows the new content's date.
    await page.goto(`${server.url}/`)
    await expect.poll(() => page.locator('[data-testid=as-of]').first().textContent(), SLOW).toContain('2027')
    // Favourites (qd.plan), preferences (qd.prefs) and anything else saved are untouched.
    expect(savedBefore['qd.test-marker']).toBe('kept')
    expect(await page.evaluate(() => ({ ...localStorage }))).toMatchObject(savedBefore)
    expect(await page.locator('[data-testid=update-prompt]').count()).toBe(0)
    expect(errors).toEqual([])
  })
})

describe('a content update', () => {
  it('that is corrupt or fails the schema is rejected; the last good content stays, also offline', { timeout: 120_000 }, async () => {
    opened = await open(`${server.url}/events/${EVENT.id}`, { locale: 'en-US' })
    const { context, page } = opened
    await waitForServiceWorker(page)
    await expect.poll(() => h1(opened!), SLOW).toBe(EVENT.title.en)
    // The validated copy is kept as the last good one.
    await expect.poll(() => page.evaluate(async () => !!(await (await caches.open('qd-content-v1')).match('/data/content.json'))), SLOW).toBe(true)

    for (const bad of ['invalid-json', 'schema-invalid'] as const) {
      mode = bad
      await page.reload()
      await page.locator('[data-testid=notice]', { hasText: en.pwa.content_rejected! }).waitFor()
      expect(await h1(opened), bad).toBe(EVENT.title.en)
      expect(await page.locator('[data-testid=content-error]').count()).toBe(0)
    }

    // With no kept copy at all (as when a new version's schema refuses an old copy), the build's own copy.
    await page.evaluate(async () => void (await (await caches.open('qd-content-v1')).delete('/data/content.json')))
    await page.reload()
    await page.locator('[data-testid=notice]', { hasText: en.pwa.content_rejected! }).waitFor()
    expect(await h1(opened)).toBe(EVENT.title.en)
    expect(await page.locator('[data-testid=content-error]').count()).toBe(0)

    // Offline: the last good copy, not the rejected one.
    await goOffline(context)
    await page.reload()
    await expect.poll(() => h1(opened!), SLOW).toBe(EVENT.title.en)
    await context.unroute('**')
    await context.setOffline(false)

    // Control: a valid update through the same path is taken, and becomes the last good copy.
    mode = 'v2-content'
    await page.reload()
    await expect.poll(() => h1(opened!), SLOW).toBe(EVENT.title.en + SUFFIX)
    await goOffline(context)
    await page.reload()
    await expect.poll(() => h1(opened!), SLOW).toBe(EVENT.title.en + SUFFIX)
  })
})
