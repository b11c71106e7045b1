// The bundled overview (land, coast, runways, metro, stations) is its own precached chunk. Its import
// starts as soon as the map route's chunk is evaluated, before the page renders, so it is usually
// loaded by the time the map exists; a failed load leaves the map without it, never without markers.
let chunk: Promise<GeoJSON.FeatureCollection | null> | null = null

export function loadOverview(): Promise<GeoJSON.FeatureCollection | null> {
  chunk ??= import('./overview.json').then(
    (m) => m.default as unknown as GeoJSON.FeatureCollection,
    () => {
      chunk = null
      return null
    },
  )
  return chunk
}

void loadOverview()
