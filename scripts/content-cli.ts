// `npm run content -- check|diff|build|import`: content publishing for organisers.
// Loaded by scripts/content.mjs through Vite's module runner (Node 20 cannot run TypeScript itself).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { basename, dirname, extname, isAbsolute, join, relative, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { REVISIONS_FILE, writeCalendarFeeds } from '../build/calendar-feeds'
import { buildContent, ContentError, DEFAULT_CONTENT_DIR, readRawContent, type PublishedContent } from '../src/content/build'
import { validateContent, type Content, type ScheduleEvent } from '../src/content/schema'
import { jsonLines, lineOf, parseJson } from '../src/content/json-locate'
import { diffContent, hasContentChanged, type ContentDiff, type ContentLike, type EventSnapshot } from '../src/domain/content-diff'
import { qingdaoDay, toInstant } from '../src/domain/time'
import { importFrab } from '../src/content/import/frab'
import { precompressFile } from '../build/precompress'
import { importCsv } from '../src/content/import/csv'
import {
  decodeUtf8, exactCategory, formatWhere, mergeEvents, parseCategories, parseRooms, withPlaceholders,
  type CategoryMap, type ImportIssue, type ImportResult, type RoomMap, type Translations,
} from '../src/content/import/common'

type Out = { log: (line?: string) => void; error: (line?: string) => void }
/** An import may cancel at most this share of the events it owns without --allow-cancel. */
export const MAX_CANCEL_SHARE = 0.5
/** The published file is precached by every visitor on a roaming SIM: past this size something went wrong. */
export const CONTENT_BUDGET_KB = 1024

const consoleOut: Out = { log: (l = '') => console.log(l), error: (l = '') => console.error(l) }

export const USAGE = `Usage: npm run content -- <command> [options]

  check   [--dir DIR]                               validate the content (exit 1 with the path of every error)
  diff    [--dir DIR] [--published FILE|URL]        what changed since the published version
  build   [--dir DIR] [--published FILE|URL] [--out FILE] [--max-kb N]
                                                    validate, bump meta.version and asOf when the content changed,
                                                    write the file the app fetches (refused over N KB, default ${CONTENT_BUDGET_KB})
  import  <schedule.json|events.csv> [--rooms rooms.json] [--categories map.json] [--default-category C]
          [--translations FILE] [--out FILE] [--prefix ID] [--dir DIR] [--allow-cancel]
                                                    import a frab/pretalx schedule.json or a CSV into events.json;
                                                    an import that would cancel all, or more than half, of its
                                                    events is refused unless --allow-cancel

Defaults: --dir src/content/data, --published dist/data/content.json, --out dist/data/content.json (build)
or DIR/events.json (import), --translations <input>.translations.json.`

const rel = (p: string) => {
  const r = relative(process.cwd(), p)
  return !r ? p : r.startsWith('..') ? p : r
}

type Located = { file: string; line?: number; message: string }

/** `events[0].venueId: unknown venue "x"` → the file and line it points at. */
export function locate(error: string, dir: string, texts: Partial<Record<string, string>>): Located {
  const m = /^([a-z][A-Za-z]*)((?:\[\d+\]|\.[A-Za-z_$][\w$]*)*): (.*)$/s.exec(error)
  if (!m) return { file: rel(dir), message: error }
  const [, file, rest = '', message = ''] = m
  const path = [...rest.matchAll(/\[(\d+)\]|\.([A-Za-z_$][\w$]*)/g)].map((x) => (x[1] !== undefined ? Number(x[1]) : x[2]!))
  const text = texts[file!]
  if (text === undefined) return { file: rel(dir), message: error }
  const line = lineOf(jsonLines(text), path)
  // Organisers search by id, not by index: name the item an indexed error belongs to.
  let item = ''
  if (typeof path[0] === 'number') {
    const parsed = parseJson(text)
    const id = parsed.ok && Array.isArray(parsed.value) ? (parsed.value[path[0]] as { id?: unknown } | undefined)?.id : undefined
    if (typeof id === 'string' && !message.includes(`"${id}"`)) item = ` (id "${id}")`
  }
  return { file: rel(join(dir, `${file}.json`)), line, message: `${file}${rest}: ${message}${item}` }
}

function formatLocated(l: Located): string {
  return `  ${l.file}${l.line !== undefined ? `:${l.line}` : ''}  ${l.message}`
}

type Checked = { ok: true; content: PublishedContent } | { ok: false; errors: Located[] }

/** Read and validate a content folder exactly as the app's build does; every error names its file, line and field path. */
export function checkDir(dir: string): Checked {
  if (!existsSync(dir)) return { ok: false, errors: [{ file: rel(dir), message: 'folder not found' }] }
  try {
    return { ok: true, content: buildContent(`${dir}/`) }
  } catch (e) {
    if (e instanceof ContentError) return { ok: false, errors: e.errors.map((x) => locateError(x, dir)) }
    const { code, path } = e as NodeJS.ErrnoException
    if (code === 'ENOENT' && path) return { ok: false, errors: [{ file: rel(path), message: 'file missing' }] }
    throw e
  }
}

function locateError(error: string, dir: string): Located {
  const syntax = /^(.+\.json): not valid JSON/.exec(error)
  if (syntax) {
    const parsed = parseJson(readFileSync(syntax[1]!, 'utf8'))
    const at = parsed.ok ? { line: undefined, message: error } : { line: parsed.line, message: `not valid JSON: ${parsed.message} (column ${parsed.column})` }
    return { file: rel(syntax[1]!), ...at }
  }
  const key = /^([a-z][A-Za-z]*)/.exec(error)?.[1]
  const file = key ? join(dir, `${key}.json`) : ''
  return locate(error, dir, key && existsSync(file) ? { [key]: readFileSync(file, 'utf8') } : {})
}

async function loadPublished(source: string): Promise<PublishedContent | null> {
  if (/^https?:\/\//.test(source)) {
    const res = await fetch(source, { headers: { 'Cache-Control': 'no-cache' } })
    if (res.status === 404) return null
    if (!res.ok) throw new Error(`${source}: HTTP ${res.status}`)
    return asPublished(await res.json(), source)
  }
  if (!existsSync(source)) return null
  return asPublished(JSON.parse(readFileSync(source, 'utf8')), source)
}

function asPublished(x: unknown, source: string): PublishedContent {
  const c = x as Partial<PublishedContent> | null
  const ok = !!c && typeof c.meta?.version === 'number' && [c.events, c.venues, c.services].every(Array.isArray)
  if (!ok) throw new Error(`${source} is not a published content file (meta.version, events, venues, services)`)
  return c as PublishedContent
}

/** Qingdao wall time of an event for reports: `2026-06-15 10:00–11:00`, `2026-06-15…2026-06-17`. */
export function when(e: Pick<EventSnapshot, 'allDay' | 'start' | 'end'>): string {
  if (e.allDay) return e.start === e.end ? e.start : `${e.start}…${e.end}`
  const fmt = (v: string) => new Date(toInstant(v) + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ')
  const [s, en] = [fmt(e.start), fmt(e.end)]
  return s.slice(0, 10) === en.slice(0, 10) ? `${s}–${en.slice(11)}` : `${s}–${en}`
}

const titleOf = (e: EventSnapshot) => e.title.en || e.title.ru || e.title.zh
const ids = (list: string[]) => (list.length > 8 ? `${list.slice(0, 8).join(', ')}, … ${list.length - 8} more` : list.join(', '))

export function formatDiff(d: ContentDiff): string[] {
  const lines: string[] = []
  const section = (label: string, items: string[]) => {
    lines.push(`  ${label} (${items.length})${items.length ? ':' : ''}`)
    for (const item of items) lines.push(`    ${item}`)
  }
  section('New events', d.added.map((e) => `+ ${e.id}  ${when(e)}  ${e.venueId ?? '(no venue)'}  ${titleOf(e)}`))
  section('Moved events', d.moved.map((m) => {
    const what = m.fields.includes('venueId') ? `; venue ${m.before.venueId ?? '(none)'} → ${m.after.venueId ?? '(none)'}` : ''
    const time = m.fields.some((f) => f !== 'venueId') ? `${when(m.before)} → ${when(m.after)}` : when(m.after)
    return `~ ${m.after.id}  ${time}${what}  ${titleOf(m.after)}`
  }))
  section('Cancelled events (no longer in the programme)', d.cancelled.map((e) => `- ${e.id}  ${when(e)}  ${titleOf(e)}`))
  lines.push(`  Events with edited text only: ${d.edited.length}${d.edited.length ? ` (${ids(d.edited)})` : ''}`)
  for (const [label, x] of [['Venues', d.venues], ['Service points', d.services]] as const) {
    const parts = [
      x.added.length ? `+${x.added.length} (${ids(x.added)})` : '',
      x.removed.length ? `−${x.removed.length} (${ids(x.removed)})` : '',
      x.changed.length ? `${x.changed.length} edited (${ids(x.changed)})` : '',
    ].filter(Boolean)
    lines.push(`  ${label}: ${x.before} → ${x.after}${parts.length ? `: ${parts.join(', ')}` : ', unchanged'}`)
  }
  if (d.titleChanged) lines.push('  The content title (meta.title) changed.')
  for (const section of d.sections) lines.push(`  ${section}: changed`)
  return lines
}

const EMPTY: ContentLike = { events: [], venues: [], services: [] }

/** The next meta.json: a new version and today's date (Qingdao) when the content changed since the published version. */
export function nextMeta(meta: Content['meta'], published: PublishedContent | null, changed: boolean, today: string): Content['meta'] {
  if (!published || !changed) return meta
  return { ...meta, version: Math.max(meta.version, published.meta.version + 1), asOf: today }
}

function readOption(values: Record<string, unknown>, name: string, fallback: string): string {
  const v = values[name]
  return typeof v === 'string' ? v : fallback
}

function printIssues(out: Out, file: string, label: string, issues: ImportIssue[]) {
  if (!issues.length) return
  out.error(`${label} (${issues.length}):`)
  const sorted = [...issues].sort((a, b) => (a.where.line ?? 0) - (b.where.line ?? 0))
  for (const i of sorted) out.error(`  ${formatWhere(file, i.where)}  ${i.message}`)
}

function readJsonFile(file: string, what: string): { ok: true; value: unknown } | { ok: false; message: string } {
  if (!existsSync(file)) return { ok: false, message: `${rel(file)}: ${what} not found` }
  const text = readFileSync(file, 'utf8')
  const parsed = parseJson(text.replace(/^\uFEFF/, ''))
  return parsed.ok ? parsed : { ok: false, message: `${rel(file)}:${parsed.line} not valid JSON: ${parsed.message} (column ${parsed.column})` }
}

async function runImport(positionals: string[], values: Record<string, unknown>, dir: string, out: Out): Promise<number> {
  const input = positionals[1]
  if (!input) {
    out.error('import: give the schedule file (schedule.json or events.csv)')
    return 2
  }
  const inputFile = resolve(input)
  if (!existsSync(inputFile)) {
    out.error(`${input}: file not found`)
    return 1
  }
  // The events may still lack translations from an earlier import: only the rest must be readable here.
  let raw: Record<string, unknown>
  try {
    raw = readRawContent(`${dir}/`)
  } catch {
    const checked = checkDir(dir)
    out.error(`The content in ${rel(dir)} cannot be read; fix it first:`)
    if (!checked.ok) checked.errors.forEach((e) => out.error(formatLocated(e)))
    return 1
  }
  const venueIds = new Set(Array.isArray(raw.venues) ? raw.venues.map((v: { id?: unknown }) => String(v?.id)) : [])
  let rooms: RoomMap = new Map()
  const roomsOption = values.rooms
  if (typeof roomsOption === 'string') {
    const r = readJsonFile(resolve(roomsOption), 'rooms file')
    if (!r.ok) {
      out.error(r.message)
      return 1
    }
    const parsed = parseRooms(r.value, venueIds)
    if (parsed.errors.length) {
      printIssues(out, roomsOption, 'Invalid rooms file', parsed.errors)
      return 1
    }
    rooms = parsed.rooms
  }
  const translationsFile = resolve(readOption(values, 'translations', join(dirname(inputFile), `${basename(inputFile, extname(inputFile))}.translations.json`)))
  let translations: Translations = {}
  if (existsSync(translationsFile)) {
    const t = readJsonFile(translationsFile, 'translations file')
    if (!t.ok || !t.value || typeof t.value !== 'object' || Array.isArray(t.value)) {
      out.error(t.ok ? `${rel(translationsFile)}: must be an object { "event-id": { "title": { "zh", "ru", "en" } } }` : t.message)
      return 1
    }
    translations = t.value as Translations
  }

  let categories: CategoryMap | undefined
  if (typeof values.categories === 'string') {
    const c = readJsonFile(resolve(values.categories), 'categories file')
    if (!c.ok) {
      out.error(c.message)
      return 1
    }
    const parsed = parseCategories(c.value)
    if (parsed.errors.length) {
      printIssues(out, values.categories, 'Invalid categories file', parsed.errors)
      return 1
    }
    categories = parsed.categories
  }
  let defaultCategory: ScheduleEvent['category'] | undefined
  if (typeof values['default-category'] === 'string') {
    const c = exactCategory(values['default-category'])
    if (!c) {
      out.error(`--default-category "${values['default-category']}" is no category (summit, forum, expo, festival, culture, tourism, ceremony)`)
      return 2
    }
    defaultCategory = c
  }

  const decoded = decodeUtf8(readFileSync(inputFile))
  if (!decoded.ok) {
    out.error(`${rel(inputFile)}:${decoded.line}  ${decoded.message}`)
    out.error('Nothing written.')
    return 1
  }
  const text = decoded.text.replace(/^\uFEFF/, '')
  const isCsv = extname(inputFile).toLowerCase() === '.csv'
  let result: ImportResult
  let prefix: string | null = typeof values.prefix === 'string' ? values.prefix : null
  let title = ''
  if (isCsv) {
    result = importCsv(text, { venueIds, rooms, translations, categories, defaultCategory })
  } else {
    const frab = importFrab(text, { venueIds, rooms, translations, prefix: prefix ?? undefined, categories, defaultCategory })
    result = frab
    prefix = frab.prefix || null
    title = frab.conference.title
  }
  out.log(`Import ${rel(inputFile)} (${isCsv ? 'CSV' : `frab/pretalx schedule "${title}"`})`)
  printIssues(out, rel(inputFile), 'Errors', result.errors)
  printIssues(out, rel(inputFile), 'Warnings', result.warnings)
  if (result.errors.length) {
    out.error(`Nothing written: fix the ${result.errors.length} error${result.errors.length === 1 ? '' : 's'} above and import again.`)
    return 1
  }

  const outFile = resolve(readOption(values, 'out', join(dir, 'events.json')))
  let existing: ScheduleEvent[] = []
  if (existsSync(outFile)) {
    const e = readJsonFile(outFile, 'events file')
    if (!e.ok || !Array.isArray(e.value)) {
      out.error(e.ok ? `${rel(outFile)}: must be a list of events` : e.message)
      return 1
    }
    existing = e.value as ScheduleEvent[]
  }
  const merged = mergeEvents(existing, result.events, prefix)
  // A schedule not yet released (pretalx: days: []) or a truncated export would empty the programme.
  const owned = existing.length - merged.kept
  const cancelled = merged.removed.length
  if (cancelled && values['allow-cancel'] !== true && (cancelled === owned || cancelled / owned > MAX_CANCEL_SHARE)) {
    const what = cancelled === owned ? `all ${owned}` : `${cancelled} of the ${owned}`
    out.error(`The import would cancel ${what} events of "${prefix ?? rel(inputFile)}" (${ids(merged.removed)}); nothing written.`)
    out.error(`If they really are cancelled, run the same import with --allow-cancel.`)
    return 1
  }
  // The whole programme must still be valid content (ids, venues, dates); only missing texts may wait.
  const check = validateContent({ ...raw, events: withPlaceholders(merged.events) })
  if (!check.ok) {
    out.error('The imported programme would not be valid content; nothing written:')
    check.errors.forEach((e) => out.error(`  ${e}`))
    return 1
  }

  const sorted = [...result.events].sort((a, b) => toInstant(a.start) - toInstant(b.start))
  const edge = (e: ScheduleEvent, field: 'start' | 'end') => (e.allDay ? e[field] : when({ ...e, allDay: false, start: e[field], end: e[field] }).slice(0, 16))
  const first = sorted[0]
  const last = [...sorted].sort((a, b) => toInstant(b.end) - toInstant(a.end))[0]
  const span = first && last ? `, from ${edge(first, 'start')} to ${edge(last, 'end')} (Qingdao time, UTC+8)` : ''
  out.log(`  ${result.events.length} events in ${result.rooms.length} rooms${span}`)
  out.log('')
  for (const e of sorted) {
    const langs = (['zh', 'ru', 'en'] as const).filter((l) => e.title[l] && e.description[l]).join(' ') || '–'
    out.log(`  ${e.id.padEnd(28)} ${when(e).padEnd(24)} ${(e.venueId ?? '(no venue)').padEnd(40)} ${langs}`)
  }
  out.log('')
  const d = diffContent({ ...EMPTY, events: existing }, { ...EMPTY, events: merged.events })
  out.log(`Changes to ${rel(outFile)}: ${d.added.length} new, ${d.moved.length} moved, ${d.cancelled.length} cancelled, ${d.edited.length} edited; ${merged.kept} other events kept.`)
  if (!write(outFile, `${JSON.stringify(merged.events, null, 2)}\n`, out)) return 1
  out.log(`Wrote ${rel(outFile)} (${merged.events.length} events).`)
  if (!write(translationsFile, `${JSON.stringify({ ...translations, ...result.translations }, null, 2)}\n`, out)) return 1
  if (result.missing.length) {
    const count = result.missing.reduce((n, m) => n + m.locales.length, 0)
    out.log('')
    out.log(`Missing translations (${count} texts in ${new Set(result.missing.map((m) => m.id)).size} events) — NOT PUBLISHABLE until filled:`)
    const byId = new Map<string, typeof result.missing>()
    for (const m of result.missing) byId.set(m.id, [...(byId.get(m.id) ?? []), m])
    for (const [id, list] of byId) {
      out.log(`  ${id.padEnd(28)} ${list.map((m) => `${m.field}: ${m.locales.join(', ')}`).join('; ').padEnd(40)} ${formatWhere(rel(inputFile), list[0]!.where)}`)
    }
    out.log(`Fill the empty "" texts in ${rel(translationsFile)} and run the same import again`)
    out.log('(the source language stays as the schedule gives it). `npm run content -- check` lists what is still empty.')
  } else {
    out.log(`All texts are in zh, ru and en. Translations kept in ${rel(translationsFile)}.`)
  }
  return 0
}

/** Write a file or say in one line why not (never a stack trace). */
function write(file: string, text: string, out: Out): boolean {
  if (!existsSync(dirname(file))) {
    out.error(`Cannot write ${rel(file)}: the folder ${rel(dirname(file))} does not exist`)
    return false
  }
  try {
    writeFileSync(file, text)
    return true
  } catch (e) {
    out.error(`Cannot write ${rel(file)}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`)
    return false
  }
}

/** The subscribable feeds beside the content: <site>/calendar/<lang>.ics for <site>/data/content.json. */
function publishCalendarFeeds(built: PublishedContent, dir: string, outFile: string, out: Out): void {
  const files = writeCalendarFeeds(built, dir, dirname(dirname(outFile)), process.env.VITE_SITE_URL ?? null)
  out.log(`Wrote ${files.map(rel).join(', ')} (calendar feeds) and ${rel(join(dir, REVISIONS_FILE))}.`)
}

export async function main(argv: string[], out: Out = consoleOut): Promise<number> {
  let parsed
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        dir: { type: 'string' }, published: { type: 'string' }, out: { type: 'string' }, rooms: { type: 'string' },
        translations: { type: 'string' }, prefix: { type: 'string' }, help: { type: 'boolean', short: 'h' },
        categories: { type: 'string' }, 'default-category': { type: 'string' }, 'allow-cancel': { type: 'boolean' }, 'max-kb': { type: 'string' },
      },
    })
  } catch (e) {
    out.error(`${(e as Error).message}\n\n${USAGE}`)
    return 2
  }
  const { values, positionals } = parsed
  const command = positionals[0]
  const dir = resolve(readOption(values, 'dir', DEFAULT_CONTENT_DIR))
  if (values.help || !command) {
    out.log(USAGE)
    return command || values.help ? 0 : 2
  }
  if (command === 'import') return runImport(positionals, values, dir, out)
  if (!['check', 'diff', 'build'].includes(command)) {
    out.error(`Unknown command "${command}".\n\n${USAGE}`)
    return 2
  }

  const checked = checkDir(dir)
  if (!checked.ok) {
    out.error(`Invalid content in ${rel(dir)} (${checked.errors.length} error${checked.errors.length === 1 ? '' : 's'}):`)
    checked.errors.forEach((e) => out.error(formatLocated(e)))
    out.error('Nothing published.')
    return 1
  }
  const c = checked.content
  out.log(`Content OK: ${c.venues.length} venues, ${c.events.length} events, ${c.services.length} service points (version ${c.meta.version}, as of ${c.meta.asOf}).`)
  if (command === 'check') return 0

  const publishedSource = readOption(values, 'published', 'dist/data/content.json')
  let published: PublishedContent | null
  try {
    published = await loadPublished(publishedSource)
  } catch (e) {
    out.error(`Cannot read the published version: ${(e as Error).message}`)
    return 1
  }
  const diff = diffContent(published ?? EMPTY, c)
  const changed = hasContentChanged(diff)
  if (published) {
    out.log(`Changes since the published version (${publishedSource}: version ${published.meta.version}, as of ${published.meta.asOf}, hash ${published.meta.hash ?? '–'}):`)
    if (changed) formatDiff(diff).forEach((l) => out.log(l))
    else out.log('  none')
  } else {
    out.log(`No published version at ${publishedSource}: everything is new.`)
  }
  if (command === 'diff') return 0

  const outFile = resolve(readOption(values, 'out', 'dist/data/content.json'))
  const inside = relative(dir, outFile)
  if (!inside.startsWith('..') && !isAbsolute(inside)) {
    out.error(`--out ${rel(outFile)} is inside the content folder ${rel(dir)}: it would overwrite or mix with the source. Choose a path outside it.`)
    return 1
  }
  const budgetKb = Number(readOption(values, 'max-kb', String(CONTENT_BUDGET_KB)))
  if (!(budgetKb > 0)) {
    out.error(`--max-kb must be a positive number of kilobytes`)
    return 2
  }
  const metaFile = join(dir, 'meta.json')
  const metaText = readFileSync(metaFile, 'utf8')
  const meta = nextMeta(c.meta, published, changed, qingdaoDay(Date.now()))
  if (meta !== c.meta) {
    const raw = JSON.parse(metaText) as Record<string, unknown>
    writeFileSync(metaFile, `${JSON.stringify({ ...raw, version: meta.version, asOf: meta.asOf }, null, 2)}\n`)
    out.log(`Bumped ${rel(metaFile)}: version ${c.meta.version} → ${meta.version}, asOf ${meta.asOf} (Qingdao date).`)
  } else if (published) {
    out.log(`Version unchanged (${c.meta.version}): nothing changed since the published version.`)
  }
  const built = buildContent(`${dir}/`)
  const json = JSON.stringify(built)
  const kb = Buffer.byteLength(json) / 1024
  if (kb > budgetKb) {
    if (meta !== c.meta) writeFileSync(metaFile, metaText)
    out.error(`The published file would be ${Math.ceil(kb)} KB, over the size budget of ${budgetKb} KB (every visitor downloads it, often on a roaming SIM): nothing published.`)
    return 1
  }
  try {
    mkdirSync(dirname(outFile), { recursive: true })
  } catch (e) {
    out.error(`Cannot write ${rel(outFile)}: ${(e as Error).message}`)
    return 1
  }
  if (!write(outFile, json, out)) return 1
  // A server with gzip_static/brotli_static would otherwise keep sending the previous content's .gz and .br.
  precompressFile(outFile)
  out.log(`Wrote ${rel(outFile)}: version ${built.meta.version}, as of ${built.meta.asOf}, hash ${built.meta.hash}.`)
  publishCalendarFeeds(built, dir, outFile, out)
  return 0
}
