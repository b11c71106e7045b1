import { computed, ref, shallowRef } from 'vue'

/** Chromium's install offer (not in the DOM typings). */
export type BeforeInstallPromptEvent = Event & {
  prompt(): Promise<void>
  userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }>
}

const offer = shallowRef<BeforeInstallPromptEvent | null>(null)
const installed = ref(false)

/** iOS and iPadOS (which reports itself as a Mac with touch): no install prompt, only Share → Add to Home Screen. */
export function isIos(userAgent: string, maxTouchPoints: number): boolean {
  return /iPhone|iPad|iPod/.test(userAgent) || (/Macintosh/.test(userAgent) && maxTouchPoints > 1)
}

export function isStandalone(): boolean {
  return window.matchMedia('(display-mode: standalone)').matches || (navigator as Navigator & { standalone?: boolean }).standalone === true
}

/**
 * Called from the entry before the first render: Chromium may fire beforeinstallprompt before any lazy
 * chunk loads, and a missed event does not come back until the next visit.
 */
export function captureInstallPrompt(): void {
  window.addEventListener('beforeinstallprompt', (e) => {
    // Our own Install button (Info) replaces the browser's mini-infobar.
    e.preventDefault()
    offer.value = e as BeforeInstallPromptEvent
  })
  window.addEventListener('appinstalled', () => {
    offer.value = null
    installed.value = true
  })
}

export function usePwaInstall() {
  const ios = isIos(navigator.userAgent, navigator.maxTouchPoints)
  const standalone = isStandalone()
  const canPrompt = computed(() => offer.value !== null && !installed.value && !standalone)
  const isInstalled = computed(() => installed.value || standalone)

  async function install(): Promise<void> {
    const e = offer.value
    if (!e) return
    // An offer can be used once.
    offer.value = null
    await e.prompt()
    if ((await e.userChoice).outcome === 'accepted') installed.value = true
  }

  return { ios, canPrompt, isInstalled, install }
}
