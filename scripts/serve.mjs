#!/usr/bin/env node
// A small static server for the production build: SPA fallback for deep links, byte ranges
// (the offline basemap is read with Range requests), and cache headers that keep updates safe.
// Used by `npm start` and by the end-to-end tests. No dependencies.
import { createServer } from 'node:http'
import { createReadStream, statSync } from 'node:fs'
import { extname, isAbsolute, join, relative, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.ics': 'text/calendar; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.pmtiles': 'application/octet-stream',
  '.pbf': 'application/x-protobuf',
  '.woff2': 'font/woff2',
}

/**
 * As deploy/nginx.conf: only content-hashed files are kept for good; everything else revalidates. (lang.js in
 * particular must be the one the index.html beside it expects: it starts the app.)
 */
export function cacheControl(path) {
  if (path.startsWith('/assets/')) return 'public, max-age=31536000, immutable'
  return 'no-cache'
}

function statOrNull(file) {
  try {
    return statSync(file)
  } catch {
    return null
  }
}

/**
 * @param {{ root: string, port?: number, host?: string, onRequest?: (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => boolean | void }} opts
 * `onRequest` may answer a request itself (return true): tests use it to fail or delay responses.
 */
export function startServer({ root, port = 0, host = '127.0.0.1', onRequest } = {}) {
  const state = { root: resolve(root) }
  const server = createServer((req, res) => {
    // A client that goes away mid-answer must not take the server down with it.
    res.on('error', () => {})
    req.on('error', () => {})
    if (onRequest && onRequest(req, res)) return
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' }).end('Method not allowed')
      return
    }
    let path
    try {
      path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)
    } catch {
      res.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Bad request')
      return
    }
    const notFound = () => res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found')
    let file = resolve(state.root, '.' + sep + path)
    const inside = relative(state.root, file)
    if (path.includes('\0') || inside.startsWith('..') || isAbsolute(inside)) {
      res.writeHead(403).end()
      return
    }
    // Dotfiles and dot-folders (.git, .env, .vite) are never part of the site.
    if (inside.split(/[\\/]/).some((seg) => seg.startsWith('.'))) return notFound()
    let stats = statOrNull(file)
    if (!stats?.isFile() && !extname(path)) {
      // Deep link to a client route: serve the app shell.
      path = '/index.html'
      file = join(state.root, 'index.html')
      stats = statOrNull(file)
    }
    if (!stats?.isFile()) return notFound()
    const size = stats.size
    // A strong validator, so that a resumed download (Range + If-Range) notices a replaced file.
    const etag = `"${size.toString(16)}-${Math.floor(stats.mtimeMs).toString(16)}"`
    const headers = {
      'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
      'Cache-Control': cacheControl(path),
      'Accept-Ranges': 'bytes',
      'X-Content-Type-Options': 'nosniff',
      ETag: etag,
    }
    const send = (status, extra, options) => {
      if (req.method === 'HEAD') {
        res.writeHead(status, { ...headers, ...extra }).end()
        return
      }
      const stream = createReadStream(file, options)
      // The file can vanish or fail between stat and read (a deploy replacing dist): answer or cut the
      // connection, never throw.
      stream.once('error', () => {
        if (!res.headersSent) notFound()
        else res.destroy()
      })
      stream.once('open', () => {
        res.writeHead(status, { ...headers, ...extra })
        stream.pipe(res)
      })
      res.once('close', () => stream.destroy())
    }
    const range = /^bytes=(\d*)-(\d*)$/.exec(req.headers.range ?? '')
    // If-Range with another validator: the file changed, so the client gets it whole (RFC 9110 §13.1.5).
    const ifRange = req.headers['if-range']
    if (range && (range[1] || range[2]) && (!ifRange || ifRange === etag)) {
      let start = range[1] ? Number(range[1]) : size - Number(range[2])
      let end = range[1] && range[2] ? Number(range[2]) : size - 1
      start = Math.max(0, start)
      end = Math.min(end, size - 1)
      if (start > end) {
        res.writeHead(416, { 'Content-Range': `bytes */${size}` }).end()
        return
      }
      send(206, { 'Content-Range': `bytes ${start}-${end}/${size}`, 'Content-Length': end - start + 1 }, { start, end })
      return
    }
    send(200, { 'Content-Length': size })
  })
  server.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n')
    else socket.destroy()
  })
  return new Promise((ok, fail) => {
    server.once('error', fail)
    server.listen(port, host, () => {
      const addr = server.address()
      const url = `http://${host}:${typeof addr === 'object' && addr ? addr.port : port}`
      ok({
        url,
        server,
        /** Serve another build at the same origin (update tests). */
        setRoot: (dir) => (state.root = resolve(dir)),
        close: () => new Promise((done) => { server.closeAllConnections?.(); server.close(() => done(undefined)) }),
      })
    })
  })
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = process.argv[2] ?? 'dist'
  const port = Number(process.env.PORT ?? 4173)
  const host = process.env.HOST ?? '127.0.0.1'
  const { url } = await startServer({ root, port, host })
  console.log(`Qingdao SCO Guide (production build with service worker) at ${url}/`)
}
