import { createApp, watch } from 'vue'
import { createPinia } from 'pinia'
import App from './App.vue'
import { createAppRouter } from './router'
import { i18n, applyLocale } from './i18n'
import { usePreferencesStore } from './stores/preferences'
import { useContentStore } from './stores/content'
import { captureInstallPrompt } from './composables/use-pwa-install'
import { eventTimeWarmups } from './domain/event-time'
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

/** Lets the browser paint and handle input between the start's steps: each runs as its own short task. */
function nextTask(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler
  return scheduler?.yield ? scheduler.yield() : new Promise((resolve) => setTimeout(resolve, 0))
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
  // The first date format loads the locale's and Qingdao's calendar data, and each new formatter costs a few ms
  // more (tens of ms on a phone in all): built here, one per task, while the content is on its way, they make
  // the mount that much shorter. vue-i18n and src/domain/time.ts keep them.
  const warmups = [() => i18n.global.d(0, 'day'), () => i18n.global.d(0, 'plainDay'), ...eventTimeWarmups(prefs.locale)]
  for (const step of warmups) {
    await nextTask()
    step()
  }
  await nextTask()
  // The home page prerendered into index.html is on screen (public/lang.js): mount over it once the content is
  // there, so the visitor never sees it swap to "Loading…" and back. Anything slower than that shows loading.
  if (document.documentElement.dataset.pre && document.documentElement.dataset.pre !== 'off') {
    await contentSettled(content, PRERENDER_WAIT_MS)
  }
  await nextTask()
  performance.mark('qd:mount-start')
  app.mount('#app')
  performance.mark('qd:mounted')
  // The service worker registers after the first render, never on the critical path.
  void import('./composables/use-pwa').then((m) => m.startPwa())
}

void start()
