// Editorial rules the schema cannot express, checked at build time (`npm run content -- check`, the build,
// the tests): a taxi driver reads `address.zh` aloud, so editors' remarks live in `notes`; a visitor reads
// source labels, so they name a publisher and a date, not the research's internal tags; one name per entity.
import glossary from './glossary.json'
import type { Content, L10n } from './schema'

type Issue = { path: (string | number)[]; message: string }

/** Editors' remarks that have crept into Chinese addresses before: each belongs in `notes`. */
export const ADDRESS_NOTE_PATTERNS: readonly RegExp[] = [
  /未查到|未公布|未注明|未核实|待核实|不详|无单一门牌|无门牌/,
  /转写|另有资料|资料写作|据.{0,20}报道/,
  /[；;]/,
  /[A-Za-z\u0400-\u04FF]/,
]

/** Internal research tags that must never reach a visitor in a source label. */
export const SOURCE_LABEL_TAGS: readonly RegExp[] = [
  /\bseed\s*\d+/i,
  /not recorded/i,
  /original URL not found/i,
  /\bresearch\b/i,
]

export type GlossaryEntry = {
  id: string
  zh: string
  ru: string
  en: string
  wrong: { zh: string[]; ru: string[]; en: string[] }
  source: { label: string; url: string }
}
export const GLOSSARY = glossary.entries as GlossaryEntry[]

/** The listed wrong variants a text contains, as `id: variant`. */
export function wrongVariants(text: string, lang: 'zh' | 'ru' | 'en'): string[] {
  return GLOSSARY.flatMap((g) => g.wrong[lang].filter((w) => new RegExp(w, 'iu').test(text)).map((w) => `${g.id}: «${w}»`))
}

function l10nIssues(value: L10n | null | undefined, path: (string | number)[]): Issue[] {
  if (!value) return []
  return (['zh', 'ru', 'en'] as const).flatMap((lang) =>
    wrongVariants(value[lang], lang).map((w) => ({ path: [...path, lang], message: `not the glossary's name (src/content/glossary.json): ${w}` })))
}

/** Every three-language text in an object tree, with its path. */
function* texts(node: unknown, path: (string | number)[]): Generator<[L10n, (string | number)[]]> {
  if (Array.isArray(node)) {
    for (const [i, x] of node.entries()) yield* texts(x, [...path, i])
  } else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>
    if (typeof o.zh === 'string' && typeof o.ru === 'string' && typeof o.en === 'string') yield [o as L10n, path]
    for (const [k, v] of Object.entries(o)) if (k !== 'sources' && k !== 'pinyin') yield* texts(v, [...path, k])
  }
}

function* sourceLabels(node: unknown, path: (string | number)[]): Generator<[string, (string | number)[]]> {
  if (Array.isArray(node)) {
    for (const [i, x] of node.entries()) yield* sourceLabels(x, [...path, i])
  } else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node as Record<string, unknown>)) {
      if (k === 'sources' && Array.isArray(v)) {
        for (const [i, s] of v.entries()) yield [String((s as { label?: unknown }).label), [...path, k, i, 'label']]
      } else yield* sourceLabels(v, [...path, k])
    }
  }
}

export function editorialIssues(c: Content): Issue[] {
  const issues: Issue[] = []
  for (const kind of ['venues', 'services'] as const) {
    c[kind].forEach((place, i) => {
      const zh = place.address?.zh
      if (zh) {
        for (const p of ADDRESS_NOTE_PATTERNS) {
          if (p.test(zh)) issues.push({ path: [kind, i, 'address', 'zh'], message: `an editors' note in the driver's address (${p.source}): move it to notes` })
        }
      }
      if (place.location === null && !place.notes) {
        issues.push({ path: [kind, i, 'notes'], message: 'no location: notes must say why' })
      }
    })
  }
  for (const kind of ['meta', 'venues', 'events', 'services', 'practical'] as const) {
    for (const [label, path] of sourceLabels(c[kind], [kind])) {
      for (const p of SOURCE_LABEL_TAGS) if (p.test(label)) issues.push({ path, message: `internal tag in a source label (${p.source})` })
    }
    for (const [value, path] of texts(c[kind], [kind])) issues.push(...l10nIssues(value, path))
  }
  return issues
}
