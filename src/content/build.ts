// Node-side content assembly: reads src/content/data/*.json, validates, and produces the
// file the app fetches (/data/content.json). Used by the Vite plugin, the tests and scripts.
import { readFileSync } from 'node:fs'
import { createHash } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import { join } from 'node:path'
import { validateContent, type Content } from './schema'
import { enrichContent } from './enrich'
import { withHoursTimelines, checkOpeningHours } from './hours-build'
import { editorialIssues } from './editorial'

export const DEFAULT_CONTENT_DIR = fileURLToPath(new URL('./data/', import.meta.url))
/** QD_CONTENT_DIR lets tests and organisers build from another content folder. */
export const CONTENT_DIR = process.env.QD_CONTENT_DIR ? `${process.env.QD_CONTENT_DIR.replace(/\/$/, '')}/` : DEFAULT_CONTENT_DIR
export const CONTENT_URL_PATH = 'data/content.json'

export class ContentError extends Error {
  constructor(readonly errors: string[]) {
    super(`Invalid content (${errors.length} error${errors.length === 1 ? '' : 's'}):\n  ${errors.slice(0, 50).join('\n  ')}`)
    this.name = 'ContentError'
  }
}

function readJson(file: string): unknown {
  const text = readFileSync(file, 'utf8')
  try {
    return JSON.parse(text)
  } catch (e) {
    throw new ContentError([`${file}: not valid JSON (${(e as Error).message})`])
  }
}

export function readRawContent(dir = CONTENT_DIR): Record<string, unknown> {
  return {
    meta: readJson(join(dir, 'meta.json')),
    venues: readJson(join(dir, 'venues.json')),
    events: readJson(join(dir, 'events.json')),
    services: readJson(join(dir, 'services.json')),
    practical: readJson(join(dir, 'practical.json')),
  }
}

/** The published file: the validated content plus a hash that changes whenever any byte does. */
export type PublishedContent = Content & { meta: Content["meta"] & { hash: string } }

export function buildContent(dir = CONTENT_DIR): PublishedContent {
  const result = validateContent(readRawContent(dir), { checkOpeningHours })
  if (!result.ok) throw new ContentError(result.errors)
  const editorial = editorialIssues(result.content).map((i) => `${i.path.map((k, n) => (typeof k === 'number' ? `[${k}]` : `${n ? '.' : ''}${k}`)).join('')}: ${i.message}`)
  if (editorial.length) throw new ContentError(editorial)
  result.content = enrichContent(result.content)
  result.content = withHoursTimelines(result.content)
  const body = JSON.stringify(result.content)
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 12)
  return { ...result.content, meta: { ...result.content.meta, hash } }
}
