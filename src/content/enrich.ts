// Build-time derived fields. pinyin-pro's dictionary is ~137 KB gzip and cannot be split, so it runs
// here, in Node, and the app ships only its output: toneless pinyin of the Chinese names, for search.
import { pinyin } from 'pinyin-pro'
import type { Content, L10n } from './schema'

/**
 * "wu si guang chang wsgc": syllables without tones, then the initials (how Chinese users often type).
 * ü is written both as ü (folded to u by the search normaliser) and as v, as pinyin keyboards take it.
 */
export function pinyinOf(zh: string): string | undefined {
  const syllables = pinyin(zh, { toneType: 'none', type: 'array', nonZh: 'removed' }).filter((s) => /\p{L}/u.test(s))
  if (syllables.length === 0) return undefined
  const full = syllables.join(' ')
  const initials = syllables.map((s) => s[0]).join('')
  const parts = [full, initials]
  if (full.includes('ü')) parts.push(full.replace(/ü/g, 'v'))
  return parts.join(' ')
}

const pinyinField = (text: L10n | null) => {
  const value = text ? pinyinOf(text.zh) : undefined
  return value === undefined ? {} : { pinyin: value }
}

/** The content with derived search fields added to events (title), venues and service points (name). */
export function enrichContent<C extends Content>(content: C): C {
  return {
    ...content,
    venues: content.venues.map((v) => ({ ...v, ...pinyinField(v.name) })),
    events: content.events.map((e) => ({ ...e, ...pinyinField(e.title) })),
    services: content.services.map((s) => ({ ...s, ...pinyinField(s.name) })),
  }
}
