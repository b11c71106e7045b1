import { registerSW } from 'virtual:pwa-register'
import { usePwaStore } from '../stores/pwa'
import { useNoticesStore } from '../stores/notices'
import { useContentStore } from '../stores/content'
import { requestPersistentStorage } from './use-storage'

const CHECK_EVERY_MS = 60 * 60 * 1000
/** Coming back to the app checks again, but not more often than this. */
const MIN_GAP_MS = 10 * 60 * 1000

/**
 * Registers the service worker (prompt mode) and wires its lifecycle to the UI. Loaded by the entry
 * after the first render so it never delays it.
 */
export function startPwa(): void {
  const pwa = usePwaStore()
  const content = useContentStore()
  let registration: ServiceWorkerRegistration | undefined
  let lastCheck = Date.now()

  // Update checks only when online: offline they fail anyway and cost a roaming phone's battery.
  function checkForUpdate(force = false): void {
    if (!registration || !navigator.onLine || (!force && Date.now() - lastCheck < MIN_GAP_MS)) return
    lastCheck = Date.now()
    registration.update().catch(() => undefined)
  }

  window.addEventListener('offline', () => {
    pwa.online = false
  })
  window.addEventListener('online', () => {
    pwa.online = true
    void content.load()
    checkForUpdate(true)
  })
  // Installing is the clearest sign the visitor means to keep the guide: ask the browser to keep its data.
  window.addEventListener('appinstalled', () => void requestPersistentStorage())
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') checkForUpdate()
  })

  if (!('serviceWorker' in navigator)) return
  pwa.offlineReady = navigator.serviceWorker.controller !== null
  // workbox-window reloads on 'controlling' only when this page load began controlled; a page that got
  // its first worker during this visit would stay on the old code under the new worker. Reload once, here.
  let reloading = false
  const reloadOnce = () => {
    if (reloading) return
    reloading = true
    window.location.reload()
  }
  const activate = registerSW({
    onNeedReload: () => reloadOnce(),
    onNeedRefresh: () => {
      pwa.needRefresh = true
    },
    onOfflineReady: () => {
      pwa.offlineReady = true
      // Not true while the content could not be loaded: the visitor would go offline with nothing to read.
      if (useContentStore().state !== 'error') useNoticesStore().push('pwa.offline_ready')
    },
    onRegisteredSW: (_url, reg) => {
      registration = reg
      setInterval(() => checkForUpdate(true), CHECK_EVERY_MS)
    },
    // No service worker (blocked, private mode, unsupported): the app still works online, without offline support.
    onRegisterError: (e: unknown) => console.warn('Service worker registration failed; offline use unavailable', e),
  })
  pwa.setActivate(async () => {
    navigator.serviceWorker.addEventListener('controllerchange', reloadOnce, { once: true })
    await activate(true)
  })
}
