import { describe, expect, it } from 'vitest'
import { blockingTime } from '../../scripts/trace-blocking.mjs'

const MAIN = { pid: 1, tid: 7 }
const task = (ts: number, durMs: number, cpuMs: number, at = MAIN) => ({ ...at, ph: 'X', name: 'RunTask', ts, dur: durMs * 1000, tdur: cpuMs * 1000 })

describe('blockingTime', () => {
  it('sums 4 × length − 50 ms per main-thread task after the first paint, by wall clock and by CPU time', () => {
    const trace = {
      traceEvents: [
        task(0, 100, 100), // before the first paint: not counted
        { ...MAIN, ph: 'I', name: 'firstContentfulPaint', ts: 5_000 },
        task(10_000, 40, 10), // waited for a core: 110 ms by the wall clock, none by CPU time
        task(60_000, 30, 20), // 70 and 30
        task(100_000, 10, 10), // short: nothing
        task(120_000, 90, 90, { pid: 2, tid: 7 }), // another process
        { ...MAIN, ph: 'X', name: 'FunctionCall', ts: 10_500, dur: 39_000, tdur: 9_000 }, // inside a task, not a task
      ],
    }
    expect(blockingTime(trace)).toEqual({ wallMs: 110 + 70, cpuMs: 30, longestCpuMs: 20, tasks: 3 })
  })

  it('takes the wall clock where a task has no CPU time, and gives null without a first paint', () => {
    expect(blockingTime([{ ...MAIN, ph: 'I', name: 'firstContentfulPaint', ts: 0 }, { ...task(1, 20, 0), tdur: undefined }])).toMatchObject({ wallMs: 30, cpuMs: 30 })
    expect(blockingTime({ traceEvents: [task(0, 100, 100)] })).toBeNull()
  })
})
