import { describe, expect, it } from 'vitest'
import { eventStatus } from '../../src/domain/status'
import { qingdaoDay } from '../../src/domain/time'

const allDay = { allDay: true, start: '2025-07-17', end: '2025-07-19' }
const timed = { allDay: false, start: '2025-07-18T09:30:00+08:00', end: '2025-07-18T11:00:00+08:00' }

describe('event status', () => {
  it('an all-day event runs until the end of its last Qingdao day', () => {
    expect(eventStatus(allDay, Date.parse('2025-07-16T23:59:00+08:00'))).toBe('upcoming')
    expect(eventStatus(allDay, Date.parse('2025-07-17T00:00:00+08:00'))).toBe('ongoing')
    expect(eventStatus(allDay, Date.parse('2025-07-19T23:59:00+08:00'))).toBe('ongoing')
    expect(eventStatus(allDay, Date.parse('2025-07-20T00:00:00+08:00'))).toBe('past')
    // 20:00 in Moscow on the 19th is already the 20th in Qingdao
    expect(eventStatus(allDay, Date.parse('2025-07-19T20:00:00+03:00'))).toBe('past')
  })
  it('a timed event', () => {
    expect(eventStatus(timed, Date.parse('2025-07-18T04:29:00+03:00'))).toBe('upcoming')
    expect(eventStatus(timed, Date.parse('2025-07-18T04:30:00+03:00'))).toBe('ongoing')
    expect(eventStatus(timed, Date.parse('2025-07-18T11:00:00+08:00'))).toBe('past')
  })
  it('Qingdao day of an instant', () => {
    expect(qingdaoDay(Date.parse('2025-07-18T16:30:00Z'))).toBe('2025-07-19')
    expect(qingdaoDay(Date.parse('2025-07-18T15:59:00Z'))).toBe('2025-07-18')
  })
})
