// The small synthetic street pack (Protomaps schema), published as an operator publishes a real extract, with
// scripts/build-basemap.mjs --pack: what the map's end-to-end tests download.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildSyntheticPack, SMALL_AREA } from '../../scripts/synthetic-pack.mjs'

export type Packs = { url: string; bytes: number; sha256: string; [k: string]: unknown }

/** Builds and publishes the pack into a new temporary folder (the caller removes `dir`). */
export function publishSmallPack(prefix: string): { dir: string; packs: Packs; file: Buffer } {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  writeFileSync(join(dir, 'extract.pmtiles'), buildSyntheticPack({ area: SMALL_AREA }).buf)
  execFileSync(process.execPath, ['scripts/build-basemap.mjs', '--pack', join(dir, 'extract.pmtiles'), '--out', join(dir, 'out'), '--name', 'qingdao-streets'])
  const packs = JSON.parse(readFileSync(join(dir, 'out/packs.json'), 'utf8')) as Packs
  return { dir, packs, file: readFileSync(join(dir, 'out', packs.url)) }
}
