import { afterEach, describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { eventTimes } from '../../src/domain/event-time'
import {
  dayInZone, differsFromQingdao, formatClock, formatOffset, qingdaoDay, zoneName, zoneOffsetMinutes,
} from '../../src/domain/time'

const at = (iso: string) => Date.parse(iso)
const talk = { allDay: false, start: '2025-07-18T09:30:00+08:00', end: '2025-07-18T11:00:00+08:00' }
const late = { allDay: false, start: '2025-07-18T23:00:00+08:00', end: '2025-07-19T01:00:00+08:00' }
const ZONES = ['Europe/Moscow', 'Asia/Almaty', 'Asia/Shanghai', 'America/New_York', 'Asia/Kolkata', 'Europe/Minsk', 'Asia/Tashkent', 'Asia/Karachi', 'UTC', 'Pacific/Chatham']

describe('zone offsets and clocks', () => {
  it('knows the offsets visitors come from, with summer time where there is one', () => {
    expect(zoneOffsetMinutes('Asia/Shanghai', at('2025-07-18T01:30:00Z'))).toBe(480)
    expect(zoneOffsetMinutes('Europe/Moscow', at('2025-07-18T01:30:00Z'))).toBe(180)
    expect(zoneOffsetMinutes('Asia/Kolkata', at('2025-07-18T01:30:00Z'))).toBe(330)
    expect(zoneOffsetMinutes('America/New_York', at('2025-07-18T01:30:00Z'))).toBe(-240)
    expect(zoneOffsetMinutes('America/New_York', at('2025-01-18T01:30:00Z'))).toBe(-300)
    expect(formatOffset(180)).toBe('+3')
    expect(formatOffset(-240)).toBe('−4')
    expect(formatOffset(330)).toBe('+5:30')
  })

  it('property: a clock in any zone is the UTC clock shifted by that zone\'s offset, and Qingdao days are UTC+8 days', () => {
    fc.assert(fc.property(fc.integer({ min: at('2018-01-01T00:00:00Z'), max: at('2030-01-01T00:00:00Z') }), fc.constantFrom(...ZONES), (t, zone) => {
      const shifted = new Date(t + zoneOffsetMinutes(zone, t) * 60_000).toISOString()
      expect(formatClock(t, zone, 'en')).toBe(shifted.slice(11, 16))
      expect(dayInZone(t, zone)).toBe(shifted.slice(0, 10))
      expect(qingdaoDay(t)).toBe(dayInZone(t, 'Asia/Shanghai'))
      expect(differsFromQingdao(zone, t)).toBe(zoneOffsetMinutes(zone, t) !== 480)
    }))
  })

  it('names a zone so people recognise it', () => {
    const t = at('2025-07-18T01:30:00Z')
    expect(zoneName('Europe/Moscow', 'en', t)).toMatch(/Moscow/)
    expect(zoneName('Europe/Moscow', 'ru', t)).toMatch(/Москва/)
    expect(zoneName('Europe/Moscow', 'zh', t)).toMatch(/莫斯科/)
    // ICU's short name for New York in English is "ET": the long generic name reads better.
    expect(zoneName('America/New_York', 'en', t)).toBe('Eastern Time')
    expect(zoneName('Asia/Almaty', 'ru', t)).toMatch(/Алматы|Казахстан/)
  })
})

describe('what an event label shows', () => {
  it('in Qingdao: only Qingdao time', () => {
    const x = eventTimes(talk, 'en', 'Asia/Shanghai')
    expect(x).toMatchObject({ allDay: false, local: null, minutes: 90, qingdao: { from: '09:30', to: '11:00', endDate: null } })
  })

  it('from Moscow: Qingdao time and the visitor\'s own, same day', () => {
    const x = eventTimes(talk, 'ru', 'Europe/Moscow')
    if (x.allDay) throw new Error('timed')
    expect(x.qingdao).toMatchObject({ from: '09:30', to: '11:00' })
    expect(x.local).toMatchObject({ from: '04:30', to: '06:00', offset: '+3', otherDay: false, endDate: null })
    expect(x.local?.zone).toMatch(/Москва/)
  })

  it('from New York: the visitor\'s clock is on the previous day, and says so', () => {
    const x = eventTimes(talk, 'en', 'America/New_York')
    if (x.allDay) throw new Error('timed')
    expect(x.local).toMatchObject({ from: '21:30', to: '23:00', offset: '−4', otherDay: true, zone: 'Eastern Time' })
    expect(x.local?.date).toMatch(/July 17, 2025/)
    expect(x.qingdao.date).toMatch(/July 18, 2025/)
  })

  it('past midnight in Qingdao: the end date is given', () => {
    const x = eventTimes(late, 'en', 'Asia/Almaty')
    if (x.allDay) throw new Error('timed')
    expect(x.qingdao.endDate).toMatch(/July 19, 2025/)
    expect(x.local).toMatchObject({ from: '20:00', to: '22:00', endDate: null, offset: '+5', otherDay: true })
  })

  it('all-day events keep their Qingdao dates in every zone', () => {
    for (const zone of ZONES) {
      expect(eventTimes({ allDay: true, start: '2025-07-17', end: '2025-07-19' }, 'en', zone)).toEqual({ allDay: true, from: 'July 17, 2025', to: 'July 19, 2025', days: 3 })
    }
    expect(eventTimes({ allDay: true, start: '2025-07-18', end: '2025-07-18' }, 'en', 'America/New_York')).toMatchObject({ to: null, days: 1 })
  })

  describe('does not depend on the process zone', () => {
    const saved = process.env.TZ
    afterEach(() => {
      process.env.TZ = saved
    })
    it.each(['Europe/Moscow', 'America/New_York', 'Asia/Almaty'])('TZ=%s', (tz) => {
      const before = eventTimes(talk, 'en', 'Europe/Moscow')
      process.env.TZ = tz
      expect(new Date(at('2025-07-18T01:30:00Z')).getTimezoneOffset()).toBe(-zoneOffsetMinutes(tz, at('2025-07-18T01:30:00Z')))
      expect(eventTimes(talk, 'en', 'Europe/Moscow')).toEqual(before)
    })
  })
})
