// Pinyin → Russian by the Palladius system (система Палладия), the standard Cyrillic spelling of
// Chinese names: 青岛 qīng dǎo → Циндао, 胶州北 jiāo zhōu běi → Цзяочжоубэй. Used at build time
// for station names in the Russian interface. Input: pinyin syllables, tone marks or numbers allowed.

const INITIALS = [
  ['zh', 'чж'], ['ch', 'ч'], ['sh', 'ш'], ['b', 'б'], ['p', 'п'], ['m', 'м'], ['f', 'ф'], ['d', 'д'], ['t', 'т'],
  ['n', 'н'], ['l', 'л'], ['g', 'г'], ['k', 'к'], ['h', 'х'], ['j', 'цз'], ['q', 'ц'], ['x', 'с'], ['r', 'ж'],
  ['z', 'цз'], ['c', 'ц'], ['s', 'с'],
]

/** Finals after a consonant. */
const FINALS = {
  a: 'а', ai: 'ай', an: 'ань', ang: 'ан', ao: 'ао', e: 'э', ei: 'эй', en: 'энь', eng: 'эн', er: 'эр', o: 'о', ong: 'ун', ou: 'оу',
  i: 'и', ia: 'я', ian: 'янь', iang: 'ян', iao: 'яо', ie: 'е', in: 'инь', ing: 'ин', iong: 'юн', iu: 'ю',
  u: 'у', ua: 'уа', uai: 'уай', uan: 'уань', uang: 'уан', ui: 'уй', un: 'унь', uo: 'о',
  'ü': 'юй', 'üe': 'юэ', 'üan': 'юань', 'ün': 'юнь',
}

/** Syllables with no initial consonant (written with y-, w- or a bare vowel). */
const WHOLE = {
  a: 'а', ai: 'ай', an: 'ань', ang: 'ан', ao: 'ао', e: 'э', ei: 'эй', en: 'энь', eng: 'эн', er: 'эр', o: 'о', ou: 'оу',
  ya: 'я', yan: 'янь', yang: 'ян', yao: 'яо', ye: 'е', yi: 'и', yin: 'инь', ying: 'ин', yo: 'йо', yong: 'юн', you: 'ю',
  yu: 'юй', yuan: 'юань', yue: 'юэ', yun: 'юнь',
  wa: 'ва', wai: 'вай', wan: 'вань', wang: 'ван', wei: 'вэй', wen: 'вэнь', weng: 'вэн', wo: 'во', wu: 'у',
}

/** Tone marks and tone numbers off, ü kept (v and u: also read as ü). */
function plain(syllable) {
  return syllable.toLowerCase().normalize('NFD').replace(/[\u0300\u0301\u030c\u0304]/g, '').normalize('NFC')
    .replace(/[1-5]$/, '').replace(/v|u:/g, 'ü')
}

/** One syllable; null when it is not a pinyin syllable. */
export function syllableToPalladius(syllable) {
  const s = plain(syllable)
  if (s in WHOLE) return WHOLE[s]
  for (const [ini, cyr] of INITIALS) {
    if (!s.startsWith(ini)) continue
    let fin = s.slice(ini.length)
    // After j, q, x a written u is ü.
    if ('jqx'.includes(ini) && fin.startsWith('u')) fin = `ü${fin.slice(1)}`
    // zhi, chi, shi, ri: и; zi, ci, si: ы.
    if (fin === 'i' && ['z', 'c', 's'].includes(ini)) return `${cyr}ы`
    if (fin === 'i' && ['zh', 'ch', 'sh', 'r'].includes(ini)) return `${cyr}и`
    if (fin === 'ü' && ['n', 'l'].includes(ini)) return `${cyr}юй`
    const f = FINALS[fin]
    if (!f) return null
    // Я, е, ю after a consonant carry the glide i: лянь, цзе, лю.
    return cyr + f
  }
  return null
}

/**
 * A name from its pinyin syllables, written as one word (as names are): ["qing", "dao"] → "Циндао".
 * A syllable that is not pinyin (digits, Latin words) is kept as it is. A syllable ending in н before
 * one starting with a vowel takes ъ, so that it is not read across: Чанъань (Chang'an).
 */
export function toPalladius(syllables) {
  let out = ''
  for (const syl of syllables) {
    const c = syllableToPalladius(syl) ?? syl
    if (out.endsWith('н') && /^[аеёиоуэюяй]/.test(c)) out += 'ъ'
    out += c
  }
  return out ? out[0].toUpperCase() + out.slice(1) : out
}
