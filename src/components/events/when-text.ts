// The words of an event's time label, for EventWhen and for the compact line on every card. A card
// builds them without a component of its own: a search re-renders dozens of cards per keystroke.
import type { ClockReading, EventTimes } from '../../domain/event-time'
import { hoursMinutes } from '../../domain/schedule'

type Translate = {
  (key: string): string
  (key: string, plural: number): string
  (key: string, named: Record<string, unknown>): string
}

export type WhenText = {
  /** Qingdao time, always, with its label. */
  qingdao: string
  /** The visitor's own clock when it reads differently at that instant, else ''. */
  local: string
}

function range(t: Translate, r: ClockReading, withDate: boolean): string {
  if (r.endDate) {
    return t('events.date_range', { from: t('events.date_time', { date: r.date, time: r.from }), to: t('events.date_time', { date: r.endDate, time: r.to }) })
  }
  const time = r.from === r.to ? r.from : t('events.time_range', { from: r.from, to: r.to })
  return withDate ? t('events.date_time', { date: r.date, time }) : time
}

export function whenText(t: Translate, x: EventTimes): WhenText {
  if (x.allDay) {
    const dates = x.to ? t('events.date_range', { from: x.from, to: x.to }) : x.from
    return { qingdao: t('events.span', { dates, length: x.to ? t('events.days', x.days) : t('events.all_day') }), local: '' }
  }
  return {
    qingdao: t('events.at_qingdao', { time: range(t, x.qingdao, true) }),
    local: x.local ? t('events.at_local', { time: range(t, x.local, x.local.otherDay), zone: x.local.zone, offset: x.local.offset }) : '',
  }
}

/** "Duration: 1 h 30 min"; '' for all-day and zero-length events. */
export function durationText(t: Translate, x: EventTimes): string {
  if (x.allDay || x.minutes === 0) return ''
  const { h, m } = hoursMinutes(x.minutes)
  const length = h && m ? t('events.duration_hm', { h, m }) : h ? t('events.duration_h', { h }) : t('events.duration_m', { m })
  return t('events.duration', { length })
}
