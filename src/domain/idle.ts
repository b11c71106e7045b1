/**
 * Runs `run` when the main thread is idle (at the latest after `timeoutMs`): work the first paint and the first
 * tap need not wait for, such as saving a copy or starting timers. Without requestIdleCallback (Safari), on the
 * next task.
 */
export function whenIdle(run: () => void, timeoutMs = 2000): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(() => run(), { timeout: timeoutMs })
  else setTimeout(run, 0)
}

/**
 * Resolves in a new task: the browser can paint and answer a tap between two pieces of work. A message task,
 * not a timer, so a chain of them is not slowed by the browsers' minimum delay for nested timers.
 */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel()
    channel.port1.onmessage = () => {
      channel.port1.close()
      resolve()
    }
    channel.port2.postMessage(null)
  })
}
