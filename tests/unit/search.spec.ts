// @vitest-environment node
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { compact, matches, normalise, parseQuery, searchDoc } from '../../src/domain/search'
import { enrichContent, pinyinOf } from '../../src/content/enrich'
import { buildContent } from '../../src/content/build'
import { validateContent } from '../../src/content/schema'

const found = (fields: string[], q: string) => matches(searchDoc(fields), parseQuery(q))

describe('the normaliser', () => {
  it('folds case, diacritics, ё and full-width forms; keeps Hanzi', () => {
    expect(normalise('Café DÉJÀ-VU')).toBe('cafe deja vu')
    expect(normalise('Ёлка, ЁЖИК')).toBe('елка ежик')
    expect(normalise('Qīngdǎo lǜ')).toBe('qingdao lu')
    expect(normalise('ＳＣＯ　２０２５')).toBe('sco 2025')
    expect(normalise('Łódź Straße')).toBe('lodz strasse')
    expect(normalise('  上合组织·青岛  ')).toBe('上合组织 青岛')
  })

  it('property: the one-pass form for documents is the folded text without its spaces', () => {
    for (const s of ['Café DÉJÀ-VU', 'Ёлка, ЙОД', 'Qīngdǎo lǜ', 'ＳＣＯ　２０２５ № 7', 'Łódź Straße', 'İstanbul ΣΟΦΟΣ', '上合组织·青岛']) {
      expect(compact(s), s).toBe(normalise(s).replace(/ /g, ''))
    }
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (s) => {
      expect(compact(s)).toBe(normalise(s).replace(/ /g, ''))
    }), { numRuns: 2000 })
  })

  it('property: folding is idempotent', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (s) => {
      expect(normalise(normalise(s))).toBe(normalise(s))
    }))
  })

  it('property: any text finds itself, and any word of it', () => {
    fc.assert(fc.property(fc.array(fc.string({ unit: 'grapheme', minLength: 1 }), { minLength: 1, maxLength: 4 }), fc.nat(), (fields, k) => {
      const doc = searchDoc(fields)
      const field = fields[k % fields.length]!
      expect(matches(doc, parseQuery(field))).toBe(true)
      for (const word of normalise(field).split(' ').filter(Boolean)) expect(matches(doc, [word])).toBe(true)
    }))
  })
})

describe('search across scripts', () => {
  const title = { zh: '上合组织国家电影电视周', ru: 'Неделя кино и телевидения стран ШОС', en: 'SCO Film and Television Week' }
  const fields = [title.zh, title.ru, title.en, pinyinOf(title.zh)!]

  it('Chinese name, its pinyin without tones, Russian and English all find the same event', () => {
    for (const q of ['电影电视', '上合', 'dianying', 'dian ying dian shi zhou', 'Diànyǐng', 'shanghe', 'кино', 'ТЕЛЕВИДЕНИЯ шос', 'film week', 'television', 'SCO FILM']) {
      expect(found(fields, q), q).toBe(true)
    }
    for (const q of ['beer', 'пиво', '啤酒', 'pijiu', 'film beer']) expect(found(fields, q), q).toBe(false)
  })

  it('pinyin is precomputed with the right readings and initials', () => {
    expect(pinyinOf('五四广场')).toBe('wu si guang chang wsgc')
    expect(pinyinOf('银行 栈桥')).toBe('yin hang zhan qiao yhzq')
    expect(pinyinOf('绿色')).toBe('lü se ls lv se')
    expect(pinyinOf('SCO 2025')).toBeUndefined()
    expect(found(['五四广场', pinyinOf('五四广场')!], 'wsgc')).toBe(true)
    expect(found(['绿色', pinyinOf('绿色')!], 'lvse')).toBe(true)
    expect(found(['绿色', pinyinOf('绿色')!], 'lüse')).toBe(true)
  })

  it('an empty query matches everything; a match never straddles two fields', () => {
    expect(parseQuery('  ·, ')).toBeNull()
    expect(found(['abc'], '')).toBe(true)
    expect(found(['ab', 'cd'], 'bc')).toBe(false)
  })

  it('the build adds pinyin to every event and venue with a Chinese name, and the result still validates', () => {
    const content = buildContent()
    expect(content.events.length).toBeGreaterThan(0)
    for (const e of content.events) expect(e.pinyin, e.id).toMatch(/^[a-zü ]+$/)
    for (const v of content.venues) expect(v.pinyin, v.id).toMatch(/^[a-zü ]+$/)
    expect(enrichContent(content)).toEqual(content)
    expect(validateContent(content)).toMatchObject({ ok: true })
  })
})
