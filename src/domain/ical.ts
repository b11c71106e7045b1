// An RFC 5545 writer small enough to ship (well under 1 KB gzip): the libraries cost ~20 KB and some
// fold by characters, read arrays as device-local time or make random UIDs. Checked in the tests by
// parsing the output back with ical.js, field by field.
import { addDays } from './time'

export type IcsEvent = {
  /** Stable across exports, so a calendar updates the entry instead of adding a second one. */
  uid: string
  summary: string
  description?: string
  location?: string
  url?: string
  allDay: boolean
  /** As in the content: YYYY-MM-DD (all-day, end inclusive) or an ISO datetime with its offset. */
  start: string
  end: string
  /** Revision of the entry (RFC 5545 §3.8.7.4): a subscribed calendar replaces an entry whose SEQUENCE went up. */
  sequence?: number
  /** When the entry last changed (epoch ms). */
  lastModified?: number
}

export type IcsOptions = {
  /** DTSTAMP: when the file was made. */
  now: number
  /** Calendar name shown by apps that support X-WR-CALNAME. */
  name?: string
  /** Alarm before a timed event, in minutes; 0 or undefined writes no VALARM. */
  alarmMinutes?: number
  /** For a subscribed feed: how often a calendar should fetch it again, as an ISO duration (PT12H). */
  refresh?: string
}

export const ICS_PRODID = '-//Qingdao SCO Guide//Events//EN'
/** Reminders for all-day events fire at 09:00 the day before (15 h before the day starts), as calendar apps do. */
export const ALL_DAY_ALARM = '-PT15H'

/** TEXT value escaping (RFC 5545 §3.3.11): backslash, semicolon, comma and newlines. */
export function escapeText(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r\n|\r|\n/g, '\\n')
}

const encoder = new TextEncoder()

/**
 * Fold a content line at 75 octets (RFC 5545 §3.1): continuation lines start with one space.
 * Cuts fall between characters, never inside a UTF-8 sequence or a surrogate pair.
 */
export function foldLine(line: string): string {
  if (encoder.encode(line).length <= 75) return line
  const out: string[] = []
  let current = ''
  let size = 0
  let limit = 75
  for (const ch of line) {
    const n = encoder.encode(ch).length
    if (size + n > limit) {
      out.push(current)
      current = ''
      size = 0
      limit = 74 // the leading space of a continuation line is one of its 75 octets
    }
    current += ch
    size += n
  }
  out.push(current)
  return out.join('\r\n ')
}

/** 20250718T013000Z */
export function utcStamp(instant: number): string {
  return new Date(instant).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '')
}

const basicDate = (day: string) => day.replace(/-/g, '')

function alarm(trigger: string, summary: string): string[] {
  return ['BEGIN:VALARM', 'ACTION:DISPLAY', `DESCRIPTION:${escapeText(summary)}`, `TRIGGER:${trigger}`, 'END:VALARM']
}

function vevent(e: IcsEvent, opts: IcsOptions): string[] {
  const lines = ['BEGIN:VEVENT', `UID:${e.uid}`, `DTSTAMP:${utcStamp(opts.now)}`]
  if (e.allDay) {
    // DATE values; DTEND is exclusive, the content's end date inclusive.
    lines.push(`DTSTART;VALUE=DATE:${basicDate(e.start)}`, `DTEND;VALUE=DATE:${basicDate(addDays(e.end, 1))}`, 'TRANSP:TRANSPARENT')
  } else {
    lines.push(`DTSTART:${utcStamp(Date.parse(e.start))}`, `DTEND:${utcStamp(Date.parse(e.end))}`)
  }
  if (e.sequence !== undefined) lines.push(`SEQUENCE:${Math.max(0, Math.trunc(e.sequence))}`)
  if (e.lastModified !== undefined) lines.push(`LAST-MODIFIED:${utcStamp(e.lastModified)}`)
  lines.push(`SUMMARY:${escapeText(e.summary)}`)
  if (e.location) lines.push(`LOCATION:${escapeText(e.location)}`)
  if (e.description) lines.push(`DESCRIPTION:${escapeText(e.description)}`)
  // URI values are not TEXT: no escaping, but no line breaks either.
  if (e.url) lines.push(`URL:${e.url.replace(/[\r\n]/g, '')}`)
  const minutes = opts.alarmMinutes ?? 0
  if (minutes > 0) lines.push(...alarm(e.allDay ? ALL_DAY_ALARM : `-PT${Math.round(minutes)}M`, e.summary))
  lines.push('END:VEVENT')
  return lines
}

/** A complete VCALENDAR with one VEVENT per event, CRLF line ends, every line folded. */
export function buildCalendar(events: readonly IcsEvent[], opts: IcsOptions): string {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', `PRODID:${ICS_PRODID}`, 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH']
  if (opts.name) lines.push(`X-WR-CALNAME:${escapeText(opts.name)}`)
  if (opts.refresh) lines.push(`REFRESH-INTERVAL;VALUE=DURATION:${opts.refresh}`, `X-PUBLISHED-TTL:${opts.refresh}`)
  for (const e of events) lines.push(...vevent(e, opts))
  lines.push('END:VCALENDAR')
  return lines.map(foldLine).join('\r\n') + '\r\n'
}
