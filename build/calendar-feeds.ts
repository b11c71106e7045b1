// Subscribable calendars of the whole programme, one per language: /calendar/zh.ics, ru.ics, en.ics. Written by
// the build (the Vite plugin) and by `npm run content -- build` (writeCalendarFeeds), from the same content and
// the same revision records (src/content/data/calendar-revisions.json), so both give the same bytes.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Plugin } from 'vite'
import { buildContent, CONTENT_DIR } from '../src/content/build'
import { FEED_LANGS, programmeFeed, revise, type Revisions } from '../src/domain/calendar-feed'
import type { Content } from '../src/content/schema'

export const REVISIONS_FILE = 'calendar-revisions.json'

/** The revision records of a content folder; none yet is an empty record (every event at SEQUENCE 0). */
export function readRevisions(dir: string): Revisions {
  const file = join(dir, REVISIONS_FILE)
  if (!existsSync(file)) return {}
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Revisions
  } catch (e) {
    throw new Error(`${file}: not valid JSON (${(e as Error).message})`, { cause: e })
  }
}

/** The feeds as files: `calendar/<lang>.ics` → text. `origin` (e.g. https://guide.example.org) adds each event's link. */
export function calendarFeeds(content: Content, revisions: Revisions, origin: string | null): Map<string, string> {
  return new Map(FEED_LANGS.map((lang) => [`calendar/${lang}.ics`, programmeFeed(content, lang, revisions, origin)]))
}

/**
 * For `npm run content -- build`: writes the feeds into `siteDir`/calendar/ (beside the data/ folder of the content
 * file) and records the published revisions in the content folder, so the next moved event counts up from them.
 */
export function writeCalendarFeeds(content: Content, contentDir: string, siteDir: string, origin: string | null): string[] {
  const revisions = readRevisions(contentDir)
  const written: string[] = []
  mkdirSync(join(siteDir, 'calendar'), { recursive: true })
  for (const [name, text] of calendarFeeds(content, revisions, origin)) {
    const file = join(siteDir, name)
    writeFileSync(file, text)
    written.push(file)
  }
  const next = revise(content.events, revisions, content.meta.asOf)
  writeFileSync(join(contentDir, REVISIONS_FILE), `${JSON.stringify(next, null, 2)}\n`)
  return written
}

/** The Vite plugin: emits the three feeds with the build; `origin` from VITE_SITE_URL when set. */
export function calendarFeedsPlugin(origin?: string): Plugin {
  const site = origin?.trim() || null
  return {
    name: 'qd-calendar-feeds',
    generateBundle() {
      for (const [fileName, source] of calendarFeeds(buildContent(), readRevisions(CONTENT_DIR), site)) {
        this.emitFile({ type: 'asset', fileName, source })
      }
    },
    configureServer(server) {
      server.middlewares.use('/calendar', (req, res, next) => {
        const feeds = calendarFeeds(buildContent(), readRevisions(CONTENT_DIR), site)
        const text = feeds.get(`calendar${(req.url ?? '').split('?')[0]}`)
        if (text === undefined) return next()
        res.setHeader('Content-Type', 'text/calendar; charset=utf-8')
        res.end(text)
      })
    },
  }
}
