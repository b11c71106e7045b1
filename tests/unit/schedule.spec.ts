import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import {
  dayOfEvent, dayRange, dueReminders, eventDays, freeGaps, groupByDay, initialDay, nowAndNext, overlaps,
} from '../../src/domain/schedule'
import { eventSpan, eventStatus } from '../../src/domain/status'
import { addDays, qingdaoDay } from '../../src/domain/time'

const H = 3600_000
const at = (iso: string) => Date.parse(iso)
const timed = (id: string, start: string, end: string) => ({ id, allDay: false, start, end })
const allDay = (id: string, start: string, end: string) => ({ id, allDay: true, start, end })

/** A timed event from an instant and a length, written as the content writes it (+08:00). */
function isoQingdao(instant: number): string {
  return new Date(instant + 8 * H).toISOString().replace(/\.\d{3}Z$/, '+08:00')
}
const arbInstant = fc.integer({ min: at('2024-01-01T00:00:00Z'), max: at('2027-01-01T00:00:00Z') }).map((n) => Math.floor(n / 60_000) * 60_000)
const arbTimed = fc.record({
  id: fc.stringMatching(/^[a-z]{1,6}$/),
  start: arbInstant,
  minutes: fc.integer({ min: 0, max: 3 * 24 * 60 }),
}).map(({ id, start, minutes }) => timed(id, isoQingdao(start), isoQingdao(start + minutes * 60_000)))
const arbDay = fc.integer({ min: 0, max: 1000 }).map((n) => addDays('2024-01-01', n))
const arbAllDay = fc.tuple(fc.stringMatching(/^[a-z]{1,6}$/), arbDay, fc.integer({ min: 0, max: 40 }))
  .map(([id, start, n]) => allDay(id, start, addDays(start, n)))
const arbEvent = fc.oneof(arbTimed, arbAllDay)

describe('Qingdao days of an event', () => {
  it('an all-day event covers its dates, end inclusive', () => {
    expect(eventDays(allDay('a', '2025-07-17', '2025-07-19'))).toEqual(['2025-07-17', '2025-07-18', '2025-07-19'])
    expect(eventDays(allDay('a', '2025-07-18', '2025-07-18'))).toEqual(['2025-07-18'])
  })

  it('a timed event is placed by Qingdao wall time, not by the UTC or device date', () => {
    // 00:30 in Qingdao on the 18th is still the 17th in UTC and in Moscow.
    expect(eventDays(timed('a', '2025-07-18T00:30:00+08:00', '2025-07-18T02:00:00+08:00'))).toEqual(['2025-07-18'])
    expect(eventDays(timed('a', '2025-07-17T16:30:00Z', '2025-07-17T18:00:00Z'))).toEqual(['2025-07-18'])
    // 23:00–01:00 crosses midnight in Qingdao: two days.
    expect(eventDays(timed('a', '2025-07-18T23:00:00+08:00', '2025-07-19T01:00:00+08:00'))).toEqual(['2025-07-18', '2025-07-19'])
    // Ending exactly at midnight does not touch the next day.
    expect(eventDays(timed('a', '2025-07-18T20:00:00+08:00', '2025-07-19T00:00:00+08:00'))).toEqual(['2025-07-18'])
  })

  it('says which day of a multi-day event a day is', () => {
    expect(dayOfEvent(allDay('a', '2025-07-17', '2025-07-19'), '2025-07-18')).toEqual({ index: 2, count: 3 })
  })

  it('property: every instant of a timed event falls on one of its days, and its days are contiguous', () => {
    fc.assert(fc.property(arbTimed, fc.double({ min: 0, max: 1, noNaN: true }), (e, f) => {
      const [start, end] = eventSpan(e)
      const days = eventDays(e)
      const t = end > start ? Math.min(end - 1, start + Math.floor((end - start) * f)) : start
      expect(days).toContain(qingdaoDay(t))
      expect(days[0]).toBe(qingdaoDay(start))
      days.forEach((d, i) => i > 0 && expect(d).toBe(addDays(days[i - 1]!, 1)))
      expect(dayRange(e)).toEqual([days[0], days[days.length - 1]])
    }))
  })

  it('property: grouping puts each event under exactly its days', () => {
    fc.assert(fc.property(fc.array(arbEvent, { maxLength: 20 }), (events) => {
      const groups = groupByDay(events)
      const keys = [...groups.keys()]
      expect(keys).toEqual([...keys].sort())
      for (const e of events) for (const d of eventDays(e)) expect(groups.get(d)).toContain(e)
      let total = 0
      groups.forEach((list) => (total += list.length))
      expect(total).toBe(events.reduce((n, e) => n + eventDays(e).length, 0))
    }))
    // Long multi-day events make some runs heavy: a generous limit keeps it from timing out on a busy machine.
  }, 60_000)
})

describe('the day the programme opens on', () => {
  const days = ['2025-07-17', '2025-07-18', '2025-07-20']
  it('today when it has events, else the next day with events, else the most recent day', () => {
    expect(initialDay(days, '2025-07-18')).toBe('2025-07-18')
    expect(initialDay(days, '2025-07-19')).toBe('2025-07-20')
    expect(initialDay(days, '2025-01-01')).toBe('2025-07-17')
    expect(initialDay(days, '2026-11-25')).toBe('2025-07-20')
    expect(initialDay([], '2026-11-25')).toBeNull()
  })

  it('property: the answer is a programme day chosen by that rule', () => {
    fc.assert(fc.property(fc.uniqueArray(arbDay, { minLength: 1, maxLength: 30 }), arbDay, (unsorted, today) => {
      const sorted = [...unsorted].sort()
      const day = initialDay(sorted, today)!
      expect(sorted).toContain(day)
      const ahead = sorted.filter((d) => d >= today)
      expect(day).toBe(ahead.length ? ahead[0] : sorted[sorted.length - 1])
    }))
  })
})

describe('on now and next', () => {
  const events = [
    timed('morning', '2025-07-18T09:00:00+08:00', '2025-07-18T10:00:00+08:00'),
    timed('noon', '2025-07-18T12:00:00+08:00', '2025-07-18T13:00:00+08:00'),
    allDay('expo', '2025-07-17', '2025-07-20'),
    timed('evening', '2025-07-18T19:00:00+08:00', '2025-07-18T21:00:00+08:00'),
  ]
  it('splits by the instant, whatever zone the phone is in', () => {
    // 04:30 in Moscow is 09:30 in Qingdao.
    const r = nowAndNext(events, at('2025-07-18T04:30:00+03:00'))
    expect(r.onNow.map((e) => e.id)).toEqual(['morning', 'expo'])
    expect(r.next.map((e) => e.id)).toEqual(['noon', 'evening'])
    expect(nowAndNext(events, at('2025-07-21T00:00:00+08:00'))).toEqual({ onNow: [], next: [] })
  })

  it('property: every event is exactly one of on now, next (earliest first) or over', () => {
    fc.assert(fc.property(fc.array(arbEvent, { maxLength: 15 }), arbInstant, (list, now) => {
      const events = list.map((e, i) => ({ ...e, id: `e${i}` }))
      const { onNow, next } = nowAndNext(events, now, events.length)
      for (const e of events) {
        const s = eventStatus(e, now)
        expect(onNow.includes(e)).toBe(s === 'ongoing')
        expect(next.includes(e)).toBe(s === 'upcoming')
      }
      const starts = next.map((e) => eventSpan(e)[0])
      expect(starts).toEqual([...starts].sort((a, b) => a - b))
    }))
  })
})

describe('a plan: overlaps and free time', () => {
  const a = timed('a', '2025-07-18T09:00:00+08:00', '2025-07-18T10:30:00+08:00')
  const b = timed('b', '2025-07-18T10:00:00+08:00', '2025-07-18T11:00:00+08:00')
  const c = timed('c', '2025-07-18T14:00:00+08:00', '2025-07-18T15:00:00+08:00')
  const d = timed('d', '2025-07-18T15:00:00+08:00', '2025-07-18T16:00:00+08:00')
  const expo = allDay('expo', '2025-07-18', '2025-07-18')

  it('timed events that overlap clash; back-to-back events do not; all-day events share days', () => {
    expect(overlaps([c, a, b, d])).toEqual([{ a: 'a', b: 'b', kind: 'clash' }])
    expect(overlaps([a, expo])).toEqual([{ a: 'expo', b: 'a', kind: 'same-days' }])
  })

  it('free time is between timed events on the same Qingdao day', () => {
    expect(freeGaps([a, b, c, d, expo])).toEqual([{ day: '2025-07-18', from: at('2025-07-18T11:00:00+08:00'), to: at('2025-07-18T14:00:00+08:00') }])
    const tomorrow = timed('t', '2025-07-19T09:00:00+08:00', '2025-07-19T10:00:00+08:00')
    expect(freeGaps([d, tomorrow])).toEqual([])
    expect(freeGaps([a, c], 240)).toEqual([])
  })

  it('property: overlaps are exactly the pairs whose spans intersect; gaps intersect no event', () => {
    fc.assert(fc.property(fc.array(arbEvent, { maxLength: 12 }), (list) => {
      const events = list.map((e, i) => ({ ...e, id: `e${String(i).padStart(2, '0')}` }))
      const found = new Set(overlaps(events).map((o) => [o.a, o.b].sort().join('|')))
      for (let i = 0; i < events.length; i++) {
        for (let j = i + 1; j < events.length; j++) {
          const [s1, e1] = eventSpan(events[i]!)
          const [s2, e2] = eventSpan(events[j]!)
          const intersect = s1 < e2 && s2 < e1 && s1 < e1 && s2 < e2
          expect(found.has([events[i]!.id, events[j]!.id].sort().join('|'))).toBe(intersect)
        }
      }
      for (const g of freeGaps(events)) {
        expect(g.to - g.from).toBeGreaterThanOrEqual(30 * 60_000)
        expect(qingdaoDay(g.from)).toBe(g.day)
        for (const e of events.filter((x) => !x.allDay)) {
          const [s, en] = eventSpan(e)
          expect(s >= g.to || en <= g.from).toBe(true)
        }
      }
    }))
  })
})

describe('reminders', () => {
  const e = timed('talk', '2025-07-18T09:30:00+08:00', '2025-07-18T10:30:00+08:00')
  it('are due within N minutes before a timed start, never for all-day events or when off', () => {
    expect(dueReminders([e], at('2025-07-18T09:14:00+08:00'), 15)).toEqual([])
    expect(dueReminders([e], at('2025-07-18T09:15:00+08:00'), 15)).toEqual([e])
    expect(dueReminders([e], at('2025-07-18T04:29:00+03:00'), 15)).toEqual([e])
    expect(dueReminders([e], at('2025-07-18T09:30:00+08:00'), 15)).toEqual([])
    expect(dueReminders([e], at('2025-07-18T09:20:00+08:00'), 0)).toEqual([])
    expect(dueReminders([allDay('x', '2025-07-19', '2025-07-19')], at('2025-07-18T23:55:00+08:00'), 15)).toEqual([])
  })
})
