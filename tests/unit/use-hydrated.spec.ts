import { describe, expect, it, vi } from 'vitest'
import { createSSRApp, defineComponent, h, nextTick, ref, type Component } from 'vue'
import { renderToString } from 'vue/server-renderer'
import { hydratedInTurn, hydratedOnChange, hydrateWaiting, inTurn } from '../../src/composables/use-hydrated'
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

describe('a part hydrated in a task of its own', () => {
  /** A tab bar lit by `current`, server-rendered (as the build does), then hydrated with `hydratedInTurn`. */
  async function setUp() {
    const current = ref('home')
    const clicks: string[] = []
    const Tabs: Component = {
      setup: () => () => h('nav', ['home', 'map'].map((key) => h('a', {
        class: { active: current.value === key },
        'data-key': key,
        onClick: () => clicks.push(key),
      }, key))),
    }
    const container = document.createElement('div')
    container.innerHTML = await renderToString(createSSRApp(() => h(Tabs)))
    const built = container.querySelector('nav')
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {})
    const warnings = vi.spyOn(console, 'warn').mockImplementation(() => {})
    createSSRApp(() => h(hydratedInTurn(Tabs, true))).mount(container)
    // Its (already loaded) component resolves: the strategy has queued its turn.
    await Promise.resolve()
    await Promise.resolve()
    const tab = (key: string) => container.querySelector<HTMLElement>(`[data-key="${key}"]`)!
    const done = () => {
      expect(errors).not.toHaveBeenCalled()
      expect(warnings).not.toHaveBeenCalled()
      expect(container.querySelector('nav')).toBe(built)
      errors.mockRestore()
      warnings.mockRestore()
    }
    return { current, clicks, tab, done }
  }

  it('is left as built while the app hydrates and hydrates in a later task, keeping the markup', async () => {
    const { clicks, tab, done } = await setUp()
    tab('map').click()
    expect(clicks).toEqual([])
    for (let i = 0; i < 3; i++) await nextTask()
    tab('map').click()
    expect(clicks).toEqual(['map'])
    done()
  })

  it('hydrates at once when the visitor touches it, so the click that follows is answered', async () => {
    const { clicks, tab, done } = await setUp()
    tab('map').dispatchEvent(new Event('pointerdown', { bubbles: true }))
    tab('map').click()
    expect(clicks).toEqual(['map'])
    done()
  })

  it('hydrates before the state changes when asked (a navigation), so the tab lit afterwards is the right one', async () => {
    const { current, tab, done } = await setUp()
    hydrateWaiting()
    current.value = 'map'
    await nextTick()
    expect(tab('map').className).toBe('active')
    expect(tab('home').className).toBe('')
    done()
  })

  it('is the component itself on a page the app renders', () => {
    const Part: Component = { setup: () => () => h('p') }
    expect(hydratedInTurn(Part, false)).toBe(Part)
  })
})
