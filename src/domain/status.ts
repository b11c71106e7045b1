import type { ScheduleEvent } from '../content/schema'
import { addDays, toInstant } from './time'

export type EventStatus = 'past' | 'ongoing' | 'upcoming'

// A 5,000-event schedule asks for every status on each keystroke: parse each event's times once.
// The cache is checked against the fields, so an object changed in place is parsed again.
type Timing = Pick<ScheduleEvent, 'allDay' | 'start' | 'end'>
const spans = new WeakMap<object, { allDay: boolean; start: string; end: string; span: readonly [number, number] }>()

/**
 * [start, end) in epoch ms; an all-day event runs to the end of its last Qingdao day.
 * The tuple is shared (cached): read it, never change it.
 */
export function eventSpan(e: Timing): readonly [number, number] {
  const known = spans.get(e)
  if (known && known.start === e.start && known.end === e.end && known.allDay === e.allDay) return known.span
  const start = toInstant(e.start)
  const end = e.allDay ? toInstant(addDays(e.end, 1)) : toInstant(e.end)
  const span = [start, Math.max(end, start)] as const
  spans.set(e, { allDay: e.allDay, start: e.start, end: e.end, span })
  return span
}

export function eventStatus(e: Timing, now: number): EventStatus {
  const span = eventSpan(e)
  if (now >= span[1]) return 'past'
  if (now >= span[0]) return 'ongoing'
  return 'upcoming'
}
