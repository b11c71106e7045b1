import { createApp, createSSRApp, watch } from 'vue'
import { createPinia } from 'pinia'
import App from './App.vue'
import { createAppRouter } from './router'
import { i18n, applyLocale } from './i18n'
import { isLocale } from './domain/lang'
import { usePreferencesStore } from './stores/preferences'
import { useContentStore } from './stores/content'
import { captureInstallPrompt } from './composables/use-pwa-install'
import { hydrateThen, hydrateWaiting, prerendered } from './composables/use-hydrated'
import { onPreloadError } from './composables/use-chunk-recovery'
import { nextTask, whenIdle } from './domain/idle'
import './styles/base.css'

captureInstallPrompt()

/** Longest wait for the content before hydrating anyway (the content part then shows "Loading…"). */
const CONTENT_WAIT_MS = 2500

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
  const root = document.getElementById('app')!
  // public/lang.js has put the home page rendered at build time into #app (only on "/"): hydrate it.
  const app = prerendered ? createSSRApp(App) : createApp(App)
  app.use(createPinia())
  const router = createAppRouter()
  window.addEventListener('vite:preloadError', onPreloadError)
  app.use(router)
  app.use(i18n)
  // Parts still waiting to hydrate do so while the state is still the one their markup shows.
  router.beforeEach(() => hydrateWaiting())
  watch(i18n.global.locale, hydrateWaiting, { flush: 'sync' })
  const prefs = usePreferencesStore()
  // The language form of the page rendered at build time (?lang=ru) works before the app: remember the choice.
  const asked = new URLSearchParams(location.search).get('lang')
  if (isLocale(asked)) prefs.setLocale(asked)
  const content = useContentStore()
  void content.load()
  await applyLocale(prefs.locale)
  await router.isReady()
  if (asked !== null) await router.replace({ query: { ...router.currentRoute.value.query, lang: undefined } })
  // The markup shows the content this build bundles: hydrate once the visitor's copy is there, so the first
  // render matches it (a newer copy changes only text the home page marks with data-allow-mismatch).
  if (prerendered) await contentSettled(content, CONTENT_WAIT_MS)
  // Loading and checking the content was one task; hydrating is the next one.
  await nextTask()
  await hydrateThen(() => app.mount(root))
  // After the parts hydrated when idle (src/composables/use-hydrated.ts): idle callbacks run in order.
  whenIdle(() => performance.mark('qd:mounted'))
  // The service worker registers after the first render, never on the critical path.
  void import('./composables/use-pwa').then((m) => m.startPwa())
}

// Evaluating the modules is one task; setting the app up is the next one.
void nextTask().then(start)
