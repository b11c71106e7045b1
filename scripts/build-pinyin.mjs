#!/usr/bin/env node
// Pinyin for the "Show to driver" card, computed at build time (pinyin-pro is far too big to ship):
// src/map/pinyin.json maps each Chinese name and address in the content to its pinyin with tones.
// Keyed by the Chinese text itself, so an edited or new text simply shows no pinyin until this
// runs again (`npm run pinyin`; tests/unit/map-pinyin.spec.ts says when it is due).
import { readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { pinyin } from 'pinyin-pro'

export const CONTENT_DIR = process.env.QD_CONTENT_DIR ?? 'src/content/data'

/** Every Chinese name and address the driver card can show. */
export function driverTexts(dir = CONTENT_DIR) {
  const read = (f) => JSON.parse(readFileSync(join(dir, f), 'utf8'))
  const items = [...read('venues.json'), ...read('services.json')]
  return [...new Set(items.flatMap((x) => [x.name?.zh, x.address?.zh]).filter((s) => typeof s === 'string' && /\p{Script=Han}/u.test(s)))].sort()
}

export function toPinyin(text) {
  return pinyin(text, { toneType: 'symbol', nonZh: 'consecutive' }).replace(/\s+/g, ' ').trim()
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = Object.fromEntries(driverTexts().map((t) => [t, toPinyin(t)]))
  writeFileSync('src/map/pinyin.json', `${JSON.stringify(out, null, 1)}\n`)
  console.log(`src/map/pinyin.json: ${Object.keys(out).length} texts`)
}
