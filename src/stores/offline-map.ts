// The offline basemap pack ("detailed map"): what is offered, what is stored, a download in
// progress or left unfinished, its speed, storage space. Plain state only: no Leaflet objects here.
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import { mapConfig } from '../map/config'
import {
  cachesAvailable, discardPartial, downloadPack, hasRoomFor, loadPackInfo, PackError, partialDownload, removePack,
  storedPackInfo, type PackErrorKind, type PackInfo, type StorageEstimateLite,
} from '../map/pack'
import { requestPersistentStorage } from '../composables/use-storage'

/** `offline`: a pack may be offered, but packs.json cannot be reached now. `paused`: an unfinished download can resume. */
export type PackStatus = 'unknown' | 'unavailable' | 'offline' | 'absent' | 'paused' | 'stored' | 'downloading'

async function estimateStorage(): Promise<StorageEstimateLite | null> {
  try {
    const e = await navigator.storage?.estimate?.()
    return e ? { usage: e.usage ?? 0, quota: e.quota ?? 0 } : null
  } catch {
    return null
  }
}

/** Bytes per second over the last few seconds of samples. */
export function rate(samples: readonly { t: number; bytes: number }[]): number {
  const first = samples[0]
  const last = samples[samples.length - 1]
  if (!first || !last || last.t - first.t < 250) return 0
  return ((last.bytes - first.bytes) * 1000) / (last.t - first.t)
}

export const useOfflineMapStore = defineStore('offline-map', () => {
  /** The pack offered for download (from packs.json), when reachable. */
  const available = shallowRef<PackInfo | null>(null)
  /** packs.json could not be fetched (no network), as opposed to a site that offers no pack. */
  const unreachable = ref(false)
  /** The pack stored on this device. */
  const stored = shallowRef<PackInfo | null>(null)
  /** An unfinished download of the offered pack. */
  const partial = shallowRef<{ info: PackInfo; loaded: number } | null>(null)
  const downloading = ref(false)
  const loaded = ref(0)
  const total = ref(0)
  /** Bytes per second, 0 until measured. */
  const speed = ref(0)
  const error = ref<PackErrorKind | null>(null)
  const estimate = ref<StorageEstimateLite | null>(null)
  const persisted = ref<boolean | null>(null)
  const checked = ref(false)
  let controller: AbortController | null = null
  let samples: { t: number; bytes: number }[] = []

  const status = computed<PackStatus>(() => {
    if (downloading.value) return 'downloading'
    if (!checked.value) return 'unknown'
    if (!cachesAvailable()) return 'unavailable'
    if (partial.value && (!available.value || partial.value.info.url === available.value.url)) return 'paused'
    if (stored.value) return 'stored'
    if (available.value) return 'absent'
    return unreachable.value ? 'offline' : 'unavailable'
  })
  /** A newer pack than the stored one is offered. */
  const updateAvailable = computed(() => !!stored.value && !!available.value && stored.value.url !== available.value.url)
  const progress = computed(() => (total.value ? Math.min(1, loaded.value / total.value) : 0))
  /** Seconds left at the current speed, null until known. */
  const secondsLeft = computed(() => (speed.value > 0 ? Math.max(0, (total.value - loaded.value) / speed.value) : null))

  async function check(): Promise<void> {
    stored.value = await storedPackInfo().catch(() => null)
    partial.value = await partialDownload().catch(() => null)
    if (partial.value && !downloading.value) {
      loaded.value = partial.value.loaded
      total.value = partial.value.info.bytes
    }
    unreachable.value = false
    if (mapConfig.packsUrl) {
      try {
        // Offline there is nothing to fetch; skipping it keeps the console clean.
        if (navigator.onLine === false) throw new TypeError('offline')
        available.value = await loadPackInfo(mapConfig.packsUrl)
      } catch {
        unreachable.value = true
      }
    }
    estimate.value = await estimateStorage()
    checked.value = true
  }

  async function download(): Promise<boolean> {
    const info = available.value ?? partial.value?.info
    if (!info || downloading.value) return false
    error.value = null
    estimate.value = await estimateStorage()
    const resumeFrom = partial.value?.info.url === info.url ? partial.value.loaded : 0
    if (!hasRoomFor(estimate.value, info.bytes - resumeFrom)) {
      error.value = 'quota'
      return false
    }
    controller = new AbortController()
    downloading.value = true
    loaded.value = resumeFrom
    total.value = info.bytes
    speed.value = 0
    samples = []
    try {
      await downloadPack(info, {
        signal: controller.signal,
        onProgress: (l, t) => {
          loaded.value = l
          total.value = t
          const now = performance.now()
          samples.push({ t: now, bytes: l })
          while (samples.length > 2 && now - samples[0]!.t > 5000) samples.shift()
          speed.value = rate(samples)
        },
      })
      stored.value = info
      partial.value = null
      // Firefox asks the visitor first, and its promise waits for the answer: the map is stored and usable
      // whatever it is, so the panel does not wait for it.
      void requestPersistentStorage().then((p) => (persisted.value = p))
      return true
    } catch (e) {
      error.value = e instanceof PackError ? e.kind : 'network'
      partial.value = await partialDownload().catch(() => null)
      return false
    } finally {
      downloading.value = false
      controller = null
      estimate.value = await estimateStorage()
    }
  }

  /** The visitor's cancel: the download stops and its bytes are deleted. */
  function cancel(): void {
    controller?.abort()
  }

  async function discard(): Promise<void> {
    await discardPartial()
    partial.value = null
    error.value = null
    estimate.value = await estimateStorage()
  }

  async function remove(): Promise<void> {
    await removePack()
    stored.value = null
    error.value = null
    estimate.value = await estimateStorage()
  }

  // Back online after a dropped download: carry on from the stored bytes, as a native app does.
  if (typeof window !== 'undefined') {
    window.addEventListener('online', () => {
      if (error.value === 'network' || error.value === 'stalled') void check().then(() => status.value === 'paused' && download())
    })
  }

  return {
    available, unreachable, stored, partial, downloading, loaded, total, speed, secondsLeft, error, estimate, persisted, checked,
    status, updateAvailable, progress, check, download, cancel, discard, remove,
  }
})
