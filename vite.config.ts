import { defineConfig, loadEnv } from 'vite'
import vue from '@vitejs/plugin-vue'
import VueI18nPlugin from '@intlify/unplugin-vue-i18n/vite'
import { VitePWA } from 'vite-plugin-pwa'
import { fileURLToPath } from 'node:url'
import { bundledContent, contentPlugin, SCHEMA_ID } from './build/content'
import { pwaHeadLinks } from './build/pwa-head'
import { prerenderPlugin } from './build/prerender'
import { compileHintsPlugin } from './build/compile-hints'
import { cspPlugin } from './scripts/csp.mjs'
import { licencesPlugin } from './scripts/licences.mjs'
import { calendarFeedsPlugin } from './build/calendar-feeds'
import { precompressPlugin } from './build/precompress'
import { localeManifests } from './build/locale-manifests'

const i18nOptions = {
  include: [fileURLToPath(new URL('./locales/*.json', import.meta.url))],
  runtimeOnly: true,
  compositionOnly: true,
  fullInstall: false,
  dropMessageCompiler: true,
  strictMessage: true,
}

export default defineConfig(({ mode }) => {
  const env = loadEnv(mode, process.cwd(), 'VITE_')
  const bundled = bundledContent()
  return {
    plugins: [
      contentPlugin(),
      calendarFeedsPlugin(env.VITE_SITE_URL),
      // No component uses the Options API: Vue leaves that code out of the bundle.
      vue({ features: { optionsAPI: false } }),
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
      localeManifests(),
      prerenderPlugin(),
      compileHintsPlugin(),
      // Content-Security-Policy <meta> (hosts from VITE_* URLs) and data/licences.json from the bundled packages.
      cspPlugin(env),
      licencesPlugin(env),
      precompressPlugin(),
    ],
    define: {
      __QD_SCHEMA_ID__: JSON.stringify(SCHEMA_ID),
      __QD_CONTENT_SHA256__: JSON.stringify(bundled.sha256),
      __QD_CONTENT_AS_OF__: JSON.stringify(bundled.asOf),
      // Tests build with QD_HYDRATION_DETAILS=1 to see every hydration mismatch Vue finds, attributes included.
      __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: JSON.stringify(process.env.QD_HYDRATION_DETAILS === '1'),
    },
    build: { target: 'es2022', sourcemap: false, manifest: true },
  }
})
