// Two map layers drawn straight onto one canvas each, with no Leaflet layer per feature: the bundled
// overview (about 240 features) and, beyond the DOM-marker limit, every marker point (1,000 and more).
// One Leaflet path per point costs a layer object, events and a projection each, and the overview's
// polygon was clipped again on every view change; here a draw is one loop over plain data, so the first
// render and every pan or zoom end cost a few milliseconds. Both extend L.Canvas for what it already does
// well: the padded canvas in a pane, its position and scale during zoom animations, and redraws on
// moveend and viewreset (through `_updatePaths`, Leaflet's internal hook, pinned to Leaflet 1.9).
import L from 'leaflet'

type Ctx = CanvasRenderingContext2D

/** An L.Canvas whose content is drawn by `paint` on every (re)draw, always whole. */
abstract class DrawnCanvas extends L.Canvas {
  declare _ctx: Ctx
  declare _container: HTMLCanvasElement
  declare _postponeUpdatePaths: boolean | undefined
  declare _redraw: () => void
  declare _fireEvent: (layers: L.Layer[] | false, e: Event, type?: string) => void

  protected abstract paint(ctx: Ctx, map: L.Map): void

  /** Leaflet's hook after the canvas is resized and moved (moveend, viewreset, add). */
  _updatePaths(): void {
    if (this._postponeUpdatePaths || !this._map) return
    this._redraw()
  }

  /** Called by L.Canvas after clearing (`_redraw`) and once on add. */
  _draw(): void {
    if (!this._map || !this._ctx) return
    this._ctx.save()
    this.paint(this._ctx, this._map)
    this._ctx.restore()
  }

  /** Redraw now (new data or style); before the layer is on a map, nothing to do. */
  refresh(): void {
    if (this._map && this._ctx) this._redraw()
  }
}

export type OverviewStyle = {
  stroke?: string
  weight?: number
  opacity?: number
  fill?: string
  dash?: number[]
  /** Points: circle radius in px. */
  radius?: number
}

type Position = GeoJSON.Position

export type OverviewLabel = { text: string; font: string; fill: string; halo: string }

/**
 * The bundled overview (land, runways, metro, stations, district names): non-interactive, drawn in its
 * own pane. Labels are placed in the order given, each only where it overlaps no earlier one; the texts
 * drawn are listed in the canvas's `data-labels` (JSON), so that tests read what the visitor sees.
 */
export class OverviewCanvas extends DrawnCanvas {
  constructor(
    private readonly data: GeoJSON.FeatureCollection,
    private readonly style: (f: GeoJSON.Feature) => OverviewStyle,
    options: L.RendererOptions & { attribution?: string },
    private label: (f: GeoJSON.Feature, zoom: number) => OverviewLabel | null = () => null,
  ) {
    super(options)
  }

  /** New label texts (another language): redrawn at once. */
  setLabels(label: (f: GeoJSON.Feature, zoom: number) => OverviewLabel | null): void {
    this.label = label
    this.refresh()
  }

  private paintLabels(ctx: Ctx, map: L.Map): void {
    const zoom = map.getZoom()
    const taken: [number, number, number, number][] = []
    const size = map.getSize()
    const origin = map.containerPointToLayerPoint([0, 0])
    const drawn: string[] = []
    ctx.textBaseline = 'middle'
    ctx.lineJoin = 'round'
    for (const f of this.data.features) {
      if (f.geometry?.type !== 'Point') continue
      const l = this.label(f, zoom)
      if (!l) continue
      const c = f.geometry.coordinates
      const q = map.latLngToLayerPoint([c[1]!, c[0]!])
      ctx.font = l.font
      const w = ctx.measureText(l.text).width
      const h = 14
      // Right of the point, or left of it near the right edge of the map.
      const right = q.x + 6 + w <= origin.x + size.x
      const x = right ? q.x + 6 : q.x - 6 - w
      const box: [number, number, number, number] = [x - 2, q.y - h / 2, x + w + 2, q.y + h / 2]
      if (taken.some((t) => box[0] < t[2] && box[2] > t[0] && box[1] < t[3] && box[3] > t[1])) continue
      taken.push(box)
      ctx.strokeStyle = l.halo
      ctx.lineWidth = 3
      ctx.strokeText(l.text, x, q.y)
      ctx.fillStyle = l.fill
      ctx.fillText(l.text, x, q.y)
      const inView = q.x >= origin.x && q.x <= origin.x + size.x && q.y >= origin.y && q.y <= origin.y + size.y
      if (inView) drawn.push(l.text)
    }
    this._container.dataset.labels = JSON.stringify(drawn)
  }

  protected paint(ctx: Ctx, map: L.Map): void {
    const at = (p: Position) => map.latLngToLayerPoint([p[1]!, p[0]!])
    const path = (line: Position[], close: boolean) => {
      line.forEach((p, i) => {
        const q = at(p)
        if (i) ctx.lineTo(q.x, q.y)
        else ctx.moveTo(q.x, q.y)
      })
      if (close) ctx.closePath()
    }
    ctx.lineCap = 'round'
    ctx.lineJoin = 'round'
    for (const f of this.data.features) {
      const g = f.geometry
      if (!g || g.type === 'GeometryCollection') continue
      const s = this.style(f)
      if (g.type === 'Point' || g.type === 'MultiPoint') {
        for (const p of g.type === 'Point' ? [g.coordinates] : g.coordinates) {
          const q = at(p)
          ctx.beginPath()
          ctx.arc(q.x, q.y, s.radius ?? 2, 0, Math.PI * 2)
          finish(ctx, s)
        }
        continue
      }
      ctx.beginPath()
      if (g.type === 'LineString') path(g.coordinates, false)
      else if (g.type === 'MultiLineString') g.coordinates.forEach((l) => path(l, false))
      else if (g.type === 'Polygon') g.coordinates.forEach((r) => path(r, true))
      else g.coordinates.forEach((poly) => poly.forEach((r) => path(r, true)))
      finish(ctx, g.type === 'Polygon' || g.type === 'MultiPolygon' ? s : { ...s, fill: undefined })
    }
    this.paintLabels(ctx, map)
  }
}

function finish(ctx: Ctx, s: OverviewStyle): void {
  if (s.fill) {
    ctx.globalAlpha = 1
    ctx.fillStyle = s.fill
    ctx.fill('evenodd')
  }
  if (s.stroke && (s.weight ?? 1) > 0) {
    ctx.globalAlpha = s.opacity ?? 1
    ctx.strokeStyle = s.stroke
    ctx.lineWidth = s.weight ?? 1
    ctx.setLineDash(s.dash ?? [])
    ctx.stroke()
    ctx.setLineDash([])
    ctx.globalAlpha = 1
  }
}

export type CanvasPoint = {
  key: string
  lat: number
  lon: number
  color: string
  /** Uncertainty radius in metres (an approximate place), 0 for an exact point. */
  radius: number
}

const POINT_RADIUS = 7
/** A tap this close to a point's centre (px) hits it: the dot plus its white ring and a finger's slack. */
const HIT_RADIUS = 12

/** Many marker points on one canvas; a click or tap on one calls `onSelect` with its key. */
export class PointsCanvas extends DrawnCanvas {
  private points: readonly CanvasPoint[] = []
  /** Layer-pixel positions from the last draw, for hit tests (valid until the next draw). */
  private drawn: { x: number; y: number }[] = []
  private selected: string | null = null
  private hoverThrottled = false

  constructor(
    private readonly onSelect: (key: string) => void,
    private readonly accent: () => string,
    options: L.RendererOptions,
  ) {
    super(options)
  }

  setPoints(points: readonly CanvasPoint[]): void {
    this.points = points
    this.refresh()
  }

  setSelected(key: string | null): void {
    if (key === this.selected) return
    this.selected = key
    this.refresh()
  }

  get size(): number {
    return this.points.length
  }

  protected paint(ctx: Ctx, map: L.Map): void {
    const drawn = this.points.map((p) => map.latLngToLayerPoint([p.lat, p.lon]))
    this.drawn = drawn
    // Approximate places: a dashed area of their radius under every dot.
    ctx.lineWidth = 1.5
    ctx.setLineDash([4, 4])
    this.points.forEach((p, i) => {
      if (p.radius <= 0) return
      const c = drawn[i]!
      const r = c.y - map.latLngToLayerPoint([p.lat + p.radius / 111_320, p.lon]).y
      ctx.beginPath()
      ctx.arc(c.x, c.y, Math.max(r, 1), 0, Math.PI * 2)
      ctx.globalAlpha = 0.08
      ctx.fillStyle = p.color
      ctx.fill()
      ctx.globalAlpha = 0.8
      ctx.strokeStyle = p.color
      ctx.stroke()
    })
    ctx.setLineDash([])
    ctx.globalAlpha = 1
    ctx.lineWidth = 2
    ctx.strokeStyle = '#ffffff'
    let selected = -1
    this.points.forEach((p, i) => {
      if (p.key === this.selected) selected = i
      const c = drawn[i]!
      ctx.beginPath()
      ctx.arc(c.x, c.y, POINT_RADIUS, 0, Math.PI * 2)
      ctx.fillStyle = p.color
      ctx.fill()
      ctx.stroke()
    })
    // The selected point on top, ringed in the accent colour.
    if (selected >= 0) {
      const p = this.points[selected]!
      const c = drawn[selected]!
      ctx.beginPath()
      ctx.arc(c.x, c.y, POINT_RADIUS + 1, 0, Math.PI * 2)
      ctx.fillStyle = p.color
      ctx.fill()
      ctx.stroke()
      ctx.beginPath()
      ctx.arc(c.x, c.y, POINT_RADIUS + 4, 0, Math.PI * 2)
      ctx.lineWidth = 3
      ctx.strokeStyle = this.accent()
      ctx.stroke()
    }
  }

  /** The topmost point under a layer-pixel position, if any. */
  private hit(at: L.Point): number {
    let best = -1
    let bestD = HIT_RADIUS * HIT_RADIUS
    for (let i = this.drawn.length - 1; i >= 0; i--) {
      const c = this.drawn[i]!
      const d = (c.x - at.x) ** 2 + (c.y - at.y) ** 2
      if (d < bestD) {
        best = i
        bestD = d
      }
    }
    return best
  }

  /** L.Canvas routes click, dblclick, mousedown, mouseup and contextmenu on the canvas here. */
  _onClick(e: MouseEvent): void {
    const map = this._map
    if (e.type === 'click' && !(map as unknown as { _draggableMoved(o: unknown): boolean })._draggableMoved(this)) {
      const i = this.hit(map.mouseEventToLayerPoint(e))
      const p = i >= 0 ? this.points[i] : undefined
      if (p) {
        this._fireEvent(false, e)
        this.onSelect(p.key)
        return
      }
    }
    // Everything else is the map's (double-click zoom, its own click).
    this._fireEvent(false, e)
  }

  /** A pointer cursor over a point, throttled like Leaflet's own. */
  _onMouseMove(e: MouseEvent): void {
    const map = this._map as (L.Map & { dragging?: { moving(): boolean }; _animatingZoom?: boolean }) | undefined
    if (!map || map.dragging?.moving() || map._animatingZoom || this.hoverThrottled) return
    this.hoverThrottled = true
    setTimeout(() => (this.hoverThrottled = false), 32)
    const over = this.hit(map.mouseEventToLayerPoint(e)) >= 0
    this._container.classList.toggle('leaflet-interactive', over)
    this._fireEvent(false, e)
  }

  _handleMouseOut(): void {
    this._container?.classList.remove('leaflet-interactive')
  }
}
