import { describe, expect, it } from 'vitest'
import { createApp, defineComponent, h, nextTick, ref } from 'vue'
import BootSlice from '../../src/components/common/BootSlice.vue'
import { drainSlices, startSlicing } from '../../src/composables/boot-slices'

// The first mount renders in slices, one task each (src/main.ts); any later render of a slice is immediate.
const tasks: string[] = []
/** A "task" boundary that records what had rendered by then. */
const nextTask = (root: HTMLElement) => async () => {
  tasks.push(root.textContent ?? '')
}

const App = defineComponent({
  setup() {
    const extra = ref(false)
    return { extra }
  },
  render() {
    return [
      h('p', 'shell'),
      h(BootSlice, null, { default: () => h('p', ['a', h(BootSlice, null, { default: () => 'a1' })]) }),
      h(BootSlice, null, { default: () => 'b' }),
      this.extra ? h(BootSlice, null, { default: () => 'late' }) : null,
    ]
  },
})

describe('<BootSlice> and drainSlices', () => {
  it('renders the shell first, then one slice per task in setup order (nested ones last), then at once', async () => {
    const root = document.createElement('div')
    startSlicing()
    const app = createApp(App)
    const vm = app.mount(root) as unknown as { extra: boolean }
    expect(root.textContent).toBe('shell')
    tasks.length = 0
    const rendered = await drainSlices(nextTask(root))
    expect(rendered).toBe(3)
    // What had rendered at each task boundary: the slices came one at a time.
    expect(tasks).toEqual(['shell', 'shella', 'shellab'])
    expect(root.textContent).toBe('shellaa1b')
    // Slicing is over: a slice rendered now shows its content in the same render.
    vm.extra = true
    await nextTick()
    expect(root.textContent).toBe('shellaa1blate')
    app.unmount()
  })

  it('with slicing off, a slice is just its content', async () => {
    const root = document.createElement('div')
    const app = createApp(App)
    app.mount(root)
    expect(root.textContent).toBe('shellaa1b')
    expect(await drainSlices(nextTask(root))).toBe(0)
    app.unmount()
  })
})
