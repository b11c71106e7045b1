import { describe, expect, it } from 'vitest'
import { clockMinutes, isNight, serviceDay, trainsNow } from '../../src/domain/transit'

const q = (s: string) => Date.parse(`${s}+08:00`)
// Line 8 at the airport (2021): regular trains 06:20–22:00, extra direct trains 22:25 and 22:45.
const airport = [{ first: '06:20', last: '22:00' }, { first: '22:25', last: '22:45' }]

describe('clockMinutes', () => {
  it('reads HH:MM, including times after midnight written past 24', () => {
    expect(clockMinutes('06:20')).toBe(380)
    expect(clockMinutes('24:30')).toBe(24 * 60 + 30)
    expect(clockMinutes('6:20')).toBeNull()
    expect(clockMinutes('22:60')).toBeNull()
    expect(clockMinutes('28:00')).toBeNull()
  })
})

describe('serviceDay', () => {
  it('counts the small hours as the evening before', () => {
    expect(serviceDay(q('2026-12-05T01:30'))).toBe('2026-12-04')
    expect(serviceDay(q('2026-12-05T04:00'))).toBe('2026-12-05')
  })
})

describe('trainsNow', () => {
  it('says trains are running until the latest last departure of any run', () => {
    expect(trainsNow(airport, q('2026-12-04T22:00'))).toEqual({ kind: 'running', last: q('2026-12-04T22:45') })
  })
  it('says the last train has left after it, with tomorrow\'s first', () => {
    expect(trainsNow(airport, q('2026-12-04T23:10'))).toEqual({ kind: 'ended', lastLeft: q('2026-12-04T22:45'), first: q('2026-12-05T06:20') })
  })
  it('after midnight: the last train left yesterday evening and the first is this morning', () => {
    expect(trainsNow(airport, q('2026-12-05T00:30'))).toEqual({ kind: 'ended', lastLeft: q('2026-12-04T22:45'), first: q('2026-12-05T06:20') })
    expect(trainsNow(airport, q('2026-12-05T05:10'))).toEqual({ kind: 'not-yet', lastLeft: q('2026-12-04T22:45'), first: q('2026-12-05T06:20') })
  })
  it('a last train written after midnight is still running at 00:10 and has left at 00:40', () => {
    const late = [{ first: '06:00', last: '24:30' }]
    expect(trainsNow(late, q('2026-12-05T00:10'))).toEqual({ kind: 'running', last: q('2026-12-05T00:30') })
    expect(trainsNow(late, q('2026-12-05T00:40'))).toEqual({ kind: 'ended', lastLeft: q('2026-12-05T00:30'), first: q('2026-12-05T06:00') })
  })
  it('is unknown without a last time', () => {
    expect(trainsNow([{ first: '06:00', last: null }], q('2026-12-04T22:00'))).toEqual({ kind: 'unknown' })
    expect(trainsNow([], q('2026-12-04T22:00'))).toEqual({ kind: 'unknown' })
  })
  it('does not depend on the zone the instant is written in', () => {
    expect(trainsNow(airport, Date.parse('2026-12-04T14:50:00Z'))).toEqual(trainsNow(airport, q('2026-12-04T22:50')))
  })
})

describe('isNight', () => {
  it('is 21:00 to 05:59 in Qingdao', () => {
    expect(isNight(q('2026-12-04T20:59'))).toBe(false)
    expect(isNight(q('2026-12-04T21:00'))).toBe(true)
    expect(isNight(q('2026-12-05T03:00'))).toBe(true)
    expect(isNight(q('2026-12-05T06:00'))).toBe(false)
  })
})
