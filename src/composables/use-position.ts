import { onMounted, ref, shallowRef } from 'vue'
import type { LatLon } from '../domain/geo'

export type PositionState = 'idle' | 'locating' | 'ready' | 'unavailable'

/**
 * The visitor's position for "sort by distance". Read at once only when the permission is already
 * granted; otherwise only after the visitor asks (`locate()`), so a page never opens with a prompt.
 */
export function usePosition() {
  const position = shallowRef<LatLon | null>(null)
  const state = ref<PositionState>('idle')

  function locate() {
    if (typeof navigator === 'undefined' || !navigator.geolocation) {
      state.value = 'unavailable'
      return
    }
    state.value = 'locating'
    navigator.geolocation.getCurrentPosition(
      (p) => {
        position.value = { lat: p.coords.latitude, lon: p.coords.longitude }
        state.value = 'ready'
      },
      () => (state.value = 'unavailable'),
      { maximumAge: 5 * 60_000, timeout: 20_000 },
    )
  }

  onMounted(async () => {
    try {
      const status = await navigator.permissions?.query({ name: 'geolocation' })
      if (status?.state === 'granted') locate()
    } catch {
      // No Permissions API (older Safari): wait for the visitor to ask.
    }
  })

  return { position, state, locate }
}
