// @vitest-environment node
// Place pages: a name search in Amap and Baidu for every place, a stated reason where there is no point,
// clean Chinese addresses for the driver card, readable source labels, hours said once, rate age.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { Content, ServicePoint, Venue } from '../../src/content/schema'
import { ADDRESS_NOTE_PATTERNS, editorialIssues, SOURCE_LABEL_TAGS } from '../../src/content/editorial'
import { buildContent } from '../../src/content/build'
import { mapSearchLink, searchName } from '../../src/domain/geo'
import { checkedInstant, hoursKind, RATE_STALE_DAYS, rateAgeDays, staleRateAge } from '../../src/domain/place-info'

const venues = JSON.parse(readFileSync('src/content/data/venues.json', 'utf8')) as Venue[]
const services = JSON.parse(readFileSync('src/content/data/services.json', 'utf8')) as ServicePoint[]
const places = [...venues.map((v) => ({ kind: 'venue', ...v })), ...services.map((s) => ({ kind: 'service', ...s }))]

describe('name-search deep links', () => {
  it('Amap: uri.amap.com/search with keyword and city', () => {
    const u = new URL(mapSearchLink('amap', '上合之珠国际博览中心'))
    expect(u.origin + u.pathname).toBe('https://uri.amap.com/search')
    expect(u.searchParams.get('keyword')).toBe('上合之珠国际博览中心')
    expect(u.searchParams.get('city')).toBe('青岛')
    expect(u.searchParams.get('src')).toBeTruthy()
  })
  it('Baidu: api.map.baidu.com/place/search with query, region and output=html', () => {
    const u = new URL(mapSearchLink('baidu', '五四广场'))
    expect(u.origin + u.pathname).toBe('https://api.map.baidu.com/place/search')
    expect(u.searchParams.get('query')).toBe('五四广场')
    expect(u.searchParams.get('region')).toBe('青岛')
    expect(u.searchParams.get('output')).toBe('html')
    expect(u.searchParams.get('src')).toBeTruthy()
  })
  it('searches the bare Chinese name, without the short form in brackets', () => {
    expect(searchName('青岛奥林匹克帆船中心（奥帆中心）')).toBe('青岛奥林匹克帆船中心')
    expect(searchName('（全是括号）')).toBe('（全是括号）')
  })
})

describe('every venue and service point', () => {
  it('has a location or states in notes why not, and a name-search link', () => {
    for (const p of places) {
      if (p.location === null) {
        expect(p.notes, `${p.kind} ${p.id}: no location and no reason`).toBeTruthy()
        for (const l of ['zh', 'ru', 'en'] as const) expect(p.notes![l].trim()).not.toBe('')
      }
      const name = searchName(p.name.zh)
      expect(name, p.id).toMatch(/\p{Script=Han}/u)
      for (const app of ['amap', 'baidu'] as const) expect(decodeURIComponent(mapSearchLink(app, name))).toContain(name)
    }
  })
  it('has a Chinese address a taxi driver can read: no editors\' notes, no Latin or Cyrillic', () => {
    for (const p of places) {
      if (!p.address) continue
      for (const re of ADDRESS_NOTE_PATTERNS) expect(re.test(p.address.zh), `${p.id}: ${p.address.zh}`).toBe(false)
    }
  })
  it('cites sources by publisher and date, never by internal research tags', () => {
    for (const p of places) {
      for (const s of p.sources) for (const re of SOURCE_LABEL_TAGS) expect(re.test(s.label), `${p.id}: ${s.label}`).toBe(false)
    }
  })
})

describe('the content check', () => {
  const content = buildContent() as Content
  it('passes on the shipped content', () => {
    expect(editorialIssues(content)).toEqual([])
  })
  it('rejects a note in address.zh, a missing reason and an internal source tag', () => {
    const bad: Content = structuredClone(content)
    const pearl = bad.venues.find((v) => v.id === 'sco-pearl-expo-center')!
    pearl.address = { ...pearl.address!, zh: `${pearl.address!.zh}；门牌号未查到` }
    pearl.location = null
    pearl.notes = null
    pearl.sources = [{ label: 'Qingdao Daily, 19 Jul 2025 (seed 002)' }]
    bad.services[0]!.sources = [{ label: 'Xinhua, 2025 — page URL not recorded in the research' }]
    const messages = editorialIssues(bad).map((i) => `${i.path.join('.')}: ${i.message}`)
    expect(messages.some((m) => /^venues\.\d+\.address\.zh: an editors' note/.test(m))).toBe(true)
    expect(messages.some((m) => /^venues\.\d+\.notes: no location/.test(m))).toBe(true)
    expect(messages.some((m) => /^venues\.\d+\.sources\.0\.label: internal tag/.test(m))).toBe(true)
    expect(messages.some((m) => /^services\.0\.sources\.0\.label: internal tag/.test(m))).toBe(true)
  })
  it('rejects a glossary wrong variant in any text', () => {
    const bad: Content = structuredClone(content)
    bad.events[0]!.description = { ...bad.events[0]!.description, ru: 'Открытие в пилотной зоне ШОС' }
    expect(editorialIssues(bad).map((i) => i.path.join('.'))).toContain('events.0.description.ru')
  })
})

describe('hours and freshness', () => {
  it('reads 24/7 as "open around the clock", a missing value once, bare times as they are', () => {
    expect(hoursKind('24/7')).toBe('always')
    expect(hoursKind(' 24/7 ')).toBe('always')
    expect(hoursKind(null)).toBe('unpublished')
    expect(hoursKind('')).toBe('unpublished')
    expect(hoursKind('09:00-17:00')).toBe('times')
    expect(hoursKind('Mo-Fr 09:00-17:00; PH off')).toBe('published')
  })
  it('locales render 24/7 in words and say "not published" in each language', () => {
    const t = (l: string) => JSON.parse(readFileSync(`locales/${l}.json`, 'utf8')) as { place_info: Record<string, string>; services: Record<string, string> }
    expect(t('zh').place_info.open_24_7).toBe('24小时营业')
    expect(t('ru').place_info.open_24_7).toBe('Круглосуточно')
    expect(t('en').place_info.open_24_7).toBe('Open 24 hours')
    for (const l of ['zh', 'ru', 'en']) expect(t(l).place_info.open_24_7).not.toMatch(/24\/7/)
  })
  it('parses checked months and days', () => {
    expect(checkedInstant('2026-12')).toBe(Date.UTC(2026, 11, 1))
    expect(checkedInstant('2026-12-04')).toBe(Date.UTC(2026, 11, 4))
    expect(checkedInstant('Dec 2026')).toBeNull()
    expect(checkedInstant(undefined)).toBeNull()
  })
  it('labels a rate older than 30 days with its age, counted from today in Qingdao', () => {
    const now = Date.parse('2026-12-04T12:00:00+08:00')
    expect(rateAgeDays('2026-12-04', now)).toBe(0)
    expect(rateAgeDays('2026-11-04', now)).toBe(30)
    expect(staleRateAge('2026-11-04', now)).toBeNull()
    expect(staleRateAge('2026-11-03', now)).toBe(RATE_STALE_DAYS + 1)
    expect(staleRateAge('2026-01-27', now)).toBe(311)
    expect(staleRateAge(null, now)).toBeNull()
    expect(rateAgeDays('2027-01-01', now)).toBe(0)
  })
})
