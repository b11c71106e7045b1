// "Locate me": the visitor's position, asked for only when they press the button. One shared
// state so the map, its sheet and the lists show the same distance.
import { readonly, ref } from 'vue'

export type PositionStatus = 'idle' | 'locating' | 'ok' | 'denied' | 'unavailable' | 'timeout'
export type Position = { lat: number; lon: number; accuracy: number }

const status = ref<PositionStatus>('idle')
const position = ref<Position | null>(null)

export function locate(): Promise<Position | null> {
  if (typeof navigator === 'undefined' || !navigator.geolocation) {
    status.value = 'unavailable'
    return Promise.resolve(null)
  }
  status.value = 'locating'
  return new Promise((done) => {
    navigator.geolocation.getCurrentPosition(
      (p) => {
        position.value = { lat: p.coords.latitude, lon: p.coords.longitude, accuracy: p.coords.accuracy }
        status.value = 'ok'
        done(position.value)
      },
      (e) => {
        status.value = e.code === e.PERMISSION_DENIED ? 'denied' : e.code === e.TIMEOUT ? 'timeout' : 'unavailable'
        done(null)
      },
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
    )
  })
}

export function usePosition() {
  return { status: readonly(status), position: readonly(position), locate }
}
