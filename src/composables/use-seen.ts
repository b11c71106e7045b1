import { onScopeDispose, readonly, ref, watch, type Ref } from 'vue'

/**
 * False until `target` comes into the part of the viewport the visitor sees (the bottom `coveredBottom()` pixels
 * are hidden, say by a fixed bar), then true for good. A part below the fold then renders, with the work and the
 * downloads that takes, once the visitor scrolls to it rather than while the page starts. With no target yet
 * (null), nothing is observed; without IntersectionObserver, true at once.
 */
export function useSeen(target: Readonly<Ref<Element | null | undefined>>, coveredBottom: () => number = () => 0): Readonly<Ref<boolean>> {
  const seen = ref(false)
  if (import.meta.env.SSR) return seen
  let observer: IntersectionObserver | undefined
  const stop = watch(target, (el) => {
    observer?.disconnect()
    if (!el || seen.value) return
    if (typeof IntersectionObserver !== 'function') {
      seen.value = true
      return
    }
    observer = new IntersectionObserver((entries) => {
      if (!entries.some((e) => e.isIntersecting)) return
      seen.value = true
      observer?.disconnect()
    }, { rootMargin: `0px 0px ${-coveredBottom()}px 0px` })
    observer.observe(el)
  }, { immediate: true })
  onScopeDispose(() => {
    stop()
    observer?.disconnect()
  })
  return readonly(seen)
}
