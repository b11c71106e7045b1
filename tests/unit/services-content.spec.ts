// @vitest-environment node
import { beforeAll, describe, expect, it } from 'vitest'
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pinyin } from 'pinyin-pro'
import { CONVERTER_CURRENCIES, PHRASE_TOPICS, validateContent } from '../../src/content/schema'
import { buildContent, readRawContent, ContentError, DEFAULT_CONTENT_DIR } from '../../src/content/build'
import { checkOpeningHours } from '../../src/content/hours-build'

const FIXTURE = 'tests/fixtures/content'
const fixture = () => structuredClone(readRawContent(FIXTURE)) as any
const errorsOf = (raw: unknown) => {
  const r = validateContent(raw, { checkOpeningHours })
  return r.ok ? [] : r.errors
}

describe('service and practical content validation', () => {
  it('accepts the fixture with the opening_hours check', () => {
    expect(errorsOf(fixture())).toEqual([])
  })

  it('rejects a bad opening_hours string with its path', () => {
    const c = fixture()
    c.services[0].openingHours = 'Mo-Fx 09:00-17:00'
    expect(errorsOf(c)).toContainEqual(expect.stringMatching(/^services\[0\]\.openingHours: invalid opening_hours "Mo-Fx 09:00-17:00": .*Unexpected token/))
  })

  it('fails the build on a bad opening_hours string, with its path', () => {
    const dir = mkdtempSync(join(tmpdir(), 'qd-content-'))
    cpSync(FIXTURE, dir, { recursive: true })
    const services = JSON.parse(readFileSync(join(dir, 'services.json'), 'utf8'))
    services[0].openingHours = 'Mo-Fr 25:00-26:00'
    writeFileSync(join(dir, 'services.json'), JSON.stringify(services))
    let error: unknown
    try {
      buildContent(dir)
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(ContentError)
    expect((error as ContentError).errors).toContainEqual(expect.stringMatching(/^services\[0\]\.openingHours: invalid opening_hours/))
  })

  it('rejects an unknown currency code in the rates, and a missing converter currency', () => {
    const c = fixture()
    c.practical.rates.rates.XYZ = c.practical.rates.rates.USD
    expect(errorsOf(c)).toContain('practical.rates.rates.XYZ: unknown currency code')
    const d = fixture()
    delete d.practical.rates.rates.KGS
    expect(errorsOf(d)).toContainEqual(expect.stringMatching(/^practical\.rates\.rates: rates for RUB, KZT/))
  })

  it('rejects a negative rate, a make-up day inside its holiday and a holiday in an unlisted year', () => {
    const c = fixture()
    c.practical.rates.rates.RUB.perCny = -1
    c.practical.holidays.periods[0].workdays = [c.practical.holidays.periods[0].start]
    c.practical.holidays.periods[1].end = '2027-02-01'
    const errors = errorsOf(c)
    expect(errors).toContain('practical.rates.rates.RUB.perCny: rate must be positive')
    expect(errors).toContain('practical.holidays.periods[0].workdays: a make-up working day cannot fall inside the holiday')
    expect(errors).toContain('practical.holidays.periods[1].end: year 2027 is not listed in holidays.years')
  })

  it('rejects a published timeline whose intervals overlap', () => {
    const c = buildContent(FIXTURE) as any
    const t = c.services[0].hoursTimeline
    t.open = [[t.from, t.from + 7200_000], [t.from + 3600_000, t.from + 9000_000]]
    expect(validateContent(c).ok).toBe(false)
  })

  it('a hand-written timeline never survives the build', () => {
    const dir = mkdtempSync(join(tmpdir(), 'qd-content-'))
    cpSync(FIXTURE, dir, { recursive: true })
    const services = JSON.parse(readFileSync(join(dir, 'services.json'), 'utf8'))
    services[0].openingHours = null
    services[0].hoursTimeline = { from: 0, to: 4e12, open: [[0, 4e12]], unknown: [] }
    writeFileSync(join(dir, 'services.json'), JSON.stringify(services))
    expect(buildContent(dir).services[0]).not.toHaveProperty('hoursTimeline')
  })
})

describe('bundled practical content', () => {
  let c: ReturnType<typeof buildContent>
  beforeAll(() => {
    c = buildContent(DEFAULT_CONTENT_DIR)
  })

  it('publishes a timeline exactly for the services with stated hours, covering the content date', () => {
    const asOf = Date.parse(`${c.meta.asOf}T00:00:00+08:00`)
    for (const s of c.services) {
      if (s.openingHours === null) expect(s.hoursTimeline, s.id).toBeUndefined()
      else {
        expect(s.hoursTimeline!.from).toBeLessThan(asOf)
        expect(s.hoursTimeline!.to - asOf).toBeGreaterThan(365 * 86400_000)
      }
    }
  })

  it('has phrase cards for every topic the issue names, with pinyin that matches the Chinese', () => {
    for (const topic of PHRASE_TOPICS.filter((t) => t !== 'general')) {
      expect(c.practical.phrases.some((p) => p.topic === topic), topic).toBe(true)
    }
    const syllables = (s: string) => s.normalize('NFC').toLowerCase().replace(/[^\p{L}\s]/gu, ' ').replace(/esim/g, ' ')
    const strip = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '')
    for (const p of c.practical.phrases) {
      const expected = pinyin(p.zh, { type: 'array', nonZh: 'removed' }).filter((x) => /\p{L}/u.test(x)).map((x) => x.normalize('NFC'))
      const mine = syllables(p.pinyin).replace(/\s+/g, '')
      // Same syllables; tones equal except where the written form uses the neutral tone (对不起 duìbuqǐ).
      expect(strip(mine), p.id).toBe(strip(expected.join('')))
      let rest = mine
      for (const syl of expected) {
        const head = rest.slice(0, syl.length)
        expect(head === syl || head === strip(syl), `${p.id}: ${syl}`).toBe(true)
        rest = rest.slice(syl.length)
      }
    }
  })

  it('ships a dated, sourced reference rate for each converter currency or says none was found', () => {
    for (const code of CONVERTER_CURRENCIES) {
      const r = c.practical.rates.rates[code]!
      expect(r, code).toBeDefined()
      expect(r.sources.length).toBeGreaterThan(0)
      if (r.perCny !== null) expect(r.date, code).toMatch(/^2026-/)
    }
  })

  it('holds the 2026 State Council holiday table with its six make-up working days', () => {
    expect(c.practical.holidays.years).toEqual([2026])
    expect(c.practical.holidays.periods.flatMap((h) => h.workdays).sort()).toEqual(
      ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
    )
    const days = c.practical.holidays.periods.reduce((n, h) => n + (Date.parse(h.end) - Date.parse(h.start)) / 86400_000 + 1, 0)
    expect(days).toBe(3 + 9 + 3 + 5 + 3 + 3 + 7)
  })
})
