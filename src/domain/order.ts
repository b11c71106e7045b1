/**
 * Ids are ASCII slugs: compare their code units. `localeCompare` would give the same order here but builds
 * an ICU collator on first use, tens of milliseconds on the start path of a phone.
 */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
