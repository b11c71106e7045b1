#!/usr/bin/env node
// The licence list the app shows in Info (src/components/common/LicenceList.vue): every third-party package whose
// code ships to the visitor, with its licence text, and the data the app is built from (OSM, ODbL).
// The build generates it from the bundle itself (licencesPlugin: the node_modules packages in the app's chunks,
// plus the runtime "dependencies" of package.json that are bundled elsewhere, e.g. Workbox in the service worker),
// so a new dependency — or a dev package such as the LGPL opening_hours imported by app code — cannot ship unlisted.
//   node scripts/licences.mjs [out.json]    prints (or writes) the list for the declared runtime dependencies.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

export const LICENCES_PATH = 'data/licences.json'
const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)))

/** Package name of a module id inside node_modules, or of the bundler's own runtime helpers. */
export function packageOf(id) {
  const i = id.lastIndexOf('node_modules/')
  if (i >= 0) {
    const parts = id.slice(i + 13).split('/')
    return parts[0]?.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]
  }
  if (/^\0?vite\/|vite\/(preload-helper|modulepreload-polyfill)/.test(id)) return 'vite'
  if (/^\0?plugin-vue:/.test(id)) return '@vitejs/plugin-vue'
  if (/^\0?rolldown[/:]/.test(id)) return 'rolldown'
  return undefined
}

function packageDir(name, from = ROOT) {
  // Node's resolution: the nearest node_modules up from the requiring package.
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name)
    if (existsSync(join(candidate, 'package.json'))) return candidate
    if (dir === dirname(dir) || dir === dirname(ROOT)) return undefined
  }
}

function licenceText(dir, licence) {
  // REUSE-style packages keep texts in LICENSES/<SPDX id>.txt.
  const reuse = join(dir, 'LICENSES', `${licence}.txt`)
  if (existsSync(reuse)) return readFileSync(reuse, 'utf8').trim()
  const files = readdirSync(dir).filter((f) => statSync(join(dir, f)).isFile())
  const file = files.find((f) => /^(licen[cs]e|copying)(\.(md|txt|markdown))?$/i.test(f)) ?? files.find((f) => /^(licen[cs]e|copying)/i.test(f))
  if (!file) return null
  // Build tools append the licences of their own bundled dependencies (vite: ~100 KB); only the tool's own code ships.
  const text = readFileSync(join(dir, file), 'utf8')
  const cut = text.search(/^#+ .*(bundled dependencies|third[- ]party)/im)
  return (cut > 0 ? text.slice(0, cut) : text).trim()
}

function entry(dir) {
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'))
  const licence = typeof pkg.license === 'string' ? pkg.license : pkg.license?.type ?? (pkg.licenses?.map((l) => l.type).join(' OR ') || 'UNKNOWN')
  const author = typeof pkg.author === 'string' ? pkg.author.replace(/\s*[<(].*$/, '') : pkg.author?.name ?? null
  const repo = typeof pkg.repository === 'string' ? pkg.repository : pkg.repository?.url ?? null
  const url = pkg.homepage ?? (repo ? repo.replace(/^git\+/, '').replace(/^git:\/\//, 'https://').replace(/\.git$/, '').replace(/^github:/, 'https://github.com/') : null)
  return { name: pkg.name, version: pkg.version, licence, author, url: url && /^https?:\/\//.test(url) ? url : null, text: licenceText(dir, licence) }
}

/** The declared runtime dependencies and what they need at run time, transitively (types-only packages excluded). */
export function declaredRuntime(root = ROOT) {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
  const seen = new Map()
  const queue = Object.keys(pkg.dependencies ?? {}).map((name) => [name, root])
  while (queue.length) {
    const [name, from] = queue.shift()
    if (seen.has(name) || name.startsWith('@types/')) continue
    const dir = packageDir(name, from)
    if (!dir) continue
    seen.set(name, dir)
    const deps = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).dependencies ?? {}
    for (const d of Object.keys(deps)) queue.push([d, dir])
  }
  return seen
}

/**
 * @param {{ bundled?: Iterable<string>, env?: Record<string, string | undefined> }} opts
 *   bundled: packages seen in the app's chunks (exact); without it the declared runtime closure is listed.
 */
export function collectLicences({ bundled, env = {} } = {}) {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'))
  const dirs = new Map()
  if (bundled) {
    for (const name of bundled) {
      const dir = packageDir(name)
      if (dir) dirs.set(name, dir)
    }
    // Declared runtime packages the app chunks do not show (the service worker's Workbox is a separate build).
    const closure = declaredRuntime()
    for (const name of Object.keys(pkg.dependencies ?? {})) {
      if (dirs.has(name)) continue
      const dir = closure.get(name)
      if (!dir) continue
      dirs.set(name, dir)
      for (const d of Object.keys(JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).dependencies ?? {})) {
        if (!d.startsWith('@types/') && closure.has(d)) dirs.set(d, closure.get(d))
      }
    }
  } else {
    for (const [name, dir] of declaredRuntime()) dirs.set(name, dir)
  }
  const packages = [...dirs.values()].map(entry).sort((a, b) => a.name.localeCompare(b.name))
  const data = [
    { id: 'osm', name: 'OpenStreetMap', attribution: '© OpenStreetMap contributors', licence: 'ODbL-1.0', url: 'https://www.openstreetmap.org/copyright' },
    { id: 'content', name: pkg.name, attribution: null, licence: null, url: null },
  ]
  if (env.VITE_TILE_URL) {
    data.push({ id: 'tiles', name: new URL(env.VITE_TILE_URL.replace(/\{[a-z]+\}/gi, '0')).host, attribution: env.VITE_TILE_ATTRIBUTION || '© OpenStreetMap contributors', licence: null, url: null })
  }
  return { generated: 'scripts/licences.mjs', packages, data }
}

/** Vite plugin: writes data/licences.json from the packages actually in the bundle (precached with the other data). */
export function licencesPlugin(env = {}) {
  return {
    name: 'qd-licences',
    generateBundle(_options, bundle) {
      const bundled = new Set()
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk') continue
        for (const id of chunk.moduleIds ?? Object.keys(chunk.modules ?? {})) {
          const name = packageOf(id)
          if (name) bundled.add(name)
        }
      }
      this.emitFile({ type: 'asset', fileName: LICENCES_PATH, source: JSON.stringify(collectLicences({ bundled, env })) })
    },
    configureServer(server) {
      server.middlewares.use(`/${LICENCES_PATH}`, (_req, res) => {
        res.setHeader('Content-Type', 'application/json')
        res.end(JSON.stringify(collectLicences({ env })))
      })
    },
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const list = collectLicences({ env: process.env })
  const out = process.argv[2]
  if (out) writeFileSync(out, JSON.stringify(list, null, 2) + '\n')
  else for (const p of list.packages) console.log(`${p.name}@${p.version}  ${p.licence}${p.text ? '' : '  (no licence file in the package)'}`)
}
