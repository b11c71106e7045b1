// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { importFrab } from '../../src/content/import/frab'
import { formatWhere, parseRooms, parseZonedDateTime, toQingdaoIso } from '../../src/content/import/common'
import { validateContent } from '../../src/content/schema'
import { readRawContent } from '../../src/content/build'

const DIR = 'tests/fixtures/import'
const read = (f: string) => readFileSync(`${DIR}/${f}`, 'utf8')
const venueIds = new Set(['sco-pearl-expo-center', 'qingdao-international-convention-center', 'oriental-movie-metropolis', 'may-fourth-square'])
const rooms = parseRooms(JSON.parse(read('rooms.json')), venueIds).rooms
const sample = () => JSON.parse(read('schedule.json'))
const run = (doc: unknown, extra = {}) => importFrab(typeof doc === 'string' ? doc : JSON.stringify(doc, null, 2), { venueIds, rooms, ...extra })
const messages = (r: ReturnType<typeof run>) => r.errors.map((e) => `${formatWhere('schedule.json', e.where)}  ${e.message}`)

describe('times', () => {
  it('need a zone and come out in Qingdao time', () => {
    const moscow = parseZonedDateTime('2026-06-15T05:00:00+03:00')
    expect(moscow.ok && toQingdaoIso(moscow.instant)).toBe('2026-06-15T10:00:00+08:00')
    const utc = parseZonedDateTime('2026-06-15T20:30Z')
    expect(utc.ok && toQingdaoIso(utc.instant)).toBe('2026-06-16T04:30:00+08:00')
    expect(parseZonedDateTime('2026-06-15T10:00:00')).toMatchObject({ ok: false, message: expect.stringContaining('time without a zone') })
    expect(parseZonedDateTime('2026-02-30T10:00+08:00')).toMatchObject({ ok: false, message: expect.stringContaining('not a real date') })
  })
})

describe('frab/pretalx schedule.json', () => {
  it('imports the sample: ids, Qingdao times, venues through the rooms file, the source language', () => {
    const r = run(read('schedule.json'))
    expect(r.errors).toEqual([])
    expect(r.events).toHaveLength(9)
    expect(r.rooms.sort()).toEqual(['Cinema 1', 'Convention Center Hall A', 'Forum Room 2', 'Main Hall', 'May Fourth Square Stage'])
    const film = r.events.find((e) => e.id === 'scocw2026-203')!
    expect(film).toMatchObject({
      allDay: false, start: '2026-06-16T19:00:00+08:00', end: '2026-06-16T21:15:00+08:00', timeZone: 'Asia/Shanghai',
      venueId: 'oriental-movie-metropolis', venueNote: { en: 'Cinema 1', ru: 'Кинозал № 1', zh: '1号影厅' }, category: 'culture',
      sources: [{ label: 'SCO Culture Week Qingdao 2026 (fictitious test schedule): official schedule', url: 'https://pretalx.example.org/scocw2026/talk/QK7M2G/' }],
    })
    const ru = r.events.find((e) => e.id === 'scocw2026-102')!
    expect(ru.title).toEqual({ zh: '', ru: 'Форум: культурные маршруты ШОС', en: '' })
    expect(ru.category).toBe('forum')
    expect(r.events.find((e) => e.id === 'scocw2026-301')!.venueNote).toBeNull()
  })

  it('reports missing translations instead of inventing them, and fills them from the translations file', () => {
    const bare = run(read('schedule.json'))
    expect(bare.missing).toHaveLength(18)
    expect(bare.missing[0]).toMatchObject({ id: 'scocw2026-101', field: 'title', locales: ['zh', 'ru'] })
    expect(bare.translations['scocw2026-101']!.title).toEqual({ zh: '', ru: '', en: 'Opening ceremony of SCO Culture Week Qingdao 2026' })
    const r = run(read('schedule.json'), { translations: JSON.parse(read('translations.json')) })
    expect(r.missing.filter((m) => m.id === 'scocw2026-101')).toEqual([])
    expect(r.missing).toHaveLength(16)
    expect(r.events.find((e) => e.id === 'scocw2026-101')!.title.ru).toBe('Церемония открытия Недели культуры ШОС в Циндао 2026')
  })

  it('warns when the source text changed after it was translated', () => {
    const doc = sample()
    doc.schedule.conference.days[0].rooms['Main Hall'][0].title = 'Opening ceremony (moved to the Main Hall)'
    const r = run(doc, { translations: JSON.parse(read('translations.json')) })
    expect(r.warnings.map((w) => w.message)).toContain('scocw2026-101 title.en changed in the source since it was translated: check the other languages')
  })

  it('converts a time given with another offset', () => {
    const doc = sample()
    Object.assign(doc.schedule.conference.days[0].rooms['Main Hall'][0], { date: '2026-06-15T05:00:00+03:00', start: '05:00' })
    expect(run(doc).events.find((e) => e.id === 'scocw2026-101')!.start).toBe('2026-06-15T10:00:00+08:00')
  })

  it('the broken fixture: overlap, a time without a zone and an unknown room, each with its line and path', () => {
    const r = run(read('schedule-broken.json'))
    expect(messages(r)).toEqual([
      'schedule.json:390 schedule.conference.days[1].rooms["Cinema 1"][0].date  time without a zone: "2026-06-16T19:00:00" (write its UTC offset, e.g. 2026-06-16T19:00:00+08:00 for Qingdao time)',
      'schedule.json:510 schedule.conference.days[2].rooms["Hall Z"][0].room  unknown venue: room "Hall Z" is not in the rooms file and is no venue id of venues.json',
      'schedule.json:176 schedule.conference.days[0].rooms["Main Hall"][2].date  overlapping room booking in "Main Hall": "scocw2026-105" (2026-06-15 10:30–11:30) overlaps "scocw2026-101" (2026-06-15 10:00–11:00, line 90)',
    ])
    const lines = read('schedule-broken.json').split('\n')
    expect(lines[390 - 1]).toContain('"date": "2026-06-16T19:00:00"')
    expect(lines[176 - 1]).toContain('"date": "2026-06-15T10:30:00+08:00"')
  })

  it('back-to-back bookings in one room, and the same time in two rooms, are fine', () => {
    const doc = sample()
    const hall = doc.schedule.conference.days[0].rooms['Main Hall']
    Object.assign(hall[1], { date: '2026-06-15T11:00:00+08:00', start: '11:00' })
    expect(run(doc).errors).toEqual([])
  })

  it('a malformed file is reported with its line, not a stack trace', () => {
    const text = read('schedule.json').replace('"duration": "01:00",', '"duration": "01:00"')
    const r = run(text)
    expect(r.events).toEqual([])
    expect(r.errors).toHaveLength(1)
    expect(r.errors[0]!.where.line).toBe(text.split('\n').findIndex((l) => l.includes('"duration": "01:00"')) + 2)
    expect(r.errors[0]!.message).toMatch(/^not valid JSON: expected "," or "}"/)
  })

  it('a file that is not a schedule, a bad duration, a start that contradicts the date', () => {
    expect(run({ foo: 1 }).errors.map((e) => e.message)).toEqual(['not a frab/pretalx schedule: schedule.conference is missing'])
    const doc = sample()
    Object.assign(doc.schedule.conference.days[0].rooms['Main Hall'][0], { duration: 'an hour', start: '09:00' })
    expect(run(doc).errors.map((e) => e.message)).toEqual([
      'start "09:00" does not match the time in date "2026-06-15T10:00:00+08:00"',
      'duration "an hour" is not HH:MM',
    ])
  })

  it('an unsupported language is reported: nothing is guessed', () => {
    const doc = sample()
    doc.schedule.conference.days[0].rooms['Main Hall'][0].language = 'kk'
    const r = run(doc)
    expect(r.warnings.map((w) => w.message)).toContain('language "kk" is not zh, ru or en: every text of this event needs a translation')
    expect(r.missing.find((m) => m.id === 'scocw2026-101')!.locales).toEqual(['zh', 'ru', 'en'])
  })

  it('a rooms file pointing at an unknown venue is an error', () => {
    const { errors } = parseRooms({ 'Main Hall': 'atlantis', 'Hall B': { venueId: 'may-fourth-square', note: { en: 'B' } } }, venueIds)
    expect(errors.map((e) => `${formatWhere('rooms.json', e.where)}  ${e.message}`)).toEqual([
      'rooms.json ["Main Hall"]  unknown venue "atlantis" (not in venues.json)',
      'rooms.json ["Hall B"].note  note must be { "zh", "ru", "en" } with all three texts, or null',
    ])
  })

  it('with translations filled in, the imported events are valid content', () => {
    const r = run(read('schedule.json'))
    for (const e of r.events) for (const f of ['title', 'description'] as const) for (const l of ['zh', 'ru', 'en'] as const) e[f][l] ||= `${l} text`
    const raw = readRawContent('tests/fixtures/content/') as Record<string, unknown>
    const venues = [...(raw.venues as { id: string }[])]
    for (const id of venueIds) if (!venues.some((v) => v.id === id)) venues.push({ ...(venues[0] as object), id } as { id: string })
    const result = validateContent({ ...raw, venues, events: r.events })
    expect(result.ok ? [] : result.errors).toEqual([])
  })
})

// Shapes taken from real public exports (C3VOC's validator examples: a pretalx export of rC3 2020 with German
// talks and no time_zone_name, and a 38C3 "schedule 2" export); the texts here are written for the test.
const pretalxGerman = () => ({
  schedule: {
    version: '1.3',
    base_url: 'https://pretalx.example.org/channels-2020/schedule/',
    conference: {
      acronym: 'channels-2020', title: 'Channels', start: '2020-12-27', end: '2020-12-30', daysCount: 4, timeslot_duration: '00:05',
      days: [{
        index: 1, date: '2020-12-27', day_start: '2020-12-27T04:00:00+01:00', day_end: '2020-12-28T03:59:00+01:00',
        rooms: {
          'Studio - Bamberg': [{
            id: 15, guid: 'c3642671-4c1f-5109-81ba-0535c1cc8428', logo: '', date: '2020-12-27T11:30:00+01:00', start: '11:30',
            duration: '00:40', room: 'Studio - Bamberg', slug: 'MJA8QY', url: 'https://pretalx.example.org/channels-2020/talk/MJA8QY/',
            title: 'Firmware auf echter Hardware testen', subtitle: '', track: 'BAM Studio', type: 'LightningTalk 15min 10min Q&A',
            language: 'de', abstract: 'Wie man Firmware automatisch auf Geräten testet.', description: '', recording_license: '',
            do_not_record: false, persons: [{ id: 9, code: 'ABC123', public_name: 'Jemand', biography: '', answers: [] }], links: [], attachments: [], answers: [],
          }],
        },
      }],
    },
  },
})

describe('real-world export shapes', () => {
  const studio = parseRooms({ 'Studio - Bamberg': 'may-fourth-square' }, venueIds).rooms

  it('a talk in another language keeps its original text in the translations file for the translators', () => {
    const r = run(pretalxGerman(), { rooms: studio })
    expect(r.errors).toEqual([])
    expect(r.events.map((e) => [e.id, e.start, e.end, e.venueId])).toEqual([
      ['channels-2020-15', '2020-12-27T18:30:00+08:00', '2020-12-27T19:10:00+08:00', 'may-fourth-square'],
    ])
    expect(r.translations['channels-2020-15']).toEqual({
      title: { zh: '', ru: '', en: '' },
      description: { zh: '', ru: '', en: '' },
      source: { language: 'de', title: 'Firmware auf echter Hardware testen', description: 'Wie man Firmware automatisch auf Geräten testet.' },
    })
  })

  it('a change of that original text after it was translated is a warning', () => {
    const filled = { 'channels-2020-15': {
      title: { zh: '在真实硬件上测试固件', ru: 'Тестирование прошивки на настоящем железе', en: 'Testing firmware on real hardware' },
      source: { language: 'de', title: 'Firmware testen', description: 'Wie man Firmware automatisch auf Geräten testet.' },
    } }
    const r = run(pretalxGerman(), { rooms: studio, translations: filled })
    expect(r.events[0]!.title.en).toBe('Testing firmware on real hardware')
    expect(r.warnings.map((w) => w.message)).toContain('channels-2020-15 title (de) changed in the source since it was translated: check the translations')
  })

  it('the flat "schedule 2" format (schedule.events, days without rooms) is refused with one error that says so', () => {
    const doc = { schedule: { version: '2024-12-26 20:23', conference: {
      acronym: '38c3', title: '38C3', time_zone_name: 'Europe/Berlin',
      days: [{ index: 1, date: '2024-12-27', start: '2024-12-27T09:30:00+00:00', end: '2024-12-28T06:00:00+01:00' }],
    }, events: [{ guid: '270fa44c-821a-577f-8ca3-33e8d4a8c2a7', start: '2024-12-27T10:30:00+01:00', end: '2024-12-27T11:00:00+01:00', room: { name: 'Saal 1' }, title: 'Opening' }] } }
    expect(run(doc).errors.map((e) => e.message)).toEqual([
      'this is the flat "schedule 2" format (schedule.events): export the frab-compatible schedule.json (conference.days[].rooms) instead',
    ])
  })
})
