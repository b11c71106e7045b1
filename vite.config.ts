import { defineConfig, loadEnv, type Plugin } from 'vite'
import vue from '@vitejs/plugin-vue'
import VueI18nPlugin from '@intlify/unplugin-vue-i18n/vite'
import { VitePWA } from 'vite-plugin-pwa'
import { fileURLToPath } from 'node:url'
import { buildContent, CONTENT_URL_PATH, CONTENT_DIR } from './src/content/build'

/** Validates the content at build time (a bad file fails the build with the field's path) and emits it. */
function contentPlugin(): Plugin {
  return {
    name: 'qd-content',
    buildStart() {
      for (const f of ['meta', 'venues', 'events', 'services']) this.addWatchFile(`${CONTENT_DIR}${f}.json`)
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

export default defineConfig(({ mode }) => {
  const env = loadEnv(mode, process.cwd(), 'VITE_')
  return {
    plugins: [
      contentPlugin(),
      vue(),
      VueI18nPlugin({
        include: [fileURLToPath(new URL('./locales/*.json', import.meta.url))],
        runtimeOnly: true,
        compositionOnly: true,
        fullInstall: false,
        dropMessageCompiler: true,
        strictMessage: true,
      }),
      VitePWA({
        registerType: 'prompt',
        injectRegister: false,
        strategies: 'generateSW',
        devOptions: { enabled: env.VITE_SW_DEV === '1' },
        includeAssets: ['favicon.svg', 'robots.txt'],
        manifest: {
          name: 'Qingdao SCO Guide',
          short_name: 'Qingdao SCO',
          description: 'Offline visitor guide to Qingdao, SCO Tourism and Culture Capital: map, events, services in 中文, Русский, English.',
          theme_color: '#0b5e7e',
          background_color: '#ffffff',
          display: 'standalone',
          start_url: '/',
          scope: '/',
          lang: 'en',
          icons: [],
        },
        workbox: {
          globPatterns: ['**/*.{js,css,html,json,svg}'],
          navigateFallback: '/index.html',
          cleanupOutdatedCaches: true,
        },
      }),
    ],
    build: { target: 'es2022', sourcemap: false, manifest: true },
  }
})
