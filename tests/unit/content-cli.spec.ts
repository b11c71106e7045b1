// @vitest-environment node
// The organisers' command as they run it: a child process, its exit code and what it prints.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { execFile } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { qingdaoDay } from '../../src/domain/time'
import { main } from '../../scripts/content-cli'

type Run = { code: number; stdout: string; stderr: string }
function content(...args: string[]): Promise<Run> {
  return new Promise((ok) => {
    execFile(process.execPath, ['scripts/content.mjs', ...args], { encoding: 'utf8' }, (error, stdout, stderr) => {
      ok({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr })
    })
  })
}

/** The same command in-process (the long publishing story would take a minute as child processes). */
async function inProcess(...args: string[]): Promise<Run> {
  const out: string[] = []
  const err: string[] = []
  const code = await main(args, { log: (l = '') => out.push(l), error: (l = '') => err.push(l) })
  return { code, stdout: out.join('\n'), stderr: err.join('\n') }
}

let tmp = ''
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'qd-content-'))
  cpSync('src/content/data', join(tmp, 'data'), { recursive: true })
})
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

const readJson = (f: string) => JSON.parse(readFileSync(f, 'utf8'))

describe('npm run content -- check', () => {
  it('fails on broken content with the file, line and field path', async () => {
    const r = await content('check', '--dir', 'tests/fixtures/content-broken')
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/tests\/fixtures\/content-broken\/events\.json:\d+ {2}events\[0\]\.venueId: unknown venue "nowhere"/)
    expect(r.stderr).toContain('Nothing published.')
    const line = Number(/events\.json:(\d+)/.exec(r.stderr)![1])
    expect(readFileSync('tests/fixtures/content-broken/events.json', 'utf8').split('\n')[line - 1]).toContain('"venueId": "nowhere"')
  }, 30_000)

  it('passes on valid content', async () => {
    const r = await inProcess('check', '--dir', 'tests/fixtures/content')
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/^Content OK: \d+ venues, 2 events/)
  }, 30_000)

  it('points a JSON syntax error at its line', async () => {
    const dir = join(tmp, 'syntax')
    cpSync('tests/fixtures/content', dir, { recursive: true })
    writeFileSync(join(dir, 'events.json'), '[\n  { "id": "x", }\n]\n')
    const r = await inProcess('check', '--dir', dir)
    expect(r.code).toBe(1)
    expect(r.stderr).toContain(`${join(dir, 'events.json')}:2  not valid JSON: expected a double-quoted string, found "}"`)
  }, 30_000)
})

describe('npm run content -- import, diff, build', () => {
  it('an invalid schedule is reported with lines and nothing is written', async () => {
    const out = join(tmp, 'never.json')
    const r = await content('import', 'tests/fixtures/import/schedule-broken.json', '--rooms', 'tests/fixtures/import/rooms.json', '--out', out, '--dir', join(tmp, 'data'))
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('schedule-broken.json:390 schedule.conference.days[1].rooms["Cinema 1"][0].date  time without a zone')
    expect(r.stderr).toContain('overlapping room booking in "Main Hall"')
    expect(r.stderr).toContain('unknown venue: room "Hall Z"')
    expect(r.stderr).toContain('Nothing written')
    expect(existsSync(out)).toBe(false)
    expect(existsSync('tests/fixtures/import/schedule-broken.translations.json')).toBe(false)
  }, 30_000)

  it('publishes only once the translations are filled, then bumps the version and shows moves and cancellations', async () => {
    const data = join(tmp, 'data')
    const published = join(tmp, 'site/data/content.json')
    const translations = join(tmp, 'schedule.translations.json')
    const first = await inProcess('build', '--dir', data, '--published', published, '--out', published)
    expect(first.code).toBe(0)
    const v1 = readJson(published).meta.version as number

    const imported = await inProcess('import', 'tests/fixtures/import/schedule.json', '--rooms', 'tests/fixtures/import/rooms.json',
      '--translations', translations, '--dir', data)
    expect(imported.code).toBe(0)
    expect(imported.stdout).toContain('9 events in 5 rooms, from 2026-06-15 10:00 to 2026-06-17 20:00')
    expect(imported.stdout).toContain('Missing translations (36 texts in 9 events) — NOT PUBLISHABLE until filled')
    expect(readJson(join(data, 'events.json')).filter((e: { id: string }) => e.id.startsWith('scocw2026-'))).toHaveLength(9)

    const blocked = await inProcess('build', '--dir', data, '--published', published, '--out', published)
    expect(blocked.code).toBe(1)
    expect(blocked.stderr).toMatch(/events\.json:\d+ {2}events\[\d+\]\.title\.zh: must not be empty \(id "scocw2026-101"\)/)
    expect(readJson(published).meta.version).toBe(v1)

    // The organisers fill the empty slots, then import again.
    const t = readJson(translations) as Record<string, Record<string, Record<string, string>>>
    for (const entry of Object.values(t)) for (const text of Object.values(entry)) for (const l of ['zh', 'ru', 'en']) text[l] ||= `(${l}) ${Object.values(text).find(Boolean)}`
    writeFileSync(translations, JSON.stringify(t))
    const again = await inProcess('import', 'tests/fixtures/import/schedule.json', '--rooms', 'tests/fixtures/import/rooms.json',
      '--translations', translations, '--dir', data)
    expect(again.stdout).toContain('All texts are in zh, ru and en.')
    const built = await inProcess('build', '--dir', data, '--published', published, '--out', published)
    expect(built.code).toBe(0)
    expect(built.stdout).toContain('New events (9)')
    const v2 = readJson(published).meta
    expect(v2.version).toBe(v1 + 1)
    expect(v2.asOf).toBe(qingdaoDay(Date.now()))
    expect(readJson(join(data, 'meta.json')).version).toBe(v1 + 1)

    // A talk dropped from the source disappears; a moved one is a move.
    const schedule = readJson('tests/fixtures/import/schedule.json')
    const hall = schedule.schedule.conference.days[0].rooms['Main Hall']
    hall.splice(1, 1)
    Object.assign(hall[0], { date: '2026-06-15T10:30:00+08:00', start: '10:30' })
    const changed = join(tmp, 'schedule.json')
    writeFileSync(changed, JSON.stringify(schedule))
    expect((await inProcess('import', changed, '--rooms', 'tests/fixtures/import/rooms.json', '--translations', translations, '--dir', data)).code).toBe(0)
    const diff = await inProcess('diff', '--dir', data, '--published', published)
    expect(diff.stdout).toContain('~ scocw2026-101  2026-06-15 10:00–11:00 → 2026-06-15 10:30–11:30')
    expect(diff.stdout).toContain('- scocw2026-102  2026-06-15 11:30–13:00')
    expect((await inProcess('build', '--dir', data, '--published', published, '--out', published)).code).toBe(0)
    expect(readJson(published).meta.version).toBe(v1 + 2)
    const unchanged = await inProcess('build', '--dir', data, '--published', published, '--out', published)
    expect(unchanged.stdout).toContain('nothing changed since the published version')
    expect(readJson(published).meta.version).toBe(v1 + 2)
  }, 60_000)
})
