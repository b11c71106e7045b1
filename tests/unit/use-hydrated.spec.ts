import { describe, expect, it, vi } from 'vitest'
import { createSSRApp, defineComponent, h, nextTick, ref, type Component } from 'vue'
import { renderToString } from 'vue/server-renderer'
import { hydratedOnChange, inTurn } from '../../src/composables/use-hydrated'
import { nextTask } from '../../src/domain/idle'

describe('start-up turns', () => {
  it('runs queued work in order, one task each, and a failing piece does not stop the ones after it', async () => {
    const done: string[] = []
    const reported = vi.fn()
    vi.stubGlobal('reportError', reported)
    inTurn(() => done.push('a'))
    inTurn(() => {
      throw new Error('b failed')
    })
    inTurn(() => done.push('c'))
    // Nothing runs in the task that queued it.
    await Promise.resolve()
    expect(done).toEqual([])
    for (let i = 0; i < 4; i++) await nextTask()
    expect(done).toEqual(['a', 'c'])
    expect(reported).toHaveBeenCalledWith(expect.objectContaining({ message: 'b failed' }))
    vi.unstubAllGlobals()
  })
})

describe('a part hydrated only when it changes', () => {
  /** Server-renders `text` into a container (as the build does), then hydrates it with the app's current state. */
  async function setUp(built: string, current: string) {
    const value = ref(built)
    let renders = 0
    const Part = defineComponent({
      setup: () => () => {
        renders++
        return h('p', `as of ${value.value}`)
      },
    })
    const Page = (part: Component) => () => h('div', { 'data-allow-mismatch': 'text' }, [h(part)])
    const container = document.createElement('div')
    container.innerHTML = await renderToString(createSSRApp(Page(Part)))
    value.value = current
    renders = 0
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {})
    createSSRApp(Page(hydratedOnChange(Part, value, () => value.value === built))).mount(container)
    // The lazy part's strategy runs once its (already loaded) component resolves.
    await flushPromises()
    return { value, container, renders: () => renders, errors }
  }
  const flushPromises = () => new Promise((r) => setTimeout(r, 0))

  it('is not rendered again while the markup is current, and hydrates (text corrected) once the state changes', async () => {
    const { value, container, renders, errors } = await setUp('2026-11-25', '2026-11-25')
    expect(renders()).toBe(0)
    expect(container.textContent).toBe('as of 2026-11-25')
    value.value = '2026-12-01'
    await nextTick()
    await flushPromises()
    expect(renders()).toBeGreaterThan(0)
    expect(container.textContent).toBe('as of 2026-12-01')
    expect(errors).not.toHaveBeenCalled()
    errors.mockRestore()
  })

  it('hydrates at once when the visitor has other state than the build', async () => {
    const { container, renders, errors } = await setUp('2026-11-25', '2026-12-01')
    expect(renders()).toBeGreaterThan(0)
    expect(container.textContent).toBe('as of 2026-12-01')
    expect(errors).not.toHaveBeenCalled()
    errors.mockRestore()
  })
})
