// The clock readings an event label needs: Qingdao time always, the visitor's own clock beside it when
// it reads differently at that instant. Messages (labels, word order) are the UI's job; this gives the parts.
import type { ScheduleEvent } from '../content/schema'
import { durationMinutes } from './schedule'
import {
  DAY, QINGDAO_TZ, dayInZone, differsFromQingdao, formatClock, formatDate, formatOffset, toInstant, zoneName, zoneOffsetMinutes,
} from './time'

type Timing = Pick<ScheduleEvent, 'allDay' | 'start' | 'end'>

export type ClockReading = {
  /** Date of the start, in that zone. */
  date: string
  /** Date of the end when it falls on another day in that zone, else null. */
  endDate: string | null
  from: string
  to: string
}

export type LocalReading = ClockReading & {
  zone: string
  /** "+3", "−4": after "UTC". */
  offset: string
  /** The visitor's clock is on another calendar day than Qingdao's at the start or end. */
  otherDay: boolean
}

export type EventTimes =
  | { allDay: true; from: string; to: string | null; days: number }
  | { allDay: false; qingdao: ClockReading; local: LocalReading | null; minutes: number }

function reading(start: number, end: number, timeZone: string, locale: string): ClockReading {
  const sameDay = dayInZone(start, timeZone) === dayInZone(end, timeZone)
  return {
    date: formatDate(start, timeZone, locale),
    endDate: sameDay ? null : formatDate(end, timeZone, locale),
    from: formatClock(start, timeZone, locale),
    to: formatClock(end, timeZone, locale),
  }
}

/** All-day dates are Qingdao calendar days: formatted as plain dates, never shifted into another zone. */
const plainDate = (day: string, locale: string) => formatDate(Date.parse(`${day}T00:00:00Z`), 'UTC', locale)

// Cards are rebuilt on every day switch and keystroke; the Intl work behind a label is done once.
const cache = new WeakMap<object, Map<string, EventTimes>>()

export function eventTimes(e: Timing, locale: string, deviceZone: string): EventTimes {
  const key = `${locale}|${deviceZone}|${e.allDay}|${e.start}|${e.end}`
  let byKey = cache.get(e)
  const known = byKey?.get(key)
  if (known) return known
  const times = computeTimes(e, locale, deviceZone)
  if (!byKey) cache.set(e, (byKey = new Map()))
  byKey.set(key, times)
  return times
}

function computeTimes(e: Timing, locale: string, deviceZone: string): EventTimes {
  if (e.allDay) {
    const days = Math.round((Date.parse(`${e.end}T00:00:00Z`) - Date.parse(`${e.start}T00:00:00Z`)) / DAY) + 1
    return { allDay: true, from: plainDate(e.start, locale), to: e.end === e.start ? null : plainDate(e.end, locale), days }
  }
  const start = toInstant(e.start)
  const end = Math.max(start, toInstant(e.end))
  const qingdao = reading(start, end, QINGDAO_TZ, locale)
  let local: LocalReading | null = null
  if (differsFromQingdao(deviceZone, start) || differsFromQingdao(deviceZone, end)) {
    const offsetAtStart = zoneOffsetMinutes(deviceZone, start)
    const otherDay = dayInZone(start, deviceZone) !== dayInZone(start, QINGDAO_TZ) || dayInZone(end, deviceZone) !== dayInZone(end, QINGDAO_TZ)
    local = {
      ...reading(start, end, deviceZone, locale),
      zone: zoneName(deviceZone, locale, start),
      offset: formatOffset(offsetAtStart),
      otherDay,
    }
  }
  return { allDay: false, qingdao, local, minutes: durationMinutes(e) }
}
