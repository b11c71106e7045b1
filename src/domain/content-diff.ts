// What changed in the programme between two content documents. Pure: the publishing command
// (`npm run content -- diff`) and the visitor-facing "Schedule changes" list use the same code.
import type { L10n } from '../content/schema'
import { toInstant } from './time'
import { compareCodeUnits } from './order'

/** The part of an event a visitor's "last seen" snapshot keeps: enough to name it and say where and when it was. */
export type EventSnapshot = {
  id: string
  title: L10n
  allDay: boolean
  start: string
  end: string
  venueId: string | null
}

export type MovedField = 'start' | 'end' | 'venueId'
export type MovedEvent = { before: EventSnapshot; after: EventSnapshot; fields: MovedField[] }

export type EventsDiff = {
  added: EventSnapshot[]
  moved: MovedEvent[]
  /** Events that are no longer in the programme. */
  cancelled: EventSnapshot[]
}

type EventLike = EventSnapshot & Record<string, unknown>

export type ContentLike = {
  meta?: { version?: number; asOf?: string; hash?: string; title?: L10n }
  events: readonly EventLike[]
  venues: readonly { id: string }[]
  services: readonly { id: string }[]
}

export type IdsDiff = { before: number; after: number; added: string[]; removed: string[]; changed: string[] }

export type ContentDiff = EventsDiff & {
  /** Events whose text, category or sources changed but not their time or place. */
  edited: string[]
  /** The content's own title (meta.title) changed. */
  titleChanged: boolean
  /** Other top-level sections (e.g. practical information) that changed. */
  sections: string[]
  venues: IdsDiff
  services: IdsDiff
}

export function snapshotEvent(e: EventSnapshot): EventSnapshot {
  return { id: e.id, title: { zh: e.title.zh, ru: e.title.ru, en: e.title.en }, allDay: e.allDay, start: e.start, end: e.end, venueId: e.venueId }
}

/** "2025-07-18T09:00:00+08:00" and "2025-07-18T01:00:00Z" are the same moment: not a move. */
function sameTime(a: string, b: string, aAllDay: boolean, bAllDay: boolean): boolean {
  if (aAllDay !== bAllDay) return false
  return aAllDay ? a === b : toInstant(a) === toInstant(b)
}

function byStart(a: EventSnapshot, b: EventSnapshot): number {
  return toInstant(a.start) - toInstant(b.start) || compareCodeUnits(a.id, b.id)
}

export function diffEvents(before: readonly EventSnapshot[], after: readonly EventSnapshot[]): EventsDiff {
  const old = new Map(before.map((e) => [e.id, e]))
  const now = new Map(after.map((e) => [e.id, e]))
  const added: EventSnapshot[] = []
  const moved: MovedEvent[] = []
  for (const e of now.values()) {
    const was = old.get(e.id)
    if (!was) {
      added.push(snapshotEvent(e))
      continue
    }
    const fields: MovedField[] = []
    if (!sameTime(was.start, e.start, was.allDay, e.allDay)) fields.push('start')
    if (!sameTime(was.end, e.end, was.allDay, e.allDay)) fields.push('end')
    if (was.venueId !== e.venueId) fields.push('venueId')
    if (fields.length) moved.push({ before: snapshotEvent(was), after: snapshotEvent(e), fields })
  }
  const cancelled = [...old.values()].filter((e) => !now.has(e.id)).map(snapshotEvent)
  added.sort(byStart)
  cancelled.sort(byStart)
  moved.sort((a, b) => byStart(a.after, b.after))
  return { added, moved, cancelled }
}

export function isEmptyDiff(d: EventsDiff): boolean {
  return d.added.length === 0 && d.moved.length === 0 && d.cancelled.length === 0
}

/** Stable JSON (sorted keys) so a field order change is not an edit. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => compareCodeUnits(a, b))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`
  }
  return JSON.stringify(value) ?? 'null'
}

function diffIds<T extends { id: string }>(before: readonly T[], after: readonly T[]): IdsDiff {
  const old = new Map(before.map((x) => [x.id, x]))
  const now = new Map(after.map((x) => [x.id, x]))
  return {
    before: before.length,
    after: after.length,
    added: [...now.keys()].filter((id) => !old.has(id)),
    removed: [...old.keys()].filter((id) => !now.has(id)),
    changed: [...now.entries()].filter(([id, x]) => old.has(id) && canonical(old.get(id)) !== canonical(x)).map(([id]) => id),
  }
}

const KNOWN = new Set(['meta', 'events', 'venues', 'services'])

function otherSections(before: ContentLike, after: ContentLike): string[] {
  const b = before as unknown as Record<string, unknown>
  const a = after as unknown as Record<string, unknown>
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((k) => !KNOWN.has(k)).sort()
  return keys.filter((k) => canonical(b[k]) !== canonical(a[k]))
}

export function diffContent(before: ContentLike, after: ContentLike): ContentDiff {
  const events = diffEvents(before.events, after.events)
  const movedIds = new Set(events.moved.map((m) => m.after.id))
  const edited = diffIds(before.events, after.events).changed.filter((id) => !movedIds.has(id))
  return {
    ...events,
    edited,
    titleChanged: canonical(before.meta?.title) !== canonical(after.meta?.title),
    sections: otherSections(before, after),
    venues: diffIds(before.venues, after.venues),
    services: diffIds(before.services, after.services),
  }
}

/** True when anything an organiser publishes differs (meta.version, asOf and hash aside). */
export function hasContentChanged(d: ContentDiff): boolean {
  return !isEmptyDiff(d) || d.edited.length > 0 || d.titleChanged || d.sections.length > 0 || [d.venues, d.services].some((x) => x.added.length + x.removed.length + x.changed.length > 0)
}
