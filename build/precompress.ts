// Writes file.gz and file.br beside every text file of the build, once, at build time, so a static server
// (nginx `gzip_static` / `brotli_static`) sends them without compressing each response again: on-the-fly
// gzip costs CPU on every request, and a first install fetches the whole shell and content at once.
import type { Plugin, ResolvedConfig } from 'vite'
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'

/** Text the browser fetches; images, fonts and .pmtiles are compressed already (and basemaps are read by range). */
export const PRECOMPRESS = /\.(?:html|js|mjs|css|json|webmanifest|svg|txt|xml|map)$/
/** Below this, the headers weigh more than what compression saves. */
const MIN_BYTES = 256

/** Compress one file's bytes as the server will send them: gzip -9 and brotli at its best quality. */
export function precompressFile(file: string): void {
  const bytes = readFileSync(file)
  writeFileSync(`${file}.gz`, gzipSync(bytes, { level: 9 }))
  writeFileSync(`${file}.br`, brotliCompressSync(bytes, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
  }))
}

export function precompressDir(dir: string): number {
  let count = 0
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    const stats = statSync(path)
    if (stats.isDirectory()) count += precompressDir(path)
    else if (PRECOMPRESS.test(name) && stats.size >= MIN_BYTES) {
      precompressFile(path)
      count++
    }
  }
  return count
}

export function precompressPlugin(): Plugin {
  let config: ResolvedConfig
  return {
    name: 'qd-precompress',
    apply: 'build',
    enforce: 'post',
    configResolved(c) {
      config = c
    },
    // After every other plugin has written its files (the service worker, the CSP, the prerendered pages).
    closeBundle: {
      order: 'post',
      sequential: true,
      handler() {
        if (config.build.ssr) return
        precompressDir(resolve(config.root, config.build.outDir))
      },
    },
  }
}
