#!/usr/bin/env node
// Content publishing for organisers: `npm run content -- check|diff|build|import …` (see scripts/content-cli.ts).
// Node 20 cannot run TypeScript, so the command is loaded through Vite's module runner: the same
// schema, diff and import code as the app, with no build step and no extra dependency.
import { runnerImport } from 'vite'
import { fileURLToPath } from 'node:url'

const cli = fileURLToPath(new URL('./content-cli.ts', import.meta.url))
const { module } = await runnerImport(cli, { configFile: false, logLevel: 'error', root: fileURLToPath(new URL('..', import.meta.url)) })
process.exitCode = await module.main(process.argv.slice(2))
