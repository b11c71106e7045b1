// The Protomaps flavour's paint and label rules, fitted to a phone. The flavour strokes every road
// class and fills every building at every zoom; protomaps-leaflet runs each rule over every feature of
// its layer, for every 256 px tile. Roads whose width the flavour sets to zero below some zoom were
// still stroked there (canvas ignores lineWidth = 0 and keeps the previous rule's width), and building
// footprints were filled at zooms where a house is one or two pixels: most of the drawing time at z13–15
// for nothing a visitor can read. The main-road label rule also appears twice, so each street name was
// placed twice. Pure data in, data out: tested against the library's own rules.
import type { Feature, LabelRule, PaintRule } from 'protomaps-leaflet'
import type { Locale } from '../content/schema'

/** Protomaps basemaps name their label languages so. */
export const PROTOMAPS_LANG: Readonly<Record<Locale, string>> = { zh: 'zh-Hans', ru: 'ru', en: 'en' }

/** First display zoom at which a road kind is drawn: where the flavour's width reaches about half a pixel. */
export const ROAD_MINZOOM: Readonly<Record<string, number>> = { minor_road: 14, path: 16, other: 16 }
/** From z16 a 10 m house is about 5 px wide (about 2 px at z15 at Qingdao's latitude). */
export const BUILDINGS_MINZOOM = 16

const ROAD_KINDS = ['highway', 'major_road', 'medium_road', 'minor_road', 'path', 'other', 'rail', 'ferry']

/** The road kinds a rule's filter accepts (probed at a zoom where every rule applies). */
function roadKinds(rule: PaintRule): string[] {
  if (!rule.filter) return ROAD_KINDS
  return ROAD_KINDS.filter((kind) => rule.filter!(18, { props: { kind }, geomType: 2 } as unknown as Feature))
}

function minzoomFor(rule: PaintRule): number | undefined {
  if (rule.dataLayer === 'buildings') return BUILDINGS_MINZOOM
  if (rule.dataLayer !== 'roads') return undefined
  const kinds = roadKinds(rule)
  if (!kinds.length || !kinds.every((k) => k in ROAD_MINZOOM)) return undefined
  return Math.min(...kinds.map((k) => ROAD_MINZOOM[k]!))
}

export function tunePaintRules(rules: readonly PaintRule[]): PaintRule[] {
  return rules.map((rule) => {
    const z = minzoomFor(rule)
    return z === undefined ? rule : { ...rule, minzoom: Math.max(rule.minzoom ?? 0, z) }
  })
}

/** Drop label rules identical to an earlier one (same layer, zooms, filter and symbolizer kind). */
export function tuneLabelRules(rules: readonly LabelRule[]): LabelRule[] {
  const seen = new Set<string>()
  return rules.filter((r) => {
    const key = [r.dataLayer, r.minzoom, r.maxzoom, r.filter?.toString(), r.symbolizer.constructor.name, r.sort?.toString()].join('|')
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

type ZoomedRule = Pick<PaintRule, 'dataLayer' | 'minzoom' | 'maxzoom'>

/**
 * The data layers some rule draws at a display zoom in [from, to] (a rule's zooms as the renderer reads
 * them: 0 or absent means open). Layers outside this set need not be decoded for those zooms; at z15 the
 * building footprints alone are most of a tile's features.
 */
export function layersDrawn(rules: readonly ZoomedRule[], from: number, to: number): Set<string> {
  return new Set(rules.filter((r) => !(r.minzoom && to < r.minzoom) && !(r.maxzoom && from > r.maxzoom)).map((r) => r.dataLayer))
}
