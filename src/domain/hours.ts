// Open now / closing soon / opens next, from the build's timeline of instants (src/content/hours-build.ts).
// Only instants are compared, so the phone's zone cannot shift a status; no timeline means unknown.
import type { HoursTimeline } from '../content/schema'
import { DAY, dayStart, qingdaoDay } from './time'

export const CLOSING_SOON_MS = 60 * 60_000

export type HoursStatus =
  | { kind: 'unknown' }
  /** `closesAt` null: open past the end of what the data covers (e.g. 24/7). */
  | { kind: 'open' | 'closing-soon'; closesAt: number | null }
  /** `opensAt` null: no opening within the data. */
  | { kind: 'closed'; opensAt: number | null }

export function hoursStatus(timeline: HoursTimeline | null | undefined, now: number): HoursStatus {
  if (!timeline || now < timeline.from || now >= timeline.to) return { kind: 'unknown' }
  if (timeline.unknown.some(([s, e]) => s <= now && now < e)) return { kind: 'unknown' }
  const current = timeline.open.find(([s, e]) => s <= now && now < e)
  if (current) {
    const closesAt = current[1] >= timeline.to ? null : current[1]
    return { kind: closesAt !== null && closesAt - now <= CLOSING_SOON_MS ? 'closing-soon' : 'open', closesAt }
  }
  const next = timeline.open.find(([s]) => s > now)
  return { kind: 'closed', opensAt: next ? next[0] : null }
}

export const isOpen = (s: HoursStatus) => s.kind === 'open' || s.kind === 'closing-soon'

/** List order when location is not known: open first, then closing soon, closed by next opening, unknown last. */
export function statusRank(s: HoursStatus): number {
  switch (s.kind) {
    case 'open': return 0
    case 'closing-soon': return 1
    case 'closed': return s.opensAt === null ? 3e15 : 2 + s.opensAt / 1e3
    case 'unknown': return 4e15
  }
}

export type DayHours = {
  /** Qingdao calendar day, YYYY-MM-DD. */
  day: string
  /** Spans that start on this day (an evening span may end after midnight); all-day = whole day open. */
  spans: [number, number][]
  allDay: boolean
  /** Part of the day the data marks unknown, or the day lies outside the data. */
  unknown: boolean
}

/** The next `count` Qingdao days from `now`'s day, for the week view. */
export function upcomingDays(timeline: HoursTimeline, now: number, count = 7): DayHours[] {
  const first = qingdaoDay(now)
  const out: DayHours[] = []
  for (let i = 0; i < count; i++) {
    const start = dayStart(first) + i * DAY
    const end = start + DAY
    const day = qingdaoDay(start)
    const outside = start < timeline.from || end > timeline.to
    const allDay = timeline.open.some(([s, e]) => s <= start && e >= end)
    const spans = allDay ? [] : timeline.open.filter(([s]) => s >= start && s < end)
    const unknown = outside || timeline.unknown.some(([s, e]) => s < end && e > start)
    out.push({ day, spans, allDay, unknown })
  }
  return out
}
