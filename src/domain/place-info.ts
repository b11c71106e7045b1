// What the place pages say about hours, freshness and exchange-rate age: pure functions the components
// and the tests share.

/** How a published opening_hours value reads to a visitor. */
export type HoursKind = 'always' | 'unpublished' | 'times' | 'published'

/**
 * `24/7` reads as words in every language (24小时营业, Круглосуточно); a missing value is said once;
 * bare times (09:00-17:00) read the same in every script; anything else is opening_hours syntax with
 * English day names, which the weekly table on the place page spells out.
 */
export function hoursKind(openingHours: string | null | undefined): HoursKind {
  const v = openingHours?.trim() ?? ''
  if (!v) return 'unpublished'
  if (v === '24/7') return 'always'
  return /^[\d:\-–, ]+$/.test(v) ? 'times' : 'published'
}

/** A `checked` value (YYYY-MM or YYYY-MM-DD) as the UTC instant of its first day, or null when malformed. */
export function checkedInstant(checked: string | null | undefined): number | null {
  if (!checked) return null
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(checked)
  if (!m) return null
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, m[3] ? Number(m[3]) : 1)
  return Number.isNaN(t) ? null : t
}

/** A `checked` value with a day is shown as a day; a month alone as a month. */
export const checkedHasDay = (checked: string): boolean => checked.length === 10

/** Rates older than this are labelled with their age. */
export const RATE_STALE_DAYS = 30

/** Whole days from a rate's date (YYYY-MM-DD, Qingdao calendar) to `now`; never negative. */
export function rateAgeDays(date: string, now: number): number {
  const t = Date.parse(`${date}T00:00:00+08:00`)
  if (Number.isNaN(t)) return 0
  return Math.max(0, Math.floor((now - t) / 86_400_000))
}

/** The age to show beside a rate, or null while it is fresh. */
export function staleRateAge(date: string | null, now: number): number | null {
  if (!date) return null
  const days = rateAgeDays(date, now)
  return days > RATE_STALE_DAYS ? days : null
}
