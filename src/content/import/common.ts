// Shared parts of the schedule importers (frab/pretalx JSON, CSV): where an issue is, times in
// Qingdao, the rooms mapping, overlapping bookings and the translations organisers fill in.
// Pure: the command line (scripts/content.mjs) does the file I/O.
import { EVENT_CATEGORIES, LOCALES, type L10n, type Locale, type ScheduleEvent } from '../schema'
import { formatJsonPath, type JsonPath } from '../json-locate'
import { QINGDAO_OFFSET_MS } from '../../domain/time'

/** A place in an input file: a JSON path (and its line) or a CSV line and column. */
export type Where = { path?: JsonPath; line?: number; column?: string }
export type ImportIssue = { where: Where; message: string }
export type TextField = 'title' | 'description'
export type MissingText = { id: string; field: TextField; locales: Locale[]; where: Where }

export type RoomTarget = { venueId: string | null; note: L10n | null }
export type RoomMap = Map<string, RoomTarget>

/** A talk's own text when the schedule gives it in a language the guide does not show (pretalx: `"de"`, `"kk"`, …). */
export type SourceText = { language: string; title: string; description: string }
/**
 * Per event id: translations of its texts. The source language's text is kept too, so a later change of it shows;
 * a text in another language is kept under `source`, so translators see what to translate.
 */
export type TranslationEntry = Partial<Record<TextField, Partial<L10n>>> & { source?: SourceText }
export type Translations = Record<string, TranslationEntry>

/** An event as an importer read it, before translations and checks across events. */
export type Draft = {
  event: ScheduleEvent
  where: Where
  /** Where the time is, for overlap reports. */
  timeWhere: Where
  /** The booking unit for overlap checks: the source's room name. */
  room: string | null
  /** Languages the source itself gave per text (the rest come from translations). */
  given: Record<TextField, Locale[]>
  /** The source's text when its language is none of the guide's. */
  original?: SourceText
}

export type ImportResult = {
  events: ScheduleEvent[]
  errors: ImportIssue[]
  warnings: ImportIssue[]
  /** Texts still empty: the output is not publishable until they are filled. */
  missing: MissingText[]
  /** The translations file with an empty slot for every missing text (organisers fill it and import again). */
  translations: Translations
  /** Rooms of the source, for the report. */
  rooms: string[]
}

export function formatWhere(file: string, where: Where): string {
  const parts: string[] = []
  if (where.line !== undefined) parts.push(`${file}:${where.line}`)
  else parts.push(file)
  if (where.column) parts.push(`column ${where.column}`)
  if (where.path?.length) parts.push(formatJsonPath(where.path))
  return parts.join(' ')
}

const DATETIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/

export type ParsedTime = { ok: true; instant: number; local: string } | { ok: false; message: string }

/** An ISO datetime that must carry its zone: `2026-06-15T10:00+08:00`, `…Z`. A bare local time is an error, never a guess. */
export function parseZonedDateTime(value: string): ParsedTime {
  const m = DATETIME.exec(value.trim())
  if (!m) return { ok: false, message: `"${value}" is not an ISO date and time (expected e.g. 2026-06-15T10:00+08:00)` }
  const [, y, mo, d, h, mi, s = '00', zone] = m
  if (!zone) return { ok: false, message: `time without a zone: "${value}" (write its UTC offset, e.g. ${value.trim().replace(' ', 'T')}+08:00 for Qingdao time)` }
  const offset = zone === 'Z' ? 'Z' : zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone
  const iso = `${y}-${mo}-${d}T${h}:${mi}:${s}${offset}`
  const instant = Date.parse(iso)
  const wall = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)))
  if (Number.isNaN(instant) || wall.getUTCDate() !== Number(d) || wall.getUTCMonth() !== Number(mo) - 1 || Number(h) > 23 || Number(mi) > 59) {
    return { ok: false, message: `"${value}" is not a real date and time` }
  }
  return { ok: true, instant, local: `${h}:${mi}` }
}

/** The content's form of an instant: Qingdao wall time with its +08:00 offset. */
export function toQingdaoIso(instant: number): string {
  return `${new Date(instant + QINGDAO_OFFSET_MS).toISOString().slice(0, 19)}+08:00`
}

export function isRealDate(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) === value
}

/** `01:30` → 90 minutes. */
export function parseDuration(value: string): number | null {
  const m = /^(\d{1,3}):([0-5]\d)(?::([0-5]\d))?$/.exec(value.trim())
  return m ? Number(m[1]) * 60 + Number(m[2]) : null
}

export function slugify(value: string): string {
  return value.normalize('NFKD').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '')
}

export const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/

const CATEGORY_WORDS: [RegExp, ScheduleEvent['category']][] = [
  [/\b(?:summit|council|heads of state)\b/i, 'summit'],
  [/\b(?:ceremony|opening|closing)\b/i, 'ceremony'],
  [/\b(?:forum|talk|lecture|keynote|panel|conference|dialogue|round ?table|seminar|session)s?\b/i, 'forum'],
  [/\b(?:expo|exhibition|fair|showcase)s?\b/i, 'expo'],
  [/\bfestivals?\b/i, 'festival'],
  [/\b(?:tour|excursion|visit|walk)s?\b/i, 'tourism'],
  [/\b(?:concert|performance|film|screening|music|dance|theatre|theater|art|craft|workshop|culture|cultural)s?\b/i, 'culture'],
]

/** The category named exactly (CSV column). */
export function exactCategory(word: string): ScheduleEvent['category'] | null {
  const v = word.trim().toLowerCase()
  return (EVENT_CATEGORIES as readonly string[]).includes(v) ? (v as ScheduleEvent['category']) : null
}

/** A category from the source's own words (frab type, track, title); null when nothing fits. */
export function categoryOf(...words: (string | null | undefined)[]): ScheduleEvent['category'] | null {
  for (const w of words) {
    const exact = exactCategory(w ?? '')
    if (exact) return exact
  }
  for (const w of words) for (const [re, c] of CATEGORY_WORDS) if (w && re.test(w)) return c
  return null
}

/**
 * Rooms mapping file: `{ "Main Hall": "venue-id" }` or `{ "Main Hall": { "venueId": "venue-id", "note": { zh, ru, en } } }`;
 * `null` for a room that is no venue of the guide (the event is listed without a place).
 */
export function parseRooms(raw: unknown, venueIds: ReadonlySet<string>): { rooms: RoomMap; errors: ImportIssue[] } {
  const rooms: RoomMap = new Map()
  const errors: ImportIssue[] = []
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    return { rooms, errors: [{ where: { path: [] }, message: 'the rooms file must be an object { "room name": "venue-id" }' }] }
  }
  for (const [name, target] of Object.entries(raw as Record<string, unknown>)) {
    const path = [name]
    let venueId: unknown = target
    let note: unknown = null
    if (target && typeof target === 'object') ({ venueId, note = null } = target as { venueId?: unknown; note?: unknown })
    if (venueId !== null && typeof venueId !== 'string') {
      errors.push({ where: { path }, message: 'must be a venue id, null, or { "venueId": …, "note": { "zh", "ru", "en" } }' })
      continue
    }
    if (typeof venueId === 'string' && !venueIds.has(venueId)) {
      errors.push({ where: { path }, message: `unknown venue "${venueId}" (not in venues.json)` })
      continue
    }
    if (note !== null && !isL10n(note)) {
      errors.push({ where: { path: [...path, 'note'] }, message: 'note must be { "zh", "ru", "en" } with all three texts, or null' })
      continue
    }
    rooms.set(name, { venueId, note: note as L10n | null })
  }
  return { rooms, errors }
}

function isL10n(x: unknown): x is L10n {
  return !!x && typeof x === 'object' && LOCALES.every((l) => typeof (x as Record<string, unknown>)[l] === 'string' && ((x as Record<string, string>)[l] ?? '').trim() !== '')
}

/** Resolve a source room (or a venue id written directly) to a venue of the guide. */
export function resolveRoom(room: string, rooms: RoomMap, venueIds: ReadonlySet<string>): RoomTarget | string {
  const mapped = rooms.get(room)
  if (mapped) return mapped
  if (venueIds.has(room)) return { venueId: room, note: null }
  return rooms.size
    ? `unknown venue: room "${room}" is not in the rooms file and is no venue id of venues.json`
    : `unknown venue "${room}": give a rooms file (--rooms rooms.json) mapping it to a venue id of venues.json`
}

function span(d: Draft): [number, number] {
  const start = Date.parse(d.event.start)
  return [start, Math.max(start, Date.parse(d.event.end))]
}

/** At most this many overlap lines per import: past it the organiser needs the first few, not thousands. */
export const MAX_OVERLAP_REPORTS = 20

/**
 * Timed events booked in the same room at overlapping times: one sort and one sweep per room (each event is
 * compared with the booking that ends last before it), and a capped report.
 */
export function overlapIssues(drafts: readonly Draft[]): ImportIssue[] {
  const issues: ImportIssue[] = []
  let more = 0
  const byRoom = new Map<string, { d: Draft; start: number; end: number }[]>()
  for (const d of drafts) {
    if (d.room === null || d.event.allDay) continue
    const [start, end] = span(d)
    let list = byRoom.get(d.room)
    if (!list) byRoom.set(d.room, (list = []))
    list.push({ d, start, end })
  }
  for (const [room, list] of byRoom) {
    list.sort((a, b) => a.start - b.start)
    let open = list[0]
    for (const b of list.slice(1)) {
      if (!open) break
      if (b.start < open.end) {
        const a = open.d
        if (issues.length < MAX_OVERLAP_REPORTS) {
          issues.push({
            where: b.d.timeWhere,
            message: `overlapping room booking in "${room}": "${b.d.event.id}" (${clock(b.d)}) overlaps "${a.event.id}" (${clock(a)}, ${describeWhere(a.timeWhere)})`,
          })
        } else {
          more++
        }
      }
      if (b.end > open.end) open = b
    }
  }
  if (more) issues.push({ where: issues.at(-1)?.where ?? {}, message: `… and ${more} more overlapping bookings (fix the ones above and import again)` })
  return issues
}

/**
 * The input as text, only if it is UTF-8. Excel's plain "CSV" is GBK or Windows-1251 on Chinese and Russian
 * systems: read as UTF-8 it would publish mojibake, so it is refused with the first line that does not decode.
 */
export function decodeUtf8(bytes: Uint8Array): { ok: true; text: string } | { ok: false; line: number; message: string } {
  const howTo = 'save it as "CSV UTF-8" (Excel: Save as → CSV UTF-8; LibreOffice: character set Unicode (UTF-8))'
  const bom = (...b: number[]) => b.every((x, i) => bytes[i] === x)
  if (bom(0x00, 0x00, 0xfe, 0xff) || bom(0xff, 0xfe, 0x00, 0x00)) return { ok: false, line: 1, message: `the file is UTF-32, not UTF-8: ${howTo}` }
  if (bom(0xfe, 0xff) || bom(0xff, 0xfe)) return { ok: false, line: 1, message: `the file is UTF-16, not UTF-8: ${howTo}` }
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) }
  } catch {
    // Find the first line that does not decode (lines are split on the byte 0x0A, which UTF-8 never uses inside a character).
    const strict = new TextDecoder('utf-8', { fatal: true })
    let line = 1
    let from = 0
    for (let i = 0; i <= bytes.length; i++) {
      if (i < bytes.length && bytes[i] !== 0x0a) continue
      try {
        strict.decode(bytes.subarray(from, i))
      } catch {
        break
      }
      line++
      from = i + 1
    }
    return { ok: false, line, message: `not valid UTF-8 (the file is in another encoding, such as GBK or Windows-1251): ${howTo}` }
  }
}

/** The organiser's categories file: `{ "type or track in the source": "forum" }`. */
export type CategoryMap = Map<string, ScheduleEvent['category']>

export function parseCategories(raw: unknown): { categories: CategoryMap; errors: ImportIssue[] } {
  const categories: CategoryMap = new Map()
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    return { categories, errors: [{ where: { path: [] }, message: 'the categories file must be an object { "type or track": "forum" }' }] }
  }
  const errors: ImportIssue[] = []
  for (const [word, value] of Object.entries(raw as Record<string, unknown>)) {
    const c = typeof value === 'string' ? exactCategory(value) : null
    if (c) categories.set(word.trim().toLowerCase(), c)
    else errors.push({ where: { path: [word] }, message: `"${String(value)}" is no category (${EVENT_CATEGORIES.join(', ')})` })
  }
  return { categories, errors }
}

/** The organiser's map first (type, then track), then the source's own words, then the default. */
export function mapCategory(words: readonly string[], map: CategoryMap | undefined, fallback: ScheduleEvent['category'] | undefined, guess = true):
  { category: ScheduleEvent['category']; mapped: boolean } {
  for (const w of words) {
    const c = map?.get(w.trim().toLowerCase())
    if (c) return { category: c, mapped: true }
  }
  const guessed = guess ? categoryOf(...words) : null
  if (guessed) return { category: guessed, mapped: true }
  return { category: fallback ?? DEFAULT_CATEGORY, mapped: false }
}

/** A talk at a conference whose schedule says nothing more: the generic programme category. */
export const DEFAULT_CATEGORY: ScheduleEvent['category'] = 'forum'

function clock(d: Draft): string {
  return `${d.event.start.slice(0, 16).replace('T', ' ')}–${d.event.end.slice(11, 16)}`
}

function describeWhere(w: Where): string {
  if (w.line !== undefined) return `line ${w.line}`
  return w.path ? formatJsonPath(w.path) : ''
}

export function duplicateIdIssues(drafts: readonly Draft[]): ImportIssue[] {
  const seen = new Map<string, Draft>()
  const issues: ImportIssue[] = []
  for (const d of drafts) {
    const first = seen.get(d.event.id)
    if (first) issues.push({ where: d.where, message: `duplicate id "${d.event.id}" (also at ${describeWhere(first.where)})` })
    else seen.set(d.event.id, d)
  }
  return issues
}

/**
 * Fill each event's other languages from the translations file. What is still empty is reported and
 * left empty: the content check then refuses to publish until someone writes it.
 */
export function applyTranslations(drafts: readonly Draft[], translations: Translations): Pick<ImportResult, 'missing' | 'warnings' | 'translations'> {
  const missing: MissingText[] = []
  const warnings: ImportIssue[] = []
  const out: Translations = {}
  for (const d of drafts) {
    const entry: TranslationEntry = {}
    const before = translations[d.event.id]
    for (const field of ['title', 'description'] as const) {
      const text = d.event[field]
      const given = d.given[field]
      const known = translations[d.event.id]?.[field] ?? {}
      for (const l of LOCALES) {
        if (given.includes(l)) {
          const before = known[l]
          if (before !== undefined && before.trim() !== '' && before.trim() !== text[l].trim()) {
            warnings.push({ where: d.where, message: `${d.event.id} ${field}.${l} changed in the source since it was translated: check the other languages` })
          }
        } else if ((known[l] ?? '').trim() !== '') {
          text[l] = known[l]!.trim()
        }
      }
      const empty = LOCALES.filter((l) => text[l].trim() === '')
      if (empty.length) missing.push({ id: d.event.id, field, locales: empty, where: d.where })
      entry[field] = { zh: text.zh, ru: text.ru, en: text.en }
      const was = before?.source?.[field]
      const translated = LOCALES.some((l) => (before?.[field]?.[l] ?? '').trim() !== '')
      if (d.original && translated && typeof was === 'string' && was.trim() !== d.original[field].trim()) {
        warnings.push({ where: d.where, message: `${d.event.id} ${field} (${d.original.language}) changed in the source since it was translated: check the translations` })
      }
    }
    if (d.original) entry.source = d.original
    out[d.event.id] = entry
  }
  return { missing, warnings, translations: out }
}

export function emptyL10n(): L10n {
  return { zh: '', ru: '', en: '' }
}

export function isLocale(x: unknown): x is Locale {
  return typeof x === 'string' && (LOCALES as readonly string[]).includes(x)
}

/** Finish an import: checks across events, then translations. */
export function finish(drafts: Draft[], errors: ImportIssue[], warnings: ImportIssue[], translations: Translations): ImportResult {
  errors.push(...duplicateIdIssues(drafts), ...overlapIssues(drafts))
  const t = applyTranslations(drafts, translations)
  return {
    events: drafts.map((d) => d.event),
    errors,
    warnings: [...warnings, ...t.warnings],
    missing: t.missing,
    translations: t.translations,
    rooms: [...new Set(drafts.map((d) => d.room).filter((r): r is string => r !== null))],
  }
}

/**
 * Put imported events into the existing programme: events the import owns (same id, or the import's id
 * prefix) are replaced, so a talk dropped from the source disappears (a cancellation); others are kept.
 */
export function mergeEvents(existing: readonly ScheduleEvent[], imported: readonly ScheduleEvent[], prefix: string | null) {
  const ids = new Set(imported.map((e) => e.id))
  const owned = (id: string) => ids.has(id) || (prefix !== null && id.startsWith(`${prefix}-`))
  const kept = existing.filter((e) => !owned(e.id))
  const removed = existing.filter((e) => owned(e.id) && !ids.has(e.id)).map((e) => e.id)
  return { events: [...kept, ...imported], kept: kept.length, removed }
}

/** Missing texts filled with a marker, so the rest of the content can be validated before anything is written. */
export function withPlaceholders(events: readonly ScheduleEvent[]): ScheduleEvent[] {
  const fill = (t: L10n): L10n => ({ zh: t.zh || '…', ru: t.ru || '…', en: t.en || '…' })
  return events.map((e) => ({ ...e, title: fill(e.title), description: fill(e.description) }))
}
