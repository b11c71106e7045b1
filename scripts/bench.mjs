#!/usr/bin/env node
// The quality benchmark: builds the app into its own folder, serves it with scripts/serve.mjs and
// measures bundle sizes, Lighthouse (mobile, simulated throttling, local Chromium, median of 3), offline cold
// start, schedule filtering with 5,000 events and map first render with 1,000 points. Writes reports/bench.json
// and reports/bench.md; exits 1 when a budget is breached (2 when a part could not run).
//
//   npm run bench                      # everything (~2–3 min on 2 cores)
//   npm run bench -- --only sizes      # build + sizes only (what the test command checks too)
//   npm run bench -- --only lighthouse,map --no-build --runs 1
//
// Options: --only a,b (sizes, lighthouse, offline, schedule, map, mappack, search, load), --no-build (reuse --dist), --dist DIR
// (default .e2e/bench), --runs N (Lighthouse runs, default 3), --path /route (Lighthouse page, default /).
import { execFileSync, spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os, { tmpdir } from 'node:os'
import { extname, join, normalize, resolve } from 'node:path'
import { gzipSync } from 'node:zlib'
import { fileURLToPath } from 'node:url'
import { BUDGETS, measure } from './sizes.mjs'
import { cacheControl, startServer } from './serve.mjs'
import { blockingTime } from './trace-blocking.mjs'

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)))
const PARTS = ['sizes', 'lighthouse', 'offline', 'schedule', 'map', 'mappack', 'search', 'load']
const CHROME = process.env.CHROME_PATH ?? process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

/** Lighthouse budgets: scores are 0–100, LCP/TBT in ms, CLS unitless. */
export const LH_BUDGETS = { performance: 95, accessibility: 100, 'best-practices': 100, seo: 90, lcp: 1800, tbt: 100, cls: 0.02 }
/** The helpers' scripts check their own budgets; these are shown in the report. */
const EXTERNAL = {
  offline: { script: 'scripts/bench-offline.mjs', what: 'offline cold start, 4× CPU slowdown', budget: 'first content ≤ 1000 ms' },
  schedule: { script: 'scripts/bench-schedule.mjs', what: 'schedule with 5,000 events', budget: 'filter ≤ 16 ms per keystroke, day list ≤ 100 ms' },
  map: { script: 'scripts/bench-map.mjs', what: 'map with 1,000 points', budget: 'first render ≤ 300 ms' },
  mappack: { script: 'scripts/bench-map-pack.mjs', what: 'detailed map, 50 MB street pack', budget: 'draw ≤ 150 ms at 4× CPU, pan/pinch frame p95 ≤ 33 ms, heap +≤ 48 MB' },
  search: { script: 'scripts/bench-search.mjs', what: 'one search, 5,000 events + 1,000 places, 4× CPU slowdown', budget: 'p95 ≤ 16 ms per keystroke' },
  load: { script: 'scripts/bench-load.mjs', what: 'nginx under loopback load: precompressed vs on-the-fly gzip (×)', budget: 'reported, ≤ 30 s' },
}

function parseArgs(argv) {
  const o = { only: PARTS, build: true, dist: '.e2e/bench', runs: 3, path: '/', idleWait: 180 }
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    const next = () => argv[++i] ?? ''
    if (a === '--only') o.only = next().split(',').map((s) => s.trim()).filter(Boolean)
    else if (a.startsWith('--only=')) o.only = a.slice(7).split(',')
    else if (a === '--no-build') o.build = false
    else if (a === '--dist') o.dist = next()
    else if (a === '--runs') o.runs = Math.max(1, Number(next()) || 3)
    else if (a === '--path') o.path = next()
    else if (a === '--idle-wait') o.idleWait = Math.max(0, Number(next()) || 0)
    else throw new Error(`unknown option ${a}`)
  }
  for (const p of o.only) if (!PARTS.includes(p)) throw new Error(`--only: unknown part "${p}" (${PARTS.join(', ')})`)
  o.dist = resolve(ROOT, o.dist)
  return o
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  const m = Math.floor(s.length / 2)
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2
}
const seconds = (t0) => Math.round((performance.now() - t0) / 100) / 10

/** Checks are rows of the report: what, measured value, budget text, pass. */
function check(part, name, value, unit, budget, ok) {
  return { part, name, value, unit, budget, ok }
}

export function sizeChecks(m) {
  const rows = [check('sizes', 'home route JS (gzip)', m.homeJs, 'KiB', `≤ ${BUDGETS.homeJs}`, m.homeJs <= BUDGETS.homeJs)]
  for (const [route, kib] of Object.entries(m.routes)) {
    rows.push(check('sizes', `+ ${route} (gzip)`, kib, 'KiB', `≤ ${BUDGETS.routeJs}`, kib <= BUDGETS.routeJs))
  }
  rows.push(check('sizes', 'CSS (gzip)', m.css, 'KiB', `≤ ${BUDGETS.css}`, m.css <= BUDGETS.css))
  rows.push(check('sizes', `precache (${m.precacheEntries} entries, raw)`, m.precache, 'KiB', `≤ ${BUDGETS.precache}`, m.precache <= BUDGETS.precache))
  return rows
}

/** The production build's index.html: a strict CSP meta (no loopback: that is for test builds only), no inline script. */
export function securityChecks(dist) {
  const html = readFileSync(join(dist, 'index.html'), 'utf8')
  const policy = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1]?.replace(/&#39;/g, "'") ?? ''
  const weak = ['unsafe-inline', 'unsafe-eval', '127.0.0.1', 'localhost'].filter((w) => policy.includes(w))
  const inline = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)].filter(([, attrs, body]) => !/\bsrc=/.test(attrs) || body.trim()).length
  return [
    check('security', 'CSP meta in index.html', policy ? (weak.length ? `weakened: ${weak.join(', ')}` : 'strict') : 'missing', '', "script-src 'self', no unsafe-*", !!policy && !weak.length),
    check('security', 'inline scripts in index.html', inline, '', '0', inline === 0),
  ]
}

function run(cmd, args, opts = {}) {
  return new Promise((ok) => {
    const child = spawn(cmd, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], ...opts })
    let out = ''
    let err = ''
    child.stdout.on('data', (d) => (out += d))
    child.stderr.on('data', (d) => (err += d))
    child.on('close', (code) => ok({ code: code ?? 1, out, err }))
    child.on('error', (e) => ok({ code: 1, out, err: String(e) }))
  })
}

async function lighthouseOnce(url, outFile) {
  const flags = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage']
  const r = await run(process.execPath, [join(ROOT, 'node_modules/lighthouse/cli/index.js'), url, '--quiet',
    `--chrome-flags=${flags.join(' ')}`, '--only-categories=performance,accessibility,best-practices,seo',
    '--output=json', `--output-path=${outFile}`, '--save-assets'], { env: { ...process.env, CHROME_PATH: CHROME } })
  if (r.code !== 0 || !existsSync(outFile)) throw new Error(`lighthouse failed (${r.code}): ${r.err.slice(-800)}`)
  const lhr = JSON.parse(readFileSync(outFile, 'utf8'))
  // The run's trace (--save-assets): the same blocking rule over the tasks' CPU time (scripts/trace-blocking.mjs).
  const tracePath = outFile.replace(/\.json$/, '-0.trace.json')
  const blocking = existsSync(tracePath) ? blockingTime(JSON.parse(readFileSync(tracePath, 'utf8'))) : null
  const score = (c) => Math.round((lhr.categories[c]?.score ?? 0) * 100)
  const failing = Object.values(lhr.audits)
    .filter((a) => a.score !== null && a.score < 1 && ['binary', 'numeric', 'metricSavings'].includes(a.scoreDisplayMode))
    .map((a) => a.id)
  return {
    performance: score('performance'), accessibility: score('accessibility'),
    'best-practices': score('best-practices'), seo: score('seo'),
    lcp: lhr.audits['largest-contentful-paint'].numericValue,
    tbt: lhr.audits['total-blocking-time'].numericValue,
    cls: lhr.audits['cumulative-layout-shift'].numericValue,
    fcp: lhr.audits['first-contentful-paint'].numericValue,
    failing,
    benchmarkIndex: lhr.environment?.benchmarkIndex ?? null,
    blocking,
    warnings: lhr.runWarnings ?? [],
  }
}

/**
 * Lighthouse's simulated throttling scales the CPU time it observes: on a machine busy with other work every
 * figure inflates. Wait (up to `seconds`) for the 1-minute load average to drop below the CPU count.
 */
async function waitForIdle(seconds) {
  const cpus = os.cpus().length
  const t0 = Date.now()
  let said = false
  while (os.loadavg()[0] > cpus && Date.now() - t0 < seconds * 1000) {
    if (!said) console.log(`  waiting up to ${seconds} s for the machine to be idle (load ${os.loadavg()[0].toFixed(1)} on ${cpus} CPUs)`)
    said = true
    await new Promise((ok) => setTimeout(ok, 5000))
  }
  return os.loadavg()[0]
}

async function lighthouse(url, runs, idleWait) {
  const load = await waitForIdle(idleWait)
  const dir = mkdtempSync(join(tmpdir(), 'qd-lh-'))
  const results = []
  try {
    for (let i = 0; i < runs; i++) {
      results.push(await lighthouseOnce(url, join(dir, `run-${i}.json`)))
      const last = results.at(-1)
      console.log(`  lighthouse run ${i + 1}/${runs}: perf ${last.performance}, a11y ${last.accessibility}, bp ${last['best-practices']}, seo ${last.seo}, LCP ${Math.round(last.lcp)} ms, TBT ${Math.round(last.tbt)} ms, CLS ${last.cls.toFixed(3)}${last.blocking ? ` (by the page's CPU time ${last.blocking.cpuMs} ms, by the wall clock ${last.blocking.wallMs} ms)` : ''}`)
    }
    const keep = join(ROOT, 'reports/lighthouse-last.json')
    writeFileSync(keep, readFileSync(join(dir, `run-${runs - 1}.json`)))
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
  const med = Object.fromEntries(['performance', 'accessibility', 'best-practices', 'seo', 'lcp', 'tbt', 'cls', 'fcp'].map((k) => [k, median(results.map((r) => r[k]))]))
  const failing = [...new Set(results.flatMap((r) => r.failing))]
  const B = LH_BUDGETS
  const rows = [
    check('lighthouse', 'performance', med.performance, '', `≥ ${B.performance}`, med.performance >= B.performance),
    check('lighthouse', 'accessibility', med.accessibility, '', `= ${B.accessibility}`, med.accessibility >= B.accessibility),
    check('lighthouse', 'best practices', med['best-practices'], '', `= ${B['best-practices']}`, med['best-practices'] >= B['best-practices']),
    check('lighthouse', 'SEO', med.seo, '', `≥ ${B.seo}`, med.seo >= B.seo),
    check('lighthouse', 'LCP', med.lcp, 'ms', `≤ ${B.lcp}`, med.lcp <= B.lcp),
    check('lighthouse', 'TBT', med.tbt, 'ms', `≤ ${B.tbt}`, med.tbt <= B.tbt),
    check('lighthouse', 'CLS', med.cls, '', `≤ ${B.cls}`, med.cls <= B.cls),
  ]
  return { rows, detail: { runs: results, median: med, failingAudits: failing, loadAtStart: Math.round(load * 10) / 10 } }
}

/** The last JSON object a helper's script prints on stdout (its result), if any. */
export function lastJson(text) {
  const lines = text.trim().split('\n').reverse()
  for (const l of lines) {
    const s = l.trim()
    if (!s.startsWith('{')) continue
    try { return JSON.parse(s) } catch { /* not the result line */ }
  }
  const i = text.lastIndexOf('\n{')
  if (i >= 0 || text.trimStart().startsWith('{')) {
    try { return JSON.parse(text.slice(i >= 0 ? i + 1 : 0)) } catch { /* no JSON at all */ }
  }
  return undefined
}

/** Numeric leaves of a result object, "a.b": 12.3, to show in the report. */
function numbers(obj, prefix = '', out = {}) {
  for (const [k, v] of Object.entries(obj ?? {})) {
    if (typeof v === 'number') out[prefix + k] = v
    else if (v && typeof v === 'object' && !Array.isArray(v)) numbers(v, `${prefix}${k}.`, out)
  }
  return out
}

/**
 * A helper's benchmark script, run as a child process against this build and server:
 * `node scripts/bench-x.mjs DIR --dist DIR --url URL --json` (also BENCH_DIST, BENCH_URL, E2E_DIST in the environment).
 * It checks its own budget (exit code, `"ok": false` in its JSON line, or OVER / NOT met in a line stating a target) and
 * prints its figures; the last JSON line is kept for the report.
 */
async function external(part, dist, url) {
  const { script, what, budget } = EXTERNAL[part]
  if (!existsSync(join(ROOT, script))) {
    return { rows: [check(part, what, null, '', budget, null)], detail: { status: 'not measured', reason: `${script} does not exist` } }
  }
  const r = await run(process.execPath, [script, dist, '--dist', dist, '--url', url, '--json'], {
    env: { ...process.env, BENCH_DIST: dist, BENCH_URL: url, E2E_DIST: dist, CHROMIUM_PATH: CHROME, E2E_REUSE_BUILD: '1' },
  })
  const result = lastJson(r.out)
  const figures = numbers(result)
  // A script without a JSON line is read from its text: its lines that state a target, and OVER for a breach.
  const verdicts = r.out.split('\n').filter((l) => /target|budget/i.test(l) && !l.trim().startsWith('{')).map((l) => l.trim())
  const shown = Object.keys(figures).length
    ? Object.entries(figures).map(([k, v]) => `${k} ${Number.isInteger(v) ? v : v.toFixed(1)}`).join(', ')
    : verdicts.join('; ')
  const ok = r.code === 0 && result?.ok !== false && !verdicts.some((l) => /\bOVER\b|\bNOT met\b/.test(l))
  if (!ok) console.log(`  ${script} exited ${r.code}\n${(r.out + r.err).trim().split('\n').slice(-15).join('\n')}`)
  else console.log((r.out.trim().split('\n').filter((l) => !l.trim().startsWith('{')).slice(-8).join('\n')))
  return {
    rows: [check(part, what, shown || (ok ? 'ok' : 'failed'), '', budget, ok)],
    detail: { status: ok ? 'passed' : 'failed', exitCode: r.code, result: result ?? null, stdoutTail: r.out.trim().split('\n').slice(-20), stderrTail: r.err.trim().split('\n').slice(-20) },
  }
}

const GZIP_TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8', '.webmanifest': 'application/manifest+json; charset=utf-8', '.svg': 'image/svg+xml',
}
/**
 * Production hosts compress text (deploy/nginx.conf: gzip on); scripts/serve.mjs does not. Lighthouse charges
 * uncompressed bytes to LCP, so the benchmark server answers plain GETs for text files with gzip, as the host would.
 * Anything else (ranges, SPA fallback, other types) falls through to serve.mjs unchanged.
 */
export function gzipHandler(root) {
  const cache = new Map()
  return (req, res) => {
    if (req.method !== 'GET' || req.headers.range || !/\bgzip\b/.test(req.headers['accept-encoding'] ?? '')) return false
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)
    const file = normalize(join(root, path === '/' ? '/index.html' : path))
    const type = GZIP_TYPES[extname(file)]
    if (!type || !file.startsWith(root) || !existsSync(file)) return false
    let body = cache.get(file)
    if (!body) cache.set(file, (body = gzipSync(readFileSync(file), { level: 6 })))
    const cc = cacheControl(path)
    res.writeHead(200, { 'Content-Type': type, 'Content-Encoding': 'gzip', 'Content-Length': body.length, 'Cache-Control': cc, 'Vary': 'Accept-Encoding', 'X-Content-Type-Options': 'nosniff' })
    res.end(body)
    return true
  }
}

function fmt(v, unit) {
  if (v === null || v === undefined) return '—'
  if (typeof v !== 'number') return String(v)
  const s = unit === 'KiB' ? v.toFixed(1) : unit === 'ms' ? String(Math.round(v)) : Number.isInteger(v) ? String(v) : v.toFixed(3)
  return unit ? `${s} ${unit}` : s
}

export function markdown(report) {
  const lines = [
    `# Benchmark report`,
    '',
    `${report.date} · Node ${report.node} · ${report.cpus} CPU · Chromium ${report.chromium} · build \`${report.dist}\``,
    '',
    '| part | measure | value | budget | result |',
    '|---|---|---|---|---|',
  ]
  for (const c of report.checks) {
    const res = c.ok === null ? 'not measured' : c.ok ? 'pass' : '**FAIL**'
    lines.push(`| ${c.part} | ${c.name} | ${fmt(c.value, c.unit).replace(/\|/g, '\\|')} | ${c.budget} | ${res} |`)
  }
  lines.push('', '| part | seconds |', '|---|---|')
  for (const [p, s] of Object.entries(report.seconds)) lines.push(`| ${p} | ${s} |`)
  const lh = report.details.lighthouse
  if (lh) {
    lines.push('', `Lighthouse ${report.lighthouseVersion}, mobile defaults (simulated throttling), ${lh.runs.length} runs on \`${report.lighthousePath}\`; medians above.`)
    lines.push('', '| run | perf | a11y | best practices | SEO | FCP | LCP | TBT | TBT by CPU time | CLS | benchmarkIndex |', '|---|---|---|---|---|---|---|---|---|---|---|')
    lh.runs.forEach((r, i) => lines.push(`| ${i + 1} | ${r.performance} | ${r.accessibility} | ${r['best-practices']} | ${r.seo} | ${Math.round(r.fcp)} ms | ${Math.round(r.lcp)} ms | ${Math.round(r.tbt)} ms | ${r.blocking ? `${r.blocking.cpuMs} ms` : '—'} | ${r.cls.toFixed(3)} | ${r.benchmarkIndex ?? '—'} |`))
    lines.push('', 'TBT by CPU time: the same rule (4 × task − 50 ms, after the first contentful paint) over the CPU time of each of the page\'s main-thread tasks in the run\'s own trace, not their wall-clock length: what the page itself costs, apart from the time its thread waited for a core (scripts/trace-blocking.mjs). The budget applies to Lighthouse\'s figure.')
    const index = median(lh.runs.map((r) => r.benchmarkIndex ?? 0))
    if (index && index < 1000) {
      lines.push('', `**The machine was busy** (load ${lh.loadAtStart} at the start, benchmarkIndex ${Math.round(index)}; this machine gives ~1,700 when idle): Lighthouse's simulated figures are inflated. Run \`npm run bench -- --only lighthouse --no-build\` again when it is idle.`)
    }
    if (lh.failingAudits.length) lines.push('', `Audits below full score in some run: ${lh.failingAudits.join(', ')}.`)
  }
  for (const p of ['offline', 'schedule', 'map', 'mappack', 'search', 'load']) {
    const d = report.details[p]
    if (d?.status === 'not measured') lines.push('', `${p}: not measured (${d.reason}).`)
  }
  lines.push('', report.ok ? 'All measured budgets hold.' : 'A budget is breached (see **FAIL** above).', '')
  return lines.join('\n')
}

async function main() {
  const opts = parseArgs(process.argv.slice(2))
  const t0 = performance.now()
  const report = {
    date: new Date().toISOString(), node: process.version, cpus: os.cpus().length,
    chromium: '', lighthouseVersion: JSON.parse(readFileSync(join(ROOT, 'node_modules/lighthouse/package.json'), 'utf8')).version,
    lighthousePath: opts.path, dist: opts.dist.replace(ROOT + '/', ''), parts: opts.only, checks: [], details: {}, seconds: {}, ok: true,
  }
  try { report.chromium = execFileSync(CHROME, ['--version'], { encoding: 'utf8' }).trim().replace(/^\D+/, '') } catch { report.chromium = 'unknown' }
  mkdirSync(join(ROOT, 'reports'), { recursive: true })

  if (opts.build || !existsSync(join(opts.dist, 'index.html'))) {
    const tb = performance.now()
    console.log(`== build → ${report.dist}`)
    // A child process with NODE_ENV=production: the real production build, whatever the caller's environment.
    execFileSync(process.execPath, [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--outDir', opts.dist, '--emptyOutDir', '--logLevel', 'warn'],
      { cwd: ROOT, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } })
    report.seconds.build = seconds(tb)
  }

  let crashed = false
  const part = async (name, fn) => {
    if (!opts.only.includes(name)) return
    const tp = performance.now()
    console.log(`== ${name}`)
    try {
      const { rows, detail } = await fn()
      report.checks.push(...rows)
      if (detail) report.details[name] = detail
    } catch (e) {
      crashed = true
      report.checks.push(check(name, `${name} could not run`, String(e.message ?? e).slice(0, 300), '', '—', false))
    }
    report.seconds[name] = seconds(tp)
  }

  await part('sizes', async () => {
    const m = measure(opts.dist)
    return { rows: [...sizeChecks(m), ...securityChecks(opts.dist)], detail: { ...m, precacheUrls: undefined } }
  })
  const needsServer = opts.only.some((p) => p !== 'sizes')
  const server = needsServer ? await startServer({ root: opts.dist, onRequest: gzipHandler(opts.dist) }) : undefined
  try {
    await part('lighthouse', () => lighthouse(server.url + opts.path, opts.runs, opts.idleWait))
    for (const p of ['offline', 'schedule', 'map', 'mappack', 'search', 'load']) await part(p, () => external(p, opts.dist, server.url))
  } finally {
    await server?.close()
  }
  report.seconds.total = seconds(t0)
  report.ok = report.checks.every((c) => c.ok !== false)
  writeFileSync(join(ROOT, 'reports/bench.json'), JSON.stringify(report, null, 2) + '\n')
  const md = markdown(report)
  writeFileSync(join(ROOT, 'reports/bench.md'), md)
  console.log('\n' + md)
  process.exitCode = crashed ? 2 : report.ok ? 0 : 1
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e) => {
    console.error(e)
    process.exitCode = 2
  })
}
