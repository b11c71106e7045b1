// Cache Storage names shared by the page and the service worker.
/** The offline basemap pack: its chunks and the records of what they make up (src/map/pack-store.ts). */
export const PACK_CACHE = 'qd-map-pack'
/** Online tiles the visitor has viewed (bounded, least recently used). */
export const TILE_CACHE = 'qd-map-tiles'
/** Online tiles prefetched for the visitor area, only from sources whose terms allow it. */
export const TILE_AREA_CACHE = 'qd-map-tiles-area'
/** XYZ image tiles: /{z}/{x}/{y}.png (also @2x, jpg, webp). */
export const TILE_PATH = /\/\d{1,2}\/\d+\/\d+(?:@\dx)?\.(?:png|jpe?g|webp)$/
