import type { ScheduleEvent } from '../content/schema'
import { addDays, toInstant } from './time'

export type EventStatus = 'past' | 'ongoing' | 'upcoming'

/** [start, end) in epoch ms; an all-day event runs to the end of its last Qingdao day. */
export function eventSpan(e: Pick<ScheduleEvent, 'allDay' | 'start' | 'end'>): [number, number] {
  const start = toInstant(e.start)
  const end = e.allDay ? toInstant(addDays(e.end, 1)) : toInstant(e.end)
  return [start, Math.max(end, start)]
}

export function eventStatus(e: Pick<ScheduleEvent, 'allDay' | 'start' | 'end'>, now: number): EventStatus {
  const [start, end] = eventSpan(e)
  if (now >= end) return 'past'
  if (now >= start) return 'ongoing'
  return 'upcoming'
}
