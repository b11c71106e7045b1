#!/usr/bin/env node
// Renders deploy/nginx.conf for a host: listen address, server name, document root, and the
// Content-Security-Policy from the same VITE_* configuration the app is built with (scripts/csp.mjs).
//
//   node scripts/nginx-config.mjs --root /var/www/qingdao-sco-guide [--server-name guide.example.org]
//        [--listen 80 --listen '[::]:80'] [--mode production] [--brotli|--no-brotli] > /etc/nginx/sites-available/qingdao-sco-guide
//
// `brotli_static on` is written only when Debian's libnginx-mod-http-brotli-static is enabled (or with --brotli):
// without the module nginx would refuse the directive.
//
// The end-to-end test imports renderNginxConfig() and runs nginx with the result.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { isAbsolute, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { contentSecurityPolicy } from './csp.mjs'

export const TEMPLATE = fileURLToPath(new URL('../deploy/nginx.conf', import.meta.url))

/** The header policy: the app's policy plus what a <meta> policy cannot carry. */
export function headerPolicy(env = {}, options = {}) {
  return `${contentSecurityPolicy(env, options)}; frame-ancestors 'none'`
}

/** Debian enables a module by a link in /etc/nginx/modules-enabled (`apt-get install libnginx-mod-http-brotli-static`). */
export function brotliModuleEnabled(dir = '/etc/nginx/modules-enabled') {
  return existsSync(dir) && readdirSync(dir).some((f) => /brotli/.test(f) && !/filter/.test(f))
}

const SAFE = /^[^\s;{}"'$\\]+$/

/**
 * @param {{ root: string, listen?: string[], serverName?: string, env?: Record<string, string | undefined>,
 *   loopback?: boolean, template?: string, brotli?: boolean }} options
 */
export function renderNginxConfig({ root, listen = ['80', '[::]:80'], serverName = '_', env = {}, loopback = false, template, brotli = false }) {
  if (!root || !isAbsolute(root)) throw new Error('--root must be an absolute path (the folder holding index.html)')
  for (const [name, value] of [['root', root], ['server-name', serverName], ...listen.map((l) => ['listen', l])]) {
    if (!SAFE.test(value)) throw new Error(`--${name} "${value}": no spaces, quotes, ; { } $ or backslashes`)
  }
  const csp = headerPolicy(env, { loopback })
  if (csp.includes('"')) throw new Error('the Content-Security-Policy cannot contain a double quote')
  const text = (template ?? readFileSync(TEMPLATE, 'utf8'))
    .replace('{{LISTEN}}', listen.map((l) => `listen ${l};`).join('\n    '))
    .replace('{{SERVER_NAME}}', serverName)
    .replace('{{ROOT}}', root.replace(/\/$/, ''))
    .replace('{{CSP}}', csp)
    .replace('{{BROTLI}}', brotli ? 'brotli_static on;' : '# brotli_static on;  (needs libnginx-mod-http-brotli-static)')
  const left = /\{\{[A-Z_]+\}\}/.exec(text)
  if (left) throw new Error(`placeholder ${left[0]} left unfilled`)
  return text
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      root: { type: 'string' }, listen: { type: 'string', multiple: true }, 'server-name': { type: 'string' },
      mode: { type: 'string', default: 'production' }, brotli: { type: 'boolean' }, 'no-brotli': { type: 'boolean' },
    },
  })
  // The same variables `vite build` sees: .env files for the mode, then the environment.
  const { loadEnv } = await import('vite')
  const env = loadEnv(values.mode ?? 'production', process.cwd(), 'VITE_')
  try {
    process.stdout.write(renderNginxConfig({
      root: values.root ?? '',
      listen: values.listen,
      serverName: values['server-name'],
      env,
      brotli: values['no-brotli'] ? false : (values.brotli ?? brotliModuleEnabled()),
    }))
  } catch (e) {
    console.error(`nginx-config: ${e.message}`)
    process.exitCode = 1
  }
}
