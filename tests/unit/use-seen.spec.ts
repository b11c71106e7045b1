import { afterEach, describe, expect, it, vi } from 'vitest'
import { effectScope, nextTick, shallowRef } from 'vue'
import { useSeen } from '../../src/composables/use-seen'

/** A stand-in IntersectionObserver: the test says when the target comes into view. */
class FakeObserver {
  static last: FakeObserver | undefined
  observed: Element[] = []
  disconnected = false
  constructor(readonly callback: (entries: { isIntersecting: boolean }[]) => void, readonly options: { rootMargin?: string }) {
    FakeObserver.last = this
  }
  observe(el: Element) {
    this.observed.push(el)
  }
  disconnect() {
    this.disconnected = true
  }
  report(isIntersecting: boolean) {
    this.callback([{ isIntersecting }])
  }
}

afterEach(() => {
  vi.unstubAllGlobals()
  FakeObserver.last = undefined
})

describe('useSeen', () => {
  it('is false until the target shows above the covered bottom, then true for good', async () => {
    vi.stubGlobal('IntersectionObserver', FakeObserver)
    const target = shallowRef<Element | null>(null)
    const scope = effectScope()
    const seen = scope.run(() => useSeen(target, () => 88))!
    // No target yet (the page is still hydrating): nothing observed.
    expect(FakeObserver.last).toBeUndefined()
    const el = document.createElement('div')
    target.value = el
    await nextTick()
    const observer = FakeObserver.last!
    expect(observer.observed).toEqual([el])
    expect(observer.options.rootMargin).toBe('0px 0px -88px 0px')
    observer.report(false)
    expect(seen.value).toBe(false)
    observer.report(true)
    expect(seen.value).toBe(true)
    expect(observer.disconnected).toBe(true)
    scope.stop()
  })

  it('stops observing when its scope ends (the page is left)', async () => {
    vi.stubGlobal('IntersectionObserver', FakeObserver)
    const scope = effectScope()
    scope.run(() => useSeen(shallowRef(document.createElement('div'))))
    await nextTick()
    scope.stop()
    expect(FakeObserver.last!.disconnected).toBe(true)
  })

  it('is true at once where IntersectionObserver is missing', () => {
    vi.stubGlobal('IntersectionObserver', undefined)
    const scope = effectScope()
    const seen = scope.run(() => useSeen(shallowRef(document.createElement('div'))))!
    expect(seen.value).toBe(true)
    scope.stop()
  })
})
