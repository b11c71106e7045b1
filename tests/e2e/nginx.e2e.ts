// The built app behind the real web server operators use: Debian's nginx with deploy/nginx.conf, started
// here as a child process on 127.0.0.1 (scripts/ensure-system-deps.sh installs the package when missing).
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest'
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { renderNginxConfig } from '../../scripts/nginx-config.mjs'
import { chromium } from 'playwright-core'
import { CHROMIUM_ARGS, CHROMIUM_PATH, PHONE, goOffline, open, waitForServiceWorker, type Opened } from './browser'
import { builtContent } from './content'

const NGINX = '/usr/sbin/nginx'
const dist = inject('distDir')
const content = builtContent()
let prefix = ''
let nginx: ChildProcess | undefined
let base = ''
let opened: Opened | undefined

type Reply = { status: number; headers: Record<string, string>; bytes: number; body: Buffer }

function get(path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Reply> {
  return new Promise((ok, fail) => {
    const req = request(`${base}${path}`, { method, headers }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => {
        const body = Buffer.concat(chunks)
        const h: Record<string, string> = {}
        for (const [k, v] of Object.entries(res.headers)) h[k] = Array.isArray(v) ? v.join(', ') : String(v)
        ok({ status: res.statusCode ?? 0, headers: h, bytes: body.length, body })
      })
    })
    req.on('error', fail)
    req.end()
  })
}

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer()
    s.once('error', fail)
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port
      s.close(() => ok(port))
    })
  })
}

const firstFile = (dir: string, re: RegExp) => readdirSync(join(dist, dir)).find((f) => re.test(f))
const pmtiles = existsSync(join(dist, 'maps')) ? firstFile('maps', /\.pmtiles$/) : undefined

beforeAll(async () => {
  if (!existsSync(NGINX)) throw new Error(`${NGINX} is missing: run scripts/ensure-system-deps.sh (npm test does)`)
  prefix = mkdtempSync(join(tmpdir(), 'qd-nginx-'))
  // Workers drop to an unprivileged user when the test runs as root: they must reach the prefix.
  chmodSync(prefix, 0o755)
  const port = await freePort()
  base = `http://127.0.0.1:${port}`
  // The e2e build allows loopback hosts in its <meta> policy (map tests run local tile servers): the header matches it.
  writeFileSync(join(prefix, 'site.conf'), renderNginxConfig({ root: dist, listen: [`127.0.0.1:${port}`], serverName: 'localhost', loopback: true }))
  writeFileSync(join(prefix, 'nginx.conf'), `
events { worker_connections 128; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  sendfile on;
  log_format qd '$status $request_method $uri range="$http_range" bytes=$body_bytes_sent';
  access_log ${prefix}/access.log qd;
  client_body_temp_path ${prefix}/body;
  proxy_temp_path ${prefix}/proxy;
  fastcgi_temp_path ${prefix}/fastcgi;
  uwsgi_temp_path ${prefix}/uwsgi;
  scgi_temp_path ${prefix}/scgi;
  include ${prefix}/site.conf;
}
`)
  const args = ['-p', prefix, '-c', join(prefix, 'nginx.conf'), '-e', join(prefix, 'error.log'),
    '-g', `daemon off; master_process on; pid ${prefix}/nginx.pid; error_log ${prefix}/error.log warn;`]
  const test = spawnSync(NGINX, ['-t', ...args], { encoding: 'utf8' })
  expect(test.status, test.stderr).toBe(0)
  nginx = spawn(NGINX, args, { stdio: ['ignore', 'ignore', 'pipe'] })
  let stderr = ''
  nginx.stderr?.on('data', (d: Buffer) => (stderr += String(d)))
  for (let i = 0; ; i++) {
    try {
      await get('/robots.txt')
      break
    } catch {
      if (i > 100 || nginx.exitCode !== null) throw new Error(`nginx did not start: ${stderr}${readFileSync(join(prefix, 'error.log'), 'utf8')}`)
      await new Promise((r) => setTimeout(r, 50))
    }
  }
})

afterAll(async () => {
  if (nginx && nginx.exitCode === null) {
    const exited = new Promise((r) => nginx!.once('exit', r))
    nginx.kill('SIGTERM')
    await exited
  }
  if (prefix) rmSync(prefix, { recursive: true, force: true })
})

afterEach(async () => {
  await opened?.context.close()
  opened = undefined
})

describe('nginx serves the build with the right headers', () => {
  const js = () => `/assets/${firstFile('assets', /^index-.*\.js$/)}`

  it('cache policy, types and security headers per kind of file (printed as a table)', async () => {
    const rows: [string, string][] = [
      ['/', 'app shell'],
      [`/events/${content.events[0]!.id}`, 'deep link'],
      ['/index.html', 'index.html'],
      ['/sw.js', 'service worker'],
      ['/manifest.webmanifest', 'manifest'],
      [js(), 'hashed JS'],
      [`/assets/${firstFile('assets', /\.css$/)}`, 'hashed CSS'],
      ['/data/content.json', 'content'],
      ...(existsSync(join(dist, 'maps/packs.json')) ? [['/maps/packs.json', 'basemap index'] as [string, string]] : []),
      ...(pmtiles ? [[`/maps/${pmtiles}`, 'basemap'] as [string, string]] : []),
      ['/favicon.svg', 'icon'],
      ['/lang.js', 'start script'],
      ['/assets/no-such-chunk.js', 'missing asset'],
    ]
    const table: string[] = ['| path | what | status | Cache-Control | Content-Type | gzip | Accept-Ranges |', '|---|---|---|---|---|---|---|']
    const replies = new Map<string, Reply>()
    for (const [path, what] of rows) {
      const r = await get(path, { 'Accept-Encoding': 'gzip' })
      replies.set(what, r)
      table.push(`| ${path.length > 48 ? `${path.slice(0, 45)}…` : path} | ${what} | ${r.status} | ${r.headers['cache-control'] ?? '–'} | ${(r.headers['content-type'] ?? '–').replace('; charset=utf-8', '')} | ${r.headers['content-encoding'] ?? '–'} | ${r.headers['accept-ranges'] ?? '–'} |`)
    }
    const csp = replies.get('app shell')!.headers['content-security-policy'] ?? ''
    table.push('', `Content-Security-Policy: ${csp}`)
    for (const h of ['x-content-type-options', 'referrer-policy', 'permissions-policy', 'x-frame-options', 'cross-origin-opener-policy']) {
      table.push(`${h}: ${replies.get('app shell')!.headers[h]}`)
    }
    console.log(`\nnginx ${spawnSync(NGINX, ['-v'], { encoding: 'utf8' }).stderr.trim()} with deploy/nginx.conf\n${table.join('\n')}\n`)

    const cc = (what: string) => replies.get(what)!.headers['cache-control']
    for (const what of ['app shell', 'deep link', 'index.html', 'service worker', 'manifest', 'content', 'icon', 'start script']) {
      expect(replies.get(what)!.status, what).toBe(200)
      expect(cc(what), what).toBe('no-cache')
    }
    expect(cc('hashed JS')).toBe('public, max-age=31536000, immutable')
    expect(cc('hashed CSS')).toBe('public, max-age=31536000, immutable')
    if (pmtiles) {
      expect(cc('basemap')).toBe('public, max-age=31536000, immutable')
      expect(replies.get('basemap')!.headers['accept-ranges']).toBe('bytes')
      expect(replies.get('basemap')!.headers['content-encoding']).toBeUndefined()
      expect(cc('basemap index')).toBe('no-cache')
    }
    const missing = replies.get('missing asset')!
    expect(missing.status).toBe(404)
    expect(missing.headers['cache-control']).toBeUndefined()
    expect(replies.get('manifest')!.headers['content-type']).toBe('application/manifest+json; charset=utf-8')
    expect(replies.get('content')!.headers['content-type']).toBe('application/json; charset=utf-8')
    expect(replies.get('service worker')!.headers['content-type']).toMatch(/^application\/javascript/)

    for (const [what, r] of replies) {
      expect(r.headers['x-content-type-options'], what).toBe('nosniff')
      expect(r.headers['content-security-policy'], what).toBe(csp)
    }
    expect(csp).toMatch(/(^|; )default-src 'self'(;|$)/)
    expect(csp).toMatch(/(^|; )script-src 'self'(;|$)/)
    expect(csp).toMatch(/(^|; )style-src 'self'(;|$)/)
    expect(csp).toContain("frame-ancestors 'none'")
    expect(csp).toContain("object-src 'none'")
    expect(csp).toContain("base-uri 'self'")
    expect(csp).not.toContain('unsafe-eval')
    expect(csp).not.toContain('unsafe-inline')
    expect(replies.get('app shell')!.headers['referrer-policy']).toBe('strict-origin-when-cross-origin')
    expect(replies.get('app shell')!.headers['permissions-policy']).toContain('geolocation=(self)')
  })

  it('the built index.html has no inline script or style for the policy to allow', () => {
    const html = readFileSync(join(dist, 'index.html'), 'utf8')
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)]
    expect(scripts.length).toBeGreaterThan(0)
    for (const [, attrs, body] of scripts) {
      expect(attrs).toMatch(/\bsrc=/)
      expect(body!.trim()).toBe('')
    }
    expect(html).not.toMatch(/<style\b/)
    expect(html).not.toMatch(/\sstyle=/)
    expect(html).not.toMatch(/\son[a-z]+=/)
  })

  it('deep links get the app shell; a missing file with an extension is a 404', async () => {
    const shell = await get('/index.html')
    for (const path of [`/events/${content.events[0]!.id}`, `/venues/${content.venues[0]!.id}`, '/map', '/info']) {
      const r = await get(path)
      expect(r.status, path).toBe(200)
      expect(r.headers['content-type'], path).toBe('text/html; charset=utf-8')
      expect(r.body.equals(shell.body), path).toBe(true)
    }
    expect((await get('/no-such-file.png')).status).toBe(404)
    expect((await get('/.env')).status).toBe(404)
  })

  it('answers byte ranges with 206 and the right Content-Range', async () => {
    const path = pmtiles ? `/maps/${pmtiles}` : '/data/content.json'
    const whole = await get(path)
    const size = whole.bytes
    const head = await get(path, { Range: 'bytes=0-126' })
    expect(head.status).toBe(206)
    expect(head.headers['content-range']).toBe(`bytes 0-126/${size}`)
    expect(head.bytes).toBe(127)
    expect(head.body.equals(whole.body.subarray(0, 127))).toBe(true)
    const tail = await get(path, { Range: 'bytes=-100' })
    expect(tail.status).toBe(206)
    expect(tail.headers['content-range']).toBe(`bytes ${size - 100}-${size - 1}/${size}`)
    expect(tail.body.equals(whole.body.subarray(size - 100))).toBe(true)
    const beyond = await get(path, { Range: `bytes=${size + 10}-` })
    expect(beyond.status).toBe(416)
    expect(beyond.headers['content-range']).toBe(`bytes */${size}`)
  })

  it('resumes a pack download: If-Range with its strong ETag gives the rest, another ETag gives the whole file', async () => {
    if (!pmtiles) return
    const path = `/maps/${pmtiles}`
    const whole = await get(path)
    const etag = whole.headers.etag ?? ''
    expect(etag).toMatch(/^"/)
    const half = Math.floor(whole.bytes / 2)
    const rest = await get(path, { Range: `bytes=${half}-`, 'If-Range': etag })
    expect(rest.status).toBe(206)
    expect(rest.body.equals(whole.body.subarray(half))).toBe(true)
    const changed = await get(path, { Range: `bytes=${half}-`, 'If-Range': '"another-version"' })
    expect(changed.status).toBe(200)
    expect(changed.bytes).toBe(whole.bytes)
  })

  it('compresses text with gzip when asked, and only then', async () => {
    const plain = await get(js())
    const zipped = await get(js(), { 'Accept-Encoding': 'gzip' })
    expect(plain.headers['content-encoding']).toBeUndefined()
    expect(zipped.headers['content-encoding']).toBe('gzip')
    expect(zipped.headers.vary).toContain('Accept-Encoding')
    expect(zipped.bytes).toBeLessThan(plain.bytes / 2)
    for (const path of ['/data/content.json', '/manifest.webmanifest', '/', '/sw.js']) {
      expect((await get(path, { 'Accept-Encoding': 'gzip' })).headers['content-encoding'], path).toBe('gzip')
    }
  })
})

describe('nginx is safe to expose', () => {
  it('denies dotfiles everywhere, /assets/ included', async () => {
    const planted = [join(dist, '.env'), join(dist, 'assets', '.hidden'), join(dist, 'data', '.secret.json')]
    for (const f of planted) writeFileSync(f, 'SECRET')
    try {
      for (const path of ['/.env', '/assets/.hidden', '/data/.secret.json', '/.git/config', '/assets/%2ehidden']) {
        const r = await get(path)
        expect(r.status, path).toBe(404)
        expect(r.body.toString(), path).not.toContain('SECRET')
      }
    } finally {
      for (const f of planted) rmSync(f, { force: true })
    }
  })

  it('answers one range at most: a multi-range request gets the whole file', async () => {
    const r = await get('/data/content.json', { Range: 'bytes=0-1,3-4,6-7' })
    expect(r.status).toBe(200)
    expect(r.headers['content-type']).not.toContain('multipart')
  })

  it('sends the .gz and .br the build wrote instead of compressing each response', async () => {
    for (const path of ['/index.html', '/data/content.json', `/assets/${firstFile('assets', /^index-.*\.js$/)}`]) {
      const file = join(dist, path)
      expect(existsSync(`${file}.gz`), `${path}.gz`).toBe(true)
      expect(existsSync(`${file}.br`), `${path}.br`).toBe(true)
      const r = await get(path, { 'Accept-Encoding': 'gzip' })
      expect(r.headers['content-encoding'], path).toBe('gzip')
      // On-the-fly gzip streams without a length; a precompressed file is sent whole, with its own.
      expect(r.headers['content-length'], path).toBe(String(readFileSync(`${file}.gz`).length))
    }
  })
})

describe('visitors through nginx', () => {
  it('install: the service worker controls the page and Chromium finds no installability error', async () => {
    // Contexts of the shared browser are off the record, which Chromium reports as "in-incognito":
    // the install check gets a browser with a real (temporary) profile of its own.
    const profile = mkdtempSync(join(tmpdir(), 'qd-profile-'))
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS, ...PHONE, baseURL: base, locale: 'en-US',
    })
    try {
      const page = context.pages()[0] ?? (await context.newPage())
      const errors: string[] = []
      page.on('console', (m) => void (m.type() === 'error' && errors.push(m.text())))
      page.on('pageerror', (e) => errors.push(String(e)))
      page.on('response', (r) => void (r.status() >= 400 && errors.push(`${r.status()} ${new URL(r.url()).pathname}`)))
      await page.goto('/')
      await waitForServiceWorker(page)
      expect(await page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true)
      const cdp = await context.newCDPSession(page)
      const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as { installabilityErrors: { errorId: string }[] }
      console.log(`\nPage.getInstallabilityErrors through nginx: ${JSON.stringify(installabilityErrors)}\n`)
      expect(installabilityErrors.map((e) => e.errorId)).toEqual([])
      // A Content-Security-Policy violation would show here as a console error.
      expect(errors).toEqual([])
    } finally {
      await context.close()
      rmSync(profile, { recursive: true, force: true })
    }
  })

  it('offline: a cold reload of a deep link works from the service worker', async () => {
    const event = content.events[0]!
    opened = await open(`/events/${event.id}`, { baseURL: base, locale: 'en-US' })
    const { page, context, errors } = opened
    await waitForServiceWorker(page)
    await expect.poll(() => page.locator('h1').textContent()).toBe(event.title.en)
    // Everything precached (the service worker is active only after its install, which precaches).
    await page.evaluate(() => navigator.serviceWorker.ready)
    await goOffline(context)
    const venue = content.venues[0]!
    await page.goto(`/venues/${venue.id}`)
    await expect.poll(() => page.locator('h1').textContent()).toBe(venue.name.en)
    await page.reload()
    await expect.poll(() => page.locator('h1').textContent()).toBe(venue.name.en)
    expect(errors.filter((e) => !/ERR_INTERNET_DISCONNECTED|Failed to fetch/.test(e))).toEqual([])
  })

  it('map download: the basemap comes from nginx and is answered offline with ranges', async () => {
    expect(pmtiles, 'the build has a basemap under /maps').toBeTruthy()
    opened = await open('/map', { baseURL: base, locale: 'en-US' })
    const { page, context } = opened
    await waitForServiceWorker(page)
    await page.locator('[data-testid=map-pack-download]').click()
    await page.locator('[data-testid=map-pack-stored]').waitFor({ timeout: 30_000 })
    const log = readFileSync(join(prefix, 'access.log'), 'utf8').split('\n').filter((l) => l.includes('.pmtiles'))
    console.log(`\nnginx access log, basemap requests:\n${log.join('\n')}\n`)
    expect(log.some((l) => l.startsWith('200 GET ') && l.includes('range="-"'))).toBe(true)
    await goOffline(context)
    await page.reload()
    await page.locator('[data-testid=map]').waitFor()
    const offline = await page.evaluate(async (url) => {
      const r = await fetch(url, { headers: { Range: 'bytes=0-126' } })
      return { status: r.status, range: r.headers.get('content-range'), bytes: (await r.arrayBuffer()).byteLength }
    }, `/maps/${pmtiles}`)
    const size = (await get(`/maps/${pmtiles}`, {}, 'HEAD')).headers['content-length']
    expect(offline).toEqual({ status: 206, range: `bytes 0-126/${size}`, bytes: 127 })
  })
})
