import { createServer, type Plugin, type ResolvedConfig, type ViteDevServer } from 'vite'
import { buildContent } from '../src/content/build'

/**
 * Takes the entry <script type="module">, its <link rel="modulepreload">s and the content preload out of the
 * built index.html, onto lang.js's data-* attributes: lang.js adds them once the prerendered page is painted, so
 * on a slow link or CPU they do not hold up the first paint (offline, the module scripts would run before it).
 */
function takeBootTags(html: string): { html: string; attrs: string } {
  const modules: string[] = []
  let entry = ''
  let content = ''
  const rest = html
    .replace(/\s*<script type="module" crossorigin src="([^"]+)"><\/script>/g, (_m, src: string) => ((entry = src), ''))
    .replace(/\s*<link rel="modulepreload" crossorigin href="([^"]+)">/g, (_m, href: string) => (modules.push(href), ''))
    .replace(/\s*<link rel="preload" href="([^"]+)" as="fetch" crossorigin="anonymous" \/>/, (_m, href: string) => ((content = href), ''))
  if (!entry || !content) throw new Error('qd-prerender: no entry script or content preload in index.html')
  return { html: rest, attrs: ` data-entry="${entry}" data-modules="${modules.join(' ')}" data-content="${content}"` }
}

/**
 * Server-renders the home page into index.html, once per language (src/prerender.ts), so it shows before any
 * script runs; the app then hydrates it (src/main.ts). `npm run dev` does the same through its own server; the
 * build starts a short-lived dev server from the same config file, so the render uses the app's own plugins.
 */
export function prerenderPlugin(): Plugin {
  let config: ResolvedConfig
  return {
    name: 'qd-prerender',
    configResolved(resolved) {
      config = resolved
    },
    transformIndexHtml: {
      order: 'post',
      async handler(html, ctx) {
        if (!html.includes('<div id="app"></div>')) throw new Error('qd-prerender: no empty <div id="app"> in index.html')
        const server: ViteDevServer = ctx.server ?? (await createServer({
          configFile: config.configFile,
          mode: config.mode,
          logLevel: 'error',
          appType: 'custom',
          server: { middlewareMode: true, hmr: false, ws: false },
          optimizeDeps: { noDiscovery: true, include: [] },
          // Asset URLs as the client build writes them (never inlined), so the markup hydrates unchanged.
          build: { assetsInlineLimit: 0 },
        }))
        try {
          const { prerenderHome } = (await server.ssrLoadModule('/src/prerender.ts')) as typeof import('../src/prerender')
          const templates = await prerenderHome(buildContent())
          // lang.js is a classic, parser-blocking script (the CSP allows no inline one): it runs before the first
          // paint, right after the templates it picks from. In the build it also starts the app, after that paint.
          const boot = ctx.server ? { html, attrs: '' } : takeBootTags(html)
          return boot.html.replace('<div id="app"></div>', `<div id="app"></div>${templates}<script src="/lang.js"${boot.attrs}></script>`)
        } finally {
          if (!ctx.server) await server.close()
        }
      },
    },
  }
}
