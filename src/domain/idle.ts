/**
 * Runs `run` when the main thread is idle (at the latest after `timeoutMs`): work the first paint and the first
 * tap need not wait for, such as saving a copy or starting timers. Without requestIdleCallback (Safari), on the
 * next task.
 */
export function whenIdle(run: () => void, timeoutMs = 2000): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(() => run(), { timeout: timeoutMs })
  else setTimeout(run, 0)
}
