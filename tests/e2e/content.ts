import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { inject } from 'vitest'
import type { Content } from '../../src/content/schema'

/** The content exactly as the build under test publishes it. */
export function builtContent(): Content {
  return JSON.parse(readFileSync(join(inject('distDir'), 'data/content.json'), 'utf8')) as Content
}
