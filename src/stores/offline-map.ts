// The offline basemap pack: what is available, what is stored, download progress, storage space.
// Plain state only: no Leaflet objects live here.
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import { mapConfig } from '../map/config'
import {
  cachesAvailable, downloadPack, hasRoomFor, loadPackInfo, PackError, removePack, storedPackInfo,
  type PackErrorKind, type PackInfo, type StorageEstimateLite,
} from '../map/pack'
import { requestPersistentStorage } from '../composables/use-storage'

export type PackStatus = 'unknown' | 'unavailable' | 'absent' | 'stored' | 'downloading'

async function estimateStorage(): Promise<StorageEstimateLite | null> {
  try {
    const e = await navigator.storage?.estimate?.()
    return e ? { usage: e.usage ?? 0, quota: e.quota ?? 0 } : null
  } catch {
    return null
  }
}

export const useOfflineMapStore = defineStore('offline-map', () => {
  /** The pack offered for download (from packs.json), when reachable. */
  const available = shallowRef<PackInfo | null>(null)
  /** The pack stored on this device. */
  const stored = shallowRef<PackInfo | null>(null)
  const downloading = ref(false)
  const loaded = ref(0)
  const total = ref(0)
  const error = ref<PackErrorKind | null>(null)
  const estimate = ref<StorageEstimateLite | null>(null)
  const persisted = ref<boolean | null>(null)
  const checked = ref(false)
  let controller: AbortController | null = null

  const status = computed<PackStatus>(() => {
    if (downloading.value) return 'downloading'
    if (!checked.value) return 'unknown'
    if (stored.value) return 'stored'
    return available.value && cachesAvailable() ? 'absent' : 'unavailable'
  })
  /** A newer pack than the stored one is offered. */
  const updateAvailable = computed(() => !!stored.value && !!available.value && stored.value.url !== available.value.url)
  const progress = computed(() => (total.value ? Math.min(1, loaded.value / total.value) : 0))

  async function check(): Promise<void> {
    stored.value = await storedPackInfo().catch(() => null)
    // Offline there is nothing to offer; skipping the fetch keeps the console clean.
    if (mapConfig.packsUrl && navigator.onLine !== false) available.value = await loadPackInfo(mapConfig.packsUrl).catch(() => null)
    estimate.value = await estimateStorage()
    checked.value = true
  }

  async function download(): Promise<boolean> {
    const info = available.value
    if (!info || downloading.value) return false
    error.value = null
    estimate.value = await estimateStorage()
    if (!hasRoomFor(estimate.value, info.bytes)) {
      error.value = 'quota'
      return false
    }
    controller = new AbortController()
    downloading.value = true
    loaded.value = 0
    total.value = info.bytes
    try {
      await downloadPack(info, {
        signal: controller.signal,
        onProgress: (l, t) => {
          loaded.value = l
          total.value = t
        },
      })
      stored.value = info
      persisted.value = await requestPersistentStorage()
      return true
    } catch (e) {
      error.value = e instanceof PackError ? e.kind : 'network'
      return false
    } finally {
      downloading.value = false
      controller = null
      estimate.value = await estimateStorage()
    }
  }

  function cancel(): void {
    controller?.abort()
  }

  async function remove(): Promise<void> {
    await removePack()
    stored.value = null
    error.value = null
    estimate.value = await estimateStorage()
  }

  return { available, stored, downloading, loaded, total, error, estimate, persisted, checked, status, updateAvailable, progress, check, download, cancel, remove }
})
