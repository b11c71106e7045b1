// The Content-Security-Policy of the built app, delivered as <meta http-equiv> in index.html (a static host needs
// no header set-up for it). Hosts come from configuration: every VITE_* variable holding an absolute http(s) URL
// (tile template, basemap packs, content URL) adds its origin to img-src and connect-src, so a new tile source
// needs no code change. Directives a <meta> policy cannot carry (frame-ancestors, report-to, sandbox) are sent
// as HTTP headers by the host: deploy/nginx.conf.

/** Origins of the absolute URLs among the VITE_* variables; a {s} subdomain template becomes a wildcard. */
export function configuredOrigins(env) {
  const origins = new Set()
  for (const [key, value] of Object.entries(env)) {
    if (!key.startsWith('VITE_') || typeof value !== 'string' || !/^https?:\/\//.test(value)) continue
    const wildcard = /^https?:\/\/\{s\}\./.test(value)
    try {
      const u = new URL(value.replace(/\{s\}\./, 'a.').replace(/\{[a-z]+\}/gi, '0'))
      origins.add(wildcard ? `${u.protocol}//*.${u.host.replace(/^a\./, '')}` : u.origin)
    } catch {
      // Not a URL after all: nothing to allow.
    }
  }
  return [...origins].sort()
}

/**
 * @param {Record<string, string | undefined>} env VITE_* configuration
 * @param {{ loopback?: boolean }} opts loopback: also allow http://127.0.0.1:* (only builds made by the test
 *   runner, whose map tests start their own tile server on a random local port)
 */
export function contentSecurityPolicy(env = {}, { loopback = false } = {}) {
  const extra = configuredOrigins(env)
  if (loopback) extra.push('http://127.0.0.1:*', 'http://localhost:*')
  const hosts = extra.length ? ' ' + extra.join(' ') : ''
  return [
    "default-src 'self'",
    "script-src 'self'",
    // No inline <style> or style="" in markup; Vue and Leaflet set styles through the CSSOM, which CSP allows.
    "style-src 'self'",
    `img-src 'self' data: blob:${hosts}`,
    `connect-src 'self'${hosts}`,
    "font-src 'self'",
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join('; ')
}

/** Vite plugin: puts the policy first in <head> of the production build (the dev server needs inline styles and eval). */
export function cspPlugin(env = {}) {
  return {
    name: 'qd-csp',
    apply: 'build',
    transformIndexHtml: () => [{
      tag: 'meta',
      attrs: { 'http-equiv': 'Content-Security-Policy', content: contentSecurityPolicy(env, { loopback: process.env.VITEST === 'true' }) },
      injectTo: 'head-prepend',
    }],
  }
}
