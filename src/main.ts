import { createApp, watch } from 'vue'
import { createPinia } from 'pinia'
import App from './App.vue'
import { createAppRouter } from './router'
import { i18n, applyLocale } from './i18n'
import { usePreferencesStore } from './stores/preferences'
import { useContentStore } from './stores/content'
import { captureInstallPrompt } from './composables/use-pwa-install'
import { eventTimeWarmups } from './domain/event-time'
import { drainSlices, startSlicing } from './composables/boot-slices'
import { onPreloadError } from './composables/use-chunk-recovery'
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

/**
 * public/lang.js loads the ICU data for dates and numbers on a worker thread (public/intl-warm.js) once the home
 * page is painted, or as the app starts on any other page: done there, the first format here costs a few ms
 * instead of one 30–100 ms task. Waited for at most INTL_WAIT_MS; with no lang.js (or no worker) there is nothing
 * to wait for.
 */
const INTL_WAIT_MS = 1500
function intlWarmed(): Promise<unknown> {
  const warm = (window as { qdIntlWarm?: Promise<unknown> }).qdIntlWarm
  return warm ? Promise.race([warm, new Promise((resolve) => setTimeout(resolve, INTL_WAIT_MS))]) : Promise.resolve()
}

/** Lets the browser paint and handle input between the start's steps: each runs as its own short task. */
function nextTask(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler
  return scheduler?.yield ? scheduler.yield() : new Promise((resolve) => setTimeout(resolve, 0))
}

async function start() {
  // The modules' evaluation was one task; what follows is cut into others, each a few ms on a slow phone.
  await nextTask()
  const app = createApp(App)
  app.use(createPinia())
  await nextTask()
  const router = createAppRouter()
  window.addEventListener('vite:preloadError', onPreloadError)
  await nextTask()
  app.use(router)
  await nextTask()
  app.use(i18n)
  const prefs = usePreferencesStore()
  await nextTask()
  const content = useContentStore()
  void content.load()
  await nextTask()
  await applyLocale(prefs.locale)
  await router.isReady()
  // The first date format loads the locale's and Qingdao's calendar data, and each new formatter costs a few ms
  // more (tens of ms on a phone in all): built here, one per task, while the content is on its way, they make
  // the mount that much shorter. vue-i18n and src/domain/time.ts keep them.
  await intlWarmed()
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
  const prerendered = document.getElementById('app')
  if (prerendered?.firstChild) {
    // Behind the prerendered page, which stays on screen and keeps working as a page of links: the app renders
    // off screen, one <BootSlice> per task (src/composables/boot-slices.ts), and replaces it whole when done.
    const stage = document.createElement('div')
    stage.id = 'app'
    startSlicing()
    app.mount(stage)
    await drainSlices(nextTask)
    prerendered.replaceWith(stage)
  } else {
    app.mount('#app')
  }
  performance.mark('qd:mounted')
  // The service worker registers after the first render, never on the critical path.
  void import('./composables/use-pwa').then((m) => m.startPwa())
}

void start()
