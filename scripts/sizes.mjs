#!/usr/bin/env node
// Bundle sizes of a production build (gzip -9, KiB = 1024 B): the home route's JS (the entry and
// everything index.html loads or preloads), each lazy route's own chunks, CSS, and the precache.
import { readFileSync, readdirSync, statSync } from 'node:fs'
import { gzipSync } from 'node:zlib'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

export const BUDGETS = { homeJs: 90, routeJs: 60, css: 20, precache: 1536 }

const gz = (file) => gzipSync(readFileSync(file), { level: 9 }).length / 1024

/** Walk the Vite manifest from an entry through its static imports. */
function closure(manifest, key, seen = new Set()) {
  if (seen.has(key)) return seen
  seen.add(key)
  for (const k of manifest[key]?.imports ?? []) closure(manifest, k, seen)
  return seen
}

export function measure(dist = 'dist') {
  dist = resolve(dist)
  const manifest = JSON.parse(readFileSync(join(dist, '.vite/manifest.json'), 'utf8'))
  const entryKey = Object.keys(manifest).find((k) => manifest[k].isEntry)
  const home = closure(manifest, entryKey)
  const homeJs = [...home].reduce((s, k) => s + gz(join(dist, manifest[k].file)), 0)
  const routes = {}
  for (const [key, chunk] of Object.entries(manifest)) {
    if (!chunk.isDynamicEntry || !/pages\//.test(key)) continue
    const own = [...closure(manifest, key)].filter((k) => !home.has(k))
    routes[key.replace(/^.*pages\//, '').replace(/\.vue$/, '')] = own.reduce((s, k) => s + gz(join(dist, manifest[k].file)), 0)
  }
  const cssFiles = readdirSync(join(dist, 'assets')).filter((f) => f.endsWith('.css'))
  const css = cssFiles.reduce((s, f) => s + gz(join(dist, 'assets', f)), 0)
  const sw = readFileSync(join(dist, 'sw.js'), 'utf8')
  // generateSW writes `url: "…"`, injectManifest writes JSON `"url":"…"`.
  const urls = [...sw.matchAll(/"?url"?:\s*"([^"]+)"/g)].map((m) => m[1] ?? '')
  const precache = urls.reduce((s, u) => {
    try { return s + statSync(join(dist, u)).size / 1024 } catch { return s }
  }, 0)
  return { homeJs, routes, css, precache, precacheEntries: urls.length, precacheUrls: urls }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const m = measure(process.argv[2] ?? 'dist')
  const f = (x) => `${x.toFixed(1)} KiB`
  console.log(`home route JS (gzip): ${f(m.homeJs)} (budget ${BUDGETS.homeJs})`)
  for (const [r, s] of Object.entries(m.routes)) console.log(`  + ${r}: ${f(s)} (budget ${BUDGETS.routeJs})`)
  console.log(`CSS (gzip): ${f(m.css)} (budget ${BUDGETS.css})`)
  console.log(`precache: ${m.precacheEntries} entries, ${f(m.precache)} raw (budget ${BUDGETS.precache})`)
}
