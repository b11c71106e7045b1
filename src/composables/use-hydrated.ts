import { defineAsyncComponent, readonly, ref, watch, type Component, type Ref, type WatchSource } from 'vue'
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
 * The same component, left as the build rendered it and not hydrated (Vue's lazy hydration, with a strategy of
 * its own) while that markup is what the client would render anyway: hydrating it would only repeat the work.
 * It hydrates as soon as `upToDate()` is false when the app hydrates (the visitor has other content than the
 * build), or later once `source` changes (a language switch, newer content); Vue then corrects its text, which
 * an ancestor's data-allow-mismatch="text" must allow. Rendered as usual on a page the app renders itself.
 */
export function hydratedOnChange(component: Component, source: WatchSource, upToDate: () => boolean): Component {
  return defineAsyncComponent({
    loader: () => Promise.resolve(component),
    hydrate: (hydrate) => {
      if (!upToDate()) return void hydrate()
      return watch(source, () => hydrate(), { once: true })
    },
  })
}
