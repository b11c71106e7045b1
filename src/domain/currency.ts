// The offline converter: indicative reference rates, always through CNY (the rates are "per 1 CNY").

/** Decimal places shown for each currency (ISO 4217 minor units; the converter shows no more). */
export const MINOR_UNITS: Record<string, number> = {
  CNY: 2, RUB: 2, KZT: 2, UZS: 2, KGS: 2, TJS: 2, PKR: 2, INR: 2, BYN: 2, USD: 2, EUR: 2, GBP: 2, HKD: 2, JPY: 0, KRW: 0,
}

/**
 * Round half away from zero at `digits` decimals, exactly as written in decimal: 0.125 → 0.13 and
 * 1.005 → 1.01, where `Math.round(x * 100) / 100` gives 0.12 and 1 because of binary floating point.
 */
export function roundTo(x: number, digits: number): number {
  if (!Number.isFinite(x)) return x
  const sign = x < 0 ? -1 : 1
  // toPrecision(15) is the shortest form that round-trips the decimal a person typed.
  const [mantissa, exp = '0'] = Math.abs(x).toPrecision(15).split('e')
  const shifted = Number(`${mantissa}e${Number(exp) + digits}`)
  return (sign * Math.round(shifted)) / 10 ** digits || 0
}

/**
 * Converts `amount` of `from` into `to`. `perCny` holds units of each currency for 1 CNY.
 * Null when a rate is missing; the result is rounded to the target's minor units.
 */
export function convert(amount: number, from: string, to: string, perCny: Readonly<Record<string, number | null>>): number | null {
  if (!Number.isFinite(amount)) return null
  const rate = (code: string) => (code === 'CNY' ? 1 : (perCny[code] ?? null))
  const a = rate(from)
  const b = rate(to)
  if (a === null || b === null) return null
  return roundTo((amount / a) * b, MINOR_UNITS[to] ?? 2)
}

/**
 * Reads an amount as people type it: "1 000,50", "1,000.50", "1000.5". A single comma with one or two
 * digits after it is a decimal comma (Russian); otherwise commas and spaces group thousands.
 */
export function parseAmount(text: string): number | null {
  let s = text.trim().replace(/[\s\u00a0\u202f']/g, '')
  if (s === '') return null
  if (/^\d+,\d{1,2}$/.test(s)) s = s.replace(',', '.')
  else s = s.replace(/,/g, '')
  if (!/^\d+(\.\d+)?$/.test(s)) return null
  const n = Number(s)
  return Number.isFinite(n) ? n : null
}
