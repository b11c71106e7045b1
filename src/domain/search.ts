// One normaliser for every script the guide is searched in: Hanzi (substring), toneless pinyin,
// Cyrillic and Latin with case and diacritics folded. A document is normalised once; each keystroke
// then costs one pass of `includes` over the documents. Query words are cut to their root (stem.ts), so
// «пиво» finds «пивной» and «beers» finds "beer": the root is a prefix of every form the document holds.
import { stemRu } from './stem'

/** Letters that carry no combining mark in Unicode and so survive NFKD. */
const FOLD: Record<string, string> = { ł: 'l', ø: 'o', đ: 'd', ð: 'd', þ: 'th', æ: 'ae', œ: 'oe', ß: 'ss', ı: 'i', ŀ: 'l' }
const FOLD_RE = new RegExp(`[${Object.keys(FOLD).join('')}]`, 'g')

/**
 * Fold text for matching: compatibility forms (full-width Latin, ligatures) to plain, case and
 * diacritics dropped (é→e, ё→е, ǚ→u), punctuation to spaces, spaces collapsed. Hanzi are kept as they are.
 */
export function normalise(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(FOLD_RE, (c) => FOLD[c] ?? c)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
}

/**
 * `normalise` with the spaces dropped, as documents hold their fields, in one pass fewer: combining marks
 * are neither letters nor digits, so the last replace drops them with the punctuation and the spaces. Cheaper
 * than `normalise(text).replace(/ /g, '')` (it runs over every field when an index is built), same result.
 */
export function compact(text: string): string {
  return text
    .normalize('NFKD')
    .toLowerCase()
    .replace(FOLD_RE, (c) => FOLD[c] ?? c)
    .replace(/[^\p{L}\p{N}]+/gu, '')
}

/** A document ready to search: its fields folded and joined without spaces (so "wu si" finds "wusi"). */
export type SearchDoc = string

/** Fields are kept apart by a separator no query can contain, so a match never straddles two fields. */
const SEP = '\u0001'

export function searchDoc(fields: readonly (string | null | undefined)[]): SearchDoc {
  return fields
    .filter((f): f is string => !!f)
    .map(compact)
    .join(SEP)
}

/** A query split into folded words, each cut to its search root; null when there is nothing to search for. */
export type Query = readonly string[] | null

const LATIN_PLURAL = /^[a-z]{3,}[^s]s$/

/** The part of a folded query word that every form of it shares: Russian endings, an English plural -s. */
export function searchRoot(word: string): string {
  if (LATIN_PLURAL.test(word)) return word.slice(0, -1)
  return stemRu(word)
}

export function parseQuery(text: string): Query {
  const words = normalise(text).split(' ').filter(Boolean).map(searchRoot)
  return words.length ? words : null
}

/** Every word of the query appears in the document. An empty query matches everything. */
export function matches(doc: SearchDoc, query: Query): boolean {
  if (!query) return true
  for (const word of query) if (!doc.includes(word)) return false
  return true
}
