// A pack server for the download tests, on its own loopback origin (with CORS, as a CDN would be):
// byte ranges with If-Range against a strong ETag, and faults on demand: cut the connection after a
// given byte of the file, or change the ETag (a re-deployed file). It counts the body bytes it sends.
import { createServer } from 'node:http'

/**
 * @param {Record<string, Buffer>} files path → content
 */
export function startPackServer(files) {
  const state = {
    /** Cut the connection once the body has reached this byte of the file (absolute offset). */
    dropAt: /** @type {number | null} */ (null),
    etag: '"v1"',
    /** Body bytes sent since the last reset. */
    sent: 0,
    /** @type {{ path: string, range: string | null, ifRange: string | null, status: number }[]} */
    requests: [],
    files,
  }
  const cors = {
    'Access-Control-Allow-Origin': '*',
    'Access-Control-Allow-Headers': 'Range, If-Range',
    'Access-Control-Expose-Headers': 'ETag, Content-Range, Content-Length, Accept-Ranges',
  }
  const server = createServer((req, res) => {
    if (req.method === 'OPTIONS') {
      res.writeHead(204, cors).end()
      return
    }
    const path = new URL(req.url ?? '/', 'http://x').pathname
    const file = state.files[path]
    if (!file) {
      res.writeHead(404, cors).end()
      return
    }
    const range = /^bytes=(\d+)-$/.exec(req.headers.range ?? '')
    const ifRange = req.headers['if-range'] ?? null
    const partial = range && (!ifRange || ifRange === state.etag)
    const start = partial ? Number(range[1]) : 0
    const status = partial ? 206 : 200
    state.requests.push({ path, range: req.headers.range ?? null, ifRange, status })
    const headers = { ...cors, 'Content-Type': 'application/octet-stream', 'Accept-Ranges': 'bytes', ETag: state.etag, 'Content-Length': file.length - start }
    if (partial) headers['Content-Range'] = `bytes ${start}-${file.length - 1}/${file.length}`
    res.writeHead(status, headers)
    const end = state.dropAt !== null && state.dropAt > start ? state.dropAt : file.length
    const body = file.subarray(start, end)
    state.sent += body.length
    if (end === file.length) {
      res.end(body)
      return
    }
    // Then the connection drops mid-body, once the page has had time to read what was sent: when the connection
    // fails, the browser discards bytes it has received but the page has not yet read (100 ms after them, a loaded
    // machine lost a fifth; a close right after them lost them all in one run).
    res.write(body, () => setTimeout(() => res.socket?.destroy(), 1000))
  })
  return new Promise((ok) => {
    server.listen(0, '127.0.0.1', () => {
      const a = server.address()
      ok({
        url: `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`,
        state,
        close: () => new Promise((done) => {
          server.closeAllConnections()
          server.close(() => done(undefined))
        }),
      })
    })
  })
}
