import { nextTick, ref, type Ref } from 'vue'

/**
 * The first render in slices, one task each (src/main.ts). Mounting the whole home page at once is one task of
 * 60–130 ms on a slow phone, during which a tap waits; cut at <BootSlice> boundaries it is a series of short
 * tasks the browser can answer input between. Only while slicing is on (the first mount, off screen behind the
 * prerendered home page): every later render of a <BootSlice> shows its content at once.
 */
let slicing = false
const waiting: Ref<boolean>[] = []

export function startSlicing(): void {
  slicing = true
}

/** For <BootSlice>: whether its content may render now, or a flag that drainSlices() raises on its turn. */
export function sliceShown(): Ref<boolean> {
  const shown = ref(!slicing)
  if (slicing) waiting.push(shown)
  return shown
}

/**
 * Renders the waiting slices one per task, in the order they were set up (document order within a slice;
 * slices found inside a slice's content join the end), until none is left; slicing is then off.
 */
export async function drainSlices(nextTask: () => Promise<void>): Promise<number> {
  let rendered = 0
  for (let shown = waiting.shift(); shown; shown = waiting.shift()) {
    await nextTask()
    shown.value = true
    await nextTick()
    rendered++
  }
  slicing = false
  return rendered
}
