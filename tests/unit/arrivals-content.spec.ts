// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { validateContent } from '../../src/content/schema'
import { buildContent, readRawContent } from '../../src/content/build'
import { checkOpeningHours } from '../../src/content/hours-build'

const raw = () => structuredClone(readRawContent()) as any
const errorsOf = (r: unknown) => {
  const res = validateContent(r, { checkOpeningHours })
  return res.ok ? [] : res.errors
}

describe('night-arrival content', () => {
  it('names venues that exist, each with sources', () => {
    const content = buildContent()
    const ids = new Set(content.venues.map((v) => v.id))
    expect(content.practical.arrivals?.length).toBeGreaterThan(0)
    for (const a of content.practical.arrivals ?? []) {
      expect(ids.has(a.venueId)).toBe(true)
      expect(a.sources.length).toBeGreaterThan(0)
    }
  })
  it('rejects a malformed train time with the path of the field', () => {
    const r = raw()
    r.practical.arrivals[0].lines[0].runs[0].last = '22.00'
    expect(errorsOf(r).join('\n')).toMatch(/practical\.arrivals\[0\]\.lines\[0\]\.runs\[0\]\.last: invalid time/)
  })
  it('rejects a fare range that runs backwards', () => {
    const r = raw()
    r.practical.arrivals[0].taxi.fareCny = [120, 90]
    expect(errorsOf(r).join('\n')).toMatch(/practical\.arrivals\[0\]\.taxi\.fareCny: range must not run backwards/)
  })
})
