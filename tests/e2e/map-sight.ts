/**
 * Runs in the page (self-contained, for Playwright's evaluate and the other engines' run): whether a map marker
 * standing for the place `key` is where the visitor sees it, on screen and not under the place's sheet, the
 * header or the bottom bar. 'in sight', or what is wrong.
 */
export function markerSight(key: string): string {
  const m = document.querySelector(`[data-testid=map-marker][data-places~="${key}"]`)
  if (!m) return 'no marker'
  const r = m.getBoundingClientRect()
  const x = (r.left + r.right) / 2
  const y = (r.top + r.bottom) / 2
  if (y < 0 || y > innerHeight || x < 0 || x > innerWidth) return `off screen at ${Math.round(x)},${Math.round(y)}`
  const top = document.elementFromPoint(x, y)
  return top?.closest('[data-testid=map-marker]') === m ? 'in sight' : `under ${top?.closest('[data-testid]')?.getAttribute('data-testid') ?? top?.tagName}`
}
