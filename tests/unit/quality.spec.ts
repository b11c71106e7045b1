// @vitest-environment node
// The security and licence generators the build uses (scripts/csp.mjs, scripts/licences.mjs), and the source rules
// they rely on.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { configuredOrigins, contentSecurityPolicy } from '../../scripts/csp.mjs'
import { collectLicences, packageOf } from '../../scripts/licences.mjs'

const directive = (policy: string, name: string) => policy.split('; ').find((d) => d.startsWith(name + ' ')) ?? ''

describe('Content-Security-Policy', () => {
  it('is strict with no configuration: scripts, workers and data only from the app itself', () => {
    const p = contentSecurityPolicy({})
    expect(directive(p, 'script-src')).toBe("script-src 'self'")
    expect(directive(p, 'img-src')).toBe("img-src 'self' data: blob:")
    expect(directive(p, 'connect-src')).toBe("connect-src 'self'")
    expect(directive(p, 'object-src')).toBe("object-src 'none'")
    expect(p).not.toMatch(/unsafe-(eval|inline)|127\.0\.0\.1|frame-ancestors/)
  })

  it('allows the configured tile and basemap hosts, and nothing else', () => {
    const env = {
      VITE_TILE_URL: 'https://{s}.tiles.example.org/{z}/{x}/{y}.png',
      VITE_BASEMAP_PACKS: 'https://cdn.example.net/maps/packs.json',
      VITE_TILE_ATTRIBUTION: '© OpenStreetMap contributors',
      VITE_TILE_MAX_ZOOM: '18',
      OTHER_URL: 'https://not-vite.example.com/',
    }
    expect(configuredOrigins(env)).toEqual(['https://*.tiles.example.org', 'https://cdn.example.net'])
    const p = contentSecurityPolicy(env)
    expect(directive(p, 'img-src')).toBe("img-src 'self' data: blob: https://*.tiles.example.org https://cdn.example.net")
    expect(directive(p, 'connect-src')).toBe("connect-src 'self' https://*.tiles.example.org https://cdn.example.net")
    expect(directive(p, 'script-src')).toBe("script-src 'self'")
  })

  it('lets only test builds reach a local tile server', () => {
    expect(directive(contentSecurityPolicy({}, { loopback: true }), 'img-src')).toContain('http://127.0.0.1:*')
  })
})

describe('licence list', () => {
  const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { dependencies: Record<string, string> }

  it('names the package of a bundled module', () => {
    expect(packageOf('/work/main/node_modules/@vue/runtime-core/dist/runtime-core.esm-bundler.js')).toBe('@vue/runtime-core')
    expect(packageOf('/work/main/node_modules/leaflet/dist/leaflet-src.js')).toBe('leaflet')
    expect(packageOf('\0vite/preload-helper.js')).toBe('vite')
    expect(packageOf('/work/main/src/main.ts')).toBeUndefined()
  })

  it('lists every runtime dependency with its version and licence, and the OSM data under ODbL', () => {
    const list = collectLicences()
    const byName = new Map(list.packages.map((p) => [p.name, p]))
    for (const [name, version] of Object.entries(pkg.dependencies)) {
      expect(byName.get(name)?.version, name).toBe(version)
      expect(byName.get(name)?.licence, name).toMatch(/^(MIT|ISC|BSD-[23]-Clause|Apache-2\.0)/)
    }
    expect(byName.get('leaflet')?.text).toMatch(/Copyright/)
    expect(list.data.find((d) => d.id === 'osm')).toMatchObject({ licence: 'ODbL-1.0', attribution: '© OpenStreetMap contributors' })
  })

  it('from a bundle: lists what the chunks contain, even a dev package such as the LGPL opening_hours', () => {
    const list = collectLicences({ bundled: ['vue', '@vue/runtime-dom', 'opening_hours'] })
    const oh = list.packages.find((p) => p.name === 'opening_hours')
    expect(oh?.licence).toBe('LGPL-3.0-only')
    expect(oh?.text).toMatch(/GNU LESSER GENERAL PUBLIC LICENSE/)
    // Packages the bundle does not contain (vue's compiler) are not listed; Workbox (service worker) is.
    const names = list.packages.map((p) => p.name)
    expect(names).not.toContain('@vue/compiler-sfc')
    expect(names).toContain('workbox-precaching')
  })

  it('adds the online tile source when one is configured', () => {
    const list = collectLicences({ env: { VITE_TILE_URL: 'https://tiles.example.org/{z}/{x}/{y}.png', VITE_TILE_ATTRIBUTION: '© Example' } })
    expect(list.data.find((d) => d.id === 'tiles')).toMatchObject({ name: 'tiles.example.org', attribution: '© Example' })
  })
})

describe('source rules', () => {
  const files = (dir: string): string[] => readdirSync(dir).flatMap((f) => {
    const p = join(dir, f)
    return statSync(p).isDirectory() ? files(p) : [p]
  })

  it('no v-html anywhere, and ESLint keeps it that way', () => {
    const vue = files('src').filter((f) => f.endsWith('.vue'))
    expect(vue.length).toBeGreaterThan(10)
    expect(vue.filter((f) => /\bv-html\b/.test(readFileSync(f, 'utf8')))).toEqual([])
    expect(readFileSync('eslint.config.js', 'utf8')).toMatch(/'vue\/no-v-html':\s*'error'/)
  })

  it('no colon after a message in a template: it comes from app.label, so Chinese gets "：", not ":"', () => {
    const colonAfterMessage = files('src').filter((f) => f.endsWith('.vue') && /\}\}\s*[:：]/.test(readFileSync(f, 'utf8').split('<style')[0]!))
    expect(colonAfterMessage).toEqual([])
  })

  it('every target="_blank" in a template has rel noopener', () => {
    const bad = files('src').filter((f) => f.endsWith('.vue')).flatMap((f) => {
      const text = readFileSync(f, 'utf8')
      return [...text.matchAll(/<a\b[^>]*>/g)].map((m) => m[0]).filter((tag) => /target="_blank"/.test(tag) && !/rel="[^"]*noopener/.test(tag)).map((t) => `${f}: ${t.replace(/\s+/g, ' ')}`)
    })
    expect(bad).toEqual([])
  })
})
