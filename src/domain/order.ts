/**
 * Orders strings by their UTF-16 code units, as `<` does: a fixed order for ids, dates and keys. (`localeCompare`
 * would give the same order for our ASCII ids but builds an ICU collator on first use, tens of milliseconds on
 * the start path of a phone.)
 */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
