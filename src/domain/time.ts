// Time as visitors read it: Qingdao wall time (Asia/Shanghai, UTC+8, no DST), whatever the phone's zone.
export const QINGDAO_TZ = 'Asia/Shanghai'
export const QINGDAO_OFFSET_MIN = 480
export const QINGDAO_OFFSET_MS = QINGDAO_OFFSET_MIN * 60_000
export const MINUTE = 60_000
/** A day in ms (Qingdao has no DST: every Qingdao day is this long). */
export const DAY = 86_400_000

/** The instant an event field denotes. All-day dates mean midnight in Qingdao. */
export function toInstant(value: string): number {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return Date.parse(`${value}T00:00:00+08:00`)
  return Date.parse(value)
}

/** Qingdao calendar day (YYYY-MM-DD) of an instant. */
export function qingdaoDay(instant: number): string {
  return new Date(instant + QINGDAO_OFFSET_MS).toISOString().slice(0, 10)
}

/** Midnight in Qingdao at the start of a YYYY-MM-DD day. */
export function dayStart(day: string): number {
  return Date.parse(`${day}T00:00:00+08:00`)
}

/** Add days to a YYYY-MM-DD string. */
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10)
}

/** Number of calendar days from a to b, inclusive. */
export function dayCount(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY) + 1
}

// Intl formatters are expensive to build and cheap to reuse: a schedule formats hundreds of times.
const formatters = new Map<string, Intl.DateTimeFormat>()
function formatter(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`
  let f = formatters.get(key)
  if (!f) {
    f = new Intl.DateTimeFormat(locale, options)
    formatters.set(key, f)
  }
  return f
}

let device: { zone: string; at: number } | null = null

/**
 * The zone the device is set to; Qingdao when the runtime cannot tell. Building a formatter to ask
 * costs about a millisecond, so the answer is kept for a minute (a traveller's phone may change zone).
 */
export function deviceTimeZone(now = Date.now()): string {
  if (device && now - device.at < 60_000 && now >= device.at) return device.zone
  let zone = QINGDAO_TZ
  try {
    zone = new Intl.DateTimeFormat().resolvedOptions().timeZone || QINGDAO_TZ
  } catch {
    // no Intl time zone support: Qingdao time only, still labelled
  }
  device = { zone, at: now }
  return zone
}

/** Offset of a zone from UTC at an instant, in minutes (Moscow +180, New York −240 in summer). */
export function zoneOffsetMinutes(timeZone: string, instant: number): number {
  const parts = formatter('en-US', {
    timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
  }).formatToParts(instant)
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? 0)
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour') % 24, get('minute'), get('second'))
  return Math.round((wall - Math.floor(instant / 1000) * 1000) / MINUTE)
}

/** True when a clock in `timeZone` reads differently from Qingdao's at that instant. */
export function differsFromQingdao(timeZone: string, instant: number): boolean {
  return zoneOffsetMinutes(timeZone, instant) !== QINGDAO_OFFSET_MIN
}

/** "+8", "−4", "+5:30": the offset as people write it after "UTC". */
export function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '−' : '+'
  const abs = Math.abs(minutes)
  const h = Math.floor(abs / 60)
  const m = abs % 60
  return m ? `${sign}${h}:${String(m).padStart(2, '0')}` : `${sign}${h}`
}

/** A 24-hour clock reading in a zone: "09:30". */
export function formatClock(instant: number, timeZone: string, locale: string): string {
  return formatter(locale, { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(instant)
}

/** A calendar date in a zone: "18 July 2025" (long) or "Fri, 18 Jul" (short). */
export function formatDate(instant: number, timeZone: string, locale: string, style: 'long' | 'short' = 'long'): string {
  const options: Intl.DateTimeFormatOptions = style === 'long'
    ? { timeZone, year: 'numeric', month: 'long', day: 'numeric' }
    : { timeZone, weekday: 'short', month: 'short', day: 'numeric' }
  return formatter(locale, options).format(instant)
}

/** The calendar day (YYYY-MM-DD) an instant falls on in a zone. */
export function dayInZone(instant: number, timeZone: string): string {
  return new Date(instant + zoneOffsetMinutes(timeZone, instant) * MINUTE).toISOString().slice(0, 10)
}

function zonePart(timeZone: string, locale: string, style: 'shortGeneric' | 'longGeneric', instant: number): string {
  try {
    return formatter(locale, { timeZone, timeZoneName: style }).formatToParts(instant).find((p) => p.type === 'timeZoneName')?.value ?? ''
  } catch {
    return ''
  }
}

/**
 * A zone named so a visitor recognises it: "Moscow Time", "Москва", "莫斯科时间". ICU's short generic
 * name is a place where it has one; where it is only an abbreviation or an offset ("ET", "GMT+5"),
 * the long generic name or the city of the IANA id reads better.
 */
export function zoneName(timeZone: string, locale: string, instant: number): string {
  // Browsers with trimmed ICU data give the English city inside Russian or Chinese text ("Moscow时间").
  const looksCoded = (s: string) => s === '' || /^(GMT|UTC)/.test(s) || /^[A-Z]{1,5}$/.test(s) || (!locale.startsWith('en') && /[A-Za-z]/.test(s))
  const short = zonePart(timeZone, locale, 'shortGeneric', instant)
  if (!looksCoded(short)) return short
  const long = zonePart(timeZone, locale, 'longGeneric', instant)
  if (!looksCoded(long)) return long
  return (timeZone.split('/').pop() ?? timeZone).replace(/_/g, ' ')
}

/** A YYYY-MM-DD calendar day formatted as it is, with no zone shift (Qingdao days read the same everywhere). */
export function formatPlainDay(day: string, locale: string, options: Intl.DateTimeFormatOptions): string {
  return formatter(locale, { ...options, timeZone: 'UTC' }).format(Date.parse(`${day}T00:00:00Z`))
}
