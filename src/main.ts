import { createApp, watch } from 'vue'
import { createPinia } from 'pinia'
import App from './App.vue'
import { createAppRouter } from './router'
import { i18n, applyLocale } from './i18n'
import { usePreferencesStore } from './stores/preferences'
import { useContentStore } from './stores/content'
import { captureInstallPrompt } from './composables/use-pwa-install'
import './styles/base.css'

captureInstallPrompt()

const PRERENDER_WAIT_MS = 2500

function contentSettled(store: ReturnType<typeof useContentStore>, timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, timeoutMs)
    const stop = watch(() => store.state, (state) => state !== 'loading' && done(), { immediate: true })
    function done() {
      clearTimeout(timer)
      queueMicrotask(() => stop())
      resolve()
    }
  })
}

async function start() {
  const app = createApp(App)
  const pinia = createPinia()
  app.use(pinia)
  const router = createAppRouter()
  app.use(router)
  app.use(i18n)
  const prefs = usePreferencesStore()
  const content = useContentStore()
  void content.load()
  await applyLocale(prefs.locale)
  await router.isReady()
  // The home page prerendered into index.html is on screen (public/lang.js): mount over it once the content is
  // there, so the visitor never sees it swap to "Loading…" and back. Anything slower than that shows loading.
  if (document.documentElement.dataset.pre && document.documentElement.dataset.pre !== 'off') {
    await contentSettled(content, PRERENDER_WAIT_MS)
  }
  app.mount('#app')
  performance.mark('qd:mounted')
  // The service worker registers after the first render, never on the critical path.
  void import('./composables/use-pwa').then((m) => m.startPwa())
}

void start()
