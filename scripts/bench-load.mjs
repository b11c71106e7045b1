#!/usr/bin/env node
// Static serving under load, on loopback only: Debian's nginx with deploy/nginx.conf serves a production build,
// and a bounded keep-alive client asks for index.html, /data/content.json and the largest JS chunk with
// `Accept-Encoding: gzip, br`, once with the text compressed on every request (gzip on, gzip_static off) and
// once sent as the build precompressed it (gzip_static, the .gz files of build/precompress.ts). It prints
// requests/s and p99 for each, and the ratio.
//
//   node scripts/bench-load.mjs [DIST] [--seconds 2] [--connections 16] [--json]
//
// Bounded: at most 6 runs of --seconds each (≤ 4 s each), one nginx worker, 127.0.0.1 only.
import { spawn, spawnSync } from 'node:child_process'
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { Agent, request } from 'node:http'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { renderNginxConfig } from './nginx-config.mjs'

const NGINX = '/usr/sbin/nginx'

function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer()
    s.once('error', fail)
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address()
      s.close(() => ok(port))
    })
  })
}

async function startNginx(dist, precompressed) {
  const prefix = mkdtempSync(join(tmpdir(), 'qd-load-'))
  chmodSync(prefix, 0o755)
  const port = await freePort()
  let site = renderNginxConfig({ root: resolve(dist), listen: [`127.0.0.1:${port}`], serverName: 'localhost', loopback: true })
  if (!precompressed) site = site.replace('gzip_static on;', 'gzip_static off;')
  writeFileSync(join(prefix, 'site.conf'), site)
  writeFileSync(join(prefix, 'nginx.conf'), `worker_processes 1;
events { worker_connections 256; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  sendfile on;
  access_log off;
  client_body_temp_path ${prefix}/body;
  proxy_temp_path ${prefix}/proxy;
  fastcgi_temp_path ${prefix}/fastcgi;
  uwsgi_temp_path ${prefix}/uwsgi;
  scgi_temp_path ${prefix}/scgi;
  keepalive_requests 100000;
  include ${prefix}/site.conf;
}
`)
  const args = ['-p', prefix, '-c', join(prefix, 'nginx.conf'), '-e', join(prefix, 'error.log'),
    '-g', `daemon off; master_process on; pid ${prefix}/nginx.pid; error_log ${prefix}/error.log warn;`]
  const t = spawnSync(NGINX, ['-t', ...args], { encoding: 'utf8' })
  if (t.status !== 0) throw new Error(`nginx -t failed: ${t.stderr}`)
  const child = spawn(NGINX, args, { stdio: 'ignore' })
  const url = `http://127.0.0.1:${port}`
  for (let i = 0; ; i++) {
    try {
      await hit(new Agent(), url, '/robots.txt')
      break
    } catch (e) {
      if (i > 100 || child.exitCode !== null) throw new Error(`nginx did not start: ${e.message}`)
      await new Promise((r) => setTimeout(r, 50))
    }
  }
  return {
    url,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r))
        child.kill('SIGTERM')
        await exited
      }
      rmSync(prefix, { recursive: true, force: true })
    },
  }
}

function hit(agent, base, path) {
  return new Promise((ok, fail) => {
    const req = request(`${base}${path}`, { agent, headers: { 'Accept-Encoding': 'gzip, br' } }, (res) => {
      let bytes = 0
      res.on('data', (c) => (bytes += c.length))
      res.on('end', () => (res.statusCode === 200 ? ok({ bytes, encoding: res.headers['content-encoding'] ?? '' }) : fail(new Error(`${path}: HTTP ${res.statusCode}`))))
    })
    req.on('error', fail)
    req.end()
  })
}

/** `connections` keep-alive loops for `seconds`; every latency is kept (a few thousand numbers). */
async function load(base, path, seconds, connections) {
  const agent = new Agent({ keepAlive: true, maxSockets: connections })
  const latencies = []
  let bytes = 0
  let encoding = ''
  const end = performance.now() + seconds * 1000
  const loop = async () => {
    while (performance.now() < end) {
      const t = performance.now()
      const r = await hit(agent, base, path)
      latencies.push(performance.now() - t)
      bytes = r.bytes
      encoding = r.encoding
    }
  }
  const started = performance.now()
  await Promise.all(Array.from({ length: connections }, loop))
  const elapsed = (performance.now() - started) / 1000
  agent.destroy()
  latencies.sort((a, b) => a - b)
  const p99 = latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * 0.99))] ?? 0
  return { rps: latencies.length / elapsed, p99, bytes, encoding }
}

function largestChunk(dist) {
  const dir = join(dist, 'assets')
  const js = readdirSync(dir).filter((f) => f.endsWith('.js'))
  js.sort((a, b) => statSync(join(dir, b)).size - statSync(join(dir, a)).size)
  return `/assets/${js[0]}`
}

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { seconds: { type: 'string', default: '2' }, connections: { type: 'string', default: '16' }, json: { type: 'boolean' }, dist: { type: 'string' }, url: { type: 'string' } },
  })
  const dist = resolve(values.dist ?? positionals[0] ?? process.env.BENCH_DIST ?? 'dist')
  const seconds = Math.min(4, Math.max(0.5, Number(values.seconds)))
  const connections = Math.min(64, Math.max(1, Number(values.connections)))
  if (!existsSync(NGINX)) {
    console.log(JSON.stringify({ ok: true, skipped: `${NGINX} is missing (apt-get install nginx)` }))
    return
  }
  if (!existsSync(join(dist, 'index.html.gz'))) throw new Error(`${dist} has no precompressed files: build it with this repository's vite.config.ts`)
  const paths = { 'index.html': '/index.html', 'content.json': '/data/content.json', [`largest chunk`]: largestChunk(dist) }
  const results = {}
  for (const precompressed of [false, true]) {
    const server = await startNginx(dist, precompressed)
    try {
      for (const [name, path] of Object.entries(paths)) {
        results[name] ??= {}
        results[name][precompressed ? 'precompressed' : 'gzip'] = await load(server.url, path, seconds, connections)
      }
    } finally {
      await server.stop()
    }
  }
  const f = (x) => x.toFixed(0)
  console.log(`Loopback load, nginx (1 worker), ${connections} keep-alive connections, ${seconds} s per run, Accept-Encoding: gzip, br`)
  console.log('| file | on-the-fly gzip: req/s | p99 ms | precompressed: req/s | p99 ms | sent as | ratio |')
  console.log('|---|---|---|---|---|---|---|')
  const summary = {}
  for (const [name, r] of Object.entries(results)) {
    const ratio = r.precompressed.rps / r.gzip.rps
    summary[name] = { gzipRps: Math.round(r.gzip.rps), gzipP99: +r.gzip.p99.toFixed(1), preRps: Math.round(r.precompressed.rps), preP99: +r.precompressed.p99.toFixed(1), ratio: +ratio.toFixed(1) }
    console.log(`| ${name} (${paths[name]}) | ${f(r.gzip.rps)} | ${r.gzip.p99.toFixed(1)} | ${f(r.precompressed.rps)} | ${r.precompressed.p99.toFixed(1)} | ${r.precompressed.encoding} ${r.precompressed.bytes} B | ×${ratio.toFixed(1)} |`)
  }
  if (values.json) console.log(JSON.stringify({ ok: true, ...Object.fromEntries(Object.entries(summary).map(([k, v]) => [k.replace(/\W+/g, '_'), v.ratio])) }))
}

await main()
