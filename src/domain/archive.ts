// A past programme read as an archive: events by the Qingdao year they start in, newest year first and
// newest event first within it. Hundreds of past days read better as a handful of years.
import type { ScheduleEvent } from '../content/schema'
import { dayRange } from './schedule'

type Timing = Pick<ScheduleEvent, 'allDay' | 'start' | 'end'>

export type ArchiveYear<E> = { year: string; events: E[] }

export function archiveYears<E extends Timing>(events: readonly E[]): ArchiveYear<E>[] {
  const byYear = new Map<string, { day: string; e: E; i: number }[]>()
  events.forEach((e, i) => {
    const day = dayRange(e)[0]
    const year = day.slice(0, 4)
    const list = byYear.get(year)
    if (list) list.push({ day, e, i })
    else byYear.set(year, [{ day, e, i }])
  })
  return [...byYear.entries()]
    .sort(([a], [b]) => (a < b ? 1 : a > b ? -1 : 0))
    .map(([year, list]) => ({
      year,
      // Newest first; events of one day keep the programme's order.
      events: list.sort((a, b) => (a.day < b.day ? 1 : a.day > b.day ? -1 : a.i - b.i)).map((x) => x.e),
    }))
}
