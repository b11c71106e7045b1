// A CSV for spreadsheet users (UTF-8, comma- or semicolon-separated, RFC 4180 quoting), one event a row:
// id,title_zh,title_ru,title_en,start,end,all_day,venue_id,category,description_zh,description_ru,description_en,source_label,source_url
import { LOCALES, type ScheduleEvent } from '../schema'
import {
  exactCategory, finish, isRealDate, parseZonedDateTime, resolveRoom, toQingdaoIso, ID,
  type CategoryMap, type Draft, type ImportIssue, type ImportResult, type RoomMap, type Translations, type Where,
} from './common'

export const CSV_COLUMNS = [
  'id', 'title_zh', 'title_ru', 'title_en', 'start', 'end', 'all_day', 'venue_id', 'category',
  'description_zh', 'description_ru', 'description_en', 'source_label', 'source_url',
] as const
type Column = (typeof CSV_COLUMNS)[number]
const REQUIRED: Column[] = ['id', 'start', 'end', 'source_label']

export type CsvRecord = { line: number; fields: string[] }

/** RFC 4180 records with the line each starts on; quoted fields may hold separators, quotes ("") and line breaks. */
export function parseCsv(text: string, separator?: ',' | ';'): { records: CsvRecord[]; errors: ImportIssue[] } {
  const src = text.replace(/^\uFEFF/, '')
  const firstLine = src.slice(0, src.search(/\r?\n|$/))
  const sep = separator ?? (!firstLine.includes(',') && firstLine.includes(';') ? ';' : ',')
  const records: CsvRecord[] = []
  const errors: ImportIssue[] = []
  let fields: string[] = []
  let field = ''
  let line = 1
  let recordLine = 1
  let i = 0
  let quoted = false
  let afterQuote = false
  const endField = () => {
    fields.push(field)
    field = ''
    afterQuote = false
  }
  const endRecord = () => {
    endField()
    if (!(fields.length === 1 && fields[0] === '')) records.push({ line: recordLine, fields })
    fields = []
  }
  while (i < src.length) {
    const c = src[i]!
    if (quoted) {
      if (c === '"' && src[i + 1] === '"') {
        field += '"'
        i += 2
        continue
      }
      if (c === '"') {
        quoted = false
        afterQuote = true
      } else {
        if (c === '\n') line++
        field += c
      }
      i++
      continue
    }
    if (c === '"' && field === '' && !afterQuote) {
      quoted = true
    } else if (c === sep) {
      endField()
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && src[i + 1] === '\n') i++
      endRecord()
      line++
      recordLine = line
    } else if (afterQuote || c === '"') {
      errors.push({ where: { line }, message: `stray quote or text after a closing quote in field ${fields.length + 1} (quote the whole field and double inner quotes: "say ""hi""")` })
      while (i < src.length && src[i] !== '\n') i++
      fields = []
      field = ''
      afterQuote = false
      continue
    } else {
      field += c
    }
    i++
  }
  if (quoted) errors.push({ where: { line: recordLine }, message: 'unterminated quoted field (a " is never closed)' })
  else if (field !== '' || fields.length) endRecord()
  return { records, errors }
}

export type CsvOptions = {
  venueIds: ReadonlySet<string>
  rooms: RoomMap
  translations?: Translations
  /** The organiser's `--categories` map (their word → category) and `--default-category`. */
  categories?: CategoryMap
  defaultCategory?: ScheduleEvent['category']
}

export function importCsv(text: string, options: CsvOptions): ImportResult {
  const { records, errors } = parseCsv(text)
  const warnings: ImportIssue[] = []
  const [header, ...rows] = records
  if (errors.length || !header) {
    if (!header) errors.push({ where: { line: 1 }, message: 'empty file: the first line must name the columns' })
    return { events: [], errors, warnings, missing: [], translations: {}, rooms: [] }
  }
  const names = header.fields.map((f) => f.trim().toLowerCase())
  const index = new Map<string, number>()
  names.forEach((n, i) => {
    if (!(CSV_COLUMNS as readonly string[]).includes(n)) errors.push({ where: { line: header.line, column: n || String(i + 1) }, message: `unknown column (the columns are ${CSV_COLUMNS.join(',')})` })
    else if (index.has(n)) errors.push({ where: { line: header.line, column: n }, message: 'column named twice' })
    else index.set(n, i)
  })
  for (const c of REQUIRED) if (!index.has(c)) errors.push({ where: { line: header.line, column: c }, message: 'required column missing' })
  if (errors.length) return { events: [], errors, warnings, missing: [], translations: {}, rooms: [] }

  const drafts: Draft[] = []
  for (const row of rows) {
    if (row.fields.length !== names.length) {
      errors.push({ where: { line: row.line }, message: `${row.fields.length} fields where the header has ${names.length} (a separator inside a text needs quotes)` })
      continue
    }
    const get = (c: Column) => (index.has(c) ? row.fields[index.get(c)!]!.replace(/\r\n/g, '\n').trim() : '')
    const at = (column: Column): Where => ({ line: row.line, column })
    const before = errors.length
    const err = (column: Column, message: string) => errors.push({ where: at(column), message })

    const id = get('id')
    if (!ID.test(id)) err('id', `"${id}" is not a usable id (lower-case ASCII words joined by "-", e.g. opening-ceremony-2026)`)
    const allDayText = get('all_day').toLowerCase()
    const allDay = ['true', 'yes', '1', 'y'].includes(allDayText)
    if (!['', 'true', 'false', 'yes', 'no', '1', '0', 'y', 'n'].includes(allDayText)) err('all_day', `"${get('all_day')}" is not true or false`)
    let start = ''
    let end = ''
    if (allDay) {
      for (const c of ['start', 'end'] as const) if (!isRealDate(get(c))) err(c, `all-day events take a date (YYYY-MM-DD), got "${get(c)}"`)
      start = get('start')
      end = get('end')
      if (start && end && end < start) err('end', 'end is before start')
    } else {
      const s = parseZonedDateTime(get('start'))
      const e = parseZonedDateTime(get('end'))
      for (const [c, r] of [['start', s], ['end', e]] as const) {
        if (!r.ok) err(c, isRealDate(get(c)) ? `"${get(c)}" is a date: set all_day to true, or give a time with its offset` : r.message)
      }
      if (s.ok && e.ok) {
        if (e.instant < s.instant) err('end', 'end is before start')
        start = toQingdaoIso(s.instant)
        end = toQingdaoIso(e.instant)
      }
    }
    const venue = get('venue_id')
    const target = venue ? resolveRoom(venue, options.rooms, options.venueIds) : { venueId: null, note: null }
    if (typeof target === 'string') err('venue_id', target)
    const categoryText = get('category')
    let category = exactCategory(categoryText) ?? options.categories?.get(categoryText.toLowerCase()) ?? null
    if (!category && options.defaultCategory) {
      category = options.defaultCategory
      warnings.push({ where: at('category'), message: `"${categoryText}" is no category: filed under "${category}" (--default-category)` })
    }
    if (!category) err('category', `"${categoryText}" is no category (summit, forum, expo, festival, culture, tourism, ceremony; or map it with --categories map.json)`)
    const label = get('source_label')
    if (!label) err('source_label', 'every event needs its source (who published this programme)')
    const url = get('source_url')
    if (url && !/^https?:\/\/\S+$/.test(url)) err('source_url', `"${url}" is not an http(s) address`)
    const title = { zh: get('title_zh'), ru: get('title_ru'), en: get('title_en') }
    const description = { zh: get('description_zh'), ru: get('description_ru'), en: get('description_en') }
    if (!LOCALES.some((l) => title[l])) err('title_en', 'no title in any language')
    if (errors.length > before || typeof target === 'string' || !category) continue

    const event: ScheduleEvent = {
      id, category, title, allDay, start, end, timeZone: 'Asia/Shanghai', venueId: target.venueId, venueNote: target.note,
      description, organiser: null, confidence: 'high', sources: [{ label, ...(url ? { url } : {}) }],
    }
    drafts.push({
      event,
      where: { line: row.line },
      timeWhere: at('start'),
      room: venue || null,
      given: { title: LOCALES.filter((l) => title[l]), description: LOCALES.filter((l) => description[l]) },
    })
  }
  return finish(drafts, errors, warnings, options.translations ?? {})
}
