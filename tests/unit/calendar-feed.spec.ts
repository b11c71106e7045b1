// @vitest-environment node
import { describe, expect, it } from 'vitest'
import ICAL from 'ical.js'
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildContent } from '../../src/content/build'
import { fingerprint, planCalendar, programmeFeed, revise } from '../../src/domain/calendar-feed'
import { archiveYears } from '../../src/domain/archive'
import { readRevisions, writeCalendarFeeds, REVISIONS_FILE } from '../../build/calendar-feeds'
import type { Content } from '../../src/content/schema'

const content = buildContent()
const vevents = (ics: string) => new ICAL.Component(ICAL.parse(ics)).getAllSubcomponents('vevent')
const byUid = (ics: string) => new Map(vevents(ics).map((v) => [String(v.getFirstPropertyValue('uid')), v]))
const stamp = (v: ICAL.Component, name: string) => String(v.getFirstPropertyValue(name))

const shift = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)
/** A day later: a date, or the date part of a datetime with its offset. */
const later = (value: string) => shift(value.slice(0, 10)) + value.slice(10)

/** The next content version: one event moved by a day, dated later. */
function moved(c: Content, id: string, asOf: string): Content {
  return {
    ...c,
    meta: { ...c.meta, version: c.meta.version + 1, asOf },
    events: c.events.map((e) => (e.id === id ? { ...e, start: later(e.start), end: later(e.end) } : e)),
  }
}

describe('subscribable programme feeds', () => {
  it('one VEVENT per event in each language, stable UIDs, SEQUENCE and LAST-MODIFIED, parsed back with ical.js', () => {
    for (const lang of ['zh', 'ru', 'en'] as const) {
      const ics = programmeFeed(content, lang, {}, 'https://guide.example.org')
      const events = vevents(ics)
      expect(events).toHaveLength(content.events.length)
      const first = content.events[0]!
      const v = byUid(ics).get(`${first.id}@qingdao-sco-guide`)!
      expect(String(v.getFirstPropertyValue('summary'))).toBe(first.title[lang])
      expect(v.getFirstPropertyValue('sequence')).toBe(0)
      expect(stamp(v, 'last-modified')).toBe(new Date(Date.parse(`${content.meta.asOf}T00:00:00+08:00`)).toISOString().replace('.000', ''))
      expect(String(v.getFirstPropertyValue('url'))).toBe(`https://guide.example.org/events/${first.id}`)
      expect(ics).toContain('REFRESH-INTERVAL;VALUE=DURATION:PT12H')
    }
  })

  it('the same content gives the same bytes (DTSTAMP is the content date, not the build time)', () => {
    expect(programmeFeed(content, 'ru', {}, null)).toBe(programmeFeed(content, 'ru', {}, null))
  })

  it('a moved event keeps its UID and gets a higher SEQUENCE and a new LAST-MODIFIED; the others stay as they were', () => {
    const id = content.events[3]!.id
    const published = revise(content.events, {}, content.meta.asOf)
    const before = byUid(programmeFeed(content, 'en', published, null))
    const next = moved(content, id, '2026-12-04')
    expect(fingerprint(next.events[3]!)).not.toBe(fingerprint(content.events[3]!))
    const after = byUid(programmeFeed(next, 'en', published, null))
    const uid = `${id}@qingdao-sco-guide`
    expect(after.has(uid)).toBe(true)
    expect(Number(after.get(uid)!.getFirstPropertyValue('sequence'))).toBeGreaterThan(Number(before.get(uid)!.getFirstPropertyValue('sequence')))
    expect(stamp(after.get(uid)!, 'last-modified')).not.toBe(stamp(before.get(uid)!, 'last-modified'))
    expect(stamp(after.get(uid)!, 'dtstart')).not.toBe(stamp(before.get(uid)!, 'dtstart'))
    const other = `${content.events[0]!.id}@qingdao-sco-guide`
    expect(after.get(other)!.getFirstPropertyValue('sequence')).toBe(0)
    expect(stamp(after.get(other)!, 'last-modified')).toBe(stamp(before.get(other)!, 'last-modified'))
  })

  it('a change of venue counts as a move; text edits do not', () => {
    const e = content.events[0]!
    expect(fingerprint({ ...e, venueId: 'elsewhere' })).not.toBe(fingerprint(e))
    const retitled = { ...e, title: { zh: 'x', ru: 'x', en: 'x' } }
    expect(fingerprint(retitled)).toBe(fingerprint(e))
  })

  it('`content build` writes the feeds beside data/ and records revisions, so each later move counts up', () => {
    const dir = mkdtempSync(join(tmpdir(), 'qd-feeds-'))
    const site = join(dir, 'site')
    mkdirSync(site)
    const id = content.events[2]!.id
    writeCalendarFeeds(content, dir, site, null)
    expect(readRevisions(dir)[id]).toMatchObject({ sequence: 0 })
    const v2 = moved(content, id, '2026-12-01')
    writeCalendarFeeds(v2, dir, site, null)
    const v3 = moved(v2, id, '2026-12-04')
    const files = writeCalendarFeeds(v3, dir, site, null)
    expect(files.map((f) => f.slice(site.length))).toEqual(['/calendar/zh.ics', '/calendar/ru.ics', '/calendar/en.ics'])
    const v = byUid(readFileSync(join(site, 'calendar/ru.ics'), 'utf8')).get(`${id}@qingdao-sco-guide`)!
    expect(v.getFirstPropertyValue('sequence')).toBe(2)
    expect(JSON.parse(readFileSync(join(dir, REVISIONS_FILE), 'utf8'))[id]).toMatchObject({ sequence: 2, modified: '2026-12-04' })
  })

  it('a broken revisions file is a clear error', () => {
    const dir = mkdtempSync(join(tmpdir(), 'qd-feeds-'))
    writeFileSync(join(dir, REVISIONS_FILE), '{')
    expect(() => readRevisions(dir)).toThrow(/calendar-revisions\.json: not valid JSON/)
  })

  it('the bundled revision records match the bundled content (run `npm run content -- build` after moving an event)', () => {
    const stored = readRevisions('src/content/data')
    expect(revise(content.events, stored, content.meta.asOf)).toEqual(stored)
  })

  it('a plan calendar holds only the planned events, with the reminder', () => {
    const ids = [content.events[1]!.id, 'gone']
    const ics = planCalendar(content, ids, 'ru', 'https://x.test', 30, Date.parse('2026-12-04T00:00:00Z'))
    expect([...byUid(ics).keys()]).toEqual([`${content.events[1]!.id}@qingdao-sco-guide`])
  })
})

describe('the programme archive', () => {
  it('groups by Qingdao year, newest year and newest event first', () => {
    const ev = (id: string, start: string, end = start) => ({ id, allDay: start.length === 10, start, end })
    const years = archiveYears([
      ev('a', '2018-06-09'), ev('b', '2025-08-01'), ev('c', '2025-07-01'),
      // 23:30 on 31 Dec in UTC is already 1 Jan in Qingdao.
      ev('d', '2024-12-31T23:30:00Z', '2025-01-01T01:00:00Z'), ev('e', '2025-08-01'),
    ])
    expect(years.map((y) => [y.year, y.events.map((e) => e.id)])).toEqual([
      ['2025', ['b', 'e', 'c', 'd']],
      ['2018', ['a']],
    ])
    expect(archiveYears(content.events)[0]!.year >= archiveYears(content.events).at(-1)!.year).toBe(true)
  })
})
