// Blocking time of a page load, from a Chrome trace (Lighthouse saves one per run with --save-assets).
//
// Lighthouse's simulated throttling takes each main-thread task's wall-clock length from an unthrottled load
// and multiplies it by 4. On a small machine the page's main thread waits for a core while Chrome's other
// threads and Lighthouse itself run, so a task's wall-clock length can be several times the CPU time the page
// spent in it, and the TBT figure swings between runs of one build. The same rule over each task's CPU time
// (the trace's thread duration) gives what the page itself costs. Both are summed here over the top-level
// tasks of the renderer's main thread from the first contentful paint to the end of the trace.

/** A task counts max(0, 4 × length − 50 ms), as in Lighthouse's TBT at its default 4× CPU slowdown. */
const SLOWDOWN = 4
const LONG_TASK_MS = 50

/**
 * @param {{ traceEvents?: object[] } | object[]} trace
 * @returns {{ wallMs: number, cpuMs: number, longestCpuMs: number, tasks: number } | null} null without a first contentful paint
 */
export function blockingTime(trace) {
  const events = Array.isArray(trace) ? trace : trace.traceEvents ?? []
  const fcp = events.find((e) => e.name === 'firstContentfulPaint')
  if (!fcp) return null
  let wallMs = 0
  let cpuMs = 0
  let longestCpuMs = 0
  let tasks = 0
  for (const e of events) {
    if (e.ph !== 'X' || e.name !== 'RunTask' || e.pid !== fcp.pid || e.tid !== fcp.tid || e.ts < fcp.ts) continue
    const wall = e.dur / 1000
    const cpu = (e.tdur ?? e.dur) / 1000
    wallMs += Math.max(0, SLOWDOWN * wall - LONG_TASK_MS)
    cpuMs += Math.max(0, SLOWDOWN * cpu - LONG_TASK_MS)
    longestCpuMs = Math.max(longestCpuMs, cpu)
    tasks++
  }
  return { wallMs: Math.round(wallMs), cpuMs: Math.round(cpuMs), longestCpuMs: Math.round(longestCpuMs * 10) / 10, tasks }
}
