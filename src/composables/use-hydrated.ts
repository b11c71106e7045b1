import { defineAsyncComponent, hydrateOnIdle, readonly, ref, type Component, type Ref } from 'vue'
import { nextTask } from '../domain/idle'

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

let turns: Promise<void> = Promise.resolve()
/** Runs `work` in a task of its own, after the work queued before it: start-up pieces one task each. */
export function inTurn(work: () => void): void {
  turns = turns.then(nextTask).then(() => {
    try {
      work()
    } catch (e) {
      // Reported as any uncaught error would be; the turns after it still run.
      reportError(e)
    }
  })
}

/**
 * src/main.ts: runs `hydrate` (Vue's app.mount over server-rendered markup) with the flag down, then raises
 * it in a task of its own, so the client-only parts render after the hydration's task rather than in it:
 * two shorter tasks instead of one long one on a slow phone.
 */
export async function hydrateThen(hydrate: () => void): Promise<void> {
  hydrated.value = false
  hydrate()
  await nextTask()
  hydrated.value = true
}

/**
 * The same component, hydrated on its own once the page is idle (Vue's lazy hydration) rather than in the
 * app's hydration task; rendered as usual on a page the app renders itself. Only for parts nothing can change
 * before then (not the clock, saved state or the route): Vue corrects text that differs when it hydrates,
 * never attributes, so a class changed in between would stay wrong.
 */
export function hydratedWhenIdle(component: Component): Component {
  return defineAsyncComponent({ loader: () => Promise.resolve(component), hydrate: hydrateOnIdle() })
}
