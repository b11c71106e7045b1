// Build-time opening hours (Node only). opening_hours.js is ~111 KB gzip and LGPL-3.0: it runs here,
// in the content build, and the app ships only its output, a list of open intervals as instants.
// The library has no time-zone option and its Chinese holiday data lacks the Spring Festival,
// Qingming, Dragon Boat, Mid-Autumn and every make-up working day, so:
//   - it evaluates with the process zone pinned to UTC and Qingdao wall time in the UTC fields;
//   - `PH` in a rule is rewritten into explicit dated rules from the content's own holiday table;
//   - make-up working days (调休) take the hours of the nearest regular working day before them.
import OpeningHours from 'opening_hours'
import type { Content, Holiday, HoursTimeline } from './schema'
import { DAY, QINGDAO_OFFSET_MS } from '../domain/time'

/** Centre of Qingdao (May Fourth Square): only used by the library for sunrise/sunset and its own PH check. */
const NOMINATIM = { lat: 36.0612, lon: 120.3802, address: { country_code: 'cn', state: '山东省' } }
/** Warnings that say nothing about the value being wrong: a missing PH rule, dates now in the past. */
const HARMLESS_WARNINGS = new Set(['public_holiday', 'date_past', 'date_range_past', 'year_past'])
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim()

/** Splits a value into its `;` rules, leaving quoted comments alone. */
function splitRules(value: string): string[] {
  const rules: string[] = []
  let current = ''
  let quoted = false
  for (const ch of value) {
    if (ch === '"') quoted = !quoted
    if (ch === ';' && !quoted) {
      rules.push(current)
      current = ''
    } else current += ch
  }
  rules.push(current)
  return rules.map((r) => r.trim()).filter((r) => r !== '')
}

const PH_TOKEN = /\bPH\b/
const mentionsPH = (rule: string) => PH_TOKEN.test(rule.replace(/"[^"]*"/g, ''))

/** "Sa,Su,PH 10:00-16:00" → { others: "Sa,Su", rest: "10:00-16:00" }; null when PH is used in a form we cannot rewrite. */
function splitPHRule(rule: string): { others: string; rest: string } | null {
  const m = /^(\S+)(\s+[\s\S]*)?$/.exec(rule)
  const first = m?.[1] ?? ''
  const items = first.split(',')
  if (!items.includes('PH')) return null
  const rest = (m?.[2] ?? '').trim()
  if (mentionsPH(rest)) return null
  return { others: items.filter((x) => x !== 'PH').join(','), rest }
}

/** Why this value cannot be evaluated with our holiday table, or null. */
function holidayRewriteProblem(value: string): string | null {
  for (const rule of splitRules(value)) {
    if (mentionsPH(rule) && !splitPHRule(rule)) {
      return `"PH" is supported only in the day selector at the start of a ";" rule (e.g. "PH off", "Sa,Su,PH 10:00-16:00"), not in "${rule}"`
    }
  }
  return null
}

/** The opening_hours syntax check used by content validation. */
export function checkOpeningHours(value: string): string | null {
  try {
    const oh = new OpeningHours(value, NOMINATIM, { mode: 0, locale: 'en' } as never)
    const bad = oh.getStructuredWarnings().filter((w) => !HARMLESS_WARNINGS.has(w.type))
    if (bad.length) return oneLine(bad.map((w) => w.message).join(' '))
  } catch (e) {
    return oneLine(String(e instanceof Error ? e.message : e))
  }
  return holidayRewriteProblem(value)
}

const dateToken = (day: string) => `${day.slice(0, 4)} ${MONTHS[Number(day.slice(5, 7)) - 1]} ${day.slice(8, 10)}`

/** `PH` → one explicit dated rule per holiday period (a comma list of full dates evaluates wrongly). */
export function rewriteHolidays(value: string, holidays: readonly Holiday[]): string {
  const out: string[] = []
  for (const rule of splitRules(value)) {
    const ph = mentionsPH(rule) ? splitPHRule(rule) : null
    if (!ph) {
      out.push(rule)
      continue
    }
    if (ph.others) out.push(`${ph.others} ${ph.rest}`.trim())
    for (const h of holidays) {
      const range = h.start === h.end ? dateToken(h.start) : `${dateToken(h.start)}-${dateToken(h.end)}`
      out.push(`${range} ${ph.rest}`.trim())
    }
  }
  return out.join('; ')
}

type Span = [number, number]

/** Sorted, with touching or overlapping spans joined (a 24/7 place is one span, not one per day). */
function merge(spans: Span[]): Span[] {
  const sorted = [...spans].sort((a, b) => a[0] - b[0])
  const out: Span[] = []
  for (const s of sorted) {
    const last = out[out.length - 1]
    if (last && s[0] <= last[1]) last[1] = Math.max(last[1], s[1])
    else out.push([s[0], s[1]])
  }
  return out
}

/** Removes [a, b) from every span. */
function cut(spans: Span[], a: number, b: number): Span[] {
  return spans.flatMap(([s, e]): Span[] => {
    if (e <= a || s >= b) return [[s, e]]
    const parts: Span[] = []
    if (s < a) parts.push([s, a])
    if (e > b) parts.push([b, e])
    return parts
  })
}

/** The parts of every span inside [a, b). */
function clip(spans: Span[], a: number, b: number): Span[] {
  return spans.flatMap(([s, e]): Span[] => (e <= a || s >= b ? [] : [[Math.max(s, a), Math.min(e, b)]]))
}

const qingdaoMidnight = (day: string) => Date.parse(`${day}T00:00:00Z`) - QINGDAO_OFFSET_MS
const weekday = (day: string) => new Date(`${day}T00:00:00Z`).getUTCDay()
const shiftDay = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10)

// Node's process, typed here so this file also type-checks with the app's (DOM) settings.
const env = (globalThis as unknown as { process: { env: Record<string, string | undefined> } }).process.env

/** Runs `fn` with the process zone pinned to UTC, so Date's local fields are the wall time we pass in. */
function inUtc<T>(fn: () => T): T {
  const saved = env.TZ
  env.TZ = 'UTC'
  try {
    if (new Date(2026, 0, 1).getTimezoneOffset() !== 0 || new Date(2026, 6, 1).getTimezoneOffset() !== 0) {
      throw new Error('opening hours: could not pin the process time zone to UTC')
    }
    return fn()
  } finally {
    if (saved === undefined) delete env.TZ
    else env.TZ = saved
  }
}

/**
 * The value's open (and unknown) spans from `fromDay` 00:00 to `toDay` 00:00 Qingdao time, as instants.
 * Holidays and make-up working days apply when the value mentions PH: a place that states it closes on
 * public holidays follows the official calendar, and that calendar also moves weekend days to workdays.
 */
export function deriveTimeline(value: string, holidays: readonly Holiday[], fromDay: string, toDay: string): HoursTimeline {
  const from = qingdaoMidnight(fromDay)
  const to = qingdaoMidnight(toDay)
  const observesCalendar = mentionsPH(value)
  const rewritten = observesCalendar ? rewriteHolidays(value, holidays) : value
  let open: Span[] = []
  let unknown: Span[] = []
  inUtc(() => {
    const oh = new OpeningHours(rewritten, NOMINATIM, { mode: 0, locale: 'en' } as never)
    // Wall time in the UTC fields: the Date for Qingdao 00:00 is UTC 00:00 of the same day.
    for (const [s, e, isUnknown] of oh.getOpenIntervals(new Date(from + QINGDAO_OFFSET_MS), new Date(to + QINGDAO_OFFSET_MS))) {
      const span: Span = [s.getTime() - QINGDAO_OFFSET_MS, e.getTime() - QINGDAO_OFFSET_MS]
      ;(isUnknown ? unknown : open).push(span)
    }
  })
  open = merge(open)
  unknown = merge(unknown)
  if (observesCalendar) {
    const holidayDays = new Set(holidays.flatMap((h) => {
      const days: string[] = []
      for (let d = h.start; d <= h.end; d = shiftDay(d, 1)) days.push(d)
      return days
    }))
    const workdays = new Set(holidays.flatMap((h) => h.workdays))
    const isRegularWorkday = (d: string) => weekday(d) >= 1 && weekday(d) <= 5 && !holidayDays.has(d) && !workdays.has(d)
    for (const w of workdays) {
      const start = qingdaoMidnight(w)
      if (start < from || start >= to) continue
      let ref = shiftDay(w, -1)
      while (!isRegularWorkday(ref)) ref = shiftDay(ref, -1)
      const refStart = qingdaoMidnight(ref)
      if (refStart < from) continue
      const delta = start - refStart
      const take = (spans: Span[]) => clip(spans, refStart, refStart + DAY).map(([s, e]): Span => [s + delta, e + delta])
      open = merge([...cut(open, start, start + DAY), ...take(open)])
      unknown = merge([...cut(unknown, start, start + DAY), ...take(unknown)])
    }
  }
  return { from, to, open, unknown }
}

/** The window a published timeline covers: a week before the content's date to 400 days after it. */
export function timelineWindow(asOf: string): { fromDay: string; toDay: string } {
  return { fromDay: shiftDay(asOf, -7), toDay: shiftDay(asOf, 400) }
}

/**
 * Every service with hours gets its timeline; one without loses any timeline written by hand, so
 * nothing but the build's own evaluation can ever make a place read as open.
 */
export function withHoursTimelines<C extends Content>(content: C): C {
  const { fromDay, toDay } = timelineWindow(content.meta.asOf)
  const holidays = content.practical.holidays.periods
  return {
    ...content,
    services: content.services.map((s) => {
      const rest = { ...s }
      delete rest.hoursTimeline
      return s.openingHours === null ? rest : { ...rest, hoursTimeline: deriveTimeline(s.openingHours, holidays, fromDay, toDay) }
    }),
    venues: content.venues.map((venue) => {
      const rest = { ...venue }
      delete rest.hoursTimeline
      return venue.hours === null ? rest : { ...rest, hoursTimeline: deriveTimeline(venue.hours, holidays, fromDay, toDay) }
    }),
  }
}
