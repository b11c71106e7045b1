import { defineConfig, loadEnv, type Plugin } from 'vite'
import vue from '@vitejs/plugin-vue'
import VueI18nPlugin from '@intlify/unplugin-vue-i18n/vite'
import { VitePWA } from 'vite-plugin-pwa'
import { fileURLToPath } from 'node:url'
import { readFileSync } from 'node:fs'
import { createHash } from 'node:crypto'
import { buildContent, CONTENT_URL_PATH, CONTENT_DIR } from './src/content/build'
import { cspPlugin } from './scripts/csp.mjs'
import { licencesPlugin } from './scripts/licences.mjs'
import { precompressPlugin } from './build/precompress'

/** Validates the content at build time (a bad file fails the build with the field's path) and emits it. */
function contentPlugin(): Plugin {
  return {
    name: 'qd-content',
    buildStart() {
      for (const f of ['meta', 'venues', 'events', 'services', 'practical']) this.addWatchFile(`${CONTENT_DIR}${f}.json`)
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: CONTENT_URL_PATH, source: JSON.stringify(buildContent()) })
    },
    configureServer(server) {
      server.middlewares.use(`/${CONTENT_URL_PATH}`, (_req, res) => {
        try {
          res.setHeader('Content-Type', 'application/json')
          res.end(JSON.stringify(buildContent()))
        } catch (e) {
          res.statusCode = 500
          res.end(String((e as Error).message))
        }
      })
    },
  }
}

/** iOS Home Screen icons come from apple-touch-icon and show transparency as black: an opaque one. */
function pwaHeadLinks(): Plugin {
  return {
    name: 'qd-pwa-head',
    transformIndexHtml: () => [
      { tag: 'link', attrs: { rel: 'apple-touch-icon', href: '/icons/apple-touch-icon.png' }, injectTo: 'head' },
    ],
  }
}

const i18nOptions = {
  include: [fileURLToPath(new URL('./locales/*.json', import.meta.url))],
  runtimeOnly: true,
  compositionOnly: true,
  fullInstall: false,
  dropMessageCompiler: true,
  strictMessage: true,
}

/**
 * SHA-256 of the content file the build writes (the same JSON.stringify of buildContent()): the browser skips
 * validating a copy with exactly these bytes. Invalid content yields '' here and fails the build in generateBundle.
 */
function contentSha256(): string {
  try {
    return createHash('sha256').update(JSON.stringify(buildContent())).digest('hex')
  } catch {
    return ''
  }
}

/** Which schema validated a saved content copy: a copy this build's schema validated is not validated again. */
const SCHEMA_ID = createHash('sha256').update(readFileSync(new URL('./src/content/schema.ts', import.meta.url))).digest('hex').slice(0, 16)

/**
 * Takes the entry <script type="module">, its <link rel="modulepreload">s and the content preload out of the
 * built index.html, for public/lang.js to add once the first paint is done.
 */
function takeBootTags(html: string): { html: string; entry: string; modules: string[]; content: string } {
  const modules: string[] = []
  let entry = ''
  let content = ''
  const rest = html
    .replace(/\s*<script type="module" crossorigin src="([^"]+)"><\/script>/g, (_m, src: string) => ((entry = src), ''))
    .replace(/\s*<link rel="modulepreload" crossorigin href="([^"]+)">/g, (_m, href: string) => (modules.push(href), ''))
    .replace(/\s*<link rel="preload" href="([^"]+)" as="fetch" crossorigin="anonymous" \/>/, (_m, href: string) => ((content = href), ''))
  if (!entry || !content) throw new Error('qd-prerender: no entry script or content preload in index.html')
  return { html: rest, entry, modules, content }
}

/**
 * Marks the entry chunk and every chunk it imports statically (the app's start: what public/lang.js starts) for
 * eager compilation, with V8's explicit compile hint (`//# allFunctionsCalledOnLoad`, Chrome 136+:
 * https://v8.dev/blog/explicit-compile-hints). Nearly all of their functions run as the app starts; compiled
 * lazily, each is compiled on the main thread on its first call, which made the start's tasks long on a slow
 * phone. Compiled eagerly they are compiled on a background thread as they load. Other engines read a comment.
 */
function compileHintsPlugin(): Plugin {
  const HINT = '//# allFunctionsCalledOnLoad\n'
  return {
    name: 'qd-compile-hints',
    apply: 'build',
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        const entry = Object.values(bundle).find((c) => c.type === 'chunk' && c.isEntry && c.name === 'index')
        if (!entry || entry.type !== 'chunk') this.error('qd-compile-hints: no entry chunk "index"')
        const marked = new Set<string>()
        const mark = (fileName: string) => {
          const chunk = bundle[fileName]
          if (marked.has(fileName) || chunk?.type !== 'chunk') return
          marked.add(fileName)
          chunk.code = HINT + chunk.code
          chunk.imports.forEach(mark)
        }
        mark(entry.fileName)
      },
    },
  }
}

/**
 * Renders the home page into index.html at build time, once per language, with this build's content
 * (src/prerender.ts, loaded through a short-lived Vite SSR server). The page shows before any script runs.
 */
function prerenderPlugin(): Plugin {
  return {
    name: 'qd-prerender',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      async handler(html) {
        const { createServer } = await import('vite')
        const server = await createServer({
          configFile: false,
          root: fileURLToPath(new URL('.', import.meta.url)),
          logLevel: 'error',
          appType: 'custom',
          server: { middlewareMode: true, hmr: false, ws: false },
          optimizeDeps: { noDiscovery: true, include: [] },
          build: { assetsInlineLimit: 0 },
          plugins: [vue(), VueI18nPlugin(i18nOptions)],
          define: { __QD_SCHEMA_ID__: JSON.stringify(SCHEMA_ID) },
        })
        try {
          const { prerenderHome } = (await server.ssrLoadModule('/src/prerender.ts')) as typeof import('./src/prerender')
          const markup = await prerenderHome(buildContent())
          if (!html.includes('<div id="app"></div>')) throw new Error('qd-prerender: no empty <div id="app"> in index.html')
          // Vue's hydration markers (<!--[-->, <!---->) serve nothing here: the client mounts afresh.
          const lean = markup.replace(/<!--[[\]]?-->/g, '')
          // The app's scripts and the content load after the first paint, not beside it: on a slow link they
          // would share the bandwidth with the CSS and lang.js the paint waits for. lang.js starts them.
          const boot = takeBootTags(html)
          // lang.js is a classic, parser-blocking script (the CSP allows no inline one): it runs before the
          // first paint, right after the templates it copies from.
          const attrs = `data-entry="${boot.entry}" data-modules="${boot.modules.join(' ')}" data-content="${boot.content}"`
          return boot.html.replace('<div id="app"></div>', `<div id="app"></div>${lean}<script src="/lang.js" ${attrs}></script>`)
        } finally {
          await server.close()
        }
      },
    },
  }
}

export default defineConfig(({ mode }) => {
  const env = loadEnv(mode, process.cwd(), 'VITE_')
  return {
    plugins: [
      contentPlugin(),
      vue(),
      VueI18nPlugin(i18nOptions),
      VitePWA({
        strategies: 'injectManifest',
        srcDir: 'src',
        filename: 'sw.ts',
        registerType: 'prompt',
        // Registered from src/composables/use-pwa.ts after the first render, off the critical path.
        injectRegister: false,
        devOptions: { enabled: env.VITE_SW_DEV === '1', type: 'module', navigateFallback: 'index.html' },
        manifest: {
          id: '/',
          name: 'Qingdao SCO Guide',
          short_name: 'Qingdao SCO',
          description: 'Offline visitor guide to Qingdao, SCO Tourism and Culture Capital: map, events, services in 中文, Русский, English.',
          lang: 'en',
          dir: 'ltr',
          categories: ['travel', 'navigation'],
          theme_color: '#0b5e7e',
          background_color: '#ffffff',
          display: 'standalone',
          start_url: '/',
          scope: '/',
          icons: [
            { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
            { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
            { src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
          ],
          screenshots: [
            { src: '/screenshots/narrow.png', sizes: '780x1688', type: 'image/png', form_factor: 'narrow', label: 'Home: venues, events and services in Qingdao' },
            { src: '/screenshots/wide.png', sizes: '1280x800', type: 'image/png', form_factor: 'wide', label: 'Event programme by day, in Qingdao time' },
          ],
          shortcuts: [
            { name: 'Map', short_name: 'Map', url: '/map', icons: [{ src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' }] },
            { name: 'Events', short_name: 'Events', url: '/events', icons: [{ src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' }] },
            { name: 'Services', short_name: 'Services', url: '/services', icons: [{ src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' }] },
          ],
        },
        // Icons and screenshots are read by the browser's install UI only: not precached.
        includeManifestIcons: false,
        injectManifest: {
          // Shell, every route and locale chunk, the content and data layers. Never map packs or tiles
          // (downloaded on demand by the map).
          globPatterns: ['**/*.{js,css,html}', 'data/*.json', 'favicon.svg'],
          globIgnores: ['sw.js', '**/*.pmtiles', 'maps/**', 'tiles/**', 'icons/**', 'screenshots/**'],
        },
      }),
      pwaHeadLinks(),
      prerenderPlugin(),
      compileHintsPlugin(),
      // Content-Security-Policy <meta> (hosts from VITE_* URLs) and data/licences.json from the bundled packages.
      cspPlugin(env),
      licencesPlugin(env),
      precompressPlugin(),
    ],
    define: { __QD_SCHEMA_ID__: JSON.stringify(SCHEMA_ID), __QD_CONTENT_SHA256__: JSON.stringify(contentSha256()) },
    build: { target: 'es2022', sourcemap: false, manifest: true },
  }
})
