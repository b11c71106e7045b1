// One small surface over the two non-Chromium engines, so the smoke journeys are written once:
// Gecko (Debian's firefox-esr) through puppeteer-core over WebDriver BiDi, and WebKit (WebKitGTK's MiniBrowser)
// through WebKitWebDriver's W3C WebDriver HTTP API, under Xvfb. Nothing here downloads a browser.
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'

/** A function run in the page: self-contained (no closures), arguments and result JSON-serialisable. */
type InPage<A extends unknown[], R> = (...args: A) => R | Promise<R>

export interface EnginePage {
  /** Navigate and wait for the load event. */
  goto(url: string): Promise<void>
  run<A extends unknown[], R>(fn: InPage<A, R>, ...args: A): Promise<R>
  /** A real click (the engine's own input events) on the first element matching `selector`. */
  click(selector: string): Promise<void>
  /** Resize so the page's layout viewport is as close to width×height as the engine allows; returns what it got. */
  viewport(width: number, height: number): Promise<{ width: number; height: number }>
  screenshot(path: string): Promise<void>
  close(): Promise<void>
}

export interface Engine {
  name: 'webkit' | 'firefox'
  /** A new page with its own storage, whose browser reports `locale` as its language. */
  page(locale: string): Promise<EnginePage>
  close(): Promise<void>
}

export const TIME_ZONE = 'Europe/Moscow'
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer()
    s.once('error', fail)
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number }
      s.close(() => ok(port))
    })
  })
}

// ---------- Gecko ----------

export async function firefox(): Promise<Engine> {
  const { default: puppeteer } = await import('puppeteer-core')
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr',
    headless: true,
    // The visitor's clock: the process zone (Gecko reads TZ), so the page sees a zone other than Qingdao's.
    env: { ...process.env, TZ: TIME_ZONE },
  })
  return {
    name: 'firefox',
    async page(locale) {
      const context = await browser.createBrowserContext()
      // WebDriver BiDi's locale emulation sets navigator.language(s) and Intl's default for this context only.
      // (puppeteer's BiDi browser exposes its connection; the Browser type does not declare it).
      const bidi = (browser as unknown as { connection: { send(method: string, params: unknown): Promise<unknown> } }).connection
      await bidi.send('emulation.setLocaleOverride', { locale, userContexts: [context.id] })
      const page = await context.newPage()
      return {
        goto: async (url) => void (await page.goto(url, { waitUntil: 'load' })),
        run: (fn, ...args) => page.evaluate(fn as never, ...(args as unknown as never[])) as never,
        click: (selector) => page.click(selector),
        async viewport(width, height) {
          await page.setViewport({ width, height })
          return page.evaluate(() => ({ width: innerWidth, height: innerHeight }))
        },
        screenshot: async (path) => void (await page.screenshot({ path: path as `${string}.png` })),
        close: () => context.close(),
      }
    },
    close: () => browser.close(),
  }
}

// ---------- WebKit ----------

const MINIBROWSER = ['/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser', '/usr/lib/aarch64-linux-gnu/webkit2gtk-4.1/MiniBrowser']
const LOCALE_DIR = '.e2e/locales'

/**
 * WebKitGTK takes the page's language from the process locale (LANG), which the C library must know: the
 * locales are compiled with localedef into a folder of the checkout (LOCPATH) rather than into the system.
 */
async function compiledLocale(locale: string): Promise<string> {
  const name = `${locale.replace('-', '_')}.UTF-8`
  if (!existsSync(`${LOCALE_DIR}/${name}`)) {
    mkdirSync(LOCALE_DIR, { recursive: true })
    await new Promise<void>((ok, fail) => {
      const p = spawn('localedef', ['-i', locale.replace('-', '_'), '-f', 'UTF-8', `${LOCALE_DIR}/${name}`], { stdio: 'ignore' })
      p.on('exit', (code) => (code === 0 || code === 1 ? ok() : fail(new Error(`localedef ${name}: exit ${code}`))))
      p.on('error', fail)
    })
  }
  return name
}

async function startXvfb(): Promise<{ display: string; proc: ChildProcess }> {
  for (let n = 90 + Math.floor(Math.random() * 100); ; n++) {
    if (existsSync(`/tmp/.X11-unix/X${n}`) || existsSync(`/tmp/.X${n}-lock`)) continue
    const proc = spawn('Xvfb', [`:${n}`, '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], { stdio: 'ignore' })
    for (let i = 0; i < 50 && !existsSync(`/tmp/.X11-unix/X${n}`); i++) await sleep(100)
    if (proc.exitCode === null && existsSync(`/tmp/.X11-unix/X${n}`)) return { display: `:${n}`, proc }
    proc.kill()
  }
}

type WdValue = { value: unknown }
async function wd(base: string, method: string, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(base + path, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const { value } = (await res.json()) as WdValue
  const err = value as { error?: string; message?: string } | null
  if (err && typeof err === 'object' && 'error' in err && err.error) throw new Error(`WebDriver ${path}: ${err.error}: ${err.message}`)
  return value
}

export async function webkit(): Promise<Engine> {
  const binary = MINIBROWSER.find(existsSync)
  if (!binary) throw new Error('MiniBrowser not found: install Debian\'s webkit2gtk-driver (scripts/ensure-system-deps.sh)')
  const x = await startXvfb()
  const drivers: ChildProcess[] = []
  return {
    name: 'webkit',
    async page(locale) {
      // The language is per process: one driver (and its MiniBrowser) per page.
      const port = await freePort()
      const driver = spawn('WebKitWebDriver', [`--port=${port}`], {
        stdio: 'ignore',
        env: { ...process.env, DISPLAY: x.display, TZ: TIME_ZONE, LANG: await compiledLocale(locale), LOCPATH: LOCALE_DIR, LC_ALL: '' },
      })
      drivers.push(driver)
      const base = `http://127.0.0.1:${port}`
      for (let i = 0; ; i++) {
        try {
          await wd(base, 'GET', '/status')
          break
        } catch (e) {
          if (i > 100) throw e
          await sleep(100)
        }
      }
      const session = (await wd(base, 'POST', '/session', {
        capabilities: { alwaysMatch: { browserName: 'MiniBrowser', 'webkitgtk:browserOptions': { binary, args: ['--automation'] } } },
      })) as { sessionId: string }
      const s = (method: string, path: string, body?: unknown) => wd(base, method, `/session/${session.sessionId}${path}`, body)
      return {
        goto: async (url) => void (await s('POST', '/url', { url })),
        async run(fn, ...args) {
          const script = `const done = arguments[arguments.length - 1];
            Promise.resolve((${fn.toString()}).apply(null, Array.prototype.slice.call(arguments, 0, -1)))
              .then((v) => done({ ok: v === undefined ? null : v }), (e) => done({ error: String(e && e.stack || e) }))`
          const r = (await s('POST', '/execute/async', { script, args })) as { ok?: unknown; error?: string }
          if (r.error) throw new Error(r.error)
          return r.ok as never
        },
        async click(selector) {
          const el = (await s('POST', '/element', { using: 'css selector', value: selector })) as Record<string, string>
          await s('POST', `/element/${Object.values(el)[0]}/click`, {})
        },
        async viewport(width, height) {
          // The window rect includes MiniBrowser's tool bar: measure it once, then ask for the difference.
          const inner = async () => (await s('POST', '/execute/sync', { script: 'return [innerWidth, innerHeight]', args: [] })) as [number, number]
          const [w0, h0] = await inner()
          const rect = (await s('GET', '/window/rect')) as { width: number; height: number }
          await s('POST', '/window/rect', { width: width + rect.width - w0, height: height + rect.height - h0 })
          const [w, h] = await inner()
          return { width: w, height: h }
        },
        screenshot: async (path) => writeFileSync(path, Buffer.from((await s('GET', '/screenshot')) as string, 'base64')),
        async close() {
          await s('DELETE', '').catch(() => undefined)
          driver.kill()
        },
      }
    },
    async close() {
      for (const d of drivers) d.kill()
      x.proc.kill()
    },
  }
}

/** Poll `fn` in the page until it returns a truthy value. */
export async function waitFor<A extends unknown[], R>(page: EnginePage, fn: InPage<A, R>, ...args: A): Promise<NonNullable<R>> {
  let last: unknown
  for (let i = 0; i < 200; i++) {
    try {
      const v = await page.run(fn, ...args)
      if (v) return v as NonNullable<R>
    } catch (e) {
      last = e
    }
    await sleep(150)
  }
  const where = await page.run(() => `${location.href}: ${document.body.innerText.replace(/\s+/g, ' ').slice(0, 400)}`).catch(String)
  throw new Error(`timed out waiting for ${fn.toString().slice(0, 160)}${last ? `: ${String(last)}` : ''} (page at ${where})`)
}
