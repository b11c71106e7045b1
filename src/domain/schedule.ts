// The programme as a visitor reads it: by Qingdao day, now/next, overlaps and free time in a plan.
// Pure functions of the events and an instant; the device's zone never enters a day boundary.
import type { ScheduleEvent } from '../content/schema'
import { eventSpan, eventStatus } from './status'
import { addDays, dayCount, qingdaoDay, MINUTE } from './time'
import { compareCodeUnits } from './order'

type Timing = Pick<ScheduleEvent, 'allDay' | 'start' | 'end'>
type Ev = Timing & { id: string }

/** More Qingdao days than any real event spans: guards the day index against a typo such as 2205. */
const MAX_DAYS = 400

/** First and last Qingdao day an event touches (inclusive). A timed event ending at midnight does not touch the next day. */
export function dayRange(e: Timing): [string, string] {
  if (e.allDay) return [e.start, e.end]
  const [start, end] = eventSpan(e)
  return [qingdaoDay(start), qingdaoDay(Math.max(start, end - 1))]
}

/** Every Qingdao day an event touches, in order. */
export function eventDays(e: Timing): string[] {
  const [first, last] = dayRange(e)
  const n = Math.min(dayCount(first, last), MAX_DAYS)
  return Array.from({ length: n }, (_, i) => addDays(first, i))
}

/** Which day of a multi-day event `day` is: { index: 2, count: 3 } reads "day 2 of 3". */
export function dayOfEvent(e: Timing, day: string): { index: number; count: number } {
  const [first, last] = dayRange(e)
  return { index: dayCount(first, day), count: dayCount(first, last) }
}

/** Events by Qingdao day, each day's events in the order given (callers pass them chronological). */
export function groupByDay<E extends Timing>(events: readonly E[]): Map<string, E[]> {
  const byDay = new Map<string, E[]>()
  for (const e of events) {
    for (const day of eventDays(e)) {
      const list = byDay.get(day)
      if (list) list.push(e)
      else byDay.set(day, [e])
    }
  }
  return new Map([...byDay.entries()].sort(([a], [b]) => compareCodeUnits(a, b)))
}

/**
 * The day the programme opens on: today if it has events, else the next day with events,
 * else the most recent one. `days` must be sorted; null only when there are no days at all.
 */
export function initialDay(days: readonly string[], today: string): string | null {
  if (days.length === 0) return null
  return days.find((d) => d >= today) ?? days[days.length - 1] ?? null
}

/** What is on now and what starts next (the earliest upcoming starts first). */
export function nowAndNext<E extends Timing>(events: readonly E[], now: number, limit = 3): { onNow: E[]; next: E[] } {
  const onNow: E[] = []
  const upcoming: { e: E; start: number }[] = []
  for (const e of events) {
    const status = eventStatus(e, now)
    if (status === 'ongoing') onNow.push(e)
    else if (status === 'upcoming') upcoming.push({ e, start: eventSpan(e)[0] })
  }
  upcoming.sort((a, b) => a.start - b.start)
  return { onNow, next: upcoming.slice(0, limit).map((x) => x.e) }
}

/**
 * Two planned events that overlap. Two timed events that overlap are a clash (you cannot be at both);
 * an all-day event shares days with others without ruling them out, so that is only noted.
 */
export type Overlap = { a: string; b: string; kind: 'clash' | 'same-days' }

export function overlaps(events: readonly Ev[]): Overlap[] {
  const spans = events.map((e) => ({ e, span: eventSpan(e) })).sort((x, y) => x.span[0] - y.span[0] || compareCodeUnits(x.e.id, y.e.id))
  const result: Overlap[] = []
  // Sweep: each event is compared only with those still running when it starts.
  let active: typeof spans = []
  for (const cur of spans) {
    active = active.filter((x) => x.span[1] > cur.span[0])
    for (const other of active) {
      // Zero-length events (a point in time) overlap nothing.
      if (cur.span[0] === cur.span[1] || other.span[0] === other.span[1]) continue
      result.push({ a: other.e.id, b: cur.e.id, kind: !other.e.allDay && !cur.e.allDay ? 'clash' : 'same-days' })
    }
    active.push(cur)
  }
  return result
}

/** Free time between planned timed events on the same Qingdao day, at least `minMinutes` long. */
export type Gap = { day: string; from: number; to: number }

export function freeGaps(events: readonly Ev[], minMinutes = 30): Gap[] {
  const spans = events.filter((e) => !e.allDay).map(eventSpan).sort((a, b) => a[0] - b[0])
  const gaps: Gap[] = []
  let busyUntil: number | null = null
  for (const [start, end] of spans) {
    if (busyUntil !== null && start - busyUntil >= minMinutes * MINUTE && qingdaoDay(busyUntil) === qingdaoDay(start)) {
      gaps.push({ day: qingdaoDay(start), from: busyUntil, to: start })
    }
    busyUntil = busyUntil === null ? end : Math.max(busyUntil, end)
  }
  return gaps
}

/** Length of a timed event in whole minutes; all-day events count in days instead. */
export function durationMinutes(e: Timing): number {
  const [start, end] = eventSpan(e)
  return Math.round((end - start) / MINUTE)
}

/** Split minutes into hours and minutes for a label such as "1 h 30 min". */
export function hoursMinutes(minutes: number): { h: number; m: number } {
  return { h: Math.floor(minutes / 60), m: minutes % 60 }
}

/**
 * Planned timed events whose reminder is due at `now`: the event starts within `minutes` and has not
 * started yet. All-day events have no start worth a reminder (their .ics alarm covers them).
 */
export function dueReminders<E extends Ev>(events: readonly E[], now: number, minutes: number): E[] {
  if (minutes <= 0) return []
  return events.filter((e) => {
    if (e.allDay) return false
    const start = eventSpan(e)[0]
    return start > now && start - now <= minutes * MINUTE
  })
}
