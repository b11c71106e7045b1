// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fc, test as fcTest } from '@fast-check/vitest'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { request, type IncomingHttpHeaders } from 'node:http'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startServer } from '../../scripts/serve.mjs'

interface Served { url: string; close: () => Promise<void> }
let base: string
let served: Served
let port: number

/** A raw request: no client-side normalisation of the path (as `curl --path-as-is`). */
function raw(path: string, method = 'GET', headers: Record<string, string> = {}): Promise<{ status: number; headers: IncomingHttpHeaders; body: string }> {
  return new Promise((ok, fail) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers }, (res) => {
      let body = ''
      res.setEncoding('latin1')
      res.on('data', (c: string) => (body += c))
      res.on('end', () => ok({ status: res.statusCode ?? 0, headers: res.headers, body }))
    })
    req.on('error', fail)
    req.end()
  })
}

beforeAll(async () => {
  base = mkdtempSync(join(tmpdir(), 'qd-serve-'))
  const root = join(base, 'dist')
  mkdirSync(join(root, 'assets'), { recursive: true })
  mkdirSync(join(root, '.git'))
  mkdirSync(join(root, '.vite'))
  mkdirSync(join(base, 'dist-secret'))
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>shell</title>')
  writeFileSync(join(root, 'assets', 'app.js'), 'export {}\n'.repeat(2000))
  writeFileSync(join(root, 'assets', '.hidden'), 'hidden')
  writeFileSync(join(root, '.env'), 'SECRET=1')
  writeFileSync(join(root, '.git', 'config'), '[core]')
  writeFileSync(join(root, '.vite', 'manifest.json'), '{}')
  writeFileSync(join(base, 'dist-secret', 'x'), 'secret')
  served = await startServer({ root })
  port = Number(new URL(served.url).port)
})
afterAll(async () => {
  await served.close()
  rmSync(base, { recursive: true, force: true })
})

describe('scripts/serve.mjs', () => {
  it('answers 400 to a path that does not decode, and keeps serving', async () => {
    expect((await raw('/%')).status).toBe(400)
    expect((await raw('/%E0%A4%A')).status).toBe(400)
    expect((await raw('/index.html')).status).toBe(200)
  })

  it('never serves a sibling folder whose name starts like the root', async () => {
    const res = await raw('/..%2fdist-secret/x')
    expect(res.body).not.toContain('secret')
    expect([400, 403, 404]).toContain(res.status)
  })

  it('hides dotfiles and dot-folders', async () => {
    for (const p of ['/.env', '/.git/config', '/.vite/manifest.json', '/assets/.hidden', '/%2eenv']) {
      const res = await raw(p)
      expect(res.status, p).toBe(404)
      expect(res.body, p).not.toMatch(/SECRET|core|hidden/)
    }
  })

  it('answers 405 with Allow to anything but GET and HEAD', async () => {
    for (const m of ['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']) {
      const res = await raw('/index.html', m)
      expect(res.status, m).toBe(405)
      expect(res.headers.allow).toBe('GET, HEAD')
    }
    expect((await raw('/index.html', 'HEAD')).status).toBe(200)
  })

  it('survives a client that drops the connection mid-file', async () => {
    await new Promise<void>((done) => {
      const sock = connect(port, '127.0.0.1', () => {
        sock.write('GET /assets/app.js HTTP/1.1\r\nHost: x\r\n\r\n')
        sock.once('data', () => { sock.destroy(); done() })
      })
    })
    expect((await raw('/index.html')).status).toBe(200)
  })

  fcTest.prop([
    fc.array(
      fc.oneof(
        fc.constantFrom('..', '.', '%2e%2e', '%2E%2E', '%2f', '%5c', '..%2f', '%00', '%', '%c0%ae', '.git', '.env', '~', '//', 'dist-secret', 'index.html', 'assets'),
        fc.string({ maxLength: 6 }).map((s) => encodeURIComponent(s)),
        fc.stringMatching(/^[\w.%~-]{0,8}$/),
      ),
      { maxLength: 6 },
    ),
    fc.constantFrom('GET', 'HEAD', 'POST'),
  ], { numRuns: 150 })('a fuzzed path never leaks a file outside the root or a dotfile, and the server keeps answering', async (parts, method) => {
    const res = await raw('/' + parts.join('/'), method)
    expect([200, 400, 403, 404, 405, 416]).toContain(res.status)
    expect(res.body).not.toMatch(/SECRET|\[core\]|^secret$|^hidden$/)
    expect((await raw('/index.html')).status).toBe(200)
  })
})
