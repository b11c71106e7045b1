// @vitest-environment node
import { afterEach, describe, expect, it } from 'vitest'
import { checkOpeningHours, deriveTimeline, rewriteHolidays } from '../../src/content/hours-build'
import { hoursStatus, statusRank, upcomingDays, type HoursStatus } from '../../src/domain/hours'
import type { Holiday } from '../../src/content/schema'

const L = (en: string) => ({ zh: en, ru: en, en })
/** Synthetic: a Wed–Fri holiday with a Saturday make-up day after it, and the real 2026 Spring Festival. */
const HOLIDAYS: Holiday[] = [
  { name: L('Test holiday'), start: '2026-03-11', end: '2026-03-13', workdays: ['2026-03-14'] },
  { name: L('Spring Festival'), start: '2026-02-15', end: '2026-02-23', workdays: ['2026-02-14', '2026-02-28'] },
]
/** A Qingdao wall time as an instant. */
const qd = (s: string) => Date.parse(`${s}+08:00`)
const timeline = (value: string, from = '2026-01-01', to = '2026-04-01') => deriveTimeline(value, HOLIDAYS, from, to)
const kind = (s: HoursStatus) => s.kind

const savedTz = process.env.TZ
afterEach(() => {
  if (savedTz === undefined) delete process.env.TZ
  else process.env.TZ = savedTz
})

describe('opening_hours validation', () => {
  it('accepts the forms the content uses', () => {
    for (const v of ['Mo-Fr 09:00-17:00; PH off', '24/7', 'Mo-Su 10:00-02:00', 'Sa,Su,PH 10:00-16:00', 'Mo-Fr 09:00-12:00,14:00-17:30; PH off']) {
      expect(checkOpeningHours(v), v).toBeNull()
    }
  })

  it('rejects broken syntax, sloppy times and PH where it cannot be rewritten', () => {
    expect(checkOpeningHours('Mo-Fx 09:00-17:00')).toMatch(/Unexpected token/)
    expect(checkOpeningHours('Mo-Fr 9-17')).toMatch(/without minutes/)
    expect(checkOpeningHours('Mo-Fr 09:00-17:00; SH off')).toMatch(/SH/)
    expect(checkOpeningHours('Mo-Fr 09:00-17:00, PH off')).not.toBeNull()
  })

  it('rewrites PH into one dated rule per holiday period', () => {
    expect(rewriteHolidays('Mo-Fr 09:00-17:00; Sa,PH 10:00-12:00', HOLIDAYS.slice(0, 1))).toBe('Mo-Fr 09:00-17:00; Sa 10:00-12:00; 2026 Mar 11-2026 Mar 13 10:00-12:00')
    expect(rewriteHolidays('Mo-Fr 09:00-17:00; PH off', [])).toBe('Mo-Fr 09:00-17:00')
  })
})

describe('open now, in Qingdao time whatever the device zone', () => {
  for (const tz of ['Europe/Moscow', 'America/New_York', 'Pacific/Kiritimati', 'Asia/Shanghai', 'UTC']) {
    it(`across midnight with the process in ${tz}`, () => {
      process.env.TZ = tz
      const t = timeline('Mo-Su 10:00-02:00')
      expect(kind(hoursStatus(t, qd('2026-03-04T11:00')))).toBe('open')
      expect(kind(hoursStatus(t, qd('2026-03-05T01:30')))).toBe('closing-soon')
      expect(hoursStatus(t, qd('2026-03-05T01:30'))).toEqual({ kind: 'closing-soon', closesAt: qd('2026-03-05T02:00') })
      expect(hoursStatus(t, qd('2026-03-05T03:00'))).toEqual({ kind: 'closed', opensAt: qd('2026-03-05T10:00') })
      expect(kind(hoursStatus(t, qd('2026-03-05T02:00')))).toBe('closed')
      expect(kind(hoursStatus(t, qd('2026-03-05T09:59')))).toBe('closed')
      expect(kind(hoursStatus(t, qd('2026-03-05T10:00')))).toBe('open')
    })
  }

  it('gives the same timeline whatever zone the build runs in', () => {
    process.env.TZ = 'America/New_York'
    const a = timeline('Mo-Fr 09:00-17:00; PH off', '2026-03-01', '2026-03-20')
    process.env.TZ = 'Asia/Kolkata'
    const b = timeline('Mo-Fr 09:00-17:00; PH off', '2026-03-01', '2026-03-20')
    expect(a).toEqual(b)
    expect(a.open[0]).toEqual([qd('2026-03-02T09:00'), qd('2026-03-02T17:00')])
  })

  it('closed on a public holiday, open on the make-up working day', () => {
    const t = timeline('Mo-Fr 09:00-17:00; PH off')
    expect(kind(hoursStatus(t, qd('2026-03-10T10:00')))).toBe('open') // Tuesday, a normal day
    expect(hoursStatus(t, qd('2026-03-11T10:00'))).toEqual({ kind: 'closed', opensAt: qd('2026-03-14T09:00') }) // holiday Wed → make-up Sat
    expect(kind(hoursStatus(t, qd('2026-03-13T10:00')))).toBe('closed')
    expect(kind(hoursStatus(t, qd('2026-03-14T10:00')))).toBe('open') // Saturday make-up day
    expect(kind(hoursStatus(t, qd('2026-03-15T10:00')))).toBe('closed') // plain Sunday
    // The real Spring Festival 2026: closed Mon 16 Feb–Mon 23 Feb, open on the make-up Saturdays.
    expect(kind(hoursStatus(t, qd('2026-02-17T10:00')))).toBe('closed')
    expect(kind(hoursStatus(t, qd('2026-02-14T10:00')))).toBe('open')
    expect(kind(hoursStatus(t, qd('2026-02-28T10:00')))).toBe('open')
    expect(kind(hoursStatus(t, qd('2026-02-24T10:00')))).toBe('open')
  })

  it('a place that does not mention PH keeps its weekly hours on holidays and make-up days', () => {
    const t = timeline('Mo-Fr 09:00-17:00')
    expect(kind(hoursStatus(t, qd('2026-03-11T10:00')))).toBe('open')
    expect(kind(hoursStatus(t, qd('2026-03-14T10:00')))).toBe('closed')
  })

  it('24/7 is one span, open with no closing time', () => {
    const t = timeline('24/7')
    expect(t.open).toHaveLength(1)
    expect(hoursStatus(t, qd('2026-03-05T03:00'))).toEqual({ kind: 'open', closesAt: null })
  })

  it('unknown hours are never open', () => {
    expect(hoursStatus(null, qd('2026-03-05T12:00'))).toEqual({ kind: 'unknown' })
    expect(hoursStatus(undefined, qd('2026-03-05T12:00'))).toEqual({ kind: 'unknown' })
    const t = timeline('Mo-Fr 09:00-17:00 "by appointment"')
    expect(kind(hoursStatus(t, qd('2026-03-05T12:00')))).toBe('unknown')
    // Outside the published window the data says nothing.
    const w = timeline('24/7')
    expect(kind(hoursStatus(w, qd('2026-04-01T00:00')))).toBe('unknown')
    expect(kind(hoursStatus(w, qd('2025-12-31T23:59')))).toBe('unknown')
  })

  it('sorts open, closing soon, closed by next opening, unknown', () => {
    const ranks = [
      { kind: 'unknown' }, { kind: 'closed', opensAt: 2e12 }, { kind: 'closing-soon', closesAt: 1 },
      { kind: 'closed', opensAt: null }, { kind: 'open', closesAt: null }, { kind: 'closed', opensAt: 1e12 },
    ] as HoursStatus[]
    const sorted = [...ranks].sort((a, b) => statusRank(a) - statusRank(b))
    expect(sorted).toEqual([ranks[4], ranks[2], ranks[5], ranks[1], ranks[3], ranks[0]])
  })

  it('lists the week with evening spans on the day they start', () => {
    const days = upcomingDays(timeline('Mo-Sa 10:00-02:00'), qd('2026-03-07T12:00'), 3)
    expect(days.map((d) => d.day)).toEqual(['2026-03-07', '2026-03-08', '2026-03-09'])
    expect(days[0]!.spans).toEqual([[qd('2026-03-07T10:00'), qd('2026-03-08T02:00')]])
    expect(days[1]!.spans).toEqual([]) // Sunday: only the tail of Saturday night
    expect(upcomingDays(timeline('24/7'), qd('2026-03-07T12:00'), 1)[0]!.allDay).toBe(true)
  })
})
