import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import ICAL from 'ical.js'
import { ALL_DAY_ALARM, buildCalendar, escapeText, foldLine, type IcsEvent } from '../../src/domain/ical'

const NOW = Date.parse('2026-11-25T08:00:00Z')
const talk: IcsEvent = {
  uid: 'talk@qingdao-sco-guide',
  summary: 'Форум ШОС; panel, "Q&A" \\ 上合组织',
  description: 'Line one\nLine two, with; punctuation',
  location: 'Qingdao International Convention Center · 青岛国际会议中心',
  url: 'https://example.org/events/talk',
  allDay: false,
  start: '2025-07-18T09:30:00+08:00',
  end: '2025-07-18T11:00:00+08:00',
}
const expo: IcsEvent = { uid: 'expo@qingdao-sco-guide', summary: 'Expo', allDay: true, start: '2025-07-17', end: '2025-07-20' }

function parse(text: string) {
  const cal = new ICAL.Component(ICAL.parse(text))
  return { cal, events: cal.getAllSubcomponents('vevent') }
}

describe('iCalendar export (parsed back with ical.js)', () => {
  const text = buildCalendar([talk, expo], { now: NOW, name: 'Qingdao — my plan', alarmMinutes: 15 })
  const { cal, events } = parse(text)

  it('is a VCALENDAR 2.0 with CRLF line ends and every line at most 75 octets', () => {
    expect(cal.getFirstPropertyValue('version')).toBe('2.0')
    expect(cal.getFirstPropertyValue('prodid')).toContain('Qingdao')
    expect(cal.getFirstPropertyValue('x-wr-calname')).toBe('Qingdao — my plan')
    expect(text.endsWith('\r\n')).toBe(true)
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/)
    for (const line of text.split('\r\n')) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75)
  })

  it('a timed event: UID, DTSTAMP, UTC times, escaped text, URL and a VALARM', () => {
    const v = events[0]!
    const e = new ICAL.Event(v)
    expect(e.uid).toBe(talk.uid)
    expect(v.getFirstPropertyValue('dtstamp')?.toString()).toBe('2026-11-25T08:00:00Z')
    expect(e.startDate.toString()).toBe('2025-07-18T01:30:00Z')
    expect(e.endDate.toString()).toBe('2025-07-18T03:00:00Z')
    expect(e.startDate.isDate).toBe(false)
    expect(e.summary).toBe(talk.summary)
    expect(e.description).toBe(talk.description)
    expect(e.location).toBe(talk.location)
    expect(v.getFirstPropertyValue('url')).toBe(talk.url)
    const alarm = v.getFirstSubcomponent('valarm')!
    expect(alarm.getFirstPropertyValue('action')).toBe('DISPLAY')
    expect(alarm.getFirstPropertyValue('trigger')?.toString()).toBe('-PT15M')
    expect(alarm.getFirstPropertyValue('description')).toBe(talk.summary)
  })

  it('an all-day event: DATE values, DTEND exclusive (the day after the last day), alarm the day before', () => {
    const v = events[1]!
    const e = new ICAL.Event(v)
    expect(e.startDate.isDate).toBe(true)
    expect(e.startDate.toString()).toBe('2025-07-17')
    expect(e.endDate.toString()).toBe('2025-07-21')
    expect(e.duration.toString()).toBe('P4D')
    expect(v.getFirstPropertyValue('transp')).toBe('TRANSPARENT')
    expect(v.getFirstSubcomponent('valarm')!.getFirstPropertyValue('trigger')?.toString()).toBe(ALL_DAY_ALARM)
  })

  it('no alarm when reminders are off; a UID per event', () => {
    const t = buildCalendar([talk, expo], { now: NOW, alarmMinutes: 0 })
    expect(t).not.toContain('VALARM')
    expect(parse(t).events.map((v) => v.getFirstPropertyValue('uid'))).toEqual([talk.uid, expo.uid])
  })

  it('escapes TEXT and folds long lines at 75 octets without splitting a character', () => {
    expect(escapeText('a\\b;c,d\ne')).toBe('a\\\\b\\;c\\,d\\ne')
    const long = `SUMMARY:${'上合'.repeat(40)}`
    const folded = foldLine(long)
    for (const line of folded.split('\r\n')) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75)
    expect(folded.replace(/\r\n /g, '')).toBe(long)
  })

  it('property: any summary, description and location survive the round trip; every line ≤ 75 octets', () => {
    const text = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 200 }).filter((s) => s.trim() === s && !/\r/.test(s))
    fc.assert(fc.property(text, text, text, fc.boolean(), (summary, description, location, allDay) => {
      const ev: IcsEvent = allDay ? { ...expo, summary, description, location } : { ...talk, summary, description, location }
      const out = buildCalendar([ev], { now: NOW, alarmMinutes: 10 })
      for (const line of out.split('\r\n')) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75)
      const e = new ICAL.Event(parse(out).events[0]!)
      expect(e.summary).toBe(summary)
      expect(e.description).toBe(description)
      expect(e.location).toBe(location)
    }), { numRuns: 300 })
  })

  it('property: timed events land on the same UTC instants, whatever the offset they were written with', () => {
    fc.assert(fc.property(fc.integer({ min: Date.parse('2018-01-01T00:00:00Z') / 60_000, max: Date.parse('2030-01-01T00:00:00Z') / 60_000 }), fc.integer({ min: 0, max: 600 }), (startMin, len) => {
      const iso = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().replace(/\.\d{3}Z$/, '+08:00')
      const s = startMin * 60_000
      const ev = { ...talk, start: iso(s), end: iso(s + len * 60_000) }
      const e = new ICAL.Event(parse(buildCalendar([ev], { now: NOW })).events[0]!)
      expect(e.startDate.toJSDate().getTime()).toBe(s)
      expect(e.endDate.toJSDate().getTime()).toBe(s + len * 60_000)
    }))
  })
})
