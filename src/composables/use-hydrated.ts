import { defineAsyncComponent, readonly, ref, watch, type Component, type Ref, type WatchSource } from 'vue'
import { nextTask } from '../domain/idle'

/**
 * False while the page is rendered at build time and while the app hydrates that markup (src/main.ts), true
 * from then on. What depends on the clock, the visitor's time zone or saved state (plan, notices, online
 * status) renders only once it is true: the build cannot know it, and the first client render must match the
 * build's markup. With no prerendered page (other routes, unit tests) it is true from the start.
 */
const hydrated = ref(!import.meta.env.SSR)

/**
 * Whether this page starts from the home page rendered at build time: public/lang.js has put it into #app before
 * any module runs. src/main.ts then hydrates it rather than rendering the app.
 */
export const prerendered = !import.meta.env.SSR && typeof document !== 'undefined' && document.getElementById('app')?.hasChildNodes() === true

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
  // After the parts hydrated in turn (hydratedInTurn), which queued their turns as the app hydrated.
  await nextTask()
  await new Promise<void>((done) => inTurn(done))
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

/** Hydrations waiting for their turn (hydratedInTurn), run at once before any navigation (src/main.ts). */
const waiting = new Set<() => void>()

/** Hydrates, in place and at once, every part still waiting for its turn. */
export function hydrateWaiting(): void {
  for (const run of [...waiting]) run()
}

/** What a visitor starts an action with: the part hydrates first, and the action's click reaches it live. */
const FIRST_TOUCH = ['pointerdown', 'keydown', 'focusin'] as const

/**
 * The same component, hydrated in a task of its own after the app's hydration (Vue's lazy hydration, with a
 * strategy of its own): one long start-up task becomes several short ones, and the first run of Vue's, the
 * router's and vue-i18n's code, slow on a slow phone, is spread over them. It hydrates at once when the visitor
 * touches, clicks or focuses it, and before a navigation or a language switch (`hydrateWaiting`, src/main.ts): Vue
 * does not correct attributes while hydrating, so it must hydrate while the state is still the one the markup
 * shows. On a page the app renders itself (`hydrating` false) it is the component itself.
 */
export function hydratedInTurn(component: Component, hydrating = prerendered): Component {
  if (!hydrating) return component
  return defineAsyncComponent({
    loader: () => Promise.resolve(component),
    hydrate: (hydrate, forEachElement) => {
      let done = false
      const listen = (on: boolean) => forEachElement((el) => {
        for (const type of FIRST_TOUCH) el[on ? 'addEventListener' : 'removeEventListener'](type, run, true)
      })
      /** No longer waiting: hydrated, or unmounted before its turn. */
      function stop() {
        done = true
        waiting.delete(run)
        listen(false)
      }
      function run() {
        if (done) return
        stop()
        hydrate()
      }
      waiting.add(run)
      listen(true)
      inTurn(run)
      return stop
    },
  })
}
