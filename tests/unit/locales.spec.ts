import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { createI18n } from 'vue-i18n'
import { ruPluralIndex } from '../../src/domain/lang'

type Tree = { [k: string]: string | Tree }
const load = (l: string) => JSON.parse(readFileSync(`locales/${l}.json`, 'utf8')) as Tree
const flat = (o: Tree, p = ''): string[] =>
  Object.entries(o).flatMap(([k, v]) => (typeof v === 'string' ? [p + k] : flat(v, `${p}${k}.`)))

describe('locales', () => {
  const en = flat(load('en')).sort()
  it.each(['zh', 'ru'])('%s has exactly the keys of en', (l) => {
    expect(flat(load(l)).sort()).toEqual(en)
  })
  it('holds the whole UI', () => {
    expect(en.length).toBeGreaterThan(60)
  })
  it('has no HTML in messages', () => {
    for (const l of ['en', 'zh', 'ru']) expect(JSON.stringify(load(l))).not.toMatch(/<[a-z/]/i)
  })
  it('keeps placeholders the same in every language', () => {
    const vars = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()
    const get = (t: Tree, key: string) => key.split('.').reduce<string | Tree>((o, k) => (o as Tree)[k]!, t) as string
    for (const l of ['zh', 'ru']) {
      const tree = load(l)
      for (const key of en) expect([key, [...new Set(vars(get(tree, key)))]]).toEqual([key, [...new Set(vars(get(load('en'), key)))]])
    }
  })
  it('puts a label\'s colon in the message, so Chinese gets its full-width colon', () => {
    // Templates use this message rather than a colon of their own (checked in quality.spec.ts).
    const label = (l: string) => (load(l).app as Tree).label as string
    expect([label('en'), label('ru'), label('zh')]).toEqual(['{label}: ', '{label}: ', '{label}：'])
  })
  it('counts events in Russian with the right plural', () => {
    const i18n = createI18n({ legacy: false, locale: 'ru', messages: { ru: load('ru') }, pluralRules: { ru: ruPluralIndex } })
    const t = (n: number) => i18n.global.t('content.events_count', n)
    expect([t(0), t(1), t(2), t(5), t(21)]).toEqual(['нет событий', '1 событие', '2 события', '5 событий', '21 событие'])
  })
})
