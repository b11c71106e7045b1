// A light Russian stemmer for search, in the spirit of Snowball's: it strips one inflectional ending and
// then one derivational suffix, so that a query word shrinks to a root that the other forms of the word
// contain. «пиво», «пивной» and «пивного» all reach «пив»; «циндаоский» reaches «циндао», which «Циндао»
// contains. Documents are not stemmed: the root of a query word is a prefix of it, so a substring test
// against the whole text finds every form. Snowball packages ship all languages in one file (tens of KB);
// this is the part the guide needs. Works on folded text (search.ts `normalise`: й→и, ё→е).

/** Inflectional endings (nouns, adjectives, participles, a few verb forms), longest first. */
const ENDINGS = [
  'иями', 'ями', 'ами', 'ого', 'его', 'ому', 'ему', 'ыми', 'ими', 'ией', 'иях',
  'ать', 'ять', 'ить', 'еть', 'ешь', 'ете', 'ишь', 'ите',
  'ая', 'яя', 'ое', 'ее', 'ые', 'ие', 'ои', 'ыи', 'ии', 'ую', 'юю', 'ых', 'их', 'ым', 'им', 'ом', 'ем', 'ою', 'ею',
  'ах', 'ях', 'ов', 'ев', 'еи', 'ам', 'ям', 'ию', 'ия', 'ье', 'ья', 'ью', 'ут', 'ют', 'ет', 'ит',
  'а', 'я', 'о', 'е', 'ы', 'и', 'у', 'ю', 'ь',
]
/** Suffixes that make adjectives and the like from a root: «пив-н-ой», «циндао-ск-ий», «культур-н-ый». */
const SUFFIXES = ['овск', 'евск', 'енн', 'онн', 'ск', 'н']
const VOWEL = /[аеиоуыэюя]/
/** A root shorter than this matches too much. */
const MIN_ROOT = 3
const CYRILLIC_WORD = /^[а-я]+$/

function strip(word: string, list: readonly string[]): string {
  // Only after the first vowel (Snowball's RV region): «он», «мя» are not endings of a one-syllable root.
  const rv = word.search(VOWEL) + 1
  if (rv === 0) return word
  for (const end of list) {
    if (word.endsWith(end) && word.length - end.length >= Math.max(rv, MIN_ROOT)) return word.slice(0, -end.length)
  }
  return word
}

/** The search root of a folded word; words that are not Russian, or too short to stem, come back unchanged. */
export function stemRu(word: string): string {
  if (word.length < 4 || !CYRILLIC_WORD.test(word)) return word
  const reflexive = word.length > 5 && /(ся|сь)$/.test(word) ? word.slice(0, -2) : word
  return strip(strip(reflexive, ENDINGS), SUFFIXES)
}
