import { beforeAll, describe, expect, it } from 'vitest'
import { durationText, whenText } from '../../src/components/events/when-text'
import { eventTimes } from '../../src/domain/event-time'
import { i18n, loadLocaleMessages } from '../../src/i18n'

// The words on every event card and the event page, from the English messages.
const t = i18n.global.t
const en = (e: { allDay: boolean; start: string; end: string }, zone: string) => eventTimes(e, 'en', zone)
const talk = { allDay: false, start: '2026-11-26T09:30:00+08:00', end: '2026-11-26T11:00:00+08:00' }
const late = { allDay: false, start: '2026-11-26T23:00:00+08:00', end: '2026-11-27T01:00:00+08:00' }

describe('event time words', () => {
  beforeAll(() => loadLocaleMessages('en'))

  it('Qingdao time always, the visitor\'s clock beside it only when it reads differently', () => {
    expect(whenText(t, en(talk, 'Asia/Shanghai'))).toEqual({ qingdao: 'November 26, 2026, 09:30–11:00 Qingdao time, UTC+8', local: '' })
    const moscow = whenText(t, en(talk, 'Europe/Moscow'))
    expect(moscow.qingdao).toBe('November 26, 2026, 09:30–11:00 Qingdao time, UTC+8')
    expect(moscow.local).toMatch(/^04:30–06:00 your time, Moscow.* \(UTC\+3\)$/)
  })

  it('an event past midnight names both dates; the local clock names its date when it is another day', () => {
    expect(whenText(t, en(late, 'Asia/Shanghai')).qingdao).toBe('November 26, 2026, 23:00 – November 27, 2026, 01:00 Qingdao time, UTC+8')
    expect(whenText(t, en(talk, 'America/New_York')).local).toMatch(/^November 25, 2026, 20:30–22:00 your time, .+ \(UTC−5\)$/)
  })

  it('all-day events: one day or a span with its length, and no local clock', () => {
    expect(whenText(t, en({ allDay: true, start: '2026-11-26', end: '2026-11-26' }, 'Europe/Moscow'))).toEqual({ qingdao: 'November 26, 2026 · All day', local: '' })
    expect(whenText(t, en({ allDay: true, start: '2026-11-26', end: '2026-11-28' }, 'Europe/Moscow')).qingdao).toBe('November 26, 2026 – November 28, 2026 · 3 days')
  })

  it('durations in hours and minutes; none for all-day or zero-length events', () => {
    expect(durationText(t, en(talk, 'Asia/Shanghai'))).toBe('Duration: 1 h 30 min')
    expect(durationText(t, en(late, 'Asia/Shanghai'))).toBe('Duration: 2 h')
    expect(durationText(t, en({ ...talk, end: '2026-11-26T09:45:00+08:00' }, 'Asia/Shanghai'))).toBe('Duration: 15 min')
    expect(durationText(t, en({ ...talk, end: talk.start }, 'Asia/Shanghai'))).toBe('')
    expect(durationText(t, en({ allDay: true, start: '2026-11-26', end: '2026-11-26' }, 'Asia/Shanghai'))).toBe('')
  })
})
