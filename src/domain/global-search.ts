// One search over the whole guide: events, venues and service points in one ranked list. The index is
// built once per content version and language (names, pinyin, addresses, category names, descriptions
// folded into one string per item); each keystroke is then one `includes` per query word per item.
import type { GeoLocation, L10n, ScheduleEvent, ServicePoint, Venue } from '../content/schema'
import { matches, searchDoc, type Query, type SearchDoc } from './search'
import { eventSpan } from './status'
import { distanceM, type LatLon } from './geo'

export type SearchHit =
  | { kind: 'event'; id: string; item: ScheduleEvent }
  | { kind: 'venue'; id: string; item: Venue }
  | { kind: 'service'; id: string; item: ServicePoint }

type Entry = {
  hit: SearchHit
  doc: SearchDoc
  /** Length of the names part of `doc`: a word found before it is found in a name. */
  names: number
  /** Events only: when it ends, to put past events after current ones. */
  ends: number
}

export type GlobalIndex = { entries: Entry[] }

export type IndexInput = {
  events: readonly ScheduleEvent[]
  venues: readonly Venue[]
  services: readonly ServicePoint[]
  /** Category names in the visitor's language, so «обмен» or "exchange" finds the exchange points. */
  label: (kind: SearchHit['kind'], category: string) => string
}

const all = (t: L10n | null | undefined) => (t ? [t.zh, t.ru, t.en] : [])

function entry(hit: SearchHit, names: (string | null | undefined)[], rest: (string | null | undefined)[], ends = Infinity): Entry {
  const head = searchDoc(names)
  const tail = searchDoc(rest)
  return { hit, doc: tail ? `${head}\u0001${tail}` : head, names: head.length, ends }
}

export function buildGlobalIndex({ events, venues, services, label }: IndexInput): GlobalIndex {
  const venueById = new Map(venues.map((v) => [v.id, v]))
  const entries: Entry[] = []
  for (const v of venues) {
    entries.push(entry({ kind: 'venue', id: v.id, item: v }, [...all(v.name), v.pinyin],
      [label('venue', v.category), ...all(v.address), ...all(v.nameNote), ...all(v.description)]))
  }
  for (const s of services) {
    const venue = s.venueId ? venueById.get(s.venueId) : undefined
    entries.push(entry({ kind: 'service', id: s.id, item: s }, [...all(s.name), s.pinyin],
      [...s.categories.map((c) => label('service', c)), ...s.offers.currencies, ...all(s.address), ...all(venue?.name), venue?.pinyin,
        ...all(s.offers.documents), ...all(s.description)]))
  }
  for (const e of events) {
    const venue = e.venueId ? venueById.get(e.venueId) : undefined
    entries.push(entry({ kind: 'event', id: e.id, item: e }, [...all(e.title), e.pinyin],
      [label('event', e.category), ...all(venue?.name), venue?.pinyin, ...all(e.venueNote), ...all(e.organiser), ...all(e.description)],
      eventSpan(e)[1]))
  }
  return { entries }
}

export type SearchResult = { total: number; hits: SearchHit[] }

/**
 * Hits in four bands, each in content order: found in a name (places and events still ahead, then past
 * events), then found elsewhere (same order). Only the first `limit` hits are kept; `total` counts all.
 */
export function searchAll(index: GlobalIndex, query: Query, now: number, limit = 8): SearchResult {
  if (!query) return { total: 0, hits: [] }
  const bands: SearchHit[][] = [[], [], [], []]
  let total = 0
  for (const e of index.entries) {
    if (!matches(e.doc, query)) continue
    total++
    let inName = true
    for (const word of query) if (e.doc.indexOf(word) >= e.names) inName = false
    const band = (inName ? 0 : 2) + (e.ends <= now ? 1 : 0)
    const list = bands[band]!
    if (list.length < limit) list.push(e.hit)
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
