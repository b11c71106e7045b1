// The programme as subscribable calendars (/calendar/<lang>.ics) and a plan as a calendar file, from the content
// alone: the build, `npm run content -- build` and the service worker all call these, so the three agree.
//
// A subscribed calendar moves an entry only when its SEQUENCE goes up. SEQUENCE comes from a revision record kept
// beside the content (calendar-revisions.json: per event, the time and venue it was last published with, its
// sequence and the content date of that change). An event whose time or venue differs from its record gets the
// record's sequence + 1 and the content's date as LAST-MODIFIED. `npm run content -- build` writes the new
// records, so the next change counts from there; a build alone computes the same numbers without writing them.
import type { Content, Locale, ScheduleEvent } from '../content/schema'
import { buildCalendar, type IcsEvent } from './ical'
import { toInstant } from './time'

export type Revision = { fingerprint: string; sequence: number; modified: string }
export type Revisions = Record<string, Revision>

/** What a calendar shows of an event's place in time and space; a change of it must move the entry. */
export function fingerprint(e: Pick<ScheduleEvent, 'allDay' | 'start' | 'end' | 'venueId'>): string {
  return [e.allDay ? 'day' : 'time', e.start, e.end, e.venueId ?? ''].join('|')
}

/** The records after publishing `events` (content dated `asOf`) on top of `previous`. Deterministic. */
export function revise(events: readonly ScheduleEvent[], previous: Revisions, asOf: string): Revisions {
  const next: Revisions = { ...previous }
  for (const e of events) {
    const fp = fingerprint(e)
    const before = previous[e.id]
    if (!before) next[e.id] = { fingerprint: fp, sequence: 0, modified: asOf }
    else if (before.fingerprint !== fp) next[e.id] = { fingerprint: fp, sequence: before.sequence + 1, modified: asOf }
  }
  return next
}

export const FEED_LANGS: readonly Locale[] = ['zh', 'ru', 'en']
export const UID_SUFFIX = '@qingdao-sco-guide'
/** Calendars fetch a subscription again at most this often when they honour the hint. */
const REFRESH = 'PT12H'

type FeedContent = Pick<Content, 'meta' | 'events' | 'venues'>

/** One event for a calendar in `lang`: the venue named in that language and in Chinese, as taxi drivers read it. */
export function icsEvent(content: FeedContent, e: ScheduleEvent, lang: Locale, origin: string | null, revision?: Revision): IcsEvent {
  const venue = e.venueId ? content.venues.find((v) => v.id === e.venueId) : undefined
  const location = venue ? (lang === 'zh' ? venue.name.zh : `${venue.name[lang]} · ${venue.name.zh}`) : e.venueNote?.[lang]
  return {
    uid: `${e.id}${UID_SUFFIX}`,
    summary: e.title[lang],
    description: e.description[lang],
    location: location || undefined,
    url: origin ? `${origin.replace(/\/$/, '')}/events/${e.id}` : undefined,
    allDay: e.allDay,
    start: e.start,
    end: e.end,
    sequence: revision?.sequence ?? 0,
    lastModified: toInstant(revision?.modified ?? content.meta.asOf),
  }
}

/** The whole programme in one language, for subscription. DTSTAMP is the content's date: the same content, the same bytes. */
export function programmeFeed(content: FeedContent, lang: Locale, revisions: Revisions, origin: string | null): string {
  const current = revise(content.events, revisions, content.meta.asOf)
  return buildCalendar(content.events.map((e) => icsEvent(content, e, lang, origin, current[e.id])), {
    now: toInstant(content.meta.asOf),
    name: content.meta.title[lang],
    refresh: REFRESH,
  })
}

/** The events of a plan, in the plan's language, with a reminder. Unknown ids are left out. */
export function planCalendar(content: FeedContent, ids: readonly string[], lang: Locale, origin: string, alarmMinutes: number, now: number): string {
  const wanted = new Set(ids)
  const events = content.events.filter((e) => wanted.has(e.id))
  return buildCalendar(events.map((e) => icsEvent(content, e, lang, origin)), { now, alarmMinutes })
}
