import { createApp } from 'vue'
import { createPinia } from 'pinia'
import App from './App.vue'
import { createAppRouter } from './router'
import { i18n, applyLocale } from './i18n'
import { usePreferencesStore } from './stores/preferences'
import { useContentStore } from './stores/content'
import { captureInstallPrompt } from './composables/use-pwa-install'
import './styles/base.css'

captureInstallPrompt()

async function start() {
  const app = createApp(App)
  const pinia = createPinia()
  app.use(pinia)
  const router = createAppRouter()
  app.use(router)
  app.use(i18n)
  const prefs = usePreferencesStore()
  void useContentStore().load()
  await applyLocale(prefs.locale)
  await router.isReady()
  app.mount('#app')
  // The service worker registers after the first render, never on the critical path.
  void import('./composables/use-pwa').then((m) => m.startPwa())
}

void start()
