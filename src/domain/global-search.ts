// One search over the whole guide: events, venues and service points in one ranked list. The index is
// built once per content version and language. Each field (a name, its pinyin, an address, a category name,
// a description) is folded once and stored once, however many items share it (an event repeats its venue's
// names), in one long string; a keystroke then scans that string once per query word, which is far cheaper
// than thousands of short scans, and only then looks at the items whose fields were found. Names and
// addresses are searched in all three languages (a visitor types what a sign or a map says); descriptions
// only in the visitor's, which keeps a short prefix from matching every description in a language the
// visitor is not reading, and the string to scan a third as long.
import type { GeoLocation, L10n, Locale, ScheduleEvent, ServicePoint, Venue } from '../content/schema'
import { compact, parseQuery, type Query } from './search'
import { eventSpan } from './status'
import { distanceM, type LatLon } from './geo'

/** A result; `what` names its kind in the index's language ("Festival", "Exchange · SIM cards"). */
export type SearchHit =
  | { kind: 'event'; id: string; item: ScheduleEvent; what: string }
  | { kind: 'venue'; id: string; item: Venue; what: string }
  | { kind: 'service'; id: string; item: ServicePoint; what: string }

export type GlobalIndex = {
  /** Every distinct folded field, each followed by a separator no query word contains. */
  text: string
  /** Where field f starts in `text`; one more entry at the end, past the text. */
  starts: Int32Array
  /** Item i's fields are `fields[from[i]]` up to `fields[from[i + 1]]`, its names first (`names[i]` of them). */
  fields: Int32Array
  from: Int32Array
  names: Uint16Array
  hits: SearchHit[]
  /** Events only: when it ends, to put past events after current ones. */
  ends: Float64Array
}

export type IndexInput = {
  events: readonly ScheduleEvent[]
  venues: readonly Venue[]
  services: readonly ServicePoint[]
  /** The visitor's language: descriptions are searched in it alone. */
  lang: Locale
  /** Category names in the visitor's language, so «обмен» or "exchange" finds the exchange points. */
  label: (kind: SearchHit['kind'], category: string) => string
}

type Field = string | null | undefined
const SEP = '\u0001'
const all = (t: L10n | null | undefined) => (t ? [t.zh, t.ru, t.en] : [])

/**
 * The index, built a few items at a time: the generator pauses after every `step` items so that a caller
 * on the page can yield to input between slices (`buildGlobalIndexInSlices`); `buildGlobalIndex` runs it through.
 */
export function* indexSteps({ events, venues, services, lang, label }: IndexInput, step = 200): Generator<void, GlobalIndex> {
  const venueById = new Map(venues.map((v) => [v.id, v]))
  const labels = new Map<string, string>()
  const labelOf = (kind: SearchHit['kind'], c: string) => {
    const key = `${kind}:${c}`
    let l = labels.get(key)
    if (l === undefined) labels.set(key, (l = label(kind, c)))
    return l
  }
  // Raw text → field number (-1: nothing to search in it), so a field shared by many items is folded once.
  const ids = new Map<string, number>()
  const folded = new Map<string, number>()
  const parts: string[] = []
  const starts: number[] = []
  let length = 0
  const fields: number[] = []
  const from: number[] = [0]
  const names: number[] = []
  const hits: SearchHit[] = []
  const ends: number[] = []

  function field(raw: Field): number {
    if (!raw) return -1
    let id = ids.get(raw)
    if (id !== undefined) return id
    // Spaces are dropped so that "wu si" finds "wusi"; the separator keeps a match from straddling two fields.
    const text = compact(raw)
    id = text ? folded.get(text) ?? -1 : -1
    if (text && id < 0) {
      id = starts.length
      folded.set(text, id)
      parts.push(text, SEP)
      starts.push(length)
      length += text.length + 1
    }
    ids.set(raw, id)
    return id
  }
  function add(hit: SearchHit, head: Field[], rest: Field[], end = Infinity) {
    const own = new Set<number>()
    for (const f of head) own.add(field(f))
    own.delete(-1)
    const n = own.size
    for (const f of rest) own.add(field(f))
    own.delete(-1)
    fields.push(...own)
    from.push(fields.length)
    names.push(n)
    hits.push(hit)
    ends.push(end)
  }

  const about = (t: L10n | null | undefined) => t?.[lang]
  let done = 0
  const pause = () => ++done % step === 0
  for (const v of venues) {
    const what = labelOf('venue', v.category)
    add({ kind: 'venue', id: v.id, item: v, what }, [...all(v.name), v.pinyin], [what, ...all(v.address), ...all(v.nameNote), about(v.description)])
    if (pause()) yield
  }
  for (const s of services) {
    const venue = s.venueId ? venueById.get(s.venueId) : undefined
    const whats = s.categories.map((c) => labelOf('service', c))
    add({ kind: 'service', id: s.id, item: s, what: whats.join(' · ') }, [...all(s.name), s.pinyin],
      [...whats, ...s.offers.currencies, ...all(s.address), ...all(venue?.name), venue?.pinyin,
        ...all(s.offers.documents), about(s.description)])
    if (pause()) yield
  }
  for (const e of events) {
    const venue = e.venueId ? venueById.get(e.venueId) : undefined
    const what = labelOf('event', e.category)
    add({ kind: 'event', id: e.id, item: e, what }, [...all(e.title), e.pinyin],
      [what, ...all(venue?.name), venue?.pinyin, ...all(e.venueNote), ...all(e.organiser), about(e.description)],
      eventSpan(e)[1])
    if (pause()) yield
  }
  // Joining the fields into one string is the largest single step left: it gets a slice of its own.
  yield
  starts.push(length + 1)
  return {
    text: parts.join(''), starts: Int32Array.from(starts), fields: Int32Array.from(fields), from: Int32Array.from(from),
    names: Uint16Array.from(names), hits, ends: Float64Array.from(ends),
  }
}

export function buildGlobalIndex(input: IndexInput): GlobalIndex {
  const steps = indexSteps(input)
  for (;;) {
    const r = steps.next()
    if (r.done) return r.value
  }
}

/**
 * The same index built in slices of at most `sliceMs` of work, awaiting `pause()` between them, so that a
 * keystroke or a tap never waits long for it. `cancelled()` abandons the build (the content or language changed).
 */
export async function buildGlobalIndexInSlices(input: IndexInput, pause: () => Promise<unknown>, cancelled: () => boolean, sliceMs = 20): Promise<GlobalIndex | null> {
  const steps = indexSteps(input, 20)
  let slice = performance.now()
  for (;;) {
    const r = steps.next()
    if (r.done) return r.value
    if (performance.now() - slice < sliceMs) continue
    await pause()
    if (cancelled()) return null
    slice = performance.now()
  }
}

/** A single Latin or Cyrillic letter finds nearly everything and tells nothing; one 汉字 is a word. */
const LONE_LETTER = /^[\p{Script=Latin}\p{Script=Cyrillic}]$/u

/**
 * The query as the global search reads it: `parseQuery`'s words without lone Latin or Cyrillic letters, so
 * the first letter typed searches nothing yet and "beer h" searches "beer" until the next letter comes.
 */
export function globalQuery(text: string): Query {
  const words = parseQuery(text)?.filter((w) => !LONE_LETTER.test(w))
  return words?.length ? words : null
}

/** Marks the fields that contain `word`, by one scan of the index's text; null when none does. */
function fieldsWith({ text, starts }: GlobalIndex, word: string): Uint8Array | null {
  let at = text.indexOf(word)
  if (at < 0) return null
  const marks = new Uint8Array(starts.length)
  let f = 0
  while (at >= 0) {
    // The field holding `at` is the last one starting at or before it. Matches come in order and are often
    // in the next few fields, so gallop forward from the last one, then halve.
    let step = 1
    let hi = f + 1
    while (hi < starts.length && starts[hi]! <= at) {
      f = hi
      hi += step
      step *= 2
    }
    hi = Math.min(hi, starts.length)
    while (hi - f > 1) {
      const mid = (f + hi) >> 1
      if (starts[mid]! <= at) f = mid
      else hi = mid
    }
    marks[f] = 1
    at = text.indexOf(word, starts[f + 1])
  }
  return marks
}

export type SearchResult = { total: number; hits: SearchHit[] }

/**
 * Hits in four bands, each in content order: found in a name (places and events still ahead, then past
 * events), then found elsewhere (same order). Only the first `limit` hits are kept; `total` counts all.
 */
export function searchAll(index: GlobalIndex, query: Query, now: number, limit = 8): SearchResult {
  if (!query) return { total: 0, hits: [] }
  const marks: Uint8Array[] = []
  for (const word of new Set(query)) {
    const m = fieldsWith(index, word)
    if (!m) return { total: 0, hits: [] }
    marks.push(m)
  }
  const { fields, from, names, hits, ends } = index
  const bands: SearchHit[][] = [[], [], [], []]
  let total = 0
  items: for (let i = 0; i < hits.length; i++) {
    const first = from[i]!
    const last = from[i + 1]!
    let inName = true
    for (const m of marks) {
      let k = first
      while (k < last && !m[fields[k]!]) k++
      if (k === last) continue items
      // Names come first, so the first field that holds the word tells whether a name does.
      if (k - first >= names[i]!) inName = false
    }
    total++
    const list = bands[(inName ? 0 : 2) + (ends[i]! <= now ? 1 : 0)]!
    if (list.length < limit) list.push(hits[i]!)
  }
  return { total, hits: bands.flat().slice(0, limit) }
}

/** Where a hit is on the map: its own location, else its venue's. */
export function hitLocation(hit: SearchHit, venueById: ReadonlyMap<string, Venue>): GeoLocation | null {
  if (hit.kind === 'venue') return hit.item.location
  const own = hit.kind === 'service' ? hit.item.location : null
  return own ?? (hit.item.venueId ? venueById.get(hit.item.venueId)?.location ?? null : null)
}

/** Steps a distance is rounded to when the place itself is only known to within some radius. */
const STEPS = [100, 200, 500, 1000, 2000, 5000, 10_000, 20_000]

/**
 * How far a place is, in metres, and whether that is approximate. An approximate place's distance is
 * rounded to a step no finer than its radius ("about 1 km", never "1.37 km" for a point known to 1 km).
 */
export function distanceTo(from: LatLon, at: GeoLocation): { metres: number; approx: boolean } {
  const d = distanceM(from, at)
  if (at.precision === 'exact') return { metres: d, approx: false }
  const step = STEPS.find((s) => s >= at.radius) ?? 20_000
  return { metres: Math.max(step, Math.round(d / step) * step), approx: true }
}

export const hitPath = (hit: SearchHit) => `/${hit.kind === 'event' ? 'events' : hit.kind === 'venue' ? 'venues' : 'services'}/${hit.id}`
