// After a deploy the server no longer has the previous build's lazy chunks. With a service worker the old
// page keeps its own precached copies; without one (private windows, in-app WebViews) a tap on a tab would
// do nothing. A page whose chunk fails to load is reloaded once, straight to where the visitor was going; if
// that fails as well, the page says so instead of staying blank.
import type { RouteComponent, RouteRecordRaw, Router } from 'vue-router'
import { useNoticesStore } from '../stores/notices'
import { whenIdle } from '../domain/idle'

const KEY = 'qd.chunk-retry'
/** A retry older than this is a new deploy, not the same failure again. */
const RETRY_WINDOW_MS = 60_000
let navigating = false

/** Browsers word a failed `import()` differently; Vite's preload helper adds its own. */
export function isChunkLoadError(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error)
  return /dynamically imported module|Importing a module script|preload CSS|Failed to fetch/i.test(message)
}

/** Reload to `path` unless that was just tried (then the caller says so instead): never a reload loop. */
export function reloadOnce(path: string): boolean {
  try {
    const last = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as { path?: unknown; at?: unknown } | null
    if (last?.path === path && typeof last.at === 'number' && Date.now() - last.at < RETRY_WINDOW_MS) return false
    sessionStorage.setItem(KEY, JSON.stringify({ path, at: Date.now() }))
  } catch {
    // no sessionStorage: no guard, so no reload
    return false
  }
  location.assign(path)
  return true
}

function failed(): void {
  useNoticesStore().push('chunk_recovery.failed', undefined, 'warning')
}

/** Shown in place of a page whose code could not be loaded even after a reload: the notice says why. */
const Unavailable: RouteComponent = { render: () => null }

/** The routes with every lazy page wrapped: a failed chunk reloads the page once, to the route being opened. */
export function withChunkRecovery(routes: readonly RouteRecordRaw[]): RouteRecordRaw[] {
  return routes.map((route) => {
    const load = route.component
    if (typeof load !== 'function' || 'setup' in load || 'render' in load) return route
    const component = () => (load as () => Promise<RouteComponent>)().catch((error: unknown) => {
      if (!isChunkLoadError(error)) throw error
      // A reload is under way: keep the current page until it happens.
      if (reloadOnce(pendingPath ?? location.pathname + location.search)) return new Promise<RouteComponent>(() => {})
      failed()
      return Unavailable
    })
    return { ...route, component } as RouteRecordRaw
  })
}

let pendingPath: string | null = null

/** The same failure anywhere else in a navigation (a guard, a nested import). */
export function recoverNavigationErrors(router: Router): void {
  router.beforeEach((to) => {
    navigating = true
    pendingPath = router.resolve(to).href
  })
  router.afterEach((to, _from, failure) => {
    navigating = false
    pendingPath = null
    // It worked: a later deploy may need its own one reload. (Once the page is idle: the first access to
    // sessionStorage is a slow moment on the first navigation.)
    if (!failure) {
      const href = router.resolve(to).href
      whenIdle(() => {
        try {
          const last = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as { path?: unknown } | null
          if (last?.path === href) sessionStorage.removeItem(KEY)
        } catch {
          // nothing to clear
        }
      })
    }
  })
  router.onError((error, to) => {
    navigating = false
    if (isChunkLoadError(error) && !reloadOnce(router.resolve(to).href)) failed()
  })
}

/**
 * `vite:preloadError` outside a navigation (a part loaded on demand, such as the QR code or reminders): the
 * page stays as it is, never reloaded under the visitor; a notice offers the reload.
 */
export function onPreloadError(): void {
  if (!navigating) failed()
}
