// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { importCsv, parseCsv, CSV_COLUMNS } from '../../src/content/import/csv'
import { formatWhere, parseRooms } from '../../src/content/import/common'

const DIR = 'tests/fixtures/import'
const read = (f: string) => readFileSync(`${DIR}/${f}`, 'utf8')
const venueIds = new Set(['sco-pearl-expo-center', 'golden-beach-beer-city', 'may-fourth-square', 'badaguan'])
const rooms = parseRooms(JSON.parse(read('rooms-csv.json')), venueIds).rooms
const run = (text: string) => importCsv(text, { venueIds, rooms })
const messages = (r: ReturnType<typeof run>) => r.errors.map((e) => `${formatWhere('events.csv', e.where)}  ${e.message}`)
const HEADER = CSV_COLUMNS.join(',')
const row = (over: Partial<Record<(typeof CSV_COLUMNS)[number], string>> = {}) => {
  const base = {
    id: 'talk', title_zh: '讲座', title_ru: 'Лекция', title_en: 'Talk', start: '2026-06-16T10:00+08:00', end: '2026-06-16T11:00+08:00',
    all_day: 'false', venue_id: 'sco-pearl-expo-center', category: 'forum', description_zh: '描述', description_ru: 'Описание',
    description_en: 'Description', source_label: 'Programme', source_url: '', ...over,
  }
  return CSV_COLUMNS.map((c) => base[c]).join(',')
}

describe('CSV parsing (RFC 4180)', () => {
  it('quoted separators, doubled quotes, line breaks inside quotes, CRLF and a BOM', () => {
    const { records, errors } = parseCsv('\uFEFFa,b,c\r\n"x, y","say ""hi""","two\nlines"\r\n1,,3\n')
    expect(errors).toEqual([])
    expect(records).toEqual([
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['x, y', 'say "hi"', 'two\nlines'] },
      { line: 4, fields: ['1', '', '3'] },
    ])
  })

  it('semicolon-separated files (spreadsheets in Russian locales) are recognised', () => {
    expect(parseCsv('a;b\n"1;2";3').records[1]!.fields).toEqual(['1;2', '3'])
  })

  it('an unterminated quote and a stray quote are errors with their line', () => {
    expect(parseCsv('a,b\n1,"open\n2,3\n').errors).toEqual([{ where: { line: 2 }, message: 'unterminated quoted field (a " is never closed)' }])
    expect(parseCsv('a,b\n1,"x"y\n').errors[0]!.where).toEqual({ line: 2 })
  })
})

describe('CSV import', () => {
  it('imports the sample: all-day and timed events, offsets converted, rooms mapped, quotes kept', () => {
    const r = run(read('events.csv'))
    expect(r.errors).toEqual([])
    expect(r.events.map((e) => e.id)).toEqual(['scocw2026-food-fair', 'scocw2026-city-walk', 'scocw2026-tea-ceremony', 'scocw2026-photo-exhibition'])
    const [fair, walk, tea] = r.events
    expect(fair).toMatchObject({ allDay: true, start: '2026-06-15', end: '2026-06-17', venueId: 'golden-beach-beer-city', category: 'festival' })
    expect(fair!.description.ru).toBe('Блюда стран ШОС: плов, лагман, манты и "чак-чак"; ежедневно 10:00–22:00.')
    expect(fair!.sources).toEqual([{ label: 'SCO Culture Week Qingdao 2026 programme (fictitious test schedule)', url: 'https://example.org/scocw2026/programme' }])
    expect(walk).toMatchObject({ venueId: 'badaguan', venueNote: { en: 'Meet at the main gate of Badaguan' } })
    expect(walk!.description.en).toBe('A volunteer-led walk through the villas of Badaguan.\nMeeting point: the main gate of the Badaguan scenic area.')
    expect(tea).toMatchObject({ start: '2026-06-16T10:00:00+08:00', end: '2026-06-16T11:00:00+08:00' })
  })

  it('reports missing translations with their line', () => {
    const r = run(read('events.csv'))
    expect(r.missing.map((m) => [m.id, m.field, m.locales.join(' '), m.where.line])).toEqual([
      ['scocw2026-city-walk', 'title', 'ru', 3],
      ['scocw2026-city-walk', 'description', 'ru', 3],
      ['scocw2026-photo-exhibition', 'description', 'zh ru en', 7],
    ])
  })

  it('the broken fixture: overlap, times without a zone, an unknown venue, each with line and column', () => {
    expect(messages(run(read('events-broken.csv')))).toEqual([
      'events.csv:4 column start  time without a zone: "2026-06-16 14:00" (write its UTC offset, e.g. 2026-06-16T14:00+08:00 for Qingdao time)',
      'events.csv:4 column end  time without a zone: "2026-06-16 15:00" (write its UTC offset, e.g. 2026-06-16T15:00+08:00 for Qingdao time)',
      'events.csv:5 column venue_id  unknown venue: room "atlantis" is not in the rooms file and is no venue id of venues.json',
      'events.csv:3 column start  overlapping room booking in "sco-pearl-expo-center": "scocw2026-talk-b" (2026-06-16 10:30–11:30) overlaps "scocw2026-talk-a" (2026-06-16 10:00–11:00, line 2)',
    ])
  })

  it('a date where a time is expected, a bad id, a duplicate id, a missing source, an unknown category', () => {
    const text = [HEADER, row({ start: '2026-06-16' }), row({ id: 'Bad Id', start: '2026-06-17T10:00+08:00', end: '2026-06-17T11:00+08:00' }),
      row({ start: '2026-06-18T10:00+08:00', end: '2026-06-18T11:00+08:00' }), row({ start: '2026-06-19T10:00+08:00', end: '2026-06-19T11:00+08:00' }),
      row({ id: 'x', source_label: '', category: 'party' })].join('\n')
    expect(messages(run(text))).toEqual([
      'events.csv:2 column start  "2026-06-16" is a date: set all_day to true, or give a time with its offset',
      'events.csv:3 column id  "Bad Id" is not a usable id (lower-case ASCII words joined by "-", e.g. opening-ceremony-2026)',
      'events.csv:6 column category  "party" is no category (summit, forum, expo, festival, culture, tourism, ceremony; or map it with --categories map.json)',
      'events.csv:6 column source_label  every event needs its source (who published this programme)',
      'events.csv:5  duplicate id "talk" (also at line 4)',
    ])
  })

  it('a row with the wrong number of fields, an unknown or a missing column', () => {
    expect(messages(run(`${HEADER}\n${row()},extra`))).toEqual(['events.csv:2  15 fields where the header has 14 (a separator inside a text needs quotes)'])
    expect(messages(run(`${HEADER},colour\n${row()},red`))).toEqual([`events.csv:1 column colour  unknown column (the columns are ${HEADER})`])
    expect(messages(run('id,title_en,start\nx,X,2026-06-16T10:00+08:00'))).toEqual([
      'events.csv:1 column end  required column missing',
      'events.csv:1 column source_label  required column missing',
    ])
  })

  it('all-day events may share a place with timed ones: only timed bookings can overlap', () => {
    const text = [HEADER, row(), row({ id: 'expo', all_day: 'true', start: '2026-06-15', end: '2026-06-20', category: 'expo' })].join('\n')
    expect(run(text).errors).toEqual([])
  })
})
