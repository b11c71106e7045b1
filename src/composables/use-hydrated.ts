import { readonly, ref, type Ref } from 'vue'

/**
 * False while the page is rendered at build time and while the app hydrates that markup (src/main.ts), true
 * from then on. What depends on the clock, the visitor's time zone or saved state (plan, notices, online
 * status) renders only once it is true: the build cannot know it, and the first client render must match the
 * build's markup. With no prerendered page (other routes, unit tests) it is true from the start.
 */
const hydrated = ref(!import.meta.env.SSR)

export function useHydrated(): Readonly<Ref<boolean>> {
  return readonly(hydrated)
}

/** src/main.ts: runs `hydrate` (Vue's app.mount over server-rendered markup) with the flag down. */
export function hydrateThen(hydrate: () => void): void {
  hydrated.value = false
  hydrate()
  hydrated.value = true
}
