import { readFileSync } from 'node:fs'
import { builtContent } from './content'

/**
 * Every route of src/router/index.ts, parameters filled with real content ids, the catch-all as an unknown path:
 * a new route is checked (axe, CSP, links, motion) without touching the tests.
 */
export function routePaths(): string[] {
  const content = builtContent()
  const src = readFileSync('src/router/index.ts', 'utf8')
  const ids: Record<string, string | undefined> = {
    events: content.events[0]?.id,
    venues: (content.venues.find((v) => v.location) ?? content.venues[0])?.id,
    services: content.services[0]?.id,
  }
  return [...src.matchAll(/path:\s*'([^']+)'/g)].map(([, path]) => {
    if (path!.startsWith('/:pathMatch')) return '/no-such-page'
    const filled = path!.replace(/^\/(\w+)\/:id$/, (_, kind: string) => `/${kind}/${ids[kind] ?? `unknown-kind-${kind}`}`)
    if (filled.includes(':') || filled.includes('unknown-kind')) throw new Error(`no content id for route ${path}: add one to tests/e2e/routes.ts`)
    return filled
  })
}
