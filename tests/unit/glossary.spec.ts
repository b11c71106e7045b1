// One name per recurring entity in each language (src/content/glossary.json): content and locale texts
// must not use a listed wrong variant.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { GLOSSARY, wrongVariants } from '../../src/content/editorial'

const LANGS = ['zh', 'ru', 'en'] as const
type Lang = (typeof LANGS)[number]

/** Every string of one language in a JSON tree: `{zh, ru, en}` objects and phrase rows, or a whole locale file. */
function strings(node: unknown, lang: Lang, path = ''): [string, string][] {
  if (Array.isArray(node)) return node.flatMap((x, i) => strings(x, lang, `${path}[${i}]`))
  if (node && typeof node === 'object') {
    return Object.entries(node as Record<string, unknown>).flatMap(([k, v]) => {
      if (k === 'sources' || k === 'pinyin') return []
      if (k === lang && typeof v === 'string') return [[`${path}.${k}`, v] as [string, string]]
      return strings(v, lang, `${path}.${k}`)
    })
  }
  return []
}
function leaves(node: unknown, path = ''): [string, string][] {
  if (typeof node === 'string') return [[path, node]]
  if (node && typeof node === 'object') return Object.entries(node as Record<string, unknown>).flatMap(([k, v]) => leaves(v, `${path}.${k}`))
  return []
}
const read = (f: string) => JSON.parse(readFileSync(f, 'utf8')) as unknown

describe('glossary', () => {
  it('fixes a name in all three languages with a cited source for each entry', () => {
    expect(GLOSSARY.length).toBeGreaterThanOrEqual(15)
    const ids = GLOSSARY.map((g) => g.id)
    expect(new Set(ids).size).toBe(ids.length)
    for (const g of GLOSSARY) {
      for (const l of LANGS) expect(g[l].trim(), `${g.id}.${l}`).not.toBe('')
      expect(g.source.label.trim(), g.id).not.toBe('')
      expect(g.source.url, g.id).toMatch(/^https?:\/\//)
      // A wrong variant that matched the official name would forbid the name itself.
      for (const l of LANGS) expect(wrongVariants(g[l], l), `${g.id}.${l}`).toEqual([])
    }
    for (const id of ['pearl', 'scoda', 'institute', 'capital', 'nia', 'sim', 'may-fourth-square', 'sailing-center', 'almaty', 'icbc', 'ccb', 'abc', 'boc', 'bocom', 'china-mobile', 'china-unicom', 'china-telecom']) {
      expect(ids).toContain(id)
    }
    expect(GLOSSARY.find((g) => g.id === 'sim')!.zh).toBe('手机卡')
  })

  it('catches the wrong variants the review found', () => {
    expect(wrongVariants('Жемчужина пилотной зоны ШОС', 'ru').join()).toMatch(/scoda/)
    expect(wrongVariants('Китайско-ШОС институт экономики и торговли', 'ru').join()).toMatch(/institute/)
    expect(wrongVariants('换汇与电话卡', 'zh').join()).toMatch(/sim/)
    expect(wrongVariants('通讯卡办理', 'zh').join()).toMatch(/sim/)
    expect(wrongVariants('путешествие в Алма-Ату', 'ru').join()).toMatch(/almaty/)
    expect(wrongVariants('туристической и культурной столицей ШОС', 'ru').join()).toMatch(/capital/)
    expect(wrongVariants('Национальной иммиграционной администрации', 'ru').join()).toMatch(/nia/)
    expect(wrongVariants('Демонстрационная зона ШОС, «Жемчужина ШОС»', 'ru')).toEqual([])
  })

  for (const file of ['venues', 'events', 'services', 'practical']) {
    it(`content ${file}.json uses the glossary's names`, () => {
      const data = read(`src/content/data/${file}.json`)
      for (const l of LANGS) {
        const bad = strings(data, l).flatMap(([path, s]) => wrongVariants(s, l).map((w) => `${path}: ${w}`))
        expect(bad, `${file} ${l}`).toEqual([])
      }
    })
  }

  for (const l of LANGS) {
    it(`locales/${l}.json uses the glossary's names`, () => {
      const bad = leaves(read(`locales/${l}.json`)).flatMap(([path, s]) => wrongVariants(s, l).map((w) => `${path}: ${w}`))
      expect(bad).toEqual([])
    })
  }
})
