// Time as visitors read it: Qingdao wall time (Asia/Shanghai, UTC+8, no DST), whatever the phone's zone.
export const QINGDAO_TZ = 'Asia/Shanghai'
const QINGDAO_OFFSET_MS = 8 * 3600_000

/** The instant an event field denotes. All-day dates mean midnight in Qingdao. */
export function toInstant(value: string): number {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return Date.parse(`${value}T00:00:00+08:00`)
  return Date.parse(value)
}

/** Qingdao calendar day (YYYY-MM-DD) of an instant. */
export function qingdaoDay(instant: number): string {
  return new Date(instant + QINGDAO_OFFSET_MS).toISOString().slice(0, 10)
}

/** Add days to a YYYY-MM-DD string. */
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86400_000).toISOString().slice(0, 10)
}

/** Number of calendar days from a to b, inclusive. */
export function dayCount(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86400_000) + 1
}
