// Cache Storage names shared by the page and the service worker.
/** The stored offline basemap pack: one full-file entry, keyed by its versioned URL. */
export const PACK_CACHE = 'qd-map-pack'
/** Where a download is written until it is complete and verified. */
export const PACK_TMP_CACHE = 'qd-map-pack-tmp'
/** Online tiles the visitor has viewed (bounded, least recently used). */
export const TILE_CACHE = 'qd-map-tiles'
/** Online tiles prefetched for the visitor area, only from sources whose terms allow it. */
export const TILE_AREA_CACHE = 'qd-map-tiles-area'
/** XYZ image tiles: /{z}/{x}/{y}.png (also @2x, jpg, webp). */
export const TILE_PATH = /\/\d{1,2}\/\d+\/\d+(?:@\dx)?\.(?:png|jpe?g|webp)$/
