// The one owner of the Leaflet map: created on mount, removed on unmount, never reactive (markRaw).
// Layers, bottom to top: the bundled overview (land, runways, stations — drawn with no tiles at
// all), the stored basemap pack, online tiles, approximate-area circles, the visitor, markers.
// Changing the language relabels the markers in place; nothing is rebuilt.
import { markRaw, onBeforeUnmount, onMounted, shallowRef, type Ref } from 'vue'
import L from 'leaflet'
import 'leaflet/dist/leaflet.css'
import { CATEGORY_STYLE, type MapGroup } from '../map/points'
import type { PackInfo } from '../map/pack'
import type { Position } from '../map/position'
import type { Locale } from '../content/schema'
import { mapConfig, VISITOR_AREA } from '../map/config'
import { OverviewCanvas, PointsCanvas, type OverviewLabel } from '../map/canvas-layers'
import { firstViewPoints } from '../map/fit'

export type MapLabels = {
  /** Visible label and screen-reader name of a group's marker. */
  label: (g: MapGroup) => string
  aria: (g: MapGroup) => string
}

/**
 * Up to this many groups, markers are DOM elements: focusable, named for screen readers, with
 * permanent labels. Beyond it they are dots drawn on one canvas (1,000 DOM markers take seconds to
 * lay out on a phone; 1,000 Leaflet paths still cost more than the rest of the map), and the list
 * under the map is the accessible equivalent.
 */
const DOM_MARKER_LIMIT = 150

/** The part of the map (container px) that the visitor sees: a sheet or a bar may cover the rest. */
export type MapPart = { top: number; bottom: number; left: number; right: number }
/** With less than this in sight either way, a place is centred on the whole map as before. */
const MIN_PART_PX = 96
/** A marker this close to the edge of the part in sight is brought further in. */
const SIGHT_MARGIN_PX = 24

/** localStorage key that lets the map benchmark (scripts/bench-map-pack.mjs) drive the map directly. */
export const MAP_DEBUG_KEY = 'qd-map-debug'

function debugHook(name: string, value: unknown): void {
  try {
    if (globalThis.localStorage?.getItem(MAP_DEBUG_KEY)) Object.assign(globalThis, { [name]: value })
  } catch {
    // Storage blocked: no hook, nothing else changes.
  }
}

/**
 * A marker's permanent name, beside it. Leaflet's tooltip reads its own size to centre itself on every
 * zoom (one forced layout per label, each after the previous label's write); this one is placed at its
 * anchor and centred by CSS (`translate` on the leaflet-tooltip-left/right classes, MapView.vue), so
 * moving many labels costs one layout, in declutter().
 */
class MarkerLabel extends L.Tooltip {
  declare _container: HTMLElement
  declare _getAnchor: () => L.Point

  _setPosition(pos: L.Point): void {
    const left = this.options.direction === 'left'
    this._container.classList.toggle('leaflet-tooltip-left', left)
    this._container.classList.toggle('leaflet-tooltip-right', !left)
    L.DomUtil.setPosition(this._container, pos.add(L.point(this.options.offset ?? [0, 0])).add(this._getAnchor()))
  }
}

function cssVar(el: HTMLElement, name: string, fallback: string): string {
  return getComputedStyle(el).getPropertyValue(name).trim() || fallback
}

export function useMap(container: Ref<HTMLElement | null>, onSelect: (groupKey: string) => void) {
  const map = shallowRef<L.Map | null>(null)
  let markers = new Map<string, { marker: L.Marker; group: MapGroup }>()
  let pointsLayer: PointsCanvas | null = null
  let markerLayer: L.LayerGroup | null = null
  let areaLayer: L.LayerGroup | null = null
  let overviewLayer: OverviewCanvas | null = null
  let basemapLayer: L.Layer | null = null
  let tileLayer: L.TileLayer | null = null
  let userLayer: L.LayerGroup | null = null
  let labels: MapLabels | null = null
  let selectedKey: string | null = null
  let overviewData: GeoJSON.FeatureCollection | null = null
  /** The colours the overview and the detailed map were drawn in (see recolor). */
  let drawnColors = ''

  function colors() {
    const el = container.value ?? document.body
    return {
      sea: cssVar(el, '--map-sea', '#cfe3ee'),
      land: cssVar(el, '--map-land', '#f4f1e8'),
      line: cssVar(el, '--map-line', '#6b7785'),
      label: cssVar(el, '--map-label', '#14212b'),
      halo: cssVar(el, '--map-halo', '#ffffff'),
      accent: cssVar(el, '--accent', '#0b5e7e'),
      dark: cssVar(el, '--map-scheme', 'light') === 'dark',
    }
  }

  onMounted(() => {
    const el = container.value
    if (!el) return
    performance.mark('qd-map:start')
    const m = markRaw(L.map(el, {
      zoomControl: true,
      attributionControl: true,
      minZoom: 8,
      maxZoom: 18,
      maxBounds: L.latLngBounds([VISITOR_AREA.south - 0.5, VISITOR_AREA.west - 0.7], [VISITOR_AREA.north + 0.5, VISITOR_AREA.east + 0.7]),
      zoomSnap: 0.5,
      // Tiles appear when drawn instead of fading in over 200 ms: the fade kept a frame running for every
      // step of it (opacity of each tile, style and commit), and a half-faded street map let the overview's
      // lines show through it.
      fadeAnimation: false,
    }))
    m.attributionControl.setPrefix(false)
    // While a place is selected and its marker is on the map, the zoom buttons zoom around the marker instead
    // of the map's centre, which the place's sheet may cover: the place stays where the visitor sees it.
    for (const dir of [1, -1] as const) {
      const name = dir > 0 ? 'zoomIn' : 'zoomOut'
      const plain = m[name].bind(m)
      m[name] = (delta = m.options.zoomDelta ?? 1, options?: L.ZoomOptions) => {
        const anchor = zoomAnchor(m)
        if (!anchor) return plain(delta, options)
        const zoom = Math.min(m.getMaxZoom(), Math.max(m.getMinZoom(), m.getZoom() + dir * delta))
        return m.setZoomAround(anchor, zoom, options)
      }
    }
    m.createPane('overview').style.zIndex = '150'
    m.fitBounds([[36.0, 120.0], [36.42, 120.5]])
    markerLayer = markRaw(L.layerGroup().addTo(m))
    areaLayer = markRaw(L.layerGroup().addTo(m))
    userLayer = markRaw(L.layerGroup().addTo(m))
    // DOM markers are re-clustered for the new zoom; canvas points redraw themselves.
    m.on('zoomend', () => pointsLayer?.size || render(true))
    m.on('moveend', declutter)
    map.value = m
    drawnColors = JSON.stringify(colors())
    debugHook('__qdMap', m)
  })

  onBeforeUnmount(() => {
    map.value?.remove()
    map.value = null
    markers = new Map()
    pointsLayer = null
  })

  /** Names in the interface language: never Chinese only in English or Russian (pinyin, Palladius). */
  function overviewLabels(locale: Locale, c: ReturnType<typeof colors>) {
    const font = "600 12px system-ui, 'Noto Sans CJK SC', 'WenQuanYi Micro Hei', sans-serif"
    return (f: GeoJSON.Feature, zoom: number): OverviewLabel | null => {
      const p = f.properties ?? {}
      const min = p.layer === 'district' ? 9 : p.layer === 'rail_station' ? 11 : p.layer === 'metro_station' ? 14 : 99
      const max = p.layer === 'district' ? 13 : 99
      const text = locale === 'zh' ? p.name : p[`name_${locale}`]
      if (zoom < min || zoom > max || typeof text !== 'string' || !text) return null
      return p.layer === 'district'
        ? { text, font: font.replace('600 12px', '700 13px'), fill: c.line, halo: c.halo }
        : { text, font, fill: c.label, halo: c.halo }
    }
  }

  function setOverviewLanguage(locale: Locale): void {
    overviewLayer?.setLabels(overviewLabels(locale, colors()))
  }

  function setOverview(data: GeoJSON.FeatureCollection, locale: Locale): void {
    const m = map.value
    if (!m) return
    overviewLayer?.remove()
    overviewData = data
    const c = colors()
    overviewLayer = markRaw(new OverviewCanvas(data, (f) => {
      const layer = f.properties?.layer
      if (f.geometry.type === 'Point' || f.geometry.type === 'MultiPoint') {
        const rail = layer === 'rail_station'
        return { radius: rail ? 3.5 : 2, stroke: c.halo, weight: 1, fill: rail ? c.line : '#0b7a55' }
      }
      if (layer === 'land') return { stroke: c.line, weight: 0.6, opacity: 0.5, fill: c.land }
      if (layer === 'runway') return { stroke: c.line, weight: 3 }
      if (layer === 'metro_line') return { stroke: '#0b7a55', weight: 2, dash: [6, 3] }
      return { stroke: c.line, weight: 1 }
    }, { pane: 'overview', attribution: mapConfig.dataAttribution }, overviewLabels(locale, c)).addTo(m))
  }

  let basemapCall = 0
  async function setBasemap(pack: PackInfo | null, locale: Locale, inPage = false): Promise<void> {
    const m = map.value
    if (!m) return
    const call = ++basemapCall
    basemapLayer?.remove()
    basemapLayer = null
    if (!pack) return
    const { createBasemapLayer, WORKER_FAILED } = await import('../map/basemap')
    const layer = await createBasemapLayer(pack, locale, colors(), { inPage })
    // A later call (another pack or language) or the map's end while this one loaded: it is not shown.
    if (map.value !== m || call !== basemapCall) return
    basemapLayer = markRaw(layer)
    // A tile worker that cannot start (or fails) leaves the streets to the page's main thread.
    layer.once(WORKER_FAILED, () => {
      if (basemapLayer === layer) void setBasemap(pack, locale, true)
    })
    layer.addTo(m)
    debugHook('__qdBasemap', layer)
  }

  /**
   * The device turned dark or light while the map is open (automatic dark mode at dusk): the overview and
   * the detailed map are drawn again in the new colours. When the colours did not change (a theme chosen in
   * the app does not follow the device), nothing is redrawn.
   */
  function recolor(locale: Locale, pack: PackInfo | null): void {
    const now = JSON.stringify(colors())
    if (!map.value || now === drawnColors) return
    drawnColors = now
    if (overviewData) setOverview(overviewData, locale)
    if (pack) void setBasemap(pack, locale)
  }

  function setTiles(url: string | null): void {
    const m = map.value
    if (!m) return
    tileLayer?.remove()
    tileLayer = null
    if (!url) return
    tileLayer = markRaw(L.tileLayer(url, {
      crossOrigin: 'anonymous', maxZoom: 18, maxNativeZoom: mapConfig.tileMaxZoom, zIndex: 2,
      attribution: mapConfig.tileAttribution,
    }).addTo(m))
  }

  function markerIcon(g: MapGroup, selected: boolean): L.DivIcon {
    const s = CATEGORY_STYLE[g.category]
    const el = document.createElement('span')
    el.className = 'qd-pin-glyph'
    el.setAttribute('aria-hidden', 'true')
    el.style.background = s.color
    el.textContent = s.glyph
    if (g.places.length > 1) {
      const n = document.createElement('span')
      n.className = 'qd-pin-count'
      n.textContent = String(g.places.length)
      el.append(n)
    }
    return L.divIcon({ html: el, className: `qd-pin${selected ? ' is-selected' : ''}`, iconSize: [32, 32], iconAnchor: [16, 16] })
  }

  function applyLabel(entry: { marker: L.Marker; group: MapGroup }): void {
    if (!labels) return
    const el = entry.marker.getElement()
    const aria = labels.aria(entry.group)
    if (el) {
      el.setAttribute('aria-label', aria)
      el.dataset.testid = 'map-marker'
      el.dataset.group = entry.group.key
      el.dataset.places = entry.group.places.map((p) => p.key).join(' ')
    }
    // An element with the name as text: never parsed as HTML.
    const text = document.createElement('span')
    text.textContent = labels.label(entry.group)
    const tip = entry.marker.getTooltip()
    if (tip) tip.setContent(text)
    else entry.marker.bindTooltip(new MarkerLabel({ permanent: true, direction: 'right', offset: [14, 0], className: 'qd-label' }).setContent(text))
  }

  /** Exact-point groups as given; what is drawn may merge some of them (clusters). */
  let current: readonly MapGroup[] = []
  /** Display key → the exact groups it stands for. */
  let members = new Map<string, MapGroup[]>()
  const CLUSTER_PX = 36

  /** Merge groups closer than CLUSTER_PX on screen at this zoom: overlapping markers cannot be tapped. */
  function cluster(m: L.Map, groups: readonly MapGroup[]): MapGroup[][] {
    const out: { at: L.Point; groups: MapGroup[] }[] = []
    for (const g of groups) {
      const at = m.latLngToLayerPoint([g.lat, g.lon])
      const near = out.find((c) => c.at.distanceTo(at) < CLUSTER_PX)
      if (near) near.groups.push(g)
      else out.push({ at, groups: [g] })
    }
    return out.map((c) => c.groups)
  }

  function setGroups(groups: readonly MapGroup[], l: MapLabels): void {
    labels = l
    current = groups
    render()
  }

  /**
   * `zoomed`: after a zoom, only the clusters that changed are rebuilt; a marker standing for the same places
   * stays the same element (its label and focus too), and the area circles, which do not depend on the zoom,
   * stay as they are. The labels are decluttered on the `moveend` that follows every zoom.
   */
  function render(zoomed = false): void {
    const m = map.value
    if (!m || !markerLayer || !areaLayer) return
    const groups = current
    const l = labels
    if (!l) return
    if (groups.length > DOM_MARKER_LIMIT) {
      markerLayer.clearLayers()
      areaLayer.clearLayers()
      markers = new Map()
      members = new Map()
      if (!pointsLayer) {
        pointsLayer = markRaw(new PointsCanvas(onSelect, () => colors().accent, { pane: 'markerPane' }))
        pointsLayer.setSelected(selectedKey)
        pointsLayer.addTo(m)
      }
      pointsLayer.setPoints(groups.map((g) => ({ key: g.key, lat: g.lat, lon: g.lon, color: CATEGORY_STYLE[g.category].color, radius: g.radius })))
      m.getContainer().dataset.markers = String(groups.length)
      return
    }
    pointsLayer?.setPoints([])
    if (!zoomed) {
      markerLayer.clearLayers()
      markers = new Map()
      areaLayer.clearLayers()
      for (const g of groups) {
        if (g.radius > 0) {
          areaLayer.addLayer(L.circle([g.lat, g.lon], {
            radius: g.radius, interactive: false, color: CATEGORY_STYLE[g.category].color, weight: 1.5, dashArray: '4 4',
            fillColor: CATEGORY_STYLE[g.category].color, fillOpacity: 0.08, opacity: 0.8,
          }))
        }
      }
    }
    const kept = markers
    const added: { marker: L.Marker; group: MapGroup }[] = []
    markers = new Map()
    members = new Map()
    for (const parts of cluster(m, groups)) {
      const first = parts[0]!
      const key = parts.map((p) => p.key).join('|')
      members.set(key, parts)
      const same = kept.get(key)
      if (same) {
        markers.set(key, same)
        kept.delete(key)
        continue
      }
      const shown: MapGroup = parts.length === 1 ? first : {
        ...first, key, places: parts.flatMap((p) => p.places), radius: Math.max(...parts.map((p) => p.radius)),
      }
      // A tap on a cluster zooms in until its points separate; on a single point it opens the sheet.
      const activate = () => (parts.length === 1
        ? onSelect(first.key)
        : m.fitBounds(L.latLngBounds(parts.map((p) => [p.lat, p.lon] as [number, number])).pad(0.3), { maxZoom: 18 }))
      const marker = L.marker([first.lat, first.lon], { icon: markerIcon(shown, shown.key === selectedKey), keyboard: true, riseOnHover: true })
      marker.on('click', activate)
      marker.on('keypress', (e) => (e as L.LeafletKeyboardEvent).originalEvent.key === 'Enter' && activate())
      markers.set(key, { marker, group: shown })
      added.push({ marker, group: shown })
    }
    for (const gone of kept.values()) markerLayer.removeLayer(gone.marker)
    for (const entry of added) {
      markerLayer.addLayer(entry.marker)
      applyLabel(entry)
    }
    if (!zoomed) declutter()
    m.getContainer().dataset.markers = String(groups.length)
  }

  /** New language: same markers, new names. */
  function relabel(l: MapLabels): void {
    labels = l
    for (const entry of markers.values()) applyLabel(entry)
    declutter()
  }

  /**
   * Keep permanent labels readable: a label that would run off the right edge flips to the marker's
   * left (one too long for either side is cut with an ellipsis by CSS; the sheet has the full name),
   * and one that would overlap an earlier label or a map control, or whose marker is off the map, is
   * hidden (markers stay; labels come back on zoom or pan).
   */
  function declutter(): void {
    const m = map.value
    if (!m) return
    const box = m.getContainer().getBoundingClientRect()
    const entries = [...markers.values()].sort((a, b) => Number(b.group.key === selectedKey) - Number(a.group.key === selectedKey))
    const tips = entries.flatMap(({ marker }) => {
      const tip = marker.getTooltip()
      const el = tip?.getElement()
      return tip && el ? [{ marker, tip, el }] : []
    })
    // Reads and writes in separate passes: the browser lays the page out twice, not once per label.
    for (const { el } of tips) el.style.visibility = ''
    const at = tips.map(({ marker }) => m.latLngToContainerPoint(marker.getLatLng()))
    const flips = tips.map(({ tip, el }, i) => {
      const anchor = at[i]!.x
      const left = anchor + 14 + el.offsetWidth > box.width && anchor - 14 - el.offsetWidth >= 0
      return (tip.options.direction === 'left') !== left ? left : null
    })
    tips.forEach(({ tip }, i) => {
      const left = flips[i]
      if (left === null || left === undefined) return
      tip.options.direction = left ? 'left' : 'right'
      tip.options.offset = L.point(left ? -14 : 14, 0)
      tip.update()
    })
    const rects = tips.map(({ el }) => el.getBoundingClientRect())
    // The zoom buttons and the attribution are drawn over the map: a label under them could not be read.
    const taken: DOMRect[] = [...m.getContainer().querySelectorAll('.leaflet-control')].map((c) => c.getBoundingClientRect())
    tips.forEach(({ el }, i) => {
      const r = rects[i]!
      // A marker off the map leaves no name half on it with nothing to point at.
      const off = at[i]!.x < 0 || at[i]!.y < 0 || at[i]!.x > box.width || at[i]!.y > box.height
      const hit = off || taken.some((t) => r.left < t.right && r.right > t.left && r.top < t.bottom && r.bottom > t.top)
      if (hit) el.style.visibility = 'hidden'
      else taken.push(r)
    })
  }

  function select(key: string | null): void {
    const prev = selectedKey
    selectedKey = key
    pointsLayer?.setSelected(key)
    for (const k of [prev, key]) {
      const entry = k ? markers.get(k) : undefined
      if (entry) {
        entry.marker.setIcon(markerIcon(entry.group, entry.group.key === key))
        applyLabel(entry)
      }
    }
    declutter()
  }

  /** The part of the map in sight (container px), or all of it when too little is to place a marker in. */
  function usablePart(m: L.Map, part?: MapPart): MapPart {
    const size = m.getSize()
    const all = { top: 0, bottom: size.y, left: 0, right: size.x }
    if (!part) return all
    const b = { top: Math.max(0, part.top), bottom: Math.min(size.y, part.bottom), left: Math.max(0, part.left), right: Math.min(size.x, part.right) }
    return b.bottom - b.top >= MIN_PART_PX && b.right - b.left >= MIN_PART_PX ? b : all
  }

  /**
   * Centre on a group (it may not be drawn yet: the first markers wait for the overview), in the middle of
   * `part`, the part of the map the visitor sees (the place's sheet may cover the rest).
   */
  function focusGroup(group: MapGroup, part?: MapPart): void {
    const m = map.value
    if (!m) return
    const { lat, lon, radius } = group
    const { top, bottom, left, right } = usablePart(m, part)
    const size = m.getSize()
    if (radius > 0) {
      m.fitBounds(L.latLng(lat, lon).toBounds(radius * 2.4), { maxZoom: 15, animate: false, paddingTopLeft: [left, top], paddingBottomRight: [size.x - right, size.y - bottom] })
    } else {
      // The map's centre is as far from the place as the middle of the map is from the middle of the part in sight.
      const zoom = Math.max(m.getZoom(), 15)
      const offset = L.point(size.x / 2 - (left + right) / 2, size.y / 2 - (top + bottom) / 2)
      m.setView(m.unproject(m.project([lat, lon], zoom).add(offset), zoom), zoom, { animate: false })
    }
  }

  /** Moves the map, if need be, so that the group's marker is in `part` (a sheet opening over it hides it). */
  function keepInSight(group: MapGroup, part?: MapPart): void {
    const m = map.value
    if (!m) return
    const { top, bottom, left, right } = usablePart(m, part)
    const at = m.latLngToContainerPoint([group.lat, group.lon])
    const inX = at.x >= left + SIGHT_MARGIN_PX && at.x <= right - SIGHT_MARGIN_PX
    const inY = at.y >= top + SIGHT_MARGIN_PX && at.y <= bottom - SIGHT_MARGIN_PX
    if (inX && inY) return
    m.panBy([inX ? 0 : at.x - (left + right) / 2, inY ? 0 : at.y - (top + bottom) / 2], { animate: false })
  }

  /** The selected place, while its marker is on the map: the zoom buttons zoom around it. */
  function zoomAnchor(m: L.Map): L.LatLng | null {
    const g = selectedKey ? current.find((x) => x.key === selectedKey) : undefined
    if (!g) return null
    const at = m.latLngToContainerPoint([g.lat, g.lon])
    const size = m.getSize()
    return at.x >= 0 && at.y >= 0 && at.x <= size.x && at.y <= size.y ? L.latLng(g.lat, g.lon) : null
  }

  function focusMarker(key: string): void {
    const shown = [...members].find(([, parts]) => parts.some((p) => p.key === key))?.[0]
    const el = shown ? markers.get(shown)?.marker.getElement() : undefined
    el?.focus()
  }

  /** The first view: the city core (src/map/fit.ts) with room around the markers on every phone. */
  function fitGroups(groups: readonly MapGroup[]): void {
    const m = map.value
    if (!m || groups.length === 0) return
    const b = L.latLngBounds(firstViewPoints(groups).map((g) => [g.lat, g.lon] as [number, number]))
    m.fitBounds(b, { padding: [40, 40], maxZoom: 15, animate: false })
  }

  function showUser(p: Position | null, label: string): void {
    const m = map.value
    if (!m || !userLayer) return
    userLayer.clearLayers()
    if (!p) return
    userLayer.addLayer(L.circle([p.lat, p.lon], { radius: p.accuracy, interactive: false, color: '#1a73e8', weight: 1, fillOpacity: 0.1 }))
    userLayer.addLayer(L.circleMarker([p.lat, p.lon], { radius: 7, color: '#ffffff', weight: 2, fillColor: '#1a73e8', fillOpacity: 1 })
      .bindTooltip(label, { direction: 'top' }))
    m.setView([p.lat, p.lon], Math.max(m.getZoom(), 13), { animate: false })
  }

  return { map, setOverview, setOverviewLanguage, setBasemap, recolor, setTiles, setGroups, relabel, select, focusGroup, keepInSight, focusMarker, fitGroups, showUser }
}
