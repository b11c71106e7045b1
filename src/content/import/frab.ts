// The frab-compatible schedule.json that pretalx and frab export:
// schedule.conference.days[].rooms{ name: [event{ id, guid, date, start, duration, room, title, abstract, description, language, track, type, url }] }
import { jsonLines, lineOf, parseJson, type JsonPath } from '../json-locate'
import type { ScheduleEvent } from '../schema'
import {
  mapCategory, emptyL10n, finish, isLocale, parseDuration, parseZonedDateTime, resolveRoom, slugify, toQingdaoIso, ID,
  type CategoryMap, type Draft, type ImportIssue, type ImportResult, type RoomMap, type Translations,
} from './common'

export type FrabOptions = {
  venueIds: ReadonlySet<string>
  rooms: RoomMap
  translations?: Translations
  /** Id prefix of the imported events; default: the conference acronym. */
  prefix?: string
  /** The organiser's `--categories` map (type or track → category) and `--default-category`. */
  categories?: CategoryMap
  defaultCategory?: ScheduleEvent['category']
}

export type FrabImport = ImportResult & { prefix: string; conference: { title: string; acronym: string; url: string | null } }

type Obj = Record<string, unknown>
const isObj = (x: unknown): x is Obj => !!x && typeof x === 'object' && !Array.isArray(x)
const str = (x: unknown): string => (typeof x === 'string' ? x.trim() : '')

export function importFrab(text: string, options: FrabOptions): FrabImport {
  const errors: ImportIssue[] = []
  const warnings: ImportIssue[] = []
  const empty = (prefix = ''): FrabImport => ({
    events: [], errors, warnings, missing: [], translations: {}, rooms: [], prefix, conference: { title: '', acronym: '', url: null },
  })
  const parsed = parseJson(text.replace(/^\uFEFF/, ''))
  if (!parsed.ok) {
    errors.push({ where: { line: parsed.line }, message: `not valid JSON: ${parsed.message} (column ${parsed.column})` })
    return empty()
  }
  const lines = jsonLines(text.replace(/^\uFEFF/, ''))
  const at = (path: JsonPath) => ({ path, line: lineOf(lines, path) })
  const err = (path: JsonPath, message: string) => errors.push({ where: at(path), message })

  const schedule = isObj(parsed.value) ? parsed.value.schedule : undefined
  const conference = isObj(schedule) ? schedule.conference : undefined
  if (!isObj(conference)) {
    err(['schedule', 'conference'], 'not a frab/pretalx schedule: schedule.conference is missing')
    return empty()
  }
  const acronym = str(conference.acronym)
  const prefix = options.prefix ?? slugify(acronym)
  if (!ID.test(prefix)) {
    err(['schedule', 'conference', 'acronym'], 'the conference acronym gives no usable id prefix: pass --prefix')
    return empty()
  }
  const zone = str(conference.time_zone_name)
  if (zone && zone !== 'Asia/Shanghai') {
    warnings.push({ where: at(['schedule', 'conference', 'time_zone_name']), message: `the schedule's zone is ${zone}: times are converted to Qingdao time by their offsets` })
  }
  const confUrl = str(conference.url) || str((schedule as Obj).url) || null
  const confTitle = str(conference.title) || acronym
  const days = conference.days
  if (!Array.isArray(days)) {
    err(['schedule', 'conference', 'days'], 'must be a list of days')
    return empty(prefix)
  }

  // C3VOC's newer export lists events flat in schedule.events and days carry no rooms: a different format.
  if (Array.isArray((schedule as Obj).events) && !days.some((d) => isObj(d) && 'rooms' in d)) {
    err(['schedule', 'events'], 'this is the flat "schedule 2" format (schedule.events): export the frab-compatible schedule.json (conference.days[].rooms) instead')
    return empty(prefix)
  }

  const drafts: Draft[] = []
  days.forEach((day, di) => {
    const dayPath = ['schedule', 'conference', 'days', di]
    if (!isObj(day) || !isObj(day.rooms)) return void err([...dayPath, 'rooms'], 'must be an object { "room name": [events] }')
    for (const [roomKey, list] of Object.entries(day.rooms)) {
      if (!Array.isArray(list)) {
        err([...dayPath, 'rooms', roomKey], 'must be a list of events')
        continue
      }
      list.forEach((raw, ei) => {
        const path = [...dayPath, 'rooms', roomKey, ei]
        const draft = readEvent(raw, path)
        if (draft) drafts.push(draft)
      })
    }
  })

  function readEvent(raw: unknown, path: JsonPath): Draft | null {
    if (!isObj(raw)) {
      err(path, 'must be an event object')
      return null
    }
    const before = errors.length
    const localId = raw.id ?? raw.guid
    const id = `${prefix}-${slugify(String(localId ?? ''))}`
    if (localId === undefined || !ID.test(id)) err([...path, 'id'], 'missing or unusable event id')
    const title = str(raw.title)
    if (!title) err([...path, 'title'], 'missing title')

    const date = str(raw.date)
    const when = parseZonedDateTime(date)
    const duration = parseDuration(str(raw.duration))
    if (!when.ok) err([...path, 'date'], when.message)
    else if (str(raw.start) && str(raw.start) !== when.local) err([...path, 'start'], `start "${str(raw.start)}" does not match the time in date "${date}"`)
    if (duration === null) err([...path, 'duration'], `duration "${str(raw.duration)}" is not HH:MM`)

    const room = str(raw.room) || String(path[4])
    const target = resolveRoom(room, options.rooms, options.venueIds)
    if (typeof target === 'string') err([...path, 'room'], target)

    const lang = str(raw.language).toLowerCase().split(/[-_]/)[0] ?? ''
    const text = { title: emptyL10n(), description: emptyL10n() }
    const description = str(raw.abstract) || str(raw.description)
    if (isLocale(lang)) {
      text.title[lang] = title
      text.description[lang] = description
    } else {
      warnings.push({ where: at([...path, 'language']), message: `language "${str(raw.language)}" is not zh, ru or en: every text of this event needs a translation` })
    }
    if (!description) warnings.push({ where: at([...path, 'abstract']), message: 'no abstract or description in the source' })
    // The source's type and track are the organiser's words: the map decides, a guess from them or the title
    // comes next, and what fits nothing gets the default with a warning naming it (never a refusal).
    const words = [str(raw.type), str(raw.track)].filter(Boolean)
    const mapped = mapCategory([...words, title], options.categories, options.defaultCategory)
    if (!mapped.mapped) {
      warnings.push({
        where: at([...path, 'type']),
        message: `type "${str(raw.type)}" / track "${str(raw.track)}" fits no category: filed under "${mapped.category}" (map it with --categories map.json or --default-category)`,
      })
    }
    const category = mapped.category

    if (errors.length > before || !when.ok || duration === null || typeof target === 'string') return null
    const url = str(raw.url) || confUrl
    const event: ScheduleEvent = {
      id,
      category,
      title: text.title,
      allDay: false,
      start: toQingdaoIso(when.instant),
      end: toQingdaoIso(when.instant + duration * 60_000),
      timeZone: 'Asia/Shanghai',
      venueId: target.venueId,
      venueNote: target.note,
      description: text.description,
      organiser: null,
      confidence: 'high',
      sources: [{ label: `${confTitle}: official schedule`, ...(url && /^https?:\/\//.test(url) ? { url } : {}) }],
    }
    const given = isLocale(lang) ? [lang] : []
    const original = isLocale(lang) ? undefined : { language: str(raw.language), title, description }
    return {
      event, where: at(path), timeWhere: at([...path, 'date']), room, given: { title: given, description: description ? given : [] },
      ...(original ? { original } : {}),
    }
  }

  const result = finish(drafts, errors, warnings, options.translations ?? {})
  return { ...result, prefix, conference: { title: confTitle, acronym, url: confUrl } }
}
