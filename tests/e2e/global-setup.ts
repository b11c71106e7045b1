// One production build, one static server and one Chromium for every end-to-end test file.
import type { TestProject } from 'vitest/node'
import { execFileSync } from 'node:child_process'
import { chromium, type BrowserServer } from 'playwright-core'
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { startServer } from '../../scripts/serve.mjs'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './browser'

declare module 'vitest' {
  export interface ProvidedContext {
    baseURL: string
    wsEndpoint: string
    distDir: string
  }
}

/** E2E_DIST lets several checkouts or helpers build side by side. */
export const DIST = resolve(process.env.E2E_DIST ?? '.e2e/dist')

export default async function setup(project: TestProject) {
  process.env.PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS = '1'
  if (!(process.env.E2E_REUSE_BUILD === '1' && existsSync(`${DIST}/index.html`))) {
    // A child process: Vitest sets NODE_ENV=test, which would give a development build of Vue.
    execFileSync(process.execPath, [resolve('node_modules/vite/bin/vite.js'), 'build', '--outDir', DIST, '--emptyOutDir', '--logLevel', 'warn'], {
      stdio: 'inherit',
      env: { ...process.env, NODE_ENV: 'production' },
    })
  }
  const server = await startServer({ root: DIST })
  const browser: BrowserServer = await chromium.launchServer({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS })
  project.provide('baseURL', server.url)
  project.provide('wsEndpoint', browser.wsEndpoint())
  project.provide('distDir', DIST)
  return async () => {
    await browser.close()
    await server.close()
  }
}
