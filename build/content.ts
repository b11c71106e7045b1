import type { Plugin } from 'vite'
import { readFileSync } from 'node:fs'
import { createHash } from 'node:crypto'
import { buildContent, CONTENT_URL_PATH, CONTENT_DIR } from '../src/content/build'

/** Validates the content at build time (a bad file fails the build with the field's path) and emits it. */
export function contentPlugin(): Plugin {
  return {
    name: 'qd-content',
    buildStart() {
      for (const f of ['meta', 'venues', 'events', 'services', 'practical']) this.addWatchFile(`${CONTENT_DIR}${f}.json`)
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: CONTENT_URL_PATH, source: JSON.stringify(buildContent()) })
    },
    configureServer(server) {
      server.middlewares.use(`/${CONTENT_URL_PATH}`, (_req, res) => {
        try {
          res.setHeader('Content-Type', 'application/json')
          res.end(JSON.stringify(buildContent()))
        } catch (e) {
          res.statusCode = 500
          res.end(String((e as Error).message))
        }
      })
    },
  }
}

/**
 * What the browser needs to know of the content this build bundles, from one build of it: the SHA-256 of the
 * file the build writes (the same JSON.stringify of buildContent()), so a copy with exactly these bytes is not
 * validated again, and its date ("as of"), which the home page in index.html shows and hydrates only if it
 * differs. Invalid content yields '' for both here and fails the build in generateBundle.
 */
export function bundledContent(): { sha256: string; asOf: string } {
  try {
    const content = buildContent()
    return { sha256: createHash('sha256').update(JSON.stringify(content)).digest('hex'), asOf: content.meta.asOf }
  } catch {
    return { sha256: '', asOf: '' }
  }
}

/** Which schema validated a saved content copy: a copy this build's schema validated is not validated again. */
export const SCHEMA_ID = createHash('sha256').update(readFileSync(new URL('../src/content/schema.ts', import.meta.url))).digest('hex').slice(0, 16)
