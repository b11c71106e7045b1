import { defineStore } from 'pinia'
import { ref } from 'vue'

/** The service worker's lifecycle as the UI sees it; the registration lives in composables/use-pwa.ts. */
export const usePwaStore = defineStore('pwa', () => {
  const online = ref(typeof navigator === 'undefined' ? true : navigator.onLine)
  /** A new version is installed and waits for the user to accept it. */
  const needRefresh = ref(false)
  /** The app shell, all routes, locales and the content are cached: the guide works offline. */
  const offlineReady = ref(false)
  const updating = ref(false)
  let activate: () => Promise<void> = () => Promise.resolve()

  function setActivate(fn: () => Promise<void>): void {
    activate = fn
  }

  /** The waiting worker takes over and the page reloads once: only ever on the user's request. */
  async function applyUpdate(): Promise<void> {
    updating.value = true
    await activate()
  }

  function postpone(): void {
    needRefresh.value = false
  }

  return { online, needRefresh, offlineReady, updating, setActivate, applyUpdate, postpone }
})
