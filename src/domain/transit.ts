// First and last trains from a published timetable, in Qingdao wall time. A service day runs from
// 04:00 to 04:00 the next day, so a train at 00:30 belongs to the evening before (written 24:30).
import { addDays, dayStart, MINUTE, qingdaoDay } from './time'

export type TrainRun = { first: string | null; last: string | null }

/** Where a departure stands at `now`; instants are absolute, so the phone's zone cannot shift them. */
export type TrainsNow =
  | { kind: 'unknown' }
  /** Before the first train of the day: the last one left the evening before. */
  | { kind: 'not-yet'; lastLeft: number; first: number }
  | { kind: 'running'; last: number }
  | { kind: 'ended'; lastLeft: number; first: number | null }

const SERVICE_DAY_START_MIN = 4 * 60

/** Minutes after midnight for "HH:MM" (HH may be 24–27 for trains after midnight); null if malformed. */
export function clockMinutes(hhmm: string): number | null {
  const m = /^(\d{2}):(\d{2})$/.exec(hhmm)
  if (!m) return null
  const h = Number(m[1])
  const min = Number(m[2])
  return h < 28 && min < 60 ? h * 60 + min : null
}

/** The Qingdao service day (YYYY-MM-DD) an instant falls in. */
export function serviceDay(now: number): string {
  return qingdaoDay(now - SERVICE_DAY_START_MIN * MINUTE)
}

const at = (day: string, minutes: number) => dayStart(day) + minutes * MINUTE

/**
 * The earliest first and latest last departure over `runs` (e.g. regular trains and extra direct
 * trains of one direction), placed on the service day of `now`.
 */
export function trainsNow(runs: readonly TrainRun[], now: number): TrainsNow {
  const firsts = runs.map((r) => (r.first === null ? null : clockMinutes(r.first))).filter((m): m is number => m !== null)
  const lasts = runs.map((r) => (r.last === null ? null : clockMinutes(r.last))).filter((m): m is number => m !== null)
  if (lasts.length === 0) return { kind: 'unknown' }
  const first = firsts.length ? Math.min(...firsts) : null
  const last = Math.max(...lasts)
  const day = serviceDay(now)
  const lastToday = at(day, last)
  if (first !== null && now < at(day, first)) return { kind: 'not-yet', lastLeft: at(addDays(day, -1), last), first: at(day, first) }
  if (now <= lastToday) return { kind: 'running', last: lastToday }
  return { kind: 'ended', lastLeft: lastToday, first: first === null ? null : at(addDays(day, 1), first) }
}

/** Late evening or night in Qingdao (21:00–05:59): when Home shows the night-arrival help. */
export function isNight(now: number): boolean {
  const minutes = (now - dayStart(qingdaoDay(now))) / MINUTE
  return minutes >= 21 * 60 || minutes < 6 * 60
}
