// A plan travels as a link: /plan?import=id1,id2. No account, no server: the ids are the whole message,
// and the receiving phone merges them into its own plan.

/** Content ids are kebab-case ASCII, so a comma is a safe separator and the link needs no escaping. */
const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/
/** A QR code stays scannable on a phone screen up to about this many ids (~2 KB of text at most). */
export const MAX_SHARED = 60

/** The link another phone opens to import the plan. `planUrl` is the absolute URL of the /plan page. */
export function planLink(planUrl: string, ids: readonly string[]): string {
  const url = new URL(planUrl)
  url.search = ''
  url.hash = ''
  return `${url.toString()}?import=${ids.slice(0, MAX_SHARED).join(',')}`
}

/** The ids in an `import` query value (string or repeated parameter), cleaned: valid, unique, bounded. */
export function parseImport(value: unknown): string[] {
  const raw = Array.isArray(value) ? value.filter((x): x is string => typeof x === 'string').join(',') : typeof value === 'string' ? value : ''
  const ids: string[] = []
  for (const part of raw.split(',')) {
    const id = part.trim().toLowerCase()
    if (ID.test(id) && id.length <= 120 && !ids.includes(id)) ids.push(id)
    if (ids.length >= MAX_SHARED) break
  }
  return ids
}

/**
 * What a visitor must be told about an `import` link: it held no usable id, or more ids than a plan link carries
 * (the first MAX_SHARED are imported). Null when the link is fine or absent.
 */
export function importProblem(value: unknown): 'empty' | 'too_many' | null {
  if (value === undefined) return null
  const raw = Array.isArray(value) ? value.filter((x): x is string => typeof x === 'string').join(',') : typeof value === 'string' ? value : ''
  const valid = new Set(raw.split(',').map((p) => p.trim().toLowerCase()).filter((id) => ID.test(id) && id.length <= 120))
  if (!valid.size) return 'empty'
  return valid.size > MAX_SHARED ? 'too_many' : null
}

/** Merge incoming ids into a plan: existing order kept, new ids appended, nothing removed. */
export function mergePlan(existing: readonly string[], incoming: readonly string[]): { ids: string[]; added: string[] } {
  const have = new Set(existing)
  const added: string[] = []
  for (const id of incoming) {
    if (have.has(id)) continue
    have.add(id)
    added.push(id)
  }
  return { ids: [...existing, ...added], added }
}
