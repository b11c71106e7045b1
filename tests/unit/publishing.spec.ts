// @vitest-environment node
// What publishing must refuse (or only warn about) so that a mistake never reaches visitors.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { main } from '../../scripts/content-cli'
import { overlapIssues, type Draft } from '../../src/content/import/common'
import { decodeUtf8 } from '../../src/content/import/common'
import { validateContent } from '../../src/content/schema'
import { readRawContent } from '../../src/content/build'

type Run = { code: number; stdout: string; stderr: string }
async function run(...args: string[]): Promise<Run> {
  const out: string[] = []
  const err: string[] = []
  const code = await main(args, { log: (l = '') => out.push(l), error: (l = '') => err.push(l) })
  return { code, stdout: out.join('\n'), stderr: err.join('\n') }
}

let tmp = ''
let n = 0
/** A fresh copy of the real content folder. */
function dataDir(): string {
  const dir = join(tmp, `data-${n++}`)
  cpSync('src/content/data', dir, { recursive: true })
  return dir
}
const SCHEDULE = 'tests/fixtures/import/schedule.json'
const ROOMS = 'tests/fixtures/import/rooms.json'
const schedule = () => JSON.parse(readFileSync(SCHEDULE, 'utf8'))
function writeSchedule(s: unknown): string {
  const f = join(tmp, `schedule-${n++}.json`)
  writeFileSync(f, JSON.stringify(s, null, 2))
  return f
}
const imported = (dir: string) => (JSON.parse(readFileSync(join(dir, 'events.json'), 'utf8')) as { id: string; category: string }[]).filter((e) => e.id.startsWith('scocw2026-'))

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'qd-publish-'))
})
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

describe('input encoding', () => {
  it('finds the first line that is not UTF-8', () => {
    const bytes = Buffer.concat([Buffer.from('id,title\nok,fine\nx,'), Buffer.from([0xb2, 0xe2, 0xca, 0xd4]), Buffer.from('\n')])
    expect(decodeUtf8(bytes)).toEqual({ ok: false, line: 3, message: expect.stringContaining('CSV UTF-8') })
    expect(decodeUtf8(Buffer.from('\uFEFFid\nа,б\n'))).toEqual({ ok: true, text: 'id\nа,б\n' })
  })

  it.each([
    ['GBK (Excel "CSV" on a Chinese system)', Buffer.from([0xb2, 0xe2, 0xca, 0xd4])],
    ['Windows-1251 (Excel "CSV" on a Russian system)', Buffer.from([0xd2, 0xe5, 0xf1, 0xf2])],
  ])('a CSV in %s is refused with its line and how to save it, nothing written', async (_n, word) => {
    const dir = dataDir()
    const before = readFileSync(join(dir, 'events.json'), 'utf8')
    const csv = readFileSync('tests/fixtures/import/events.csv')
    const lines = csv.toString('utf8').split('\n')
    const file = join(tmp, `legacy-${n++}.csv`)
    writeFileSync(file, Buffer.concat([Buffer.from(`${lines[0]}\n${lines[1]}\n`), word, Buffer.from(`,${lines[2]!.split(',').slice(1).join(',')}\n`)]))
    const r = await run('import', file, '--rooms', 'tests/fixtures/import/rooms-csv.json', '--dir', dir)
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(new RegExp(`legacy-\\d+\\.csv:3 .*not valid UTF-8`))
    expect(r.stderr).toContain('CSV UTF-8')
    expect(readFileSync(join(dir, 'events.json'), 'utf8')).toBe(before)
  })

  it('a UTF-16 file (with its byte order mark) is refused', async () => {
    const file = join(tmp, 'utf16.json')
    writeFileSync(file, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(readFileSync(SCHEDULE, 'utf8'), 'utf16le')]))
    const r = await run('import', file, '--rooms', ROOMS, '--dir', dataDir())
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/utf16\.json:1 .*UTF-16/)
  })
})

describe('cancellations', () => {
  it('a pretalx export with no days yet (days: []) cancels nothing unless --allow-cancel', async () => {
    const dir = dataDir()
    expect((await run('import', SCHEDULE, '--rooms', ROOMS, '--dir', dir)).code).toBe(0)
    const before = readFileSync(join(dir, 'events.json'), 'utf8')
    const s = schedule()
    s.schedule.conference.days = []
    const empty = writeSchedule(s)
    const r = await run('import', empty, '--rooms', ROOMS, '--dir', dir)
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('would cancel all 9 events of "scocw2026"')
    expect(r.stderr).toContain('--allow-cancel')
    expect(readFileSync(join(dir, 'events.json'), 'utf8')).toBe(before)
    const allowed = await run('import', empty, '--rooms', ROOMS, '--dir', dir, '--allow-cancel')
    expect(allowed.code).toBe(0)
    expect(imported(dir)).toHaveLength(0)
  })

  it('an import that cancels more than half of its events is refused; one cancellation is not', async () => {
    const dir = dataDir()
    expect((await run('import', SCHEDULE, '--rooms', ROOMS, '--dir', dir)).code).toBe(0)
    const s = schedule()
    s.schedule.conference.days = s.schedule.conference.days.slice(2)
    const r = await run('import', writeSchedule(s), '--rooms', ROOMS, '--dir', dir)
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/would cancel 7 of the 9 events of "scocw2026"/)
    const one = schedule()
    one.schedule.conference.days[0].rooms['Main Hall'].splice(1, 1)
    expect((await run('import', writeSchedule(one), '--rooms', ROOMS, '--dir', dir)).code).toBe(0)
    expect(imported(dir)).toHaveLength(8)
  })
})

describe('categories are the organiser\'s to map', () => {
  const unusual = () => {
    const s = schedule()
    const [first, second] = s.schedule.conference.days[0].rooms['Forum Room 2']
    Object.assign(first, { type: 'LightningTalk 15min 10min Q&A', track: 'Other', title: 'Quick pitches' })
    Object.assign(second, { type: 'Other', track: null, title: 'Meet-up' })
    return writeSchedule(s)
  }

  it('an unmapped type or track is a warning naming it, not a refusal of the schedule', async () => {
    const dir = dataDir()
    const r = await run('import', unusual(), '--rooms', ROOMS, '--dir', dir)
    expect(r.code).toBe(0)
    expect(r.stderr).toContain('type "LightningTalk 15min 10min Q&A" / track "Other" fits no category')
    expect(r.stderr).toContain('--categories')
    expect(imported(dir)).toHaveLength(9)
  })

  it('--categories map.json and --default-category decide', async () => {
    const dir = dataDir()
    const map = join(tmp, 'categories.json')
    writeFileSync(map, JSON.stringify({ 'LightningTalk 15min 10min Q&A': 'forum' }))
    const r = await run('import', unusual(), '--rooms', ROOMS, '--dir', dir, '--categories', map, '--default-category', 'culture')
    expect(r.code).toBe(0)
    const byId = new Map(imported(dir).map((e) => [e.id, e.category]))
    expect(byId.get('scocw2026-103')).toBe('forum')
    expect(byId.get('scocw2026-104')).toBe('culture')
    writeFileSync(map, JSON.stringify({ Other: 'party' }))
    const bad = await run('import', unusual(), '--rooms', ROOMS, '--dir', dir, '--categories', map)
    expect(bad.code).toBe(1)
    expect(bad.stderr).toContain('"party" is no category')
  })
})

describe('overlap reports', () => {
  it('600 overlapping rows in one room: a capped report, no crash', () => {
    const drafts: Draft[] = Array.from({ length: 600 }, (_, i) => ({
      event: { id: `e-${i}`, allDay: false, start: '2026-06-15T10:00:00+08:00', end: '2026-06-15T12:00:00+08:00' } as Draft['event'],
      where: { line: i + 2 }, timeWhere: { line: i + 2 }, room: 'Main Hall', given: { title: [], description: [] },
    }))
    const issues = overlapIssues(drafts)
    expect(issues.length).toBeLessThanOrEqual(21)
    expect(issues.at(-1)!.message).toMatch(/and 5\d\d more overlapping bookings/)
  })
})

describe('--out', () => {
  it('a missing --out folder is one clear line', async () => {
    const r = await run('import', SCHEDULE, '--rooms', ROOMS, '--dir', dataDir(), '--out', join(tmp, 'no/such/folder/events.json'))
    expect(r.code).toBe(1)
    expect(r.stderr.trim().split('\n').at(-1)).toMatch(/^Cannot write .*events\.json: the folder .* does not exist$/)
  })

  it('build --out inside --dir is refused', async () => {
    const dir = dataDir()
    const before = readFileSync(join(dir, 'events.json'), 'utf8')
    const r = await run('build', '--dir', dir, '--published', join(tmp, 'none.json'), '--out', join(dir, 'events.json'))
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('inside the content folder')
    expect(readFileSync(join(dir, 'events.json'), 'utf8')).toBe(before)
  })

  it('build refuses a file over its size budget', async () => {
    const out = join(tmp, 'site', 'content.json')
    mkdirSync(join(tmp, 'site'), { recursive: true })
    const r = await run('build', '--dir', dataDir(), '--published', join(tmp, 'none.json'), '--out', out, '--max-kb', '10')
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/over the size budget of 10 KB/)
    expect(existsSync(out)).toBe(false)
  })
})

describe('schema: what a visitor could tap or scroll', () => {
  const raw = () => structuredClone(readRawContent('tests/fixtures/content')) as { events: { sources: { url?: string }[]; title: { en: string }; description: { en: string } }[] }
  it.each(['javascript:alert(1)', 'data:text/html,x', 'file:///etc/passwd', 'ftp://example.org/x'])('refuses the source link %s', (url) => {
    const c = raw()
    c.events[0]!.sources[0]!.url = url
    const r = validateContent(c)
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.errors).toContainEqual(expect.stringMatching(/^events\[0\]\.sources\[0\]\.url: .*https:\/\//))
  })
  it('refuses a title or a text that is far too long', () => {
    const c = raw()
    c.events[0]!.title.en = 'x'.repeat(201)
    c.events[0]!.description.en = 'y'.repeat(2001)
    const r = validateContent(c)
    expect(r.ok ? [] : r.errors).toEqual(expect.arrayContaining([
      expect.stringMatching(/^events\[0\]\.title\.en: too long/),
      expect.stringMatching(/^events\[0\]\.description\.en: too long/),
    ]))
  })
})

describe('build writes what a gzip_static server sends', () => {
  it('content.json.gz and .br beside the published file, matching it', async () => {
    const { gunzipSync, brotliDecompressSync } = await import('node:zlib')
    const out = join(tmp, 'site2', 'content.json')
    const r = await run('build', '--dir', dataDir(), '--published', join(tmp, 'none.json'), '--out', out)
    expect(r.code).toBe(0)
    const text = readFileSync(out)
    expect(gunzipSync(readFileSync(`${out}.gz`)).equals(text)).toBe(true)
    expect(brotliDecompressSync(readFileSync(`${out}.br`)).equals(text)).toBe(true)
  })
})
