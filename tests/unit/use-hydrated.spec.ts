import { describe, expect, it, vi } from 'vitest'
import { inTurn } from '../../src/composables/use-hydrated'
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
