// @vitest-environment node
import { beforeAll, describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { validateContent } from '../../src/content/schema'
import { buildContent, readRawContent, ContentError, DEFAULT_CONTENT_DIR } from '../../src/content/build'

const FIXTURE = 'tests/fixtures/content'
const fixture = () => structuredClone(readRawContent(FIXTURE)) as any

function errorsOf(raw: unknown): string[] {
  const r = validateContent(raw)
  return r.ok ? [] : r.errors
}

describe('content validation', () => {
  it('accepts the fixture', () => {
    expect(errorsOf(fixture())).toEqual([])
  })

  it('rejects a missing translation with its path', () => {
    const c = fixture()
    delete c.venues[1].name.ru
    expect(errorsOf(c)).toContainEqual(expect.stringMatching(/^venues\[1\]\.name\.ru: /))
  })

  it('rejects an empty translation', () => {
    const c = fixture()
    c.events[0].description.zh = '  '
    expect(errorsOf(c)).toContain('events[0].description.zh: must not be empty')
  })

  it('rejects a bad date with its path', () => {
    const c = fixture()
    c.events[1].start = '2025-13-45T09:00:00+08:00'
    expect(errorsOf(c)).toContainEqual(expect.stringMatching(/^events\[1\]\.start: invalid datetime/))
  })

  it('rejects a timed event without a zone offset', () => {
    const c = fixture()
    c.events[1].start = '2025-07-18T09:30:00'
    expect(errorsOf(c)).toContainEqual(expect.stringMatching(/^events\[1\]\.start: invalid datetime/))
  })

  it('rejects an end before the start', () => {
    const c = fixture()
    c.events[0].end = '2025-07-01'
    expect(errorsOf(c)).toContainEqual(expect.stringMatching(/^events\[0\]\.end: /))
  })

  it('rejects an unknown venue', () => {
    const c = fixture()
    c.events[0].venueId = 'atlantis'
    expect(errorsOf(c)).toContain('events[0].venueId: unknown venue "atlantis"')
  })

  it('rejects coordinates outside the Qingdao region', () => {
    const c = fixture()
    c.venues[0].location.lat = 39.9042
    c.venues[0].location.lon = 116.4074
    const errors = errorsOf(c)
    expect(errors).toContain('venues[0].location.lat: latitude outside the Qingdao region')
    expect(errors).toContain('venues[0].location.lon: longitude outside the Qingdao region')
  })

  it('requires a radius for approximate locations', () => {
    const c = fixture()
    c.venues[0].location.precision = 'approx'
    expect(errorsOf(c)).toContainEqual(expect.stringMatching(/^venues\[0\]\.location\.radius: /))
  })

  it('rejects duplicate ids across kinds', () => {
    const c = fixture()
    c.services[0].id = 'may-fourth-square'
    expect(errorsOf(c)).toContain('services[0].id: duplicate id "may-fourth-square" (also venues[0])')
  })

  it('rejects an unknown currency code', () => {
    const c = fixture()
    c.services[0].offers.currencies.push('XYZ')
    expect(errorsOf(c)).toContain('services[0].offers.currencies[2]: unknown currency code')
  })

  it('rejects a zone other than Asia/Shanghai', () => {
    const c = fixture()
    c.events[0].timeZone = 'Europe/Moscow'
    expect(errorsOf(c)).toContainEqual(expect.stringMatching(/^events\[0\]\.timeZone: /))
  })

  it('rejects something that is not content at all', () => {
    expect(errorsOf(null)).not.toEqual([])
    expect(errorsOf({ meta: {}, venues: 'x' })).not.toEqual([])
  })

  it('build fails with the path of the bad field', () => {
    expect(() => buildContent('tests/fixtures/content-broken')).toThrow(ContentError)
    try {
      buildContent('tests/fixtures/content-broken')
    } catch (e) {
      expect((e as ContentError).errors).toContain('events[0].venueId: unknown venue "nowhere"')
    }
  })
})

describe('bundled content', () => {
  let c: ReturnType<typeof buildContent>
  beforeAll(() => {
    c = buildContent(DEFAULT_CONTENT_DIR)
  })

  it('is valid and as large as promised', () => {
    expect(c.venues.length).toBeGreaterThanOrEqual(15)
    expect(c.events.length).toBeGreaterThanOrEqual(25)
    expect(c.services.length).toBeGreaterThanOrEqual(8)
  })

  it('covers currency exchange and SIM cards', () => {
    expect(c.services.some((s) => s.categories.includes('fx'))).toBe(true)
    expect(c.services.some((s) => s.categories.includes('sim'))).toBe(true)
  })

  it('carries a source on every item', () => {
    for (const item of [...c.venues, ...c.events, ...c.services]) expect(item.sources.length).toBeGreaterThan(0)
  })

  it('never claims an exact point without a cited coordinate source', () => {
    const raw = readFileSync(`${DEFAULT_CONTENT_DIR}venues.json`, 'utf8')
    expect(raw).not.toMatch(/"precision":\s*"exact"[^}]*"radius"/)
  })

  it('gets a content hash that changes with the content', () => {
    expect(c.meta.hash).toMatch(/^[0-9a-f]{12}$/)
    expect(buildContent(FIXTURE).meta.hash).not.toBe(c.meta.hash)
  })
})
