// A tiny XYZ tile server for the map tests: /{z}/{x}/{y}.png answers a generated 256 px PNG
// (a checkerboard tinted by zoom, so a screenshot shows tiles are drawn), with CORS, on 127.0.0.1.
import { createServer } from 'node:http'
import { crc32, deflateSync } from 'node:zlib'

function chunk(type, data) {
  const len = Buffer.alloc(4)
  len.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body) >>> 0)
  return Buffer.concat([len, body, crc])
}

/** @param {number} z @param {number} x @param {number} y */
export function tilePng(z, x, y) {
  const size = 256
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(size, 0)
  ihdr.writeUInt32BE(size, 4)
  ihdr[8] = 8 // bit depth
  ihdr[9] = 2 // RGB
  const raw = Buffer.alloc((size * 3 + 1) * size)
  const base = [((z * 37) % 80) + 150, 200, 170]
  for (let r = 0; r < size; r++) {
    const row = r * (size * 3 + 1)
    for (let c = 0; c < size; c++) {
      const edge = r === 0 || c === 0
      const check = ((r >> 5) + (c >> 5) + x + y) % 2 === 0
      const px = edge ? [90, 90, 90] : check ? base : base.map((v) => v - 20)
      raw.set(px, row + 1 + c * 3)
    }
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

/** @returns {Promise<{ url: string, template: string, requests: string[], close: () => Promise<void> }>} */
export function startTileServer() {
  /** @type {string[]} */
  const requests = []
  const server = createServer((req, res) => {
    const m = /^\/(\d+)\/(\d+)\/(\d+)\.png$/.exec(req.url ?? '')
    if (!m) {
      res.writeHead(404).end()
      return
    }
    requests.push(req.url ?? '')
    res.writeHead(200, { 'Content-Type': 'image/png', 'Access-Control-Allow-Origin': '*', 'Cache-Control': 'public, max-age=604800' })
    res.end(tilePng(Number(m[1]), Number(m[2]), Number(m[3])))
  })
  return new Promise((ok) => {
    server.listen(0, '127.0.0.1', () => {
      const addr = server.address()
      const url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`
      ok({
        url,
        template: `${url}/{z}/{x}/{y}.png`,
        requests,
        close: () => new Promise((done) => {
          server.closeAllConnections()
          server.close(() => done(undefined))
        }),
      })
    })
  })
}
