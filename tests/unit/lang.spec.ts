import { describe, expect, it } from 'vitest'
import { detectLocale, ruPluralIndex } from '../../src/domain/lang'

describe('detectLocale', () => {
  it.each([
    [['zh-CN', 'en'], 'zh'],
    [['zh-TW'], 'zh'],
    [['zh'], 'zh'],
    [['ru-RU', 'en-US'], 'ru'],
    [['ru'], 'ru'],
    [['en-US', 'ru'], 'en'],
    [['kk-KZ', 'ru'], 'en'],
    [['uz'], 'en'],
    [[], 'en'],
    [undefined, 'en'],
    [['', 'ru'], 'ru'],
  ] as const)('%j → %s', (langs, expected) => {
    expect(detectLocale(langs as readonly string[] | undefined)).toBe(expected)
  })
})

describe('Russian plural rule', () => {
  const forms = ['событие', 'события', 'событий'] as const
  const pick = (n: number) => forms[ruPluralIndex(n, 3)]
  it.each([
    [1, 'событие'], [2, 'события'], [3, 'события'], [4, 'события'], [5, 'событий'], [11, 'событий'],
    [12, 'событий'], [14, 'событий'], [21, 'событие'], [22, 'события'], [25, 'событий'], [101, 'событие'], [111, 'событий'],
  ])('%i %s', (n, word) => {
    expect(pick(n)).toBe(word)
  })
  it('uses the leading zero form when a message has four forms', () => {
    expect(ruPluralIndex(0, 4)).toBe(0)
    expect(ruPluralIndex(1, 4)).toBe(1)
    expect(ruPluralIndex(2, 4)).toBe(2)
    expect(ruPluralIndex(5, 4)).toBe(3)
    expect(ruPluralIndex(21, 4)).toBe(1)
  })
})
